import { randomUUID } from "node:crypto";

import type { z } from "zod";

import type { Actor } from "@/lib/auth/actor";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { resolveRequestActor } from "@/lib/auth/resolve-request-actor";
import { logger, type Logger } from "@/lib/log";

import { ApiError } from "./api-error";
import { errorResponse } from "./error-response";
import { MAX_BODY_BYTES, parsePart, readJsonBody, readQuery } from "./parse-input";

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

export interface RouteSpec<Params, Query, Body> {
  /** Name in the logs, for example `incidents.get`. */
  name: string;
  /**
   * What the caller must be allowed to do, checked before the input is parsed.
   * "public" routes (sign-in, browser error reports) skip authentication.
   */
  permission: Permission | "public";
  params?: Params;
  query?: Query;
  body?: Body;
  /** Largest accepted body in bytes; 16 KiB unless set. */
  maxBodyBytes?: number;
}

export interface RouteInput<Params, Query, Body> {
  request: Request;
  params: Parsed<Params>;
  query: Parsed<Query>;
  body: Parsed<Body>;
  log: Logger;
  requestId: string;
  actor: Actor;
}

/** The second argument Next.js passes to a route handler. */
export interface RouteHandlerContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * Wraps a route handler. It gives the request an id and a scoped logger,
 * authenticates the caller (session cookie or API token) and checks the
 * route's permission. Then it parses path, query and body with the route's
 * zod schemas and maps anything thrown to the JSON error envelope. A handler
 * returns a Response, or a value sent as JSON.
 */
export function defineRoute<
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
>(
  spec: RouteSpec<Params, Query, Body>,
  handler: (input: RouteInput<Params, Query, Body>) => Promise<unknown>,
): (request: Request, context: RouteHandlerContext) => Promise<Response> {
  const route = async (request: Request, context: RouteHandlerContext): Promise<Response> => {
    const requestId = randomUUID();
    const log = logger.child({ route: spec.name, requestId });
    const started = performance.now();
    try {
      const actor = await authorize(request, spec.permission);
      const input = await parseRequest(spec, request, context);
      const result = await handler({ ...input, request, log: log.child({ actor: actor.label }), requestId, actor });
      const response = toResponse(result, requestId);
      log.debug({ status: response.status, ms: Math.round(performance.now() - started) }, "request completed");
      return response;
    } catch (error) {
      return errorResponse(error, { log, requestId });
    }
  };
  ROUTE_DESCRIPTIONS.set(route, { name: spec.name, permission: spec.permission });
  return route;
}

/** The name and permission that a handler made by defineRoute declares. */
export interface RouteDescription {
  name: string;
  permission: Permission | "public";
}

const ROUTE_DESCRIPTIONS = new WeakMap<object, RouteDescription>();

/**
 * Returns the name and permission a route handler was defined with, or
 * undefined for a handler not made by defineRoute. The role matrix test
 * reads permissions here, so that it covers every route as routes are added.
 */
export function describeRoute(handler: unknown): RouteDescription | undefined {
  return typeof handler === "function" ? ROUTE_DESCRIPTIONS.get(handler) : undefined;
}

const ANONYMOUS: Actor = { type: "system", id: null, label: "anonymous", role: "manager" };

async function authorize(request: Request, permission: Permission | "public"): Promise<Actor> {
  if (permission === "public") {
    return (await resolveRequestActor(request)) ?? ANONYMOUS;
  }
  const actor = await resolveRequestActor(request);
  if (!actor) {
    throw new ApiError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  }
  if (!hasPermission(actor.role, permission)) {
    throw new ApiError("forbidden", `The ${actor.role} role may not do this (${permission}).`);
  }
  return actor;
}

async function parseRequest<Params, Query, Body>(
  spec: RouteSpec<Params, Query, Body>,
  request: Request,
  context: RouteHandlerContext,
): Promise<{ params: Parsed<Params>; query: Parsed<Query>; body: Parsed<Body> }> {
  const parse = (part: "params" | "query" | "body", schema: unknown, value: () => unknown) =>
    schema === undefined ? undefined : parsePart(part, schema as z.ZodType, value());
  const rawParams = await context.params;
  const rawBody = spec.body === undefined ? undefined : await readJsonBody(request, spec.maxBodyBytes ?? MAX_BODY_BYTES);
  return {
    params: parse("params", spec.params, () => rawParams) as Parsed<Params>,
    query: parse("query", spec.query, () => readQuery(request)) as Parsed<Query>,
    body: parse("body", spec.body, () => rawBody) as Parsed<Body>,
  };
}

function toResponse(result: unknown, requestId: string): Response {
  if (result instanceof Response) {
    result.headers.set("x-request-id", requestId);
    return result;
  }
  return Response.json(result ?? null, {
    headers: { "cache-control": "no-store", "x-request-id": requestId },
  });
}
