import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../tests/helpers/test-database";
import type { Actor } from "./actor";
import { createUser } from "./create-user";
import { verifyPassword } from "./hash-password";
import { listUsers } from "./list-users";
import { setUserDisabled } from "./set-user-disabled";
import { setUserPassword } from "./set-user-password";
import { setUserRole } from "./set-user-role";

useTestDatabase();

const ADMIN_ACTOR: Actor = { type: "user", id: "0b7a4a2e-8f0c-4d55-9a51-1c2d3e4f5a6b", label: "boss@example.test", role: "admin" };
const PASSWORD = "a long enough password";

async function auditFor(targetId: string) {
  return db().auditEntry.findMany({ where: { targetId }, orderBy: { seq: "asc" } });
}

async function expectApiError(promise: Promise<unknown>, code: string): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  return error as ApiError;
}

describe("user management", () => {
  it("creates a user with an audit entry", async () => {
    const user = await createUser({
      actor: ADMIN_ACTOR,
      email: "  Carol@Example.TEST ",
      name: "Carol",
      role: "commander",
      password: PASSWORD,
      via: "admin",
    });
    expect(user.email).toBe("carol@example.test");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash ?? "", PASSWORD)).toBe(true);
    const audit = await auditFor(user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("user.created");
    expect(audit[0]?.actorLabel).toBe("boss@example.test");
    expect(audit[0]?.actorType).toBe("user");
    expect(audit[0]?.details).toEqual({
      email: "carol@example.test",
      name: "Carol",
      role: "commander",
      via: "admin",
      hasPassword: true,
    });
  });

  it("rejects a duplicate email", async () => {
    const before = await db().auditEntry.count();
    await expectApiError(
      createUser({ actor: ADMIN_ACTOR, email: "CAROL@example.test", role: "analyst", password: PASSWORD, via: "admin" }),
      "conflict",
    );
    expect(await db().auditEntry.count()).toBe(before);
  });

  it("rejects a short password", async () => {
    const error = await expectApiError(
      createUser({ actor: ADMIN_ACTOR, email: "short@example.test", role: "analyst", password: "short", via: "admin" }),
      "validation_failed",
    );
    expect(error.field).toBe("password");
    expect(await db().user.count({ where: { email: "short@example.test" } })).toBe(0);
  });

  it("changes a role with from and to", async () => {
    const user = await setUserRole({ actor: ADMIN_ACTOR, user: { email: "carol@example.test" }, role: "manager" });
    expect(user.role).toBe("manager");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("manager");
    const audit = await auditFor(user.id);
    expect(audit.at(-1)?.action).toBe("user.role_changed");
    expect(audit.at(-1)?.details).toEqual({ email: "carol@example.test", from: "commander", to: "manager" });
  });

  it("skips an unchanged role", async () => {
    const user = await setUserRole({ actor: ADMIN_ACTOR, user: { email: "carol@example.test" }, role: "manager" });
    expect(await auditFor(user.id)).toHaveLength(2);
  });

  it("disables and enables", async () => {
    const disabled = await setUserDisabled({ actor: ADMIN_ACTOR, user: { email: "carol@example.test" }, disabled: true });
    expect(disabled.disabled).toBe(true);
    const enabled = await setUserDisabled({ actor: ADMIN_ACTOR, user: { id: disabled.id }, disabled: false });
    expect(enabled.disabled).toBe(false);
    const actions = (await auditFor(disabled.id)).map((entry) => entry.action);
    expect(actions.slice(-2)).toEqual(["user.disabled", "user.enabled"]);
  });

  it("sets a new password", async () => {
    const user = await setUserPassword({
      actor: ADMIN_ACTOR,
      user: { email: "carol@example.test" },
      password: "another long password",
    });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash ?? "", "another long password")).toBe(true);
    expect(await verifyPassword(row.passwordHash ?? "", PASSWORD)).toBe(false);
    const last = (await auditFor(user.id)).at(-1);
    expect(last?.action).toBe("user.password_set");
    expect(JSON.stringify(last?.details)).not.toContain("another long password");
  });

  it("reports an unknown user", async () => {
    const error = await expectApiError(
      setUserRole({ actor: ADMIN_ACTOR, user: { email: "ghost@example.test" }, role: "analyst" }),
      "not_found",
    );
    expect(error.publicMessage).toBe("No user has the email ghost@example.test.");
  });

  it("keeps the last enabled admin", async () => {
    const admin = await createUser({ actor: ADMIN_ACTOR, email: "root@example.test", role: "admin", password: PASSWORD, via: "cli" });
    await expectApiError(setUserDisabled({ actor: ADMIN_ACTOR, user: { id: admin.id }, disabled: true }), "conflict");
    await expectApiError(setUserRole({ actor: ADMIN_ACTOR, user: { id: admin.id }, role: "analyst" }), "conflict");
    const row = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row.role).toBe("admin");
    expect(row.disabled).toBe(false);
    expect((await auditFor(admin.id)).map((entry) => entry.action)).toEqual(["user.created"]);
  });

  it("demotes an admin when another remains", async () => {
    await createUser({ actor: ADMIN_ACTOR, email: "second@example.test", role: "admin", password: PASSWORD, via: "cli" });
    const demoted = await setUserRole({ actor: ADMIN_ACTOR, user: { email: "root@example.test" }, role: "analyst" });
    expect(demoted.role).toBe("analyst");
  });

  it("lists users by email", async () => {
    const users = await listUsers();
    expect(users.map((user) => user.email)).toEqual(["carol@example.test", "root@example.test", "second@example.test"]);
    expect(users[0]).not.toHaveProperty("passwordHash");
    expect(users[0]?.hasPassword).toBe(true);
  });
});
