import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { beforeAll, describe, expect, it } from "vitest";

import { describeRoute, type RouteDescription, type RouteHandlerContext } from "@/lib/api/define-route";
import { ROLES, type Role } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/permissions";

import { createTestAuthorization } from "../helpers/api-token";
import { useTestDatabase } from "../helpers/test-database";

/**
 * Calls every route handler under app/api as every role, with real API
 * tokens, and checks the response against the permission each route declares
 * in defineRoute. Routes are found on disk, so new routes are covered
 * without changing this file.
 */

useTestDatabase();

const ROOT = resolve(import.meta.dirname, "..", "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Route files whose handlers do not go through defineRoute, and why. */
const OUTSIDE_DEFINE_ROUTE: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "next-auth's own sign-in, callback and session endpoints",
};

interface RouteCase {
  file: string;
  method: (typeof METHODS)[number];
  path: string;
  params: Record<string, string | string[]>;
  handler: (request: Request, context: RouteHandlerContext) => Promise<Response>;
  description: RouteDescription | undefined;
}

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return findRouteFiles(path);
    }
    return entry.name === "route.ts" ? [path] : [];
  });
}

/** Fills each dynamic segment (`[id]`, `[...slug]`) with a fresh UUID; the check runs before params are parsed. */
function fillSegments(file: string): { path: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = relative(join(ROOT, "app"), file).split("/").slice(0, -1);
  const filled = segments.map((segment) => {
    const match = /^\[\[?(\.\.\.)?([^\]]+)\]\]?$/.exec(segment);
    if (!match?.[2]) {
      return segment;
    }
    const value = randomUUID();
    params[match[2]] = match[1] ? [value] : value;
    return value;
  });
  return { path: `/${filled.join("/")}`, params };
}

async function collectRoutes(): Promise<RouteCase[]> {
  const cases: RouteCase[] = [];
  for (const file of findRouteFiles(join(ROOT, "app", "api")).sort()) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const { path, params } = fillSegments(file);
    for (const method of METHODS) {
      const handler = module[method];
      if (typeof handler === "function") {
        const description = describeRoute(handler);
        cases.push({ file: relative(ROOT, file), method, path, params, handler: handler as RouteCase["handler"], description });
      }
    }
  }
  return cases;
}

const routes = await collectRoutes();
const defined = routes.filter((route) => route.description !== undefined);
const authorization = new Map<Role, string>();

beforeAll(async () => {
  for (const role of ROLES) {
    authorization.set(role, (await createTestAuthorization(role)).authorization);
  }
});

async function call(route: RouteCase, headers: Record<string, string>): Promise<{ status: number; code?: string }> {
  const withBody = MUTATING.has(route.method);
  const request = new Request(`http://127.0.0.1:3000${route.path}`, {
    method: route.method,
    headers: withBody ? { ...headers, "content-type": "application/json" } : headers,
    body: withBody ? "{}" : undefined,
  });
  const response = await route.handler(request, { params: Promise.resolve(route.params) });
  // A Server-Sent Events stream stays open; its status is all the check needs.
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status };
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: response.status, code: body?.error?.code };
}

describe("role matrix", () => {
  it("finds the mutating admin routes", () => {
    const found = routes.filter((route) => MUTATING.has(route.method)).map((route) => `${route.method} ${route.file}`);
    expect(found).toEqual(expect.arrayContaining(["POST app/api/admin/users/route.ts", "DELETE app/api/admin/tokens/[id]/route.ts"]));
  });

  it("sends every handler through defineRoute", () => {
    const outside = routes.filter((route) => route.description === undefined).map((route) => route.file);
    expect(outside.filter((file) => !(file in OUTSIDE_DEFINE_ROUTE))).toEqual([]);
  });

  it("guards admin routes with admin permissions", () => {
    const admin = defined.filter((route) => route.file.startsWith("app/api/admin/"));
    expect(admin.length).toBeGreaterThan(0);
    for (const route of admin) {
      expect(["admin.users", "admin.tokens", "settings.write"], route.file).toContain(route.description?.permission);
    }
  });

  it.each(defined.map((route) => [`${route.method} ${route.file}`, route] as const))("%s without credentials", async (_, route) => {
    const result = await call(route, {});
    if (route.description?.permission === "public") {
      expect([401, 403]).not.toContain(result.status);
    } else {
      expect(result).toEqual({ status: 401, code: "unauthenticated" });
    }
  });

  const matrix = defined
    .filter((route) => route.description?.permission !== "public")
    .flatMap((route) => ROLES.map((role) => [`${route.method} ${route.file} as ${role}`, route, role] as const));

  it.each(matrix)("%s", async (_, route, role) => {
    const permission = route.description?.permission;
    if (permission === undefined || permission === "public") {
      throw new Error(`${route.file} has no permission to check`);
    }
    const result = await call(route, { authorization: authorization.get(role) ?? "" });
    if (hasPermission(role, permission)) {
      expect([401, 403], `${role} may ${permission}, got ${result.status} ${result.code}`).not.toContain(result.status);
    } else {
      expect(result).toEqual({ status: 403, code: "forbidden" });
    }
  });
});
