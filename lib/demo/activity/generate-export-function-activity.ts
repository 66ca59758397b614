import { buildAssumedRoleCaller, buildServiceCaller } from "../cloudtrail/build-callers";
import type { TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { buildObjectCall } from "../cloudtrail/build-s3-records";
import { buildServiceAssumeRole } from "../cloudtrail/build-sts-records";
import { createSeededRandom, type SeededRandom } from "../create-seeded-random";
import { addMinutes, addSeconds, listDays } from "../format-aws-time";
import {
  AWS_ADDRESSES,
  DEMO_PERIOD,
  DEMO_REGION,
  EXPORT_FUNCTION_ROLE,
  REPORTS_BUCKET,
  USER_AGENTS,
} from "../scenario";
import { buildAthenaQuery } from "./build-athena-query";
import { REPORT_NAMES } from "./generate-reports-service-activity";

/** The function runs on an EventBridge schedule at 06:00 UTC. */
const RUN_HOUR_UTC = 6;

function buildUnloadQuery(reportName: string, dayText: string): string {
  const table = `reports.${reportName.replace(/-/g, "_")}`;
  return (
    `UNLOAD (SELECT * FROM ${table} WHERE day = DATE '${dayText}') ` +
    `TO 's3://${REPORTS_BUCKET}/staging/' WITH (format = 'TEXTFILE')`
  );
}

function buildNightlyExport(random: SeededRandom, day: Date): TrailEvent[] {
  const start = addSeconds(addMinutes(day, RUN_HOUR_UTC * 60), random.int(1, 20));
  const sessionAccessKeyId = `ASIARZ5KQ3XH${random.base32(8)}`;
  const session = { accessKeyId: sessionAccessKeyId, creationDate: start, mfaAuthenticated: false };
  const caller = buildAssumedRoleCaller(
    EXPORT_FUNCTION_ROLE,
    EXPORT_FUNCTION_ROLE.functionName,
    session,
    AWS_ADDRESSES.exportFunction,
    USER_AGENTS.exportFunction,
  );
  const events = [
    buildServiceAssumeRole({
      random,
      caller: buildServiceCaller("lambda.amazonaws.com"),
      eventTime: start,
      region: DEMO_REGION,
      roleArn: EXPORT_FUNCTION_ROLE.arn,
      roleSessionName: EXPORT_FUNCTION_ROLE.functionName,
      issuedAccessKeyId: sessionAccessKeyId,
      durationSeconds: 12 * 3600,
    }),
  ];
  const dayText = day.toISOString().slice(0, 10);
  let time = addSeconds(start, 2);
  for (const name of REPORT_NAMES) {
    const query = buildAthenaQuery({
      random,
      caller,
      startTime: time,
      queryString: buildUnloadQuery(name, dayText),
      outputPrefix: "nightly-export",
    });
    events.push(...query);
    time = addSeconds(query[query.length - 1].eventTime, random.int(2, 6));
    events.push(
      buildObjectCall({
        random,
        caller,
        eventTime: time,
        eventName: "PutObject",
        bucket: REPORTS_BUCKET,
        key: `daily/${dayText}/${name}.csv.gz`,
        size: random.int(40_000, 2_400_000),
      }),
    );
    time = addSeconds(time, random.int(1, 4));
  }
  return events;
}

/**
 * Builds the nightly export Lambda's calls. Lambda assumes the execution role
 * (an AWSService identity), then the function's session (an AssumedRole
 * identity) queries Athena and writes the reports that reports-svc reads.
 */
export function generateExportFunctionActivity(options: { seed: number }): TrailEvent[] {
  const random = createSeededRandom(options.seed, "export-function");
  const events: TrailEvent[] = [];
  for (const day of listDays(new Date(DEMO_PERIOD.start), new Date(DEMO_PERIOD.end))) {
    events.push(...buildNightlyExport(random, day));
  }
  return events;
}
