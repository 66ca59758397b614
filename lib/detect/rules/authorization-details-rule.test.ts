import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { historyCalls } from "../__fixtures__/cloudtrail-records";
import { callBy, detectRecords } from "../__fixtures__/detect-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";

useTestDatabase();

describe("authorization details rule", () => {
  it("flags a first full IAM dump", async () => {
    const { abroad, principalKey } = await seedUserHistory("hugo");
    await detectRecords([callBy(abroad, "GetAccountAuthorizationDetails")]);
    const [signal] = await signalsOf("iam-authorization-details-dump", principalKey);
    expect(signal?.phase).toBe("reconnaissance");
  });

  it("ignores a routine audit tool", async () => {
    const { office, principalKey } = await seedUserHistory("ivy");
    await insertFixtureEvents(
      historyCalls({ caller: office, until: "2026-11-16T00:00:00Z", days: 4, calls: [["iam.amazonaws.com", "GetAccountAuthorizationDetails"]] }),
    );
    await detectRecords([callBy(office, "GetAccountAuthorizationDetails")]);
    expect(await signalsOf("iam-authorization-details-dump", principalKey)).toEqual([]);
  });
});
