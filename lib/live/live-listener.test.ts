import { describe, expect, it } from "vitest";

import { pgPool } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { LIVE_CHANNEL, type LiveChange } from "./live-change";
import { LiveListener } from "./live-listener";
import { openLiveStream } from "./open-live-stream";

useTestDatabase();

const CHANGE: LiveChange = { kind: "incident", batchId: null, incidentIds: ["a"] };

async function send(payload: string): Promise<void> {
  await pgPool().query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]);
}

/** Reads the stream until `predicate` holds for the text read so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, predicate: (text: string) => boolean) {
  const decoder = new TextDecoder();
  let text = "";
  while (!predicate(text)) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    text += decoder.decode(value);
  }
  return text;
}

describe("LiveListener", () => {
  it("skips malformed payloads", async () => {
    const listener = new LiveListener();
    const received: LiveChange[] = [];
    const unsubscribe = listener.subscribe((change) => received.push(change));
    await listener.ready();
    await send("not json");
    await send(JSON.stringify({ kind: "other" }));
    await send(JSON.stringify(CHANGE));
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
    expect(received).toEqual([CHANGE]);
    unsubscribe();
    await listener.close();
  });

  it("reconnects and asks for a resync", async () => {
    const listener = new LiveListener({ minRetryMs: 50 });
    const received: LiveChange[] = [];
    const unsubscribe = listener.subscribe((change) => received.push(change));
    await listener.ready();
    await pgPool().query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND datname = current_database() AND pid <> pg_backend_pid()",
      [`LISTEN ${LIVE_CHANNEL}`],
    );
    await expect.poll(() => received.map((change) => change.kind), { timeout: 5_000 }).toEqual(["resync"]);
    expect(listener.connected).toBe(true);
    await send(JSON.stringify(CHANGE));
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(2);
    unsubscribe();
    await listener.close();
  });

  it("closes after the last subscriber leaves", async () => {
    const listener = new LiveListener({ idleCloseMs: 20 });
    const unsubscribe = listener.subscribe(() => undefined);
    await listener.ready();
    unsubscribe();
    await expect.poll(() => listener.connected, { timeout: 2_000 }).toBe(false);
  });
});

describe("openLiveStream", () => {
  it("sends ready, changes and heartbeats", async () => {
    const listener = new LiveListener();
    const abort = new AbortController();
    const stream = openLiveStream({ signal: abort.signal, log: logger, heartbeatMs: 50, listener });
    const reader = stream.getReader();
    const opening = await readUntil(reader, (text) => text.includes("event: ready"));
    expect(opening.startsWith("retry: 3000\n\n")).toBe(true);
    await listener.ready();
    await send(JSON.stringify(CHANGE));
    const rest = await readUntil(reader, (text) => text.includes("event: change") && text.includes(": heartbeat"));
    expect(rest).toContain(`event: change\ndata: ${JSON.stringify(CHANGE)}\n\n`);
    abort.abort();
    expect((await reader.read()).done).toBe(true);
    expect(listener.subscriberCount).toBe(0);
    await listener.close();
  });
});
