import { buildAccessKeyCaller } from "../cloudtrail/build-callers";
import type { Caller, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { buildListObjectsV2, buildObjectCall } from "../cloudtrail/build-s3-records";
import { createSeededRandom, type SeededRandom } from "../create-seeded-random";
import { addMinutes, addSeconds, isWeekday, listDays } from "../format-aws-time";
import {
  ATTACK,
  DEMO_PERIOD,
  OFFICE_NETWORK,
  REPORTS_BUCKET,
  REPORTS_SVC,
  USER_AGENTS,
} from "../scenario";
import { buildAthenaQuery } from "./build-athena-query";

export const REPORT_NAMES = [
  "ar-aging",
  "gl-trial-balance",
  "revenue-by-region",
  "cash-position",
  "ap-open-items",
  "payroll-accruals",
] as const;

/** Working hours of the office, 08:00 to 17:00 US Eastern in November, as UTC hours. */
const WORK_START_HOUR_UTC = 13;
const WORK_END_HOUR_UTC = 22;

function dayFolder(day: Date): string {
  return `daily/${day.toISOString().slice(0, 10)}`;
}

function buildReadBatch(
  random: SeededRandom,
  caller: Caller,
  start: Date,
  day: Date,
): TrailEvent[] {
  const folder = dayFolder(day);
  const bucket = REPORTS_BUCKET;
  let time = start;
  const events = [
    buildListObjectsV2({ random, caller, eventTime: time, bucket, prefix: `${folder}/` }),
  ];
  const reportCount = random.int(2, 4);
  for (let index = 0; index < reportCount; index += 1) {
    const key = `${folder}/${random.pick(REPORT_NAMES)}.csv.gz`;
    const size = random.int(40_000, 2_400_000);
    for (const eventName of ["HeadObject", "GetObject"] as const) {
      time = addSeconds(time, random.int(1, 3));
      events.push(
        buildObjectCall({ random, caller, eventTime: time, eventName, bucket, key, size }),
      );
    }
  }
  if (random.chance(0.3)) {
    const query =
      `SELECT region, sum(amount) AS revenue FROM reports.revenue_daily ` +
      `WHERE day = DATE '${day.toISOString().slice(0, 10)}' GROUP BY region`;
    events.push(
      ...buildAthenaQuery({
        random,
        caller,
        startTime: addSeconds(time, random.int(2, 6)),
        queryString: query,
        outputPrefix: "reports-svc",
      }),
    );
  }
  return events;
}

/**
 * Generates reports-svc's calls: every quarter hour of working hours it reads
 * the nightly reports from the office, with its long-term key and boto3. The
 * calls stop on the attack day, because the key is deactivated at 02:27.
 */
export function generateReportsServiceActivity(options: { seed: number }): TrailEvent[] {
  const random = createSeededRandom(options.seed, "reports-svc");
  const attackDay = new Date(`${ATTACK.firstEventTime.slice(0, 10)}T00:00:00Z`);
  const days = listDays(new Date(DEMO_PERIOD.start), attackDay).filter(
    (day) => isWeekday(day) && day.getTime() < attackDay.getTime(),
  );
  const events: TrailEvent[] = [];
  for (const day of days) {
    const end = addMinutes(day, WORK_END_HOUR_UTC * 60);
    let start = addMinutes(day, WORK_START_HOUR_UTC * 60 + random.int(2, 9));
    while (start.getTime() < end.getTime()) {
      const caller = buildAccessKeyCaller(
        REPORTS_SVC,
        ATTACK.stolenAccessKeyId,
        random.pick(OFFICE_NETWORK.addresses),
        USER_AGENTS.reportsSvc,
      );
      events.push(...buildReadBatch(random, caller, addSeconds(start, random.int(0, 50)), day));
      start = addMinutes(start, 15);
    }
  }
  return events;
}
