import { randomUUID } from "node:crypto";

import type { EventRow } from "@/lib/ingest/event-row";
import { encodeRaw } from "@/lib/ingest/raw-codec";

/**
 * Returns an `events` row of an S3 ListBuckets call by IAM user alice, whose
 * raw record is `record` (by default one holding only its event id).
 */
export function eventRowFixture(
  naturalId: string,
  options: { record?: Record<string, unknown>; overrides?: Partial<EventRow> } = {},
): EventRow {
  const raw = encodeRaw(Buffer.from(JSON.stringify(options.record ?? { eventID: naturalId })));
  return {
    source: "cloudtrail",
    naturalId,
    eventTime: new Date("2026-11-17T02:18:00.123Z"),
    accountId: "111122223333",
    region: "us-east-1",
    eventSource: "s3.amazonaws.com",
    eventName: "ListBuckets",
    principalKey: "arn:aws:iam::111122223333:user/alice",
    principalArn: "arn:aws:iam::111122223333:user/alice",
    principalType: "IAMUser",
    principalName: "alice",
    sessionName: null,
    accessKeyId: "AKIAEXAMPLE000000001",
    sourceIp: "203.0.113.9",
    sourceService: null,
    userAgent: "aws-cli/2.15.0",
    errorCode: null,
    readOnly: true,
    redacted: false,
    batchId: randomUUID(),
    fileId: null,
    recordIndex: 0,
    rawCodec: raw.codec,
    raw: raw.data,
    ...options.overrides,
  };
}
