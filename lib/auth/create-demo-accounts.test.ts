import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../tests/helpers/test-database";
import { SYSTEM_ACTOR } from "./actor";
import { createDemoAccounts } from "./create-demo-accounts";
import { signInWithPassword } from "./sign-in-with-password";

useTestDatabase();

describe("createDemoAccounts", () => {
  it("creates three accounts with one password", async () => {
    const { password, created } = await createDemoAccounts({ actor: SYSTEM_ACTOR });
    expect(created).toEqual(["analyst@demo.local", "commander@demo.local", "manager@demo.local"]);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const users = await db().user.findMany({ orderBy: { email: "asc" }, select: { email: true, role: true } });
    expect(users).toEqual([
      { email: "analyst@demo.local", role: "analyst" },
      { email: "commander@demo.local", role: "commander" },
      { email: "manager@demo.local", role: "manager" },
    ]);
    for (const email of created) {
      const result = await signInWithPassword({ email, password: password ?? "", clientAddress: null });
      expect(result.ok).toBe(true);
    }
  });

  it("creates nothing the second time", async () => {
    expect(await createDemoAccounts({ actor: SYSTEM_ACTOR })).toEqual({ password: null, created: [] });
    expect(await db().user.count()).toBe(3);
  });
});
