import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import { generateDemoFiles, type GenerateDemoFilesResult } from "../generate-demo-files";

/** Parsed AWS JSON; `any` lets assertions read nested fields without casts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonRecord = Record<string, any>;

export interface DemoOutput {
  outDir: string;
  result: GenerateDemoFilesResult;
  /** Keys of every file on disk, relative to outDir, sorted. */
  keys: string[];
  remove(): Promise<void>;
}

export interface CloudTrailObject {
  key: string;
  region: string;
  /** Delivery minute from the file name, as a Date. */
  deliveredMinute: Date;
  /** Raw gzip bytes of the object. */
  bytes: Buffer;
  uncompressed: Buffer;
  records: JsonRecord[];
}

async function listKeys(root: string, folder = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true });
  const keys: string[] = [];
  for (const entry of entries) {
    const key = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      keys.push(...(await listKeys(root, key)));
    } else {
      keys.push(key);
    }
  }
  return keys.sort();
}

export async function generateIntoTempDir(seed?: number): Promise<DemoOutput> {
  const outDir = await mkdtemp(path.join(tmpdir(), "watchfloor-demo-test-"));
  const result = await generateDemoFiles({ outDir, seed });
  return {
    outDir,
    result,
    keys: await listKeys(outDir),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}

export async function readObject(output: DemoOutput, key: string): Promise<Buffer> {
  return readFile(path.join(output.outDir, ...key.split("/")));
}

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const LOG_FILE_NAME = /_CloudTrail_([a-z0-9-]+)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_/;

export async function readCloudTrailObjects(output: DemoOutput): Promise<CloudTrailObject[]> {
  const keys = output.keys.filter((key) => key.includes("/CloudTrail/"));
  const objects: CloudTrailObject[] = [];
  for (const key of keys) {
    const bytes = await readObject(output, key);
    const uncompressed = gunzipSync(bytes);
    const match = LOG_FILE_NAME.exec(key);
    if (!match) {
      throw new Error(`Unexpected CloudTrail key: ${key}`);
    }
    const [, region, year, month, day, hour, minute] = match;
    objects.push({
      key,
      region,
      deliveredMinute: new Date(`${year}-${month}-${day}T${hour}:${minute}:00Z`),
      bytes,
      uncompressed,
      records: JSON.parse(uncompressed.toString("utf8")).Records,
    });
  }
  return objects;
}

/** Records of all CloudTrail objects, with the duplicated delivery counted once. */
export function uniqueRecords(objects: readonly CloudTrailObject[]): JsonRecord[] {
  const byId = new Map<string, JsonRecord>();
  for (const object of objects) {
    for (const record of object.records) {
      byId.set(record.eventID, record);
    }
  }
  return [...byId.values()];
}
