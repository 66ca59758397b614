import type { JsonObject } from "../cloudtrail/build-cloudtrail-record";
import { createSeededRandom, type SeededRandom } from "../create-seeded-random";
import {
  addMinutes,
  formatDatePath,
  formatIsoSeconds,
  formatKeySecond,
} from "../format-aws-time";
import { DEMO_ACCOUNT_ID, DEMO_PERIOD, DEMO_REGIONS, DEMO_TRAIL } from "../scenario";
import type { DeliveredLogFile } from "./write-cloudtrail-log-files";
import { writeObject } from "./write-object";

/** Each region's digests end at its own fixed minute and second past the hour. */
const DIGEST_OFFSET_SECONDS: Record<string, number> = {
  "us-east-1": 3 * 60 + 27,
  "us-west-2": 41 * 60 + 9,
};

export interface WrittenDigest {
  key: string;
  region: string;
  digestStartTime: Date;
  digestEndTime: Date;
  logFileKeys: string[];
}

/** Fields of a digest that the next digest in the chain repeats. */
interface PreviousDigest {
  key: string;
  sha256: string;
  signature: string;
}

/**
 * `<account>_CloudTrail-Digest_<region>_<trail>_<home region>_<end>.json.gz`: the
 * first region delivers the digest, the last is the trail's home region
 * (CloudTrail user guide, "CloudTrail digest file structure").
 */
function digestKey(region: string, end: Date): string {
  const name =
    `${DEMO_ACCOUNT_ID}_CloudTrail-Digest_${region}_${DEMO_TRAIL.name}_` +
    `${DEMO_TRAIL.homeRegion}_${formatKeySecond(end)}.json.gz`;
  return `AWSLogs/${DEMO_ACCOUNT_ID}/CloudTrail-Digest/${region}/${formatDatePath(end)}/${name}`;
}

function logFileEntry(file: DeliveredLogFile): JsonObject {
  return {
    s3Bucket: DEMO_TRAIL.s3Bucket,
    s3Object: file.key,
    hashValue: file.sha256,
    hashAlgorithm: "SHA-256",
    newestEventTime: formatIsoSeconds(file.newestEventTime),
    oldestEventTime: formatIsoSeconds(file.oldestEventTime),
  };
}

function eventTimeBound(files: DeliveredLogFile[], pick: "min" | "max"): string | null {
  if (files.length === 0) {
    return null;
  }
  const times = files.map((file) =>
    (pick === "min" ? file.oldestEventTime : file.newestEventTime).getTime(),
  );
  const bound = pick === "min" ? Math.min(...times) : Math.max(...times);
  return formatIsoSeconds(new Date(bound));
}

interface DigestContent {
  region: string;
  start: Date;
  end: Date;
  files: DeliveredLogFile[];
  previous: PreviousDigest | null;
  publicKeyFingerprint: string;
}

/**
 * Field order and values of the digest file structure. The first digest is a
 * starting digest, whose previous-digest fields are null.
 */
function buildDigest(content: DigestContent): JsonObject {
  const { previous } = content;
  return {
    awsAccountId: DEMO_ACCOUNT_ID,
    digestStartTime: formatIsoSeconds(content.start),
    digestEndTime: formatIsoSeconds(content.end),
    digestS3Bucket: DEMO_TRAIL.s3Bucket,
    digestS3Object: digestKey(content.region, content.end),
    digestPublicKeyFingerprint: content.publicKeyFingerprint,
    digestSignatureAlgorithm: "SHA256withRSA",
    newestEventTime: eventTimeBound(content.files, "max"),
    oldestEventTime: eventTimeBound(content.files, "min"),
    previousDigestS3Bucket: previous ? DEMO_TRAIL.s3Bucket : null,
    previousDigestS3Object: previous ? previous.key : null,
    previousDigestHashValue: previous ? previous.sha256 : null,
    previousDigestHashAlgorithm: previous ? "SHA-256" : null,
    previousDigestSignature: previous ? previous.signature : null,
    logFiles: content.files.map(logFileEntry),
  };
}

function firstDigestEnd(region: string): Date {
  const offset = DIGEST_OFFSET_SECONDS[region] ?? 0;
  return new Date(new Date(DEMO_PERIOD.start).getTime() + offset * 1000);
}

async function writeRegionDigests(
  outDir: string,
  random: SeededRandom,
  region: string,
  files: DeliveredLogFile[],
  lastDelivery: Date,
): Promise<WrittenDigest[]> {
  const publicKeyFingerprint = random.hex(32);
  const written: WrittenDigest[] = [];
  let previous: PreviousDigest | null = null;
  for (let end = firstDigestEnd(region); ; end = addMinutes(end, 60)) {
    const start = addMinutes(end, -60);
    const covered = files.filter((file) => file.deliveredAt >= start && file.deliveredAt < end);
    const digest = buildDigest({
      region,
      start,
      end,
      files: covered,
      previous,
      publicKeyFingerprint,
    });
    const key = String(digest.digestS3Object);
    const chunks = [JSON.stringify(digest)];
    const object = await writeObject({ outDir, key, chunks, gzip: true });
    // NOTE: CloudTrail signs each digest with a regional RSA key and stores the
    // signature in S3 object metadata. These signatures are random hex of the
    // same length, so the chain links but signature validation fails.
    previous = { key, sha256: object.sha256, signature: random.hex(512) };
    written.push({
      key,
      region,
      digestStartTime: start,
      digestEndTime: end,
      logFileKeys: covered.map((file) => file.key),
    });
    if (end > lastDelivery) {
      return written;
    }
  }
}

/**
 * Writes the hourly digest files of each region, chained through their
 * previous-digest fields, listing every log file object delivered in the hour
 * (both objects of a duplicated delivery). Hours without deliveries get an
 * empty digest, as CloudTrail delivers one every hour.
 */
export async function writeCloudTrailDigestFiles(options: {
  outDir: string;
  seed: number;
  logFiles: readonly DeliveredLogFile[];
}): Promise<WrittenDigest[]> {
  const random = createSeededRandom(options.seed, "cloudtrail-digest");
  const lastDelivery = new Date(
    Math.max(...options.logFiles.map((file) => file.deliveredAt.getTime())),
  );
  const written: WrittenDigest[] = [];
  for (const region of DEMO_REGIONS) {
    const files = options.logFiles.filter((file) => file.region === region);
    const digests = await writeRegionDigests(options.outDir, random, region, files, lastDelivery);
    written.push(...digests);
  }
  return written;
}
