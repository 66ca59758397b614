/**
 * Turns the generated CloudTrail files into the exact `events` rows the
 * ingest writes (same parser, same row mapping, same raw codec, same binary
 * COPY encoding), each stored once, and writes them to COPY payload files.
 * Loading these files then times PostgreSQL's share of the work alone.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";

import { encodeEventRows } from "@/lib/ingest/event-copy-rows";
import { cloudTrailEventToRow, type EventRow } from "@/lib/ingest/event-row";
import { openInput } from "@/lib/ingest/open-input";
import { parseCloudTrailStream } from "@/lib/sources/cloudtrail/parse-cloudtrail-stream";

export interface CopyFiles {
  /** Files of binary COPY tuples (no header or trailer), about the same size each. */
  paths: string[];
  rows: number;
  /** Total size of the files. */
  bytes: number;
}

const CHUNK_ROWS = 5_000;

async function write(stream: WriteStream, data: Buffer): Promise<void> {
  if (!stream.write(data)) {
    await once(stream, "drain");
  }
}

export interface WriteCopyFilesOptions {
  files: string[];
  dir: string;
  parts: number;
  /** Encoder of a chunk of rows into binary COPY tuples, `encodeEventRows` unless set. */
  encodeRows?: (rows: readonly EventRow[]) => Buffer;
  /** Start of each part file's name, "events" unless set. */
  fileNamePrefix?: string;
}

/** Parses `files` and writes their unique rows round-robin, a chunk at a time, into `parts` files. */
export async function writeCopyFiles(options: WriteCopyFilesOptions): Promise<CopyFiles> {
  const encodeRows = options.encodeRows ?? encodeEventRows;
  const prefix = options.fileNamePrefix ?? "events";
  const streams = Array.from({ length: options.parts }, (_, index) => createWriteStream(join(options.dir, `${prefix}-${index}.copy`)));
  const batchId = randomUUID();
  const seen = new Set<string>();
  let pending: EventRow[] = [];
  let chunkIndex = 0;
  let rows = 0;
  let bytes = 0;
  const flush = async () => {
    const stream = streams[chunkIndex++ % streams.length] as WriteStream;
    const encoded = encodeRows(pending);
    await write(stream, encoded);
    bytes += encoded.length;
    rows += pending.length;
    pending = [];
  };
  for (const file of options.files) {
    const fileId = randomUUID();
    const input = await openInput({ path: file });
    for await (const item of parseCloudTrailStream({ stream: input.stream, fileLabel: file })) {
      if (item.type !== "cloudtrail" || seen.has(item.event.eventId)) {
        continue;
      }
      seen.add(item.event.eventId);
      pending.push(cloudTrailEventToRow(item.event, { batchId, fileId, recordIndex: item.index }));
      if (pending.length >= CHUNK_ROWS) {
        await flush();
      }
    }
  }
  if (pending.length > 0) {
    await flush();
  }
  await Promise.all(streams.map(async (stream) => {
    stream.end();
    await once(stream, "finish");
  }));
  return { paths: streams.map((stream) => String(stream.path)), rows, bytes };
}
