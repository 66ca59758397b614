import { beforeAll, describe, expect, it } from "vitest";

import { DELETE as revokeToken } from "@/app/api/admin/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/admin/tokens/route";
import { PATCH as updateUser } from "@/app/api/admin/users/[id]/route";
import { GET as listUsers, POST as createUser } from "@/app/api/admin/users/route";
import type { RouteHandlerContext } from "@/lib/api/define-route";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { verifyApiToken } from "@/lib/auth/verify-api-token";
import { db } from "@/lib/db/client";

import { createTestAuthorization } from "../helpers/api-token";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

let authorization = "";
let adminTokenId = "";

beforeAll(async () => {
  const created = await createTestAuthorization("admin");
  authorization = created.authorization;
  adminTokenId = created.tokenId;
});

function send(method: string, body?: unknown): Request {
  return new Request("http://127.0.0.1:3000/api/admin", {
    method,
    headers: { authorization, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function context(params: Record<string, string> = {}): RouteHandlerContext {
  return { params: Promise.resolve(params) };
}

describe("admin routes", () => {
  it("creates a user with a generated password", async () => {
    const response = await createUser(send("POST", { email: "Ivan@Example.test", role: "analyst" }), context());
    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: { id: string; email: string }; generatedPassword: string };
    expect(body.user.email).toBe("ivan@example.test");
    expect(body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const signIn = await signInWithPassword({ email: "ivan@example.test", password: body.generatedPassword, clientAddress: null });
    expect(signIn.ok).toBe(true);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { targetId: body.user.id } });
    expect([audit.action, audit.actorType, audit.actorId]).toEqual(["user.created", "token", adminTokenId]);
  });

  it("rejects an invalid email", async () => {
    const response = await createUser(send("POST", { email: "not-an-email", role: "analyst" }), context());
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe("body.email");
  });

  it("changes a role and disables", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "ivan@example.test" } });
    const roleResponse = await updateUser(send("PATCH", { role: "commander" }), context({ id: user.id }));
    expect(roleResponse.status).toBe(200);
    expect(((await roleResponse.json()) as { role: string }).role).toBe("commander");
    const disableResponse = await updateUser(send("PATCH", { disabled: true }), context({ id: user.id }));
    expect(((await disableResponse.json()) as { disabled: boolean }).disabled).toBe(true);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.role, row.disabled]).toEqual(["commander", true]);
  });

  it("takes one change per request", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "ivan@example.test" } });
    const response = await updateUser(send("PATCH", { role: "manager", disabled: false }), context({ id: user.id }));
    expect(response.status).toBe(422);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("commander");
  });

  it("lists users without hashes", async () => {
    const response = await listUsers(send("GET"), context());
    const text = await response.text();
    expect(text).toContain("ivan@example.test");
    expect(text).not.toContain("argon2");
  });

  it("creates, lists and revokes a token", async () => {
    const created = await createToken(send("POST", { name: "ticket sync", role: "analyst" }), context());
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; token: string; prefix: string };
    expect(await verifyApiToken(token.token)).not.toBeNull();

    const listed = await (await listTokens(send("GET"), context())).text();
    expect(listed).toContain(token.prefix);
    expect(listed).not.toContain(token.token);

    const revoked = await revokeToken(send("DELETE"), context({ id: token.id }));
    expect(revoked.status).toBe(200);
    expect(await verifyApiToken(token.token)).toBeNull();
    const again = await revokeToken(send("DELETE"), context({ id: token.id }));
    expect(again.status).toBe(409);
  });
});

describe("SSO-only users", () => {
  it("creates a user without a password", async () => {
    const response = await createUser(send("POST", { email: "sso@example.test", role: "manager", ssoOnly: true }), context());
    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: { hasPassword: boolean }; generatedPassword: string | null };
    expect(body.generatedPassword).toBeNull();
    expect(body.user.hasPassword).toBe(false);
    expect((await db().user.findUniqueOrThrow({ where: { email: "sso@example.test" } })).passwordHash).toBeNull();
  });

  it("rejects a password with ssoOnly", async () => {
    const response = await createUser(
      send("POST", { email: "both@example.test", role: "manager", ssoOnly: true, password: "a long enough password" }),
      context(),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe("body.password");
  });
});
