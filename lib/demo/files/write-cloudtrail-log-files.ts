import type { CloudTrailRecord, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { createSeededRandom, type SeededRandom } from "../create-seeded-random";
import { addSeconds, formatDatePath, formatKeyMinute } from "../format-aws-time";
import { DEMO_ACCOUNT_ID, DUPLICATED_DELIVERY } from "../scenario";
import { planCloudTrailDeliveries, type PlannedLogFile } from "./plan-cloudtrail-deliveries";
import { writeObject } from "./write-object";

/** A log file object as delivered to the bucket, with what a digest file lists about it. */
export interface DeliveredLogFile {
  key: string;
  region: string;
  deliveredAt: Date;
  /** Hex SHA-256 of the uncompressed file, as CloudTrail digests record it. */
  sha256: string;
  oldestEventTime: Date;
  newestEventTime: Date;
  recordCount: number;
  /** True for the second object of a file CloudTrail delivered twice. */
  isDuplicate: boolean;
}

/**
 * `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 alphanumerics>.json.gz`
 * (CloudTrail user guide, "CloudTrail log file name format").
 */
function logFileKey(random: SeededRandom, region: string, deliveredAt: Date): string {
  const name =
    `${DEMO_ACCOUNT_ID}_CloudTrail_${region}_${formatKeyMinute(deliveredAt)}_` +
    `${random.alphanumeric(16)}.json.gz`;
  return `AWSLogs/${DEMO_ACCOUNT_ID}/CloudTrail/${region}/${formatDatePath(deliveredAt)}/${name}`;
}

/** Delivery files are one line of compact JSON: `{"Records":[...]}`. */
function* serializeRecords(records: readonly CloudTrailRecord[]): Generator<string> {
  yield '{"Records":[';
  for (let index = 0; index < records.length; index += 1) {
    yield (index === 0 ? "" : ",") + JSON.stringify(records[index]);
  }
  yield "]}";
}

function isDuplicatedDelivery(file: PlannedLogFile): boolean {
  return (
    file.region === DUPLICATED_DELIVERY.region &&
    formatKeyMinute(file.deliveredAt) === DUPLICATED_DELIVERY.deliveryTime
  );
}

async function writeLogFile(
  outDir: string,
  random: SeededRandom,
  file: PlannedLogFile,
  deliveredAt: Date,
  isDuplicate: boolean,
): Promise<DeliveredLogFile> {
  const written = await writeObject({
    outDir,
    key: logFileKey(random, file.region, deliveredAt),
    chunks: serializeRecords(file.records),
    gzip: true,
  });
  return {
    key: written.key,
    region: file.region,
    deliveredAt,
    sha256: written.sha256,
    oldestEventTime: file.oldestEventTime,
    newestEventTime: file.newestEventTime,
    recordCount: file.records.length,
    isDuplicate,
  };
}

/**
 * Writes the CloudTrail S3 delivery files for all events. The file of
 * DUPLICATED_DELIVERY is written twice, with the same content under a second
 * unique suffix, so that ingest meets a file delivered twice.
 */
export async function writeCloudTrailLogFiles(options: {
  outDir: string;
  seed: number;
  events: readonly TrailEvent[];
}): Promise<DeliveredLogFile[]> {
  const random = createSeededRandom(options.seed, "cloudtrail-delivery");
  const planned = planCloudTrailDeliveries(random, options.events);
  const delivered: DeliveredLogFile[] = [];
  for (const file of planned) {
    delivered.push(await writeLogFile(options.outDir, random, file, file.deliveredAt, false));
    if (isDuplicatedDelivery(file)) {
      const again = addSeconds(file.deliveredAt, 1);
      delivered.push(await writeLogFile(options.outDir, random, file, again, true));
    }
  }
  return delivered;
}
