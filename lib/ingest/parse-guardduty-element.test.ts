import { describe, expect, it } from "vitest";

import { makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";
import { eventBridgeEvent, pascalGetFindingsOutput, portProbeFinding, withoutField } from "@/lib/sources/guardduty/fixtures/findings";

import { parseGuardDutyElement, type GuardDutyElementContent } from "./parse-guardduty-element";
import { splitJsonBuffer } from "./split-json-records";
import type { Rejection } from "./types";

/** Parses every element of `text` as the GuardDuty reader splits it. */
function parseAll(text: string): GuardDutyElementContent[] {
  const { elements, error } = splitJsonBuffer(Buffer.from(text));
  expect(error).toBeNull();
  return elements.map((element) => parseGuardDutyElement(element));
}

function rejectionsOf(contents: GuardDutyElementContent[]): Rejection[] {
  const rejections: Rejection[] = [];
  for (const content of contents) {
    if (content.type !== "findings") {
      continue;
    }
    for (const item of content.items) {
      if (item.type === "reject") {
        rejections.push(item.rejection);
      }
    }
  }
  return rejections;
}

describe("parseGuardDutyElement", () => {
  it("names a PascalCase UpdatedAt as the input spells it", () => {
    const output = pascalGetFindingsOutput();
    const [finding] = output.Findings as Array<Record<string, unknown>>;
    finding.UpdatedAt = "yesterday";
    const [rejection] = rejectionsOf(parseAll(JSON.stringify(output)));
    expect(rejection?.field).toBe("Findings[0].UpdatedAt");
    expect(rejection?.reason).toBe('Findings[0].UpdatedAt: expected an ISO 8601 timestamp after 2015-01-01, got "yesterday"');
  });

  it("names a time under the detail of an EventBridge event", () => {
    const finding = { ...portProbeFinding(), createdAt: "2001-01-01T00:00:00Z" };
    const [rejection] = rejectionsOf(parseAll(`${JSON.stringify(eventBridgeEvent(finding))}\n`));
    expect(rejection?.field).toBe("$.detail.createdAt");
    expect(rejection?.reason).toBe("$.detail.createdAt: expected an ISO 8601 timestamp after 2015-01-01, got 2001-01-01T00:00:00.000Z");
  });

  it("rejects a severity word in a Findings array", () => {
    const output = pascalGetFindingsOutput();
    const [finding] = output.Findings as Array<Record<string, unknown>>;
    finding.Severity = "HIGH";
    const [rejection] = rejectionsOf(parseAll(JSON.stringify(output)));
    expect(rejection?.recordIndex).toBe(0);
    expect(rejection?.field).toBe("Findings[0].Severity");
    expect(rejection?.reason).toMatch(/Severity is "HIGH", expected a number from 0 to 10/);
  });

  it("reads a CloudTrail event among GuardDuty events", () => {
    const call = {
      version: "0",
      id: "e1",
      "detail-type": "AWS API Call via CloudTrail",
      source: "aws.iam",
      time: "2024-06-11T09:40:00Z",
      detail: makeAssumedRoleRecord(3),
    };
    const contents = parseAll([eventBridgeEvent(portProbeFinding()), call].map((event) => JSON.stringify(event)).join("\n"));
    expect(contents.map((content) => content.type)).toEqual(["findings", "cloudtrail"]);
    const [, second] = contents;
    const item = second?.type === "cloudtrail" ? second.item : null;
    expect(item?.type === "cloudtrail" ? [item.index, item.event.eventId] : null).toEqual([1, makeAssumedRoleRecord(3).eventID]);
  });
});

/** Returns a finding in PascalCase, as the SDKs write it. */
function pascalFinding(): Record<string, unknown> {
  const [finding] = pascalGetFindingsOutput().Findings as Array<Record<string, unknown>>;
  return finding!;
}

const cloudTrailEvent = {
  version: "0",
  id: "e1",
  "detail-type": "AWS API Call via CloudTrail",
  source: "aws.iam",
  time: "2024-06-11T09:40:00Z",
  detail: { ...makeAssumedRoleRecord(3), eventTime: "yesterday" },
};

describe("parseGuardDutyElement field paths", () => {
  it.each([
    ["a severity word", { ...portProbeFinding(), severity: "HIGH" }, "line 2.severity"],
    ["a missing severity", withoutField(portProbeFinding(), "severity"), "line 2.severity"],
    ["a missing Id", withoutField(pascalFinding(), "Id"), "line 2.Id"],
    ["a missing Type", withoutField(pascalFinding(), "Type"), "line 2.Type"],
    ["an unreadable UpdatedAt", { ...pascalFinding(), UpdatedAt: "yesterday" }, "line 2.UpdatedAt"],
    ["an EventBridge event's severity", eventBridgeEvent({ ...portProbeFinding(), severity: "HIGH" }), "line 2.detail.severity"],
    ["an EventBridge event without its detail", { ...eventBridgeEvent({}), detail: "none" }, "line 2.detail"],
    ["a CloudTrail event's time", cloudTrailEvent, "line 2.detail.eventTime"],
    ["a value that is no object", "hello", "line 2"],
    ["lower-case get-findings output on one line", { findings: [withoutField(portProbeFinding(), "id")] }, "line 2.findings[0].id"],
  ])("names %s in JSON Lines from the line", (_case, second, field) => {
    const text = [portProbeFinding(), second].map((value) => JSON.stringify(value)).join("\n");
    const contents = parseAll(text);
    const rejections = [...rejectionsOf(contents), ...contents.flatMap((content) => cloudTrailRejections(content))];
    expect(rejections.map((rejection) => rejection.field)).toEqual([field]);
  });

  it.each([
    ["a missing id", withoutField(portProbeFinding(), "id"), "$.id"],
    ["an EventBridge event's severity", eventBridgeEvent({ ...portProbeFinding(), severity: null }), "$.detail.severity"],
    ["a value that is no object", "hello", "$"],
  ])("names %s in a single value from $", (_case, value, field) => {
    const rejections = rejectionsOf(parseAll(JSON.stringify(value)));
    expect(rejections.map((rejection) => rejection.field)).toEqual([field]);
  });

  it("names a missing Id in get-findings output from its element", () => {
    const output = pascalGetFindingsOutput();
    output.Findings = [withoutField(pascalFinding(), "Id")];
    const [rejection] = rejectionsOf(parseAll(JSON.stringify(output)));
    expect(rejection?.field).toBe("Findings[0].Id");
  });

  it.each([
    ["null", null, "null"],
    ["a boolean", true, "true"],
  ])("quotes an unreadable UpdatedAt given as %s", (_case, value, shown) => {
    const output = pascalGetFindingsOutput();
    output.Findings = [{ ...pascalFinding(), UpdatedAt: value }];
    const [rejection] = rejectionsOf(parseAll(JSON.stringify(output)));
    expect(rejection?.reason).toBe(`Findings[0].UpdatedAt: expected an ISO 8601 timestamp after 2015-01-01, got ${shown}`);
  });

  it("says when a CreatedAt is missing", () => {
    const output = pascalGetFindingsOutput();
    output.Findings = [withoutField(pascalFinding(), "CreatedAt")];
    const [rejection] = rejectionsOf(parseAll(JSON.stringify(output)));
    expect(rejection?.reason).toBe("Findings[0].CreatedAt: expected an ISO 8601 timestamp after 2015-01-01, got nothing");
  });
});

function cloudTrailRejections(content: GuardDutyElementContent): Rejection[] {
  return content.type === "cloudtrail" && content.item.type === "reject" ? [content.item.rejection] : [];
}
