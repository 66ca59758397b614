import { existsSync } from "node:fs";
import { resolve } from "node:path";

import { describe, expect, it } from "vitest";

import { ALL_RULES } from "@/lib/detect/rules";

import { buildEvalEvents } from "./build-eval-events";
import { evaluateGuardDuty, evaluatePantherCloudTrail, evaluateStratus } from "./evaluate-samples";
import { runRulesInMemory } from "./run-rules-in-memory";
import { sumTallies } from "./tally-results";

const repoRoot = resolve(import.meta.dirname, "..", "..");
const SAMPLES = process.env.WATCHFLOOR_SAMPLES_DIR ?? resolve(repoRoot, "../shared/samples");
const HAS_SAMPLES = existsSync(SAMPLES);

if (!HAS_SAMPLES) {
  process.stderr.write(`Rule evaluation tests on samples skipped: ${SAMPLES} is absent\n`);
}

function denied(index: number): Record<string, unknown> {
  return {
    eventVersion: "1.08",
    userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/eve", accountId: "111122223333", accessKeyId: "AKIAEVALEXAMPLE00001", userName: "eve" },
    eventTime: `2025-01-21 17:49:${String(index).padStart(2, "0")}.000000000`,
    eventSource: "ec2.amazonaws.com",
    eventName: "GetPasswordData",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.7",
    userAgent: "aws-cli/2.15.0",
    errorCode: "Client.UnauthorizedOperation",
    recipientAccountId: "111122223333",
  };
}

describe("buildEvalEvents", () => {
  it("repairs fixture times and ids", () => {
    const built = buildEvalEvents([denied(1), "not a record"]);
    expect(built.repaired).toBe(1);
    expect(built.unusable).toBe(1);
    expect(built.events[0]?.candidate.eventTime.toISOString()).toBe("2025-01-21T17:49:01.000Z");
    expect(built.events[0]?.candidate.naturalId).toBe("eval-record-0");
  });
});

describe("runRulesInMemory", () => {
  it("runs stream rules over a sample", async () => {
    const built = buildEvalEvents(Array.from({ length: 10 }, (_, index) => denied(index)));
    const hits = await runRulesInMemory(built.events);
    expect([...(hits.get("access-denied-burst") ?? [])]).toEqual(["eval-record-9"]);
  });
});

describe.skipIf(!HAS_SAMPLES)("rule evaluation on samples", () => {
  it("finds every Stratus technique it covers", async () => {
    const ids = ALL_RULES.filter((rule) => rule.source === "cloudtrail" && rule.phase !== "containment").map((rule) => rule.id);
    const total = sumTallies((await evaluateStratus(SAMPLES, ids)).tallies.values());
    expect(total.falseNegatives).toBe(0);
    expect(total.falsePositives).toBe(0);
  });

  it("recalls every mapped Panther positive", async () => {
    const total = sumTallies((await evaluatePantherCloudTrail(SAMPLES)).tallies.values());
    expect(total.falseNegatives).toBe(0);
    expect(total.truePositives).toBe(23);
  });

  it("signals real GuardDuty findings only", async () => {
    const total = sumTallies((await evaluateGuardDuty(SAMPLES)).tallies.values());
    expect(total).toEqual({ truePositives: 6, falsePositives: 0, falseNegatives: 0, trueNegatives: 4 });
  });
});
