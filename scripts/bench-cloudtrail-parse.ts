/**
 * Throughput of the CloudTrail input layer on generated data, no database:
 *   npx tsx scripts/bench-cloudtrail-parse.ts [megabytes=200]
 * Prints the splitter's speed alone, then split + JSON.parse + normalise.
 */
import { gzipSync } from "node:zlib";

import { openInputBuffer } from "@/lib/ingest/open-input";
import { JsonRecordSplitter } from "@/lib/ingest/split-json-records";
import { chunksOf, makeLargeDeliveryFile } from "@/lib/sources/cloudtrail/fixtures/records";
import { parseCloudTrailStream } from "@/lib/sources/cloudtrail/parse-cloudtrail-stream";

const megabytes = Number(process.argv[2] ?? 200);
const CHUNK = 64 * 1024;

function report(label: string, bytes: number, records: number, ms: number): void {
  const mib = bytes / 1024 / 1024;
  process.stdout.write(
    `${label.padEnd(34)} ${(mib / (ms / 1000)).toFixed(0).padStart(6)} MiB/s ` +
      `${Math.round(records / (ms / 1000)).toLocaleString("en").padStart(10)} records/s ` +
      `${((ms * 1000) / records).toFixed(2).padStart(7)} µs/record\n`,
  );
}

function splitOnly(body: Buffer): number {
  const splitter = new JsonRecordSplitter();
  let count = 0;
  for (const chunk of chunksOf(body, CHUNK)) {
    splitter.write(chunk);
    count += splitter.drain().length;
  }
  splitter.end();
  return count + splitter.drain().length;
}

async function parseAll(stream: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<number> {
  let events = 0;
  for await (const item of parseCloudTrailStream({ stream, fileLabel: "bench" })) {
    if (item.type === "cloudtrail") {
      events++;
    } else {
      throw new Error(item.rejection.reason);
    }
  }
  return events;
}

async function main(): Promise<void> {
  const { body, records } = makeLargeDeliveryFile(megabytes * 1024 * 1024);
  process.stdout.write(`${records.toLocaleString("en")} records, ${(body.length / 1048576).toFixed(0)} MiB\n`);
  for (let run = 0; run < 3; run++) {
    let start = performance.now();
    const split = splitOnly(body);
    report("split only", body.length, split, performance.now() - start);
    start = performance.now();
    const parsed = await parseAll(chunksOf(body, CHUNK));
    report("split + JSON.parse + normalise", body.length, parsed, performance.now() - start);
  }
  const sample = makeLargeDeliveryFile(Math.min(megabytes, 50) * 1024 * 1024);
  const gz = gzipSync(sample.body);
  const start = performance.now();
  const input = openInputBuffer({ body: gz, label: "bench.json.gz" });
  const parsed = await parseAll(input.stream);
  report("gunzip + split + parse + normalise", sample.body.length, parsed, performance.now() - start);
}

void main();
