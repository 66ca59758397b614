import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { callBy, detectRecords } from "../__fixtures__/detect-records";
import { seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";

useTestDatabase();

describe("Security Hub rule", () => {
  it("flags disabling Security Hub", async () => {
    const { office, principalKey } = await seedUserHistory("jon");
    await detectRecords([callBy(office, "DisableSecurityHub", { eventSource: "securityhub.amazonaws.com" })]);
    const [signal] = await signalsOf("securityhub-disabled", principalKey);
    expect(signal?.title).toBe("Disable Security Hub");
    expect(signal?.score).toBe(30);
  });

  it("ignores enabling it", async () => {
    const { office, principalKey } = await seedUserHistory("kim");
    await detectRecords([callBy(office, "EnableSecurityHub", { eventSource: "securityhub.amazonaws.com" })]);
    expect(await signalsOf("securityhub-disabled", principalKey)).toEqual([]);
  });
});
