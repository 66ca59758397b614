import { buildInvokedByCaller } from "../cloudtrail/build-callers";
import type { Caller, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { buildObjectCall } from "../cloudtrail/build-s3-records";
import { buildServiceCall } from "../cloudtrail/build-service-call";
import type { SeededRandom } from "../create-seeded-random";
import { addSeconds } from "../format-aws-time";
import { ATHENA_RESULTS_BUCKET, DEMO_REGION } from "../scenario";

export interface AthenaQueryOptions {
  random: SeededRandom;
  caller: Caller;
  startTime: Date;
  queryString: string;
  /** Folder of the results bucket the query writes its CSV to. */
  outputPrefix: string;
}

/**
 * Builds one Athena query as a client runs it: start, poll, fetch results.
 * Athena writes the result object itself, so that PutObject is logged with the
 * caller's identity and invokedBy athena.amazonaws.com.
 */
export function buildAthenaQuery(options: AthenaQueryOptions): TrailEvent[] {
  const { random, caller } = options;
  const queryExecutionId = random.uuid();
  const outputLocation = `s3://${ATHENA_RESULTS_BUCKET}/${options.outputPrefix}/`;
  const base = { random, caller, region: DEMO_REGION, service: "athena" as const };
  let time = options.startTime;

  const events: TrailEvent[] = [
    buildServiceCall({
      ...base,
      eventTime: time,
      eventName: "StartQueryExecution",
      readOnly: false,
      requestParameters: {
        queryString: options.queryString,
        clientRequestToken: random.uuid(),
        queryExecutionContext: { database: "reports" },
        resultConfiguration: { outputLocation },
        workGroup: "primary",
      },
      responseElements: { queryExecutionId },
    }),
  ];

  const polls = random.int(1, 3);
  for (let poll = 0; poll < polls; poll += 1) {
    time = addSeconds(time, random.int(1, 3));
    events.push(
      buildServiceCall({
        ...base,
        eventTime: time,
        eventName: "GetQueryExecution",
        readOnly: true,
        requestParameters: { queryExecutionId },
      }),
    );
  }

  events.push(
    buildObjectCall({
      random,
      caller: buildInvokedByCaller(caller, "athena.amazonaws.com"),
      eventTime: time,
      eventName: "PutObject",
      bucket: ATHENA_RESULTS_BUCKET,
      key: `${options.outputPrefix}/${queryExecutionId}.csv`,
      size: random.int(2_000, 180_000),
    }),
  );
  time = addSeconds(time, random.int(1, 2));
  events.push(
    buildServiceCall({
      ...base,
      eventTime: time,
      eventName: "GetQueryResults",
      readOnly: true,
      requestParameters: { queryExecutionId, maxResults: 1000 },
    }),
  );
  return events;
}
