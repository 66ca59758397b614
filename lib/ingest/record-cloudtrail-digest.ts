import type { Readable } from "node:stream";
import { toJsonbParameter } from "@/lib/db/sanitize-text";

import { inTransaction } from "@/lib/db/client";
import { parseCloudTrailDigest, type CloudTrailDigest } from "@/lib/sources/cloudtrail/parse-digest";

import { formatBytes } from "./format-bytes";
import { parseS3Key } from "./parse-s3-key";

/** Larger than any digest CloudTrail writes (one line of about 400 bytes per log file). */
const MAX_DIGEST_BYTES = 64 * 1024 * 1024;

export type DigestOutcome =
  | { ok: true; logFiles: number }
  | { ok: false; field: string | null; reason: string };

/**
 * Stores a CloudTrail digest file and the log files it lists, replacing what
 * an earlier ingest of the same digest stored. The digest is keyed by the key
 * it names itself by (`digestS3Object`), else by `fallbackKey`.
 */
export async function recordCloudTrailDigest(options: {
  stream: Readable;
  label: string;
  fallbackKey: string | null;
  batchId: string;
  fileId: string;
}): Promise<DigestOutcome> {
  const text = await readText(options.stream, options.label);
  if (!text.ok) {
    return { ok: false, field: null, reason: text.reason };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.value);
  } catch (error) {
    return { ok: false, field: null, reason: `${options.label}: invalid JSON in the digest (${(error as Error).message})` };
  }
  const parsed = parseCloudTrailDigest(value);
  if (!parsed.ok) {
    return { ok: false, field: parsed.field, reason: `${options.label}: ${parsed.reason}` };
  }
  const key = parsed.digest.s3Object ?? options.fallbackKey ?? options.label;
  await storeDigest({ digest: parsed.digest, key, batchId: options.batchId, fileId: options.fileId });
  return { ok: true, logFiles: parsed.digest.logFiles.length };
}

async function readText(stream: Readable, label: string): Promise<{ ok: true; value: string } | { ok: false; reason: string }> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    length += buf.length;
    if (length > MAX_DIGEST_BYTES) {
      stream.destroy();
      return { ok: false, reason: `${label}: a digest file larger than ${formatBytes(MAX_DIGEST_BYTES)} is not a CloudTrail digest` };
    }
    parts.push(buf);
  }
  return { ok: true, value: Buffer.concat(parts).toString("utf8") };
}

async function storeDigest(options: { digest: CloudTrailDigest; key: string; batchId: string; fileId: string }): Promise<void> {
  const { digest, key } = options;
  const keyInfo = parseS3Key(key);
  await inTransaction(async (client) => {
    const stored = await client.query<{ id: string }>(
      `INSERT INTO digest_files (id, s3_key, account_id, region, digest_start, digest_end, batch_id, file_id)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (s3_key) DO UPDATE SET account_id = EXCLUDED.account_id, region = EXCLUDED.region,
         digest_start = EXCLUDED.digest_start, digest_end = EXCLUDED.digest_end,
         batch_id = EXCLUDED.batch_id, file_id = EXCLUDED.file_id
       RETURNING id`,
      [key, keyInfo?.accountId ?? digest.accountId, keyInfo?.region ?? null, digest.start, digest.end, options.batchId, options.fileId],
    );
    const digestId = stored.rows[0].id;
    await client.query("DELETE FROM digest_log_files WHERE digest_id = $1", [digestId]);
    await client.query(
      `INSERT INTO digest_log_files (digest_id, s3_bucket, s3_key, hash_value, oldest_event_time, newest_event_time)
       SELECT $1, f.s3_bucket, f.s3_key, f.hash_value, f.oldest, f.newest
       FROM jsonb_to_recordset($2::jsonb) AS f(s3_bucket text, s3_key text, hash_value text, oldest timestamptz, newest timestamptz)
       ON CONFLICT (digest_id, s3_key) DO NOTHING`,
      [digestId, toJsonbParameter(digest.logFiles.map(logFileRow))],
    );
  });
}

function logFileRow(file: CloudTrailDigest["logFiles"][number]): Record<string, string | null> {
  return {
    s3_bucket: file.s3Bucket,
    s3_key: file.s3Object,
    hash_value: file.hashValue,
    oldest: file.oldestEventTime?.toISOString() ?? null,
    newest: file.newestEventTime?.toISOString() ?? null,
  };
}
