import { createSeededRandom } from "../create-seeded-random";
import { formatDatePath } from "../format-aws-time";
import {
  buildGuardDutyFinding,
  toPascalCaseKeys,
} from "../guardduty/build-guardduty-finding";
import { DEMO_ACCOUNT_ID, GUARDDUTY_FINDING } from "../scenario";
import { writeObject, type WrittenObject } from "./write-object";

export const GET_FINDINGS_KEY = "guardduty/get-findings.json";

/**
 * Writes the finding twice: as GuardDuty's S3 export (gzipped JSON Lines at
 * `AWSLogs/<account>/GuardDuty/<region>/YYYY/MM/DD/<uuid>.jsonl.gz`) and as the
 * output of `aws guardduty get-findings`, indented by four spaces like the CLI.
 */
export async function writeGuardDutyFiles(options: {
  outDir: string;
  seed: number;
}): Promise<WrittenObject[]> {
  const random = createSeededRandom(options.seed, "guardduty");
  const exportDay = formatDatePath(new Date(GUARDDUTY_FINDING.s3Export.updatedAt));
  const exportKey =
    `AWSLogs/${DEMO_ACCOUNT_ID}/GuardDuty/${GUARDDUTY_FINDING.region}/${exportDay}/` +
    `${random.uuid()}.jsonl.gz`;
  const exported = await writeObject({
    outDir: options.outDir,
    key: exportKey,
    chunks: [`${JSON.stringify(buildGuardDutyFinding("s3Export"))}\n`],
    gzip: true,
  });
  const cliOutput = { Findings: [toPascalCaseKeys(buildGuardDutyFinding("getFindings"))] };
  const printed = await writeObject({
    outDir: options.outDir,
    key: GET_FINDINGS_KEY,
    chunks: [`${JSON.stringify(cliOutput, null, 4)}\n`],
    gzip: false,
  });
  return [exported, printed];
}
