import { beforeAll, describe, expect, it } from "vitest";

import { ATTACK, ATTACKER } from "@/lib/demo/scenario";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { attackRecords, historyRecords, REPORTS_SVC_KEY } from "./__fixtures__/account-compromise";
import { insertFixtureEvents } from "./__fixtures__/insert-fixture-events";
import { addressOwnerLabel } from "./format-asn";
import { collectNovelty, getEventSignals } from "./get-event-signals";
import { runDetection } from "./run-detection";

useTestDatabase();

let createKeyEventId: string;

beforeAll(async () => {
  await insertFixtureEvents(historyRecords());
  const records = attackRecords();
  createKeyEventId = String(records.find((record) => record.eventName === "CreateAccessKey")?.eventID);
  const { batchId } = await insertFixtureEvents(records);
  await runDetection({ batchId });
});

describe("getEventSignals", () => {
  it("explains the rule that fired", async () => {
    const [signal] = await getEventSignals({ source: "cloudtrail", naturalId: createKeyEventId });
    expect(signal?.ruleId).toBe("iam-create-access-key");
    expect(signal?.ruleDescription).toContain("Check who created it");
    expect(signal?.techniqueIds).toEqual(["T1098.001"]);
    expect(signal?.tactics).toEqual(["TA0003"]);
  });

  it("lists the new address against the baseline", async () => {
    const [signal] = await getEventSignals({ source: "cloudtrail", naturalId: createKeyEventId });
    const address = signal?.novelty.find((item) => item.dimension === "ip");
    expect(address?.value).toBe(ATTACKER.ip);
    expect(address?.verdict).toBe("new");
    expect(address?.principalKey).toBe(REPORTS_SVC_KEY);
    expect(address?.at).toBe(new Date(ATTACK.steps.createAccessKey.eventTime).toISOString());
  });

  it("returns nothing for an event without signals", async () => {
    expect(await getEventSignals({ source: "cloudtrail", naturalId: "no-such-event" })).toEqual([]);
  });
});

describe("collectNovelty", () => {
  it("skips values that are not verdicts", () => {
    const details = { novelty: { address: { dimension: "ip", value: "1.2.3.4", verdict: "new" }, note: "x", bad: { dimension: "shoe" } } };
    expect(collectNovelty(details, "p", "t").map((item) => item.value)).toEqual(["1.2.3.4"]);
  });
});

describe("collectNovelty owners", () => {
  it.each([
    ["ip", "85.17.31.122", "AS60781 LeaseWeb Netherlands B.V."],
    ["network", "85.17.31.0/24", "AS60781 LeaseWeb Netherlands B.V."],
    ["asn", "AS16509", "AWS-owned (AS16509 Amazon.com, Inc.)"],
  ])("labels the owner of a %s", (dimension, value, label) => {
    const details = { novelty: { judged: { dimension, value, verdict: "new" } } };
    const [item] = collectNovelty(details, "p", "t");
    expect(item?.owner === null || item?.owner === undefined ? null : addressOwnerLabel(item.owner)).toBe(label);
  });

  it("gives no owner to a country", () => {
    const details = { novelty: { country: { dimension: "country", value: "NL", verdict: "new" } } };
    expect(collectNovelty(details, "p", "t")[0]?.owner).toBeNull();
  });
});
