import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, gunzipSync, gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";
import { eventBridgeEvent, pascalGetFindingsOutput, portProbeFinding, withoutField } from "@/lib/sources/guardduty/fixtures/findings";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

/** Returns the port probe finding under another id, so that each line contains a finding of its own. */
function finding(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...portProbeFinding(), id, ...overrides };
}

function pascalFinding(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const [first] = pascalGetFindingsOutput().Findings as Array<Record<string, unknown>>;
  return { ...first, ...overrides };
}

const IDS = {
  stored: "9a000000000000000000000000000001",
  nullSeverity: "9a000000000000000000000000000002",
  noSeverity: "9a000000000000000000000000000003",
  badUpdatedAt: "9a000000000000000000000000000004",
  eventSeverity: "9a000000000000000000000000000005",
  inList: "9a000000000000000000000000000006",
};

function reasonOf(summary: IngestSummary, field: string): string | undefined {
  return summary.rejected.find((entry) => entry.field === field)?.reason;
}

const NO_SEVERITY =
  "expected a number from 0 to 10 (GuardDuty's severity range). GuardDuty gives every finding a severity, " +
  "so this record is damaged or was not written by GuardDuty";

describe("GuardDuty JSON Lines with rejected findings", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-guardduty-rejections-"));
  const path = join(dir, "findings.jsonl");
  let summary: IngestSummary;

  beforeAll(async () => {
    const lines: unknown[] = [
      finding(IDS.stored),
      finding(IDS.nullSeverity, { severity: null }),
      withoutField(finding(IDS.noSeverity), "severity"),
      withoutField(pascalFinding(), "Id"),
      pascalFinding({ Id: IDS.badUpdatedAt, UpdatedAt: "yesterday" }),
      eventBridgeEvent(finding(IDS.eventSeverity, { severity: "HIGH" })),
      {
        version: "0",
        id: "e1",
        "detail-type": "AWS API Call via CloudTrail",
        source: "aws.iam",
        time: "2024-06-11T09:40:00Z",
        detail: { ...makeAssumedRoleRecord(940_000), eventTime: "yesterday" },
      },
      [finding(IDS.inList), withoutField(finding("unused"), "id")],
    ];
    writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    summary = await ingestPaths({ paths: [path], origin: "test" });
  });

  it("names every rejected field from its line", () => {
    // CloudTrail events are stored in chunks after the findings, so the order is the fields' own.
    expect(summary.rejected.map((entry) => entry.field).sort()).toEqual([
      "line 2.severity",
      "line 3.severity",
      "line 4.Id",
      "line 5.UpdatedAt",
      "line 6.detail.severity",
      "line 7.detail.eventTime",
      "line 8[1].id",
    ]);
  });

  it("rejects a finding without a severity", () => {
    const reasons = ["line 2.severity", "line 3.severity"].map((field) => reasonOf(summary, field));
    expect(reasons).toEqual([
      `finding ${IDS.nullSeverity}: severity is null, ${NO_SEVERITY}`,
      `finding ${IDS.noSeverity}: severity is missing, ${NO_SEVERITY}`,
    ]);
  });

  it("quotes an unreadable UpdatedAt", () => {
    expect(reasonOf(summary, "line 5.UpdatedAt")).toBe('line 5.UpdatedAt: expected an ISO 8601 timestamp after 2015-01-01, got "yesterday"');
  });

  it("stores only the readable findings", async () => {
    const rows = await db().finding.findMany({ select: { id: true, severity: true, severityLabel: true }, orderBy: { id: "asc" } });
    expect(rows).toEqual([
      { id: IDS.stored, severity: 2, severityLabel: "Low" },
      { id: IDS.inList, severity: 2, severityLabel: "Low" },
    ]);
    expect(await db().findingVersion.count({ where: { findingId: { in: [IDS.nullSeverity, IDS.noSeverity] } } })).toBe(0);
  });

  it("counts each finding once", () => {
    expect(summary.bySource.guardduty).toMatchObject({ records: 8, inserted: 2, rejected: 6 });
    expect(summary.bySource.cloudtrail).toMatchObject({ records: 1, inserted: 0, rejected: 1 });
  });
});

describe("GuardDuty get-findings output cut short", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-guardduty-cut-"));
  const path = join(dir, "findings.json.gz");
  // Random text, so that each finding takes its share of the compressed bytes.
  const findings = Array.from({ length: 6 }, (_, i) =>
    finding(`9b00000000000000000000000000000${i}`, { description: randomBytes(2_000).toString("hex") }),
  );
  let whole: number;
  let summary: IngestSummary;

  beforeAll(async () => {
    const gz = gzipSync(JSON.stringify({ Findings: findings }));
    const cut = gz.subarray(0, Math.floor(gz.length * 0.7));
    const readable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
    whole = findings.filter((item) => readable.includes(JSON.stringify(item))).length;
    writeFileSync(path, cut);
    summary = await ingestPaths({ paths: [path], origin: "test" });
  });

  it("stores the findings read whole", async () => {
    expect(whole).toBeGreaterThan(0);
    expect(whole).toBeLessThan(findings.length);
    const ids = findings.map((item) => item.id as string);
    expect(await db().finding.count({ where: { id: { in: ids } } })).toBe(whole);
  });

  it("rejects the finding cut short by its index", () => {
    expect(summary.rejected.map((entry) => [entry.record, entry.field])).toEqual([
      [whole, `Findings[${whole}]`],
      [null, null],
    ]);
    expect(summary.rejected[0]?.reason).toBe(
      `Findings[${whole}]: reading the file failed before the end of this record, so it may have been cut short by the damage. It was not stored.`,
    );
    expect(summary.rejected[1]?.reason).toMatch(/is truncated after \d+ decompressed bytes .*\. Stopped reading the file\. The records read before the damage are stored\./);
    expect(summary.bySource.guardduty).toMatchObject({ records: whole + 1, inserted: whole, rejected: 2 });
  });
});
