import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { callBy } from "./__fixtures__/detect-records";
import type { FixtureCaller } from "./__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "./__fixtures__/insert-fixture-events";
import { loadCandidateEvents } from "./load-candidate-events";

useTestDatabase();

const CALLER: FixtureCaller = {
  userName: "imre",
  accessKeyId: "AKIAIMREEXAMPLE00001",
  sourceIp: "64.124.16.37",
  userAgent: "aws-cli/2.17.46",
};

describe("loadCandidateEvents", () => {
  it("splits pages of large records", async () => {
    const large = Array.from({ length: 6 }, (_, index) =>
      callBy(CALLER, "ListBuckets", {
        eventSource: "s3.amazonaws.com",
        requestParameters: { padding: "x".repeat(700_000) },
        time: `2026-11-17T10:0${index}:00Z`,
      }),
    );
    const small = Array.from({ length: 4 }, (_, index) =>
      callBy(CALLER, "ListBuckets", { eventSource: "s3.amazonaws.com", time: `2026-11-17T11:0${index}:00Z` }),
    );
    const { batchId } = await insertFixtureEvents([...large, ...small]);
    const pages: string[][] = [];
    for await (const page of loadCandidateEvents({ eventNames: ["ListBuckets"], selection: { kind: "filter", batchId } })) {
      pages.push(page.map((event) => event.naturalId));
    }
    // 2 MiB of JSON text a page: three records of 700 KB fill one.
    expect(pages.map((page) => page.length)).toEqual([3, 3, 4]);
    expect(pages.flat().sort()).toEqual([...large, ...small].map((record) => String(record.eventID)).sort());
  });
});
