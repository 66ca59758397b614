import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../tests/helpers/test-database";
import { SYSTEM_ACTOR } from "./actor";
import { createUser } from "./create-user";
import { resolveSsoUser } from "./resolve-sso-user";

useTestDatabase();

describe("resolveSsoUser", () => {
  it("matches an existing user by email", async () => {
    const user = await createUser({ actor: SYSTEM_ACTOR, email: "dana@example.test", role: "commander", password: null, via: "test" });
    const result = await resolveSsoUser({ email: "Dana@Example.test", emailVerified: true, name: "Dana", defaultRole: null });
    expect(result).toEqual({
      ok: true,
      created: false,
      user: { id: user.id, email: "dana@example.test", name: null, role: "commander" },
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).toBeInstanceOf(Date);
  });

  it("rejects an unknown email", async () => {
    const result = await resolveSsoUser({ email: "eve@example.test", emailVerified: true, name: "Eve", defaultRole: null });
    expect(result).toEqual({ ok: false, reason: "no_user" });
    expect(await db().user.count({ where: { email: "eve@example.test" } })).toBe(0);
  });

  it("creates a user with the default role", async () => {
    const result = await resolveSsoUser({ email: "frank@example.test", emailVerified: undefined, name: "Frank", defaultRole: "analyst" });
    expect(result).toMatchObject({ ok: true, created: true });
    const row = await db().user.findUniqueOrThrow({ where: { email: "frank@example.test" } });
    expect(row.role).toBe("analyst");
    expect(row.passwordHash).toBeNull();
    expect(row.name).toBe("Frank");
    const audit = await db().auditEntry.findMany({ where: { targetId: row.id } });
    expect(audit.map((entry) => [entry.action, entry.actorLabel])).toEqual([["user.created", "oidc"]]);
    expect(audit[0]?.details).toMatchObject({ via: "oidc", hasPassword: false });
  });

  it("rejects a disabled user", async () => {
    await createUser({ actor: SYSTEM_ACTOR, email: "gina@example.test", role: "analyst", password: null, via: "test" });
    await db().user.update({ where: { email: "gina@example.test" }, data: { disabled: true } });
    const result = await resolveSsoUser({ email: "gina@example.test", emailVerified: true, name: null, defaultRole: "analyst" });
    expect(result).toEqual({ ok: false, reason: "disabled" });
  });

  it("rejects an unverified email", async () => {
    const result = await resolveSsoUser({ email: "dana@example.test", emailVerified: false, name: null, defaultRole: null });
    expect(result).toEqual({ ok: false, reason: "email_unverified" });
  });

  it("rejects a missing email", async () => {
    const result = await resolveSsoUser({ email: undefined, emailVerified: true, name: null, defaultRole: "analyst" });
    expect(result).toEqual({ ok: false, reason: "no_email" });
  });
});
