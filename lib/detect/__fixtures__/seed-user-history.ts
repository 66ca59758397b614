import { db } from "@/lib/db/client";

import { type FixtureCaller, historyCalls, userArn } from "./cloudtrail-records";
import { insertFixtureEvents } from "./insert-fixture-events";

/** Time of the calls rule tests judge; the seeded history ends the day before. */
export const TEST_TIME = "2026-11-17T10:00:00Z";

export const OFFICE_IP = "64.124.16.37";
export const FOREIGN_IP = "85.17.31.122";
export const OFFICE_AGENT = "aws-cli/2.17.46 md/command#s3.ls";
export const FOREIGN_AGENT = "aws-cli/2.18.2 os/windows#10";

let keyCounter = 0;

/** A fixture access key id, unique within the test process. */
export function nextKeyId(prefix: "AKIA" | "ASIA" = "AKIA"): string {
  keyCounter += 1;
  return `${prefix}TEST${String(process.pid).padStart(8, "0")}${String(keyCounter).padStart(4, "0")}`;
}

/**
 * Gives a user five days of calls from the office and returns the user at
 * the office and the same user (same key) from a foreign address and client.
 */
export async function seedUserHistory(userName: string): Promise<{
  office: FixtureCaller;
  abroad: FixtureCaller;
  principalKey: string;
}> {
  const office: FixtureCaller = { userName, accessKeyId: nextKeyId(), sourceIp: OFFICE_IP, userAgent: OFFICE_AGENT };
  await insertFixtureEvents(historyCalls({ caller: office, until: "2026-11-17T00:00:00Z", days: 5 }));
  return {
    office,
    abroad: { ...office, sourceIp: FOREIGN_IP, userAgent: FOREIGN_AGENT },
    principalKey: userArn(office),
  };
}

/** Signals of one rule for one principal, oldest first. */
export function signalsOf(ruleId: string, principalKey: string) {
  return db().signal.findMany({ where: { ruleId, principalKey }, orderBy: [{ eventTime: "asc" }, { id: "asc" }] });
}
