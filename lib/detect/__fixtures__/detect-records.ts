import type { JsonRecord } from "./build-cloudtrail-row";
import { FIXTURE_ACCOUNT, type FixtureCaller, iamUserCall } from "./cloudtrail-records";
import { insertFixtureEvents } from "./insert-fixture-events";
import { TEST_TIME } from "./seed-user-history";
import { runDetection } from "../run-detection";

/** Builds an IAM user's call at TEST_TIME unless `time` is given, then lets `edit` change the record. */
export function callBy(
  caller: FixtureCaller,
  eventName: string,
  options: {
    eventSource?: string;
    requestParameters?: JsonRecord | null;
    responseElements?: JsonRecord | null;
    errorCode?: string;
    time?: string | Date;
    edit?: (record: JsonRecord) => void;
  } = {},
): JsonRecord {
  const record = iamUserCall({
    caller,
    eventSource: options.eventSource ?? "iam.amazonaws.com",
    eventName,
    time: options.time ?? TEST_TIME,
    requestParameters: options.requestParameters,
    responseElements: options.responseElements,
    errorCode: options.errorCode,
  });
  options.edit?.(record);
  return record;
}

/** Turns a record into the root user's call in the fixture account. */
export function asRoot(record: JsonRecord): void {
  record.userIdentity = {
    type: "Root",
    principalId: FIXTURE_ACCOUNT,
    arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:root`,
    accountId: FIXTURE_ACCOUNT,
    accessKeyId: "",
  };
}

/** Stores the records as one batch and runs detection on it. */
export async function detectRecords(records: readonly JsonRecord[]): Promise<void> {
  const { batchId } = await insertFixtureEvents(records);
  await runDetection({ batchId });
}
