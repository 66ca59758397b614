import { describe, expect, it } from "vitest";

import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { findOverlappingChangeWindows, matchesPattern } from "./find-overlapping-change-windows";
import { importChangeWindows } from "./import-change-windows";
import { parseChangeWindowCsv } from "./parse-change-window-csv";
import { parseChangeWindowIcal } from "./parse-change-window-ical";

useTestDatabase();

const ACTOR: Actor = { type: "user", id: null, label: "ann.analyst@example.com", role: "analyst" };

const CSV = [
  "Title,Start,End,Account,Principal,Reference",
  "Break-glass grant,2026-11-19T13:00:00Z,2026-11-19T15:00:00Z,111122223333,arn:aws:iam::111122223333:user/alice.admin,CHG-1042",
  "No end,2026-11-19T13:00:00Z,,111122223333,,CHG-1043",
  "Bad account,2026-11-19T13:00:00Z,2026-11-19T14:00:00Z,1111,,CHG-1044",
  "Backwards,2026-11-19 15:00,2026-11-19 14:00,,,CHG-1045",
  ",2026-11-19T13:00:00Z,2026-11-19T14:00:00Z,,,CHG-1046",
  "Bad date,2026-02-30,2026-03-01,,,CHG-1047",
  "Offset,2026-11-20T09:00+01:00,2026-11-20T10:00+01:00,,alice.*,CHG-1048",
].join("\n");

const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Example//Changes//EN",
  "BEGIN:VEVENT",
  "UID:chg-2001@example.com",
  "SUMMARY:Rotate CI keys",
  "DTSTART:20261118T100000Z",
  "DTEND:20261118T110000Z",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:chg-2002@example.com",
  "SUMMARY:Berlin maintenance",
  "DTSTART;TZID=Europe/Berlin:20261118T140000",
  "DTEND;TZID=Europe/Berlin:20261118T150000",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:chg-2003@example.com",
  "DTSTART:20261118T100000Z",
  "DTEND:20261118T110000Z",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:chg-2004@example.com",
  "SUMMARY:No start",
  "DTEND:20261118T110000Z",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:chg-2005@example.com",
  "SUMMARY:All day",
  "DTSTART;VALUE=DATE:20261121",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:chg-2006@example.com",
  "SUMMARY:Mars time",
  "DTSTART;TZID=Mars/Olympus:20261118T140000",
  "DTEND;TZID=Mars/Olympus:20261118T150000",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("parseChangeWindowCsv", () => {
  const parsed = parseChangeWindowCsv({ file: "changes.csv", text: CSV });

  it("reads good rows", () => {
    expect(parsed.windows.map((window) => [window.row, window.reference, window.startsAt.toISOString()])).toEqual([
      [1, "CHG-1042", "2026-11-19T13:00:00.000Z"],
      [7, "CHG-1048", "2026-11-20T08:00:00.000Z"],
    ]);
    expect(parsed.windows[0].accountId).toBe("111122223333");
    expect(parsed.windows[0].principalPattern).toBe("arn:aws:iam::111122223333:user/alice.admin");
    expect(parsed.windows[1].accountId).toBeNull();
  });

  it("names file, row and field of bad rows", () => {
    expect(parsed.rejected).toEqual([
      { file: "changes.csv", row: 2, field: "end", reason: "The end value is missing" },
      { file: "changes.csv", row: 3, field: "account", reason: "Account must be a 12-digit AWS account id" },
      { file: "changes.csv", row: 4, field: "end", reason: "End must be after start" },
      { file: "changes.csv", row: 5, field: "title", reason: "Title is missing" },
      {
        file: "changes.csv",
        row: 6,
        field: "start",
        reason: '"2026-02-30" is not a date and time such as 2026-11-19T13:00:00Z',
      },
    ]);
  });

  it("rejects a header without start", () => {
    const result = parseChangeWindowCsv({ file: "x.csv", text: "title,end\nA,2026-11-19T13:00:00Z\n" });
    expect(result.windows).toEqual([]);
    expect(result.rejected).toEqual([{ file: "x.csv", row: 0, field: "start", reason: "The header has no start column" }]);
  });
});

describe("parseChangeWindowIcal", () => {
  const parsed = parseChangeWindowIcal({ file: "changes.ics", text: ICS });

  it("reads good events", () => {
    expect(
      parsed.windows.map((window) => [window.row, window.title, window.startsAt.toISOString(), window.endsAt.toISOString()]),
    ).toEqual([
      [1, "Rotate CI keys", "2026-11-18T10:00:00.000Z", "2026-11-18T11:00:00.000Z"],
      [2, "Berlin maintenance", "2026-11-18T13:00:00.000Z", "2026-11-18T14:00:00.000Z"],
      [5, "All day", "2026-11-21T00:00:00.000Z", "2026-11-22T00:00:00.000Z"],
    ]);
    expect(parsed.windows[0].reference).toBe("chg-2001@example.com");
  });

  it("names bad events", () => {
    expect(parsed.rejected).toEqual([
      { file: "changes.ics", row: 3, field: "SUMMARY", reason: "SUMMARY is missing" },
      { file: "changes.ics", row: 4, field: "DTSTART", reason: "DTSTART is missing" },
      { file: "changes.ics", row: 6, field: "DTSTART", reason: "The time zone is unknown" },
    ]);
  });

  it("expands a recurring event", () => {
    const weekly = (rule: string) =>
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:patch-night@example.com",
        "SUMMARY:Patch night",
        "DTSTART:20261103T010000Z",
        "DTEND:20261103T030000Z",
        rule,
        "EXDATE:20261110T010000Z",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\r\n");
    const result = parseChangeWindowIcal({ file: "patch.ics", text: weekly("RRULE:FREQ=WEEKLY;COUNT=4") });
    expect(result.rejected).toEqual([]);
    expect(result.windows.map((window) => [window.startsAt.toISOString(), window.endsAt.toISOString()])).toEqual([
      ["2026-11-03T01:00:00.000Z", "2026-11-03T03:00:00.000Z"],
      ["2026-11-17T01:00:00.000Z", "2026-11-17T03:00:00.000Z"],
      ["2026-11-24T01:00:00.000Z", "2026-11-24T03:00:00.000Z"],
    ]);
    expect(new Set(result.windows.map((window) => window.reference))).toEqual(new Set(["patch-night@example.com"]));

    const endless = parseChangeWindowIcal({ file: "patch.ics", text: weekly("RRULE:FREQ=DAILY;COUNT=1000000") });
    expect(endless.windows).toEqual([]);
    expect(endless.rejected).toEqual([
      {
        file: "patch.ics",
        row: 1,
        field: "RRULE",
        reason: "The event repeats more than 500 times; end its rule earlier (COUNT or UNTIL) or export the occurrences as single events",
      },
    ]);
  });

  it("rejects text that is not iCalendar", () => {
    const result = parseChangeWindowIcal({ file: "bad.ics", text: "BEGIN:VCALENDAR\r\nnot a line\r\n" });
    expect(result.rejected[0]?.field).toBe("file");
    expect(result.rejected[0]?.reason).toMatch(/^Invalid iCalendar: /);
  });
});

describe("importChangeWindows", () => {
  it("stores good rows with one audit entry", async () => {
    const result = await importChangeWindows({ file: "/tmp/uploads/changes.csv", text: CSV, actor: ACTOR });
    expect(result.file).toBe("changes.csv");
    expect(result.format).toBe("csv");
    expect(result.imported).toBe(2);
    expect(result.rejected).toHaveLength(5);
    const rows = await db().changeWindow.findMany({ where: { source: "csv" }, orderBy: { startsAt: "asc" } });
    expect(rows.map((row) => [row.reference, row.createdBy])).toEqual([
      ["CHG-1042", "ann.analyst@example.com"],
      ["CHG-1048", "ann.analyst@example.com"],
    ]);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "change_window.imported" } });
    expect(audit.details).toEqual({ file: "changes.csv", format: "csv", imported: 2, duplicates: 0, rejected: 5 });
  });

  it("skips rows already imported", async () => {
    const result = await importChangeWindows({ file: "changes.csv", text: CSV, actor: ACTOR });
    expect(result.imported).toBe(0);
    expect(result.duplicates).toBe(2);
    expect(await db().changeWindow.count({ where: { source: "csv" } })).toBe(2);
  });

  it("detects iCalendar by content", async () => {
    const result = await importChangeWindows({ file: "calendar-export", text: ICS, actor: ACTOR });
    expect(result.format).toBe("ical");
    expect(result.imported).toBe(3);
  });
});

describe("findOverlappingChangeWindows", () => {
  const alice = {
    key: "arn:aws:iam::111122223333:user/alice.admin",
    arn: "arn:aws:iam::111122223333:user/alice.admin",
    name: "alice.admin",
  };

  it("finds the window covering the grant", async () => {
    const windows = await findOverlappingChangeWindows({
      accountId: "111122223333",
      principal: alice,
      from: new Date("2026-11-19T14:04:31Z"),
      to: new Date("2026-11-19T14:05:22Z"),
    });
    expect(windows.map((window) => [window.reference, window.covers])).toEqual([["CHG-1042", true]]);
  });

  it("ignores another principal's window", async () => {
    const windows = await findOverlappingChangeWindows({
      accountId: "111122223333",
      principal: { key: "arn:aws:iam::111122223333:user/bob", arn: null, name: "bob" },
      from: new Date("2026-11-19T14:04:31Z"),
      to: new Date("2026-11-19T14:05:22Z"),
    });
    expect(windows).toEqual([]);
  });

  it("matches patterns with stars", () => {
    expect(matchesPattern("alice.*", "alice.admin")).toBe(true);
    expect(matchesPattern("alice.*", "xalice.admin")).toBe(false);
    expect(matchesPattern("arn:aws:iam::*:user/ci-*", "arn:aws:iam::111122223333:user/ci-deploy")).toBe(true);
  });
});
