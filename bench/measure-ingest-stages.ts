/**
 * CPU time per record of each Node-side stage of the CloudTrail ingest, on
 * generated records and without a database:
 *   npx tsx --tsconfig tsconfig.json bench/measure-ingest-stages.ts [--records 50000]
 * Prints microseconds of CPU per record for parsing (split, JSON.parse,
 * validation, normalisation), the raw codec, the binary COPY encoding and
 * the baseline aggregation, each the best of three rounds.
 */
import { parseArgs } from "node:util";

import { aggregateBaselineRows } from "@/lib/detect/aggregate-baseline-rows";
import { encodeEventRows } from "@/lib/ingest/event-copy-rows";
import { cloudTrailEventToRow, type EventRow } from "@/lib/ingest/event-row";
import type { CloudTrailEvent } from "@/lib/ingest/types";
import { parseCloudTrailStream } from "@/lib/sources/cloudtrail/parse-cloudtrail-stream";

import { generatedSamples } from "./raw-dictionary/sample-records";

const CHUNK_ROWS = 5_000;

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function timed<T>(label: string, records: number, run: () => Promise<T> | T): Promise<T> {
  let best = Number.POSITIVE_INFINITY;
  let result: T | undefined;
  for (let round = 0; round < 3; round++) {
    const started = cpuMicros();
    result = await run();
    best = Math.min(best, cpuMicros() - started);
  }
  process.stdout.write(`${label.padEnd(28)} ${(best / records).toFixed(1).padStart(7)} µs/record\n`);
  return result as T;
}

async function parseAll(body: Buffer): Promise<CloudTrailEvent[]> {
  const events: CloudTrailEvent[] = [];
  const chunks = Array.from({ length: Math.ceil(body.length / 65_536) }, (_, index) => body.subarray(index * 65_536, (index + 1) * 65_536));
  for await (const item of parseCloudTrailStream({ stream: chunks, fileLabel: "bench" })) {
    if (item.type === "cloudtrail") {
      events.push(item.event);
    }
  }
  return events;
}

function inChunks<T>(items: readonly T[], action: (chunk: readonly T[]) => void): void {
  for (let start = 0; start < items.length; start += CHUNK_ROWS) {
    action(items.slice(start, start + CHUNK_ROWS));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { records: { type: "string" } } });
  const count = Number(values.records ?? 50_000);
  const samples = generatedSamples({ seed: 11, organisations: 1, perOrganisation: count });
  const body = Buffer.concat([Buffer.from('{"Records":['), Buffer.from(samples.join(",")), Buffer.from("]}")]);
  const context = { batchId: "5f1d7a52-0c1e-4b8e-9a39-1f6c1a0e7b11", fileId: "0b6f0d1e-5a0c-4f3e-8d3b-2a9e4c7d6f10" };
  const events = await timed("parse and normalise", count, () => parseAll(body));
  const rows: EventRow[] = await timed("row with raw codec", count, () =>
    events.map((event, recordIndex) => cloudTrailEventToRow(event, { ...context, recordIndex })),
  );
  await timed("binary COPY encoding", count, () => inChunks(rows, (chunk) => encodeEventRows(chunk)));
  await timed("baseline aggregation", count, () => inChunks(rows, (chunk) => aggregateBaselineRows(chunk)));
  const rawBytes = rows.reduce((sum, row) => sum + row.raw.length, 0) / rows.length;
  process.stdout.write(`raw record: ${(body.length / count).toFixed(0)} B as text, ${rawBytes.toFixed(0)} B stored (codec ${rows[0]?.rawCodec})\n`);
}

await main();
