/**
 * Times PostgreSQL loading pre-encoded `events` rows with COPY, in one or
 * several parallel streams, into a fresh database with the same schema and
 * indexes the ingest writes to: the most the server can take of those rows.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from "@/lib/ingest/copy-binary";
import { eventCopySql } from "@/lib/ingest/event-copy-rows";

export interface CopyRun {
  streams: number;
  rows: number;
  seconds: number;
}

async function* framed(paths: string[]): AsyncGenerator<Buffer> {
  yield BINARY_COPY_HEADER;
  for (const path of paths) {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      yield chunk as Buffer;
    }
  }
  yield BINARY_COPY_TRAILER;
}

async function copyStream(databaseUrl: string, table: string, paths: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await pipeline(Readable.from(framed(paths)), client.query(copyFrom(eventCopySql(table))));
  } finally {
    await client.end();
  }
}

/**
 * COPYs the part files into `table` ("events" unless set) through `streams`
 * connections at once, with the parts split evenly between them.
 */
export async function measureCopyCeiling(options: {
  databaseUrl: string;
  paths: string[];
  rows: number;
  streams: number;
  table?: string;
}): Promise<CopyRun> {
  const table = options.table ?? "events";
  const groups: string[][] = Array.from({ length: options.streams }, () => []);
  options.paths.forEach((path, index) => groups[index % options.streams]?.push(path));
  const started = performance.now();
  await Promise.all(groups.filter((group) => group.length > 0).map((group) => copyStream(options.databaseUrl, table, group)));
  return { streams: options.streams, rows: options.rows, seconds: (performance.now() - started) / 1000 };
}
