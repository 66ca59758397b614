import { parseS3Key } from "./parse-s3-key";

/**
 * Returns the key of a log file relative to its bucket, as CloudTrail digest
 * files name it in `s3Object`, or null when the name does not follow the AWS
 * layout.
 *
 * An `s3://bucket/key` URL or a key given by the sender keeps its custom
 * prefix. A local path starts at `AWSLogs/`, because the folders above it
 * cannot be told apart from a bucket prefix; coverage checks compare keys from
 * `AWSLogs/` on for that reason.
 */
export function resolveS3Key(options: { hint: string; isBucketKey: boolean }): string | null {
  const info = parseS3Key(options.hint);
  if (!info) {
    return null;
  }
  const fromAwsLogs = awsLogsSuffix(options.hint);
  if (!options.isBucketKey || info.prefix === null) {
    return fromAwsLogs;
  }
  return `${info.prefix.replace(/^\/+/, "")}/${fromAwsLogs}`;
}

/** The part of a key from its first `AWSLogs` folder on, which digest and ingested keys are matched on. */
export function awsLogsSuffix(key: string): string {
  const segments = key.replace(/\\/g, "/").split("/");
  const root = segments.indexOf("AWSLogs");
  return root < 0 ? key : segments.slice(root).join("/");
}
