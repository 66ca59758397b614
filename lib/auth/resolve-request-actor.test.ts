import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../tests/helpers/test-database";
import { SYSTEM_ACTOR } from "./actor";
import { createApiToken } from "./create-api-token";
import { createUser } from "./create-user";
import { resolveRequestActor } from "./resolve-request-actor";
import { revokeApiToken } from "./revoke-api-token";

useTestDatabase();

const SECRET = "test-secret-of-enough-length-for-hkdf";
const URL_BASE = "http://127.0.0.1:3000";
let previousSecret: string | undefined;

beforeAll(() => {
  previousSecret = process.env.NEXTAUTH_SECRET;
  process.env.NEXTAUTH_SECRET = SECRET;
});

afterAll(() => {
  if (previousSecret === undefined) {
    delete process.env.NEXTAUTH_SECRET;
  } else {
    process.env.NEXTAUTH_SECRET = previousSecret;
  }
});

async function sessionCookie(userId: string, options: { secret?: string; maxAge?: number } = {}): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: options.secret ?? SECRET, maxAge: options.maxAge ?? 3600 });
  return `next-auth.session-token=${token}`;
}

function request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Request {
  return new Request(`${URL_BASE}${path}`, init);
}

async function newUser(email: string) {
  return createUser({ actor: SYSTEM_ACTOR, email, role: "analyst", password: "a long enough password", via: "test" });
}

describe("resolveRequestActor", () => {
  it("returns null without credentials", async () => {
    expect(await resolveRequestActor(request("/api/incidents"))).toBeNull();
  });

  it("accepts a bearer token", async () => {
    const created = await createApiToken({ actor: SYSTEM_ACTOR, name: "script", role: "manager" });
    const actor = await resolveRequestActor(request("/api/incidents", { headers: { authorization: `Bearer ${created.token}` } }));
    expect(actor).toEqual({ type: "token", id: created.id, label: "token:script", role: "manager" });
  });

  it("rejects a revoked token", async () => {
    const created = await createApiToken({ actor: SYSTEM_ACTOR, name: "old", role: "admin" });
    await revokeApiToken({ actor: SYSTEM_ACTOR, id: created.id });
    expect(await resolveRequestActor(request("/x", { headers: { authorization: `Bearer ${created.token}` } }))).toBeNull();
  });

  it("ignores the cookie when a bad token is sent", async () => {
    const user = await newUser("both@example.test");
    const headers = { authorization: "Bearer wf_nope", cookie: await sessionCookie(user.id) };
    expect(await resolveRequestActor(request("/x", { headers }))).toBeNull();
  });

  it("accepts a session cookie", async () => {
    const user = await newUser("cookie@example.test");
    const actor = await resolveRequestActor(request("/x", { headers: { cookie: await sessionCookie(user.id) } }));
    expect(actor).toEqual({ type: "user", id: user.id, label: "cookie@example.test", role: "analyst" });
  });

  it("reads the role on every request", async () => {
    const user = await newUser("promoted@example.test");
    const cookie = await sessionCookie(user.id);
    await db().user.update({ where: { id: user.id }, data: { role: "commander" } });
    const actor = await resolveRequestActor(request("/x", { headers: { cookie } }));
    expect(actor?.role).toBe("commander");
  });

  it("drops a disabled user's session", async () => {
    const user = await newUser("gone@example.test");
    const cookie = await sessionCookie(user.id);
    expect(await resolveRequestActor(request("/x", { headers: { cookie } }))).not.toBeNull();
    await db().user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await resolveRequestActor(request("/x", { headers: { cookie } }))).toBeNull();
  });

  it("rejects a cookie from another secret", async () => {
    const user = await newUser("forged@example.test");
    const cookie = await sessionCookie(user.id, { secret: "some-other-secret-value-entirely" });
    expect(await resolveRequestActor(request("/x", { headers: { cookie } }))).toBeNull();
  });

  it("rejects an expired cookie", async () => {
    const user = await newUser("expired@example.test");
    const cookie = await sessionCookie(user.id, { maxAge: -60 });
    expect(await resolveRequestActor(request("/x", { headers: { cookie } }))).toBeNull();
  });

  it("rejects a cross-site cookie POST", async () => {
    const user = await newUser("csrf@example.test");
    const cookie = await sessionCookie(user.id);
    const crossSite: Array<Record<string, string>> = [
      { cookie, "sec-fetch-site": "same-site" },
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie, origin: "http://127.0.0.1:8080" },
    ];
    for (const headers of crossSite) {
      const error = await resolveRequestActor(request("/api/x", { method: "POST", headers })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe("forbidden");
    }
  });

  it("accepts a same-origin cookie POST", async () => {
    const user = await newUser("form@example.test");
    const cookie = await sessionCookie(user.id);
    const sameOrigin = { cookie, "sec-fetch-site": "same-origin", origin: URL_BASE };
    expect((await resolveRequestActor(request("/api/x", { method: "POST", headers: sameOrigin })))?.id).toBe(user.id);
    const noBrowserHeaders = { cookie };
    expect((await resolveRequestActor(request("/api/x", { method: "POST", headers: noBrowserHeaders })))?.id).toBe(user.id);
    const crossSiteGet = { cookie, "sec-fetch-site": "cross-site" };
    expect((await resolveRequestActor(request("/api/x", { headers: crossSiteGet })))?.id).toBe(user.id);
  });
});
