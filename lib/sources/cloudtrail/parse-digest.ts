/**
 * Reads a CloudTrail digest file. Each hour CloudTrail writes one per region and
 * trail, listing every log file it delivered in the hour with the SHA-256 of the
 * file's uncompressed content (CloudTrail User Guide, "CloudTrail digest file
 * structure"). An hour without deliveries still gets a digest, with an empty
 * `logFiles` array.
 */
import { z } from "zod";

import { isIsoTimestamp, parseIsoTimestamp } from "./iso-timestamp";

const isoTime = z.string().refine(isIsoTimestamp, "expected an ISO 8601 timestamp");

const logFileSchema = z.object({
  s3Bucket: z.string().min(1),
  s3Object: z.string().min(1),
  hashValue: z.string().regex(/^[0-9a-fA-F]{64}$/, "expected a hex SHA-256"),
  hashAlgorithm: z.string().optional(),
  newestEventTime: isoTime.nullish(),
  oldestEventTime: isoTime.nullish(),
});

const digestSchema = z.object({
  awsAccountId: z.string().min(1),
  digestStartTime: isoTime,
  digestEndTime: isoTime,
  digestS3Bucket: z.string().nullish(),
  digestS3Object: z.string().nullish(),
  logFiles: z.array(logFileSchema),
});

export interface DigestLogFile {
  s3Bucket: string;
  s3Object: string;
  /** Lower-case hex SHA-256 of the uncompressed log file. */
  hashValue: string;
  oldestEventTime: Date | null;
  newestEventTime: Date | null;
}

export interface CloudTrailDigest {
  accountId: string;
  start: Date;
  end: Date;
  /** The digest's own key, as it names itself; null when the field is absent. */
  s3Object: string | null;
  logFiles: DigestLogFile[];
}

export type DigestParseResult =
  | { ok: true; digest: CloudTrailDigest }
  | { ok: false; field: string | null; reason: string };

export function parseCloudTrailDigest(value: unknown): DigestParseResult {
  const parsed = digestSchema.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue && issue.path.length > 0 ? fieldPath(issue.path) : null;
    return { ok: false, field, reason: `${field ?? "digest"}: ${issue?.message ?? "invalid digest"}` };
  }
  const digest = parsed.data;
  return {
    ok: true,
    digest: {
      accountId: digest.awsAccountId,
      start: parseIsoTimestamp(digest.digestStartTime),
      end: parseIsoTimestamp(digest.digestEndTime),
      s3Object: digest.digestS3Object ?? null,
      logFiles: digest.logFiles.map((file) => ({
        s3Bucket: file.s3Bucket,
        s3Object: file.s3Object,
        hashValue: file.hashValue.toLowerCase(),
        oldestEventTime: file.oldestEventTime ? parseIsoTimestamp(file.oldestEventTime) : null,
        newestEventTime: file.newestEventTime ? parseIsoTimestamp(file.newestEventTime) : null,
      })),
    },
  };
}

function fieldPath(path: PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}
