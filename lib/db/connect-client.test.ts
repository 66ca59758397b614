import { setTimeout as sleep } from "node:timers/promises";

import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { connectClient, pgPool } from "./client";

useTestDatabase();

/** Ends the server process behind a client, from another connection. */
async function terminate(client: { query: (sql: string) => Promise<{ rows: Array<{ pid: number }> }> }): Promise<void> {
  const { rows } = await client.query("SELECT pg_backend_pid() AS pid");
  await pgPool().query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
}

describe("connectClient", () => {
  it("survives the server ending an idle connection", async () => {
    const client = await connectClient();
    await terminate(client);
    // node-postgres emits `error` on a checked-out client with no query running.
    await sleep(300);
    client.release();
    expect(pgPool().totalCount).toBe(pgPool().idleCount);
    const after = await pgPool().query<{ one: number }>("SELECT 1 AS one");
    expect(after.rows[0].one).toBe(1);
  });

  it("closes a client released after a failed query", async () => {
    const client = await connectClient();
    await terminate(client);
    await expect(client.query("SELECT 1")).rejects.toThrow();
    client.release(true);
    const after = await pgPool().query<{ one: number }>("SELECT 1 AS one");
    expect(after.rows[0].one).toBe(1);
  });

  it("returns a healthy client to the pool", async () => {
    const client = await connectClient();
    await client.query("SELECT 1");
    client.release();
    expect(pgPool().idleCount).toBeGreaterThan(0);
    expect(client.listenerCount("error")).toBe(1);
  });
});
