import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ApiError } from "./api-error";
import { defineRoute, describeRoute } from "./define-route";

// The routes here are public so that parsing and error mapping are tested
// without credentials; authentication is tested in lib/auth and tests/auth.

function context(params: Record<string, string> = {}) {
  return { params: Promise.resolve(params) };
}

const echo = defineRoute(
  {
    name: "test.echo", permission: "public",
    params: z.object({ id: z.guid() }),
    query: z.object({ all: z.stringbool().optional() }),
  },
  async ({ params, query }) => ({ id: params.id, all: query.all ?? false }),
);

const ID = "7e1c4a92-3b5d-4f86-9a0e-2c8d6b4f1e37";

describe("defineRoute", () => {
  it("returns the handler value as JSON", async () => {
    const response = await echo(new Request(`http://127.0.0.1/x?all=1`), context({ id: ID }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ id: ID, all: true });
  });

  it("rejects an invalid param with 422", async () => {
    const response = await echo(new Request("http://127.0.0.1/x"), context({ id: "nope" }));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.field).toBe("params.id");
    expect(body.error.message).toMatch(/^Invalid params\.id: /);
  });

  it("rejects an invalid query with 422", async () => {
    const response = await echo(new Request("http://127.0.0.1/x?all=maybe"), context({ id: ID }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.field).toBe("query.all");
  });

  it("maps ApiError to its status", async () => {
    const route = defineRoute({ name: "test.missing", permission: "public" }, async () => {
      throw new ApiError("not_found", "Incident x was not found.");
    });
    const response = await route(new Request("http://127.0.0.1/x"), context());
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "Incident x was not found." },
    });
  });

  it("hides unknown errors behind 500", async () => {
    const route = defineRoute({ name: "test.crash", permission: "public" }, async () => {
      throw new Error("connection to 10.0.0.5:5432 refused");
    });
    const response = await route(new Request("http://127.0.0.1/x"), context());
    const requestId = response.headers.get("x-request-id");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: "internal_error", message: `Internal server error. Reference: ${requestId}.` },
    });
  });

  it("passes a Response through", async () => {
    const route = defineRoute({ name: "test.raw", permission: "public" }, async () => new Response("{ }", { status: 201 }));
    const response = await route(new Request("http://127.0.0.1/x"), context());
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("{ }");
    expect(response.headers.get("x-request-id")).not.toBeNull();
  });

  describe("body", () => {
    const post = defineRoute(
      { name: "test.post", permission: "public", body: z.object({ message: z.string().max(5) }), maxBodyBytes: 64 },
      async ({ body }) => body,
    );
    const request = (body: string) => new Request("http://127.0.0.1/x", { method: "POST", body });

    it("parses a valid body", async () => {
      const response = await post(request('{"message":"hi"}'), context());
      expect(await response.json()).toEqual({ message: "hi" });
    });

    it("rejects malformed JSON with 400", async () => {
      const response = await post(request("{"), context());
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    });

    it("rejects an invalid field with 422", async () => {
      const response = await post(request('{"message":"too long"}'), context());
      expect(response.status).toBe(422);
      expect((await response.json()).error.field).toBe("body.message");
    });

    it("rejects a large body with 413", async () => {
      const response = await post(request(`{"message":"${"x".repeat(100)}"}`), context());
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe("payload_too_large");
    });
  });

  it("describes its permission", () => {
    const route = defineRoute({ name: "test.admin", permission: "admin.users" }, async () => null);
    expect(describeRoute(route)).toEqual({ name: "test.admin", permission: "admin.users" });
    expect(describeRoute(async () => new Response())).toBeUndefined();
  });
});
