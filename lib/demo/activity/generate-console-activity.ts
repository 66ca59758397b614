import type { TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { createSeededRandom, type SeededRandom } from "../create-seeded-random";
import { addMinutes, addSeconds, isWeekday, listDays } from "../format-aws-time";
import {
  ALICE_ADMIN,
  BOB_SECOPS,
  BREAK_GLASS_GRANT,
  DEMO_PERIOD,
  MFA_DEVICES,
  OFFICE_NETWORK,
  USER_AGENTS,
} from "../scenario";
import { ADMIN_CONSOLE_READS, SECURITY_CONSOLE_READS } from "./build-console-reads";
import { buildConsoleSession } from "./build-console-session";

/** Days on which bob.secops signs in outside the incident. */
const BOB_DAYS = [
  "2026-11-10",
  "2026-11-12",
  "2026-11-16",
  "2026-11-17",
  "2026-11-18",
  "2026-11-20",
];

/** Draws an ASIA key id with the account-specific middle part of the scenario's other keys. */
function sessionKeyId(random: SeededRandom): string {
  return `ASIARZ5KQ3XH${random.base32(8)}`;
}

function sameDay(day: Date, isoTime: string): boolean {
  return day.toISOString().slice(0, 10) === isoTime.slice(0, 10);
}

/**
 * Builds alice.admin's morning session. On the break-glass day it is the session
 * from which she grants AdministratorAccess, with its fixed login and key.
 */
function aliceMorningSession(random: SeededRandom, day: Date): TrailEvent[] {
  const isGrantDay = sameDay(day, BREAK_GLASS_GRANT.consoleLoginTime);
  const session = isGrantDay
    ? {
        loginTime: new Date(BREAK_GLASS_GRANT.consoleLoginTime),
        sessionAccessKeyId: BREAK_GLASS_GRANT.sessionAccessKeyId,
        sourceIPAddress: BREAK_GLASS_GRANT.sourceIPAddress,
      }
    : {
        loginTime: addSeconds(addMinutes(day, 13 * 60 + 20), random.int(0, 50 * 60)),
        sessionAccessKeyId: sessionKeyId(random),
        sourceIPAddress: random.pick(OFFICE_NETWORK.addresses),
      };
  return buildConsoleSession({
    random,
    user: ALICE_ADMIN,
    ...session,
    userAgent: USER_AGENTS.aliceBrowser,
    mfaIdentifier: MFA_DEVICES.alice,
    reads: ADMIN_CONSOLE_READS,
    readCount: random.int(8, 20),
    durationMinutes: random.int(30, 70),
  }).events;
}

function aliceAfternoonSession(random: SeededRandom, day: Date): TrailEvent[] {
  return buildConsoleSession({
    random,
    user: ALICE_ADMIN,
    loginTime: addSeconds(addMinutes(day, 18 * 60), random.int(0, 90 * 60)),
    sessionAccessKeyId: sessionKeyId(random),
    sourceIPAddress: random.pick(OFFICE_NETWORK.addresses),
    userAgent: USER_AGENTS.aliceBrowser,
    mfaIdentifier: MFA_DEVICES.alice,
    reads: ADMIN_CONSOLE_READS,
    readCount: random.int(5, 12),
    durationMinutes: random.int(20, 45),
  }).events;
}

function bobSession(random: SeededRandom, day: Date): TrailEvent[] {
  return buildConsoleSession({
    random,
    user: BOB_SECOPS,
    loginTime: addSeconds(addMinutes(day, 15 * 60), random.int(0, 90 * 60)),
    sessionAccessKeyId: sessionKeyId(random),
    sourceIPAddress: random.pick(OFFICE_NETWORK.addresses),
    userAgent: USER_AGENTS.bobBrowser,
    mfaIdentifier: MFA_DEVICES.bob,
    reads: SECURITY_CONSOLE_READS,
    readCount: random.int(4, 10),
    durationMinutes: random.int(15, 40),
  }).events;
}

/** Generates the console sign-ins and browsing of alice.admin and bob.secops from the office. */
export function generateConsoleActivity(options: { seed: number }): TrailEvent[] {
  const random = createSeededRandom(options.seed, "console");
  const events: TrailEvent[] = [];
  for (const day of listDays(new Date(DEMO_PERIOD.start), new Date(DEMO_PERIOD.end))) {
    if (isWeekday(day)) {
      events.push(...aliceMorningSession(random, day));
      if (random.chance(0.5)) {
        events.push(...aliceAfternoonSession(random, day));
      }
    }
    if (BOB_DAYS.includes(day.toISOString().slice(0, 10))) {
      events.push(...bobSession(random, day));
    }
  }
  return events;
}
