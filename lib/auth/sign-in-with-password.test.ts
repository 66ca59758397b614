import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../tests/helpers/test-database";
import { SYSTEM_ACTOR } from "./actor";
import { createUser } from "./create-user";
import { LOGIN_WINDOW_MS } from "./login-rate-limit";
import { signInWithPassword } from "./sign-in-with-password";

useTestDatabase();

const PASSWORD = "a long enough password";
const T0 = new Date("2026-11-17T10:00:00.000Z");

function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

let sequence = 0;

/** Creates a user with a unique email, so that tests do not share rate-limit counts. */
async function newUser(options: { disabled?: boolean } = {}): Promise<string> {
  sequence += 1;
  const email = `user${sequence}@example.test`;
  await createUser({ actor: SYSTEM_ACTOR, email, role: "analyst", password: PASSWORD, via: "test" });
  if (options.disabled) {
    await db().user.update({ where: { email }, data: { disabled: true } });
  }
  return email;
}

async function attempt(email: string, password: string, now: Date, clientAddress: string | null = null) {
  return signInWithPassword({ email, password, clientAddress, now });
}

describe("signInWithPassword", () => {
  it("accepts the right password", async () => {
    const email = await newUser();
    const result = await attempt(email.toUpperCase(), PASSWORD, at(0), "192.0.2.1");
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(result).toEqual({ ok: true, user: { id: user.id, email, name: null, role: "analyst" } });
    expect((await db().user.findUniqueOrThrow({ where: { email } })).lastLoginAt).toEqual(at(0));
    const attempts = await db().loginAttempt.findMany({ where: { email } });
    expect(attempts.map((row) => [row.ip, row.succeeded, row.at])).toEqual([["192.0.2.1", true, at(0)]]);
  });

  it("rejects a wrong password", async () => {
    const email = await newUser();
    expect(await attempt(email, "wrong password here", at(0))).toEqual({ ok: false, reason: "invalid_credentials" });
    const attempts = await db().loginAttempt.findMany({ where: { email } });
    expect(attempts.map((row) => row.succeeded)).toEqual([false]);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).lastLoginAt).toBeNull();
  });

  it("rejects an unknown email the same way", async () => {
    expect(await attempt("nobody@example.test", PASSWORD, at(0))).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await db().loginAttempt.count({ where: { email: "nobody@example.test", succeeded: false } })).toBe(1);
  });

  it("rejects a disabled user after the password", async () => {
    const email = await newUser({ disabled: true });
    expect(await attempt(email, PASSWORD, at(0))).toEqual({ ok: false, reason: "disabled" });
    expect(await attempt(email, "wrong password here", at(1))).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("blocks the sixth failure per email", async () => {
    const email = await newUser();
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(email, "wrong password here", at(i * 60))).ok).toBe(false);
    }
    const blocked = await attempt(email, PASSWORD, at(300));
    expect(blocked).toEqual({
      ok: false,
      reason: "rate_limited",
      scope: "email",
      retryAt: new Date(at(0).getTime() + LOGIN_WINDOW_MS),
    });
    // A blocked attempt is not a password check, so it is not recorded.
    expect(await db().loginAttempt.count({ where: { email } })).toBe(5);
  });

  it("lets an email retry as the window slides", async () => {
    const email = await newUser();
    for (let i = 0; i < 5; i += 1) {
      await attempt(email, "wrong password here", at(i * 60));
    }
    const justBefore = new Date(at(0).getTime() + LOGIN_WINDOW_MS - 1);
    expect((await attempt(email, PASSWORD, justBefore)).ok).toBe(false);
    const justAfter = new Date(at(0).getTime() + LOGIN_WINDOW_MS + 1);
    expect((await attempt(email, PASSWORD, justAfter)).ok).toBe(true);
  });

  it("clears email failures on success", async () => {
    const email = await newUser();
    for (let i = 0; i < 4; i += 1) {
      await attempt(email, "wrong password here", at(i));
    }
    expect((await attempt(email, PASSWORD, at(10))).ok).toBe(true);
    for (let i = 0; i < 4; i += 1) {
      await attempt(email, "wrong password here", at(20 + i));
    }
    expect((await attempt(email, PASSWORD, at(30))).ok).toBe(true);
  });

  it("blocks an address after twenty failures", async () => {
    const address = "198.51.100.7";
    for (let i = 0; i < 20; i += 1) {
      await attempt(`spray${i}@example.test`, "wrong password here", at(i), address);
    }
    const email = await newUser();
    const blocked = await attempt(email, PASSWORD, at(30), address);
    expect(blocked).toEqual({
      ok: false,
      reason: "rate_limited",
      scope: "address",
      retryAt: new Date(at(0).getTime() + LOGIN_WINDOW_MS),
    });
    expect((await attempt(email, PASSWORD, at(30), "198.51.100.8")).ok).toBe(true);
  });

  it("keeps address failures after a success", async () => {
    const address = "198.51.100.9";
    const owned = await newUser();
    for (let i = 0; i < 19; i += 1) {
      await attempt(`guess${i}@example.test`, "wrong password here", at(i), address);
    }
    expect((await attempt(owned, PASSWORD, at(20), address)).ok).toBe(true);
    await attempt("guess19@example.test", "wrong password here", at(21), address);
    const blocked = await attempt(owned, PASSWORD, at(22), address);
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited", scope: "address" });
  });

  it("counts parallel failures exactly", async () => {
    const email = await newUser();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => attempt(email, "wrong password here", at(0))),
    );
    const reasons = results.map((result) => (result.ok ? "ok" : result.reason)).sort();
    expect(reasons).toEqual([
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "rate_limited",
      "rate_limited",
      "rate_limited",
    ]);
    expect(await db().loginAttempt.count({ where: { email } })).toBe(5);
  });
});
