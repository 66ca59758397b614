import { userInfo } from "node:os";

import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";

import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { verifyApiToken } from "@/lib/auth/verify-api-token";
import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../tests/helpers/test-database";
import { main } from "./main";

useTestDatabase();

let output: MockInstance;

beforeEach(() => {
  output = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});

afterEach(() => {
  output.mockRestore();
});

async function run(...args: string[]): Promise<{ code: number; stdout: string }> {
  output.mockClear();
  const code = await main(["node", "watchfloor", ...args]);
  return { code, stdout: output.mock.calls.map((call) => String(call[0])).join("") };
}

describe("users and tokens commands", () => {
  it("adds a user with a generated password", async () => {
    // Standard input is not a terminal under Vitest, so the command generates the password.
    const { code, stdout } = await run("users", "add", "--role", "analyst", "--name", "Jo", "Jo@Example.test");
    expect(code).toBe(0);
    const password = /Password for jo@example\.test \(shown only now\): (\S+)/.exec(stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const result = await signInWithPassword({ email: "jo@example.test", password: password ?? "", clientAddress: null });
    expect(result.ok).toBe(true);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "user.created" } });
    expect(audit.actorLabel).toBe(`cli:${userInfo().username}`);
    expect(audit.actorType).toBe("system");
  });

  it("rejects an unknown role", async () => {
    const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { code } = await run("users", "add", "--role", "root", "x@example.test");
    errors.mockRestore();
    expect(code).not.toBe(0);
    expect(await db().user.count({ where: { email: "x@example.test" } })).toBe(0);
  });

  it("lists users as JSON", async () => {
    const { stdout } = await run("users", "list", "--json");
    const users = JSON.parse(stdout) as Array<{ email: string; role: string; name: string; disabled: boolean }>;
    expect(users.map((user) => [user.email, user.role, user.name, user.disabled])).toEqual([
      ["jo@example.test", "analyst", "Jo", false],
    ]);
  });

  it("sets the role and disables", async () => {
    expect((await run("users", "set-role", "jo@example.test", "manager")).stdout).toBe("jo@example.test is now manager.\n");
    expect((await run("users", "disable", "jo@example.test")).stdout).toBe("jo@example.test is disabled.\n");
    const row = await db().user.findUniqueOrThrow({ where: { email: "jo@example.test" } });
    expect([row.role, row.disabled]).toEqual(["manager", true]);
    expect((await run("users", "enable", "jo@example.test")).code).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { email: "jo@example.test" } })).disabled).toBe(false);
  });

  it("creates, lists and revokes a token", async () => {
    const created = await run("tokens", "create", "--role", "commander", "--name", "soar", "--json");
    const token = JSON.parse(created.stdout) as { id: string; token: string; role: string };
    expect(token.role).toBe("commander");
    expect((await verifyApiToken(token.token))?.role).toBe("commander");

    const listed = await run("tokens", "list", "--json");
    expect(listed.stdout).not.toContain(token.token);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((row) => row.id)).toEqual([token.id]);

    expect((await run("tokens", "revoke", token.id)).code).toBe(0);
    expect(await verifyApiToken(token.token)).toBeNull();
  });
});
