import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../tests/helpers/test-database";
import type { Actor } from "./actor";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";
import { verifyApiToken } from "./verify-api-token";

useTestDatabase();

const CLI_ACTOR: Actor = { type: "system", id: null, label: "cli:tester", role: "admin" };

describe("API tokens", () => {
  it("stores only the hash and prefix", async () => {
    const created = await createApiToken({ actor: CLI_ACTOR, name: "siem export", role: "manager" });
    expect(created.token).toMatch(/^wf_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.token.slice(3), "base64url")).toHaveLength(32);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(row.prefix).toBe(created.token.slice(0, 8));
    expect(row.role).toBe("manager");
    expect(row.createdById).toBeNull();
    expect(JSON.stringify(row)).not.toContain(created.token.slice(8));
  });

  it("audits creation", async () => {
    const created = await createApiToken({ actor: CLI_ACTOR, name: "audited", role: "analyst" });
    const entries = await db().auditEntry.findMany({ where: { targetId: created.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.action).toBe("token.created");
    expect(entries[0]?.actorLabel).toBe("cli:tester");
    expect(entries[0]?.details).toEqual({ name: "audited", role: "analyst", prefix: created.prefix });
  });

  it("verifies and records use", async () => {
    const created = await createApiToken({ actor: CLI_ACTOR, name: "verify", role: "commander" });
    expect(await verifyApiToken(created.token)).toEqual({
      type: "token",
      id: created.id,
      label: "token:verify",
      role: "commander",
    });
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("rejects unknown and malformed tokens", async () => {
    const created = await createApiToken({ actor: CLI_ACTOR, name: "other", role: "admin" });
    const altered = `${created.token.slice(0, -1)}${created.token.endsWith("A") ? "B" : "A"}`;
    expect(await verifyApiToken(altered)).toBeNull();
    expect(await verifyApiToken(created.token.slice(3))).toBeNull();
    expect(await verifyApiToken(`${created.token}x`)).toBeNull();
    expect(await verifyApiToken("")).toBeNull();
  });

  it("stops working when revoked", async () => {
    const created = await createApiToken({ actor: CLI_ACTOR, name: "revoke me", role: "analyst" });
    const revoked = await revokeApiToken({ actor: CLI_ACTOR, id: created.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await verifyApiToken(created.token)).toBeNull();
    const actions = (await db().auditEntry.findMany({ where: { targetId: created.id }, orderBy: { seq: "asc" } })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(["token.created", "token.revoked"]);
  });

  it("rejects a second revoke", async () => {
    const created = await createApiToken({ actor: CLI_ACTOR, name: "twice", role: "analyst" });
    await revokeApiToken({ actor: CLI_ACTOR, id: created.id });
    const error = await revokeApiToken({ actor: CLI_ACTOR, id: created.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("conflict");
    expect(await db().auditEntry.count({ where: { targetId: created.id, action: "token.revoked" } })).toBe(1);
  });

  it("reports an unknown id", async () => {
    const error = await revokeApiToken({ actor: CLI_ACTOR, id: "3f0e8c1a-2b4d-4e6f-8a0b-1c2d3e4f5a6b" }).catch(
      (caught: unknown) => caught,
    );
    expect((error as ApiError).code).toBe("not_found");
  });

  it("lists without the token", async () => {
    const tokens = await listApiTokens();
    expect(tokens.map((token) => token.name).sort()).toEqual(["audited", "other", "revoke me", "siem export", "twice", "verify"]);
    expect(tokens.every((token) => !("token" in token) && !("tokenHash" in token))).toBe(true);
    expect(tokens.filter((token) => token.revokedAt !== null)).toHaveLength(2);
  });
});
