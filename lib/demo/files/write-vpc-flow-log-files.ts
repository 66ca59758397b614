import { createSeededRandom } from "../create-seeded-random";
import { addMinutes, formatDatePath, formatKeyMinute } from "../format-aws-time";
import { DEMO_ACCOUNT_ID, DEMO_REGION, VPC } from "../scenario";
import {
  formatFlowLogLine,
  generateFlowLogRecords,
  type FlowLogRecord,
} from "../vpcflow/generate-flow-log-records";
import { writeObject } from "./write-object";

/** The header line of a text flow log file in the default format. */
export const FLOW_LOG_HEADER =
  "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

export interface WrittenFlowLogFile {
  key: string;
  recordCount: number;
}

/**
 * `AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/<account>_vpcflowlogs_<region>_<flow log id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz`.
 * The time in the name is when the file was published, which is after the
 * traffic it contains (Amazon VPC user guide, "Flow log files"). So a file
 * that contains one hour is named for the end of that hour.
 */
function flowLogKey(publishedAt: Date, hash: string): string {
  const name =
    `${DEMO_ACCOUNT_ID}_vpcflowlogs_${DEMO_REGION}_${VPC.flowLogId}_` +
    `${formatKeyMinute(publishedAt)}_${hash}.log.gz`;
  const folder = `AWSLogs/${DEMO_ACCOUNT_ID}/vpcflowlogs/${DEMO_REGION}`;
  return `${folder}/${formatDatePath(publishedAt)}/${name}`;
}

function* flowLogLines(records: readonly FlowLogRecord[]): Generator<string> {
  yield `${FLOW_LOG_HEADER}\n`;
  for (const record of records) {
    yield `${formatFlowLogLine(record)}\n`;
  }
}

/** Writes one flow log file per hour of the flow log day. */
export async function writeVpcFlowLogFiles(options: {
  outDir: string;
  seed: number;
}): Promise<WrittenFlowLogFile[]> {
  const random = createSeededRandom(options.seed, "vpc-flow-logs");
  const dayStart = new Date(`${VPC.flowLogDay}T00:00:00Z`);
  const written: WrittenFlowLogFile[] = [];
  for (let hour = 0; hour < 24; hour += 1) {
    const hourStart = addMinutes(dayStart, hour * 60);
    const records = generateFlowLogRecords(random, hourStart);
    const object = await writeObject({
      outDir: options.outDir,
      key: flowLogKey(addMinutes(hourStart, 60), random.hex(8)),
      chunks: flowLogLines(records),
      gzip: true,
    });
    written.push({ key: object.key, recordCount: records.length });
  }
  return written;
}
