import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import {
  attackRecords,
  historyRecords,
  REPORTS_SVC_KEY,
  SCENARIO_KEYS,
} from "@/lib/detect/__fixtures__/account-compromise";
import { iamUserCall } from "@/lib/detect/__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "@/lib/detect/__fixtures__/insert-fixture-events";
import { runDetection } from "@/lib/detect/run-detection";
import { REPORTS_SVC } from "@/lib/demo/scenario";
import { correlateSignals } from "@/lib/incidents/correlate-signals";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { findBatchIncidents } from "./find-batch-incidents";
import type { LiveChange } from "./live-change";
import { LiveListener } from "./live-listener";
import { notifyChanges } from "./notify-changes";

useTestDatabase();

const reportsSvc = {
  userName: REPORTS_SVC.userName,
  path: REPORTS_SVC.path,
  accessKeyId: SCENARIO_KEYS.stolen,
  sourceIp: "85.17.31.122",
  userAgent: "aws-cli/2.18.2",
};

function getBucketLocation(time: string) {
  return iamUserCall({ caller: reportsSvc, eventSource: "s3.amazonaws.com", eventName: "GetBucketLocation", time });
}

let incidentId: string;

beforeAll(async () => {
  await insertFixtureEvents(historyRecords());
  const { batchId } = await insertFixtureEvents(attackRecords());
  await runDetection({ batchId });
  await correlateSignals();
  incidentId = (await db().incident.findFirstOrThrow({ where: { principalKey: REPORTS_SVC_KEY } })).id;
});

describe("findBatchIncidents", () => {
  it("finds an incident by an event in its window", async () => {
    const { batchId } = await insertFixtureEvents([getBucketLocation("2026-11-17T02:20:00Z")]);
    expect(await findBatchIncidents(batchId)).toEqual([incidentId]);
  });

  it("finds one within the margin", async () => {
    const { batchId } = await insertFixtureEvents([getBucketLocation("2026-11-17T02:35:00Z")]);
    expect(await findBatchIncidents(batchId)).toEqual([incidentId]);
  });

  it("skips an event past the margin", async () => {
    const { batchId } = await insertFixtureEvents([getBucketLocation("2026-11-17T03:00:00Z")]);
    expect(await findBatchIncidents(batchId)).toEqual([]);
  });

  it("skips another principal", async () => {
    const other = { ...reportsSvc, userName: "someone-else", accessKeyId: "AKIAOTHERKEY00000001" };
    const record = iamUserCall({ caller: other, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-17T02:20:00Z" });
    const { batchId } = await insertFixtureEvents([record]);
    expect(await findBatchIncidents(batchId)).toEqual([]);
  });
});

describe("notifyChanges", () => {
  it("delivers a batch change to a listener", async () => {
    const listener = new LiveListener();
    const received: LiveChange[] = [];
    const unsubscribe = listener.subscribe((change) => received.push(change));
    await listener.ready();
    const { batchId } = await insertFixtureEvents([getBucketLocation("2026-11-17T02:21:00Z")]);
    const sent = await notifyChanges({ batchId, incidentIds: [] });
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
    expect(sent).toEqual({ kind: "batch", batchId, incidentIds: [incidentId] });
    expect(received[0]).toEqual(sent);
    unsubscribe();
    await listener.close();
  });

  it("names every incident for a chunk", async () => {
    const sent = await notifyChanges({ kind: "events", batchId: "00000000-0000-4000-8000-000000000001" });
    expect(sent?.incidentIds).toBeNull();
  });

  it("merges and sorts given ids", async () => {
    const sent = await notifyChanges({ kind: "incident", incidentIds: ["b", "a", "b"] });
    expect(sent).toEqual({ kind: "incident", batchId: null, incidentIds: ["a", "b"] });
  });

  it("names none past the payload limit", async () => {
    const ids = Array.from({ length: 151 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);
    const sent = await notifyChanges({ kind: "incident", incidentIds: ids });
    expect(sent?.incidentIds).toBeNull();
  });

  it("waits for the transaction to commit", async () => {
    const listener = new LiveListener();
    const received: LiveChange[] = [];
    const unsubscribe = listener.subscribe((change) => received.push(change));
    await listener.ready();
    const { pgPool } = await import("@/lib/db/client");
    const client = await pgPool().connect();
    await client.query("BEGIN");
    await notifyChanges({ kind: "incident", incidentIds: [incidentId], client });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
    await client.query("COMMIT");
    client.release();
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
    unsubscribe();
    await listener.close();
  });
});
