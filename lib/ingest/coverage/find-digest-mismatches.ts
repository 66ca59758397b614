import { pgPool } from "@/lib/db/client";

import { parseS3Key } from "../parse-s3-key";

/** A log file a digest lists that was never ingested in full: its events are missing. */
export interface DigestGap {
  accountId: string | null;
  region: string | null;
  /** First and last hour (UTC, start of the hour) whose events the file holds. */
  fromHour: string;
  toHour: string;
  s3Bucket: string;
  s3Key: string;
  digestKey: string;
  reason: "never ingested" | "ingest did not finish";
}

/** An ingested log file whose decompressed content is not what CloudTrail delivered. */
export interface AlteredFile {
  accountId: string | null;
  region: string | null;
  s3Bucket: string;
  s3Key: string;
  digestKey: string;
  /** Where the altered copy was read from (`ingest_files.path`). */
  path: string;
  /** First and last hour (UTC) of the events the digest says the file holds. */
  fromHour: string;
  toHour: string;
  expectedSha256: string;
  ingestedSha256: string;
}

export interface DigestMismatches {
  digests: number;
  logFiles: number;
  missing: DigestGap[];
  altered: AlteredFile[];
  /** Listed files ingested before content hashes were recorded, so they cannot be compared. */
  unverified: number;
}

interface Row {
  account_id: string | null;
  region: string | null;
  digest_start: Date;
  digest_key: string;
  s3_bucket: string;
  s3_key: string;
  hash_value: string;
  oldest_event_time: Date | null;
  newest_event_time: Date | null;
  status: string | null;
  content_sha256: string | null;
  path: string | null;
}

// Keys are compared from their first `AWSLogs/` folder on: a local copy of a
// bucket keeps no trace of the bucket's custom prefix. Of several ingests of
// one key, a complete one wins, then the latest. A listed file whose key
// matches no ingest is matched by its content hash, so that a file uploaded
// alone, without its folders (and so without its key), counts as ingested.
const SQL = `
WITH ingested AS (
  SELECT DISTINCT ON (key) key, status, content_sha256, path
  FROM (
    SELECT coalesce(substring(s3_key from '(?:^|/)(AWSLogs/.*)$'), s3_key) AS key,
           status, content_sha256, path, started_at
    FROM ingest_files WHERE s3_key IS NOT NULL
  ) f
  ORDER BY key, (status = 'complete') DESC, started_at DESC
)
SELECT d.account_id, d.region, d.digest_start, d.s3_key AS digest_key, l.s3_bucket, l.s3_key, l.hash_value,
       l.oldest_event_time, l.newest_event_time,
       coalesce(i.status, h.status) AS status,
       coalesce(i.content_sha256, h.content_sha256) AS content_sha256,
       coalesce(i.path, h.path) AS path
FROM digest_log_files l
JOIN digest_files d ON d.id = l.digest_id
LEFT JOIN ingested i ON i.key = coalesce(substring(l.s3_key from '(?:^|/)(AWSLogs/.*)$'), l.s3_key)
LEFT JOIN LATERAL (
  SELECT f.status, f.content_sha256, f.path FROM ingest_files f
  WHERE i.key IS NULL AND f.content_sha256 = l.hash_value
  ORDER BY f.started_at DESC LIMIT 1
) h ON true
WHERE ($1::timestamptz IS NULL OR coalesce(l.newest_event_time, d.digest_end) >= $1)
  AND ($2::timestamptz IS NULL OR coalesce(l.oldest_event_time, d.digest_start) < $2)
ORDER BY d.account_id, d.region, coalesce(l.oldest_event_time, d.digest_start), l.s3_key`;

/**
 * Compares what CloudTrail digests list with what was ingested: listed log
 * files that are missing (a coverage gap), and ingested files whose content
 * SHA-256 differs from the digest's hashValue (altered after delivery). With
 * `from`/`to`, only files whose events fall in that range.
 */
export async function findDigestMismatches(options: { from?: Date; to?: Date } = {}): Promise<DigestMismatches> {
  const [rows, counts] = await Promise.all([
    pgPool().query<Row>(SQL, [options.from ?? null, options.to ?? null]),
    pgPool().query<{ digests: number; log_files: number }>(
      "SELECT (SELECT count(*)::int FROM digest_files) AS digests, (SELECT count(*)::int FROM digest_log_files) AS log_files",
    ),
  ]);
  const result: DigestMismatches = { digests: counts.rows[0].digests, logFiles: counts.rows[0].log_files, missing: [], altered: [], unverified: 0 };
  for (const row of rows.rows) {
    classifyRow(row, result);
  }
  return result;
}

function classifyRow(row: Row, result: DigestMismatches): void {
  const common = { accountId: row.account_id, region: row.region, s3Bucket: row.s3_bucket, s3Key: row.s3_key, digestKey: row.digest_key };
  if (row.content_sha256 !== null && row.content_sha256 !== row.hash_value) {
    result.altered.push({
      ...common,
      ...gapHours(row),
      path: row.path ?? row.s3_key,
      expectedSha256: row.hash_value,
      ingestedSha256: row.content_sha256,
    });
    return;
  }
  if (row.status === "complete" && row.content_sha256 === null) {
    result.unverified += 1;
    return;
  }
  if (row.status === null || row.content_sha256 === null) {
    const hours = gapHours(row);
    result.missing.push({ ...common, ...hours, reason: row.status === null ? "never ingested" : "ingest did not finish" });
  }
}

/** The hours a listed file's events fall in; without event times, the hour it was delivered in. */
function gapHours(row: Row): { fromHour: string; toHour: string } {
  const delivered = parseS3Key(row.s3_key)?.slot ?? row.digest_start;
  const from = row.oldest_event_time ?? delivered;
  const to = row.newest_event_time ?? from;
  return { fromHour: startOfHour(from).toISOString(), toHour: startOfHour(to).toISOString() };
}

export function startOfHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
}
