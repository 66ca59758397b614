import { encodeRaw } from "./raw-codec";
import type { CloudTrailEvent, SourceName } from "./types";

/** A row of the `events` table as the store writes it. */
export interface EventRow {
  source: SourceName;
  naturalId: string;
  eventTime: Date;
  accountId: string | null;
  region: string | null;
  eventSource: string | null;
  eventName: string | null;
  principalKey: string | null;
  principalArn: string | null;
  principalType: string | null;
  principalName: string | null;
  sessionName: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  sourceService: string | null;
  userAgent: string | null;
  errorCode: string | null;
  readOnly: boolean | null;
  redacted: boolean;
  batchId: string;
  fileId: string | null;
  recordIndex: number;
  rawCodec: number;
  raw: Buffer;
}

/** Maps a normalised CloudTrail event to its `events` row. */
export function cloudTrailEventToRow(
  event: CloudTrailEvent,
  context: { batchId: string; fileId: string | null; recordIndex: number },
): EventRow {
  const raw = encodeRaw(event.raw);
  // zlib's sync functions return a view of a 16 KiB buffer whatever the output
  // size; copying keeps a chunk of 2,000 rows from holding 32 MiB.
  const data = raw.data.byteLength < raw.data.buffer.byteLength ? Buffer.from(raw.data) : raw.data;
  return {
    source: "cloudtrail",
    naturalId: event.eventId,
    eventTime: event.eventTime,
    accountId: event.accountId,
    region: event.region,
    eventSource: event.eventSource,
    eventName: event.eventName,
    principalKey: event.actor.key,
    principalArn: event.actor.arn,
    principalType: event.actor.type,
    principalName: event.actor.name,
    sessionName: event.actor.sessionName,
    accessKeyId: event.accessKeyId,
    sourceIp: event.sourceIp,
    sourceService: event.sourceService,
    userAgent: event.userAgent,
    errorCode: event.errorCode,
    readOnly: event.readOnly,
    redacted: event.redacted,
    batchId: context.batchId,
    fileId: context.fileId,
    recordIndex: context.recordIndex,
    rawCodec: raw.codec,
    raw: data,
  };
}
