import { writeAccessAdvisorReports } from "./files/write-access-advisor-reports";
import { writeCloudTrailDigestFiles } from "./files/write-cloudtrail-digest-files";
import { writeCloudTrailLogFiles } from "./files/write-cloudtrail-log-files";
import { writeGuardDutyFiles } from "./files/write-guardduty-files";
import { writeVpcFlowLogFiles } from "./files/write-vpc-flow-log-files";
import { generateTrailEvents } from "./generate-trail-events";
import { DEMO_SEED } from "./scenario";

export interface GenerateDemoFilesOptions {
  /** Folder that plays the role of the log bucket; created when missing. */
  outDir: string;
  /** Seed of the ordinary activity and of ids; DEMO_SEED when omitted. */
  seed?: number;
}

export interface DemoFileCounts {
  /** Distinct CloudTrail records; the duplicated delivery adds no new ones. */
  cloudtrailRecords: number;
  /** CloudTrail log file objects, including the second copy of the duplicated file. */
  cloudtrailFiles: number;
  cloudtrailDuplicateFiles: number;
  cloudtrailDigestFiles: number;
  guarddutyFindings: number;
  guarddutyFiles: number;
  vpcFlowRecords: number;
  vpcFlowFiles: number;
  accessAdvisorFiles: number;
}

export interface GenerateDemoFilesResult {
  /** Paths relative to outDir, with forward slashes: the S3 object keys. Sorted. */
  files: string[];
  counts: DemoFileCounts;
}

/**
 * Writes the demo scenario as native AWS log files under `outDir`: CloudTrail
 * delivery and digest files, a GuardDuty S3 export and get-findings output,
 * VPC Flow Logs for the attack day and Access Advisor reports. The same seed
 * gives byte-identical files. Files already in `outDir` are left in place and
 * overwritten only where a key is the same.
 */
export async function generateDemoFiles(
  options: GenerateDemoFilesOptions,
): Promise<GenerateDemoFilesResult> {
  const seed = options.seed ?? DEMO_SEED;
  const { outDir } = options;
  const events = generateTrailEvents({ seed });
  const logFiles = await writeCloudTrailLogFiles({ outDir, seed, events });
  const digests = await writeCloudTrailDigestFiles({ outDir, seed, logFiles });
  const guardduty = await writeGuardDutyFiles({ outDir, seed });
  const flowLogs = await writeVpcFlowLogFiles({ outDir, seed });
  const accessAdvisor = await writeAccessAdvisorReports({ outDir, events });
  const files = [logFiles, digests, guardduty, flowLogs, accessAdvisor]
    .flatMap((written) => written.map((file) => file.key))
    .sort();
  return {
    files,
    counts: {
      cloudtrailRecords: events.length,
      cloudtrailFiles: logFiles.length,
      cloudtrailDuplicateFiles: logFiles.filter((file) => file.isDuplicate).length,
      cloudtrailDigestFiles: digests.length,
      guarddutyFindings: 1,
      guarddutyFiles: guardduty.length,
      vpcFlowRecords: flowLogs.reduce((sum, file) => sum + file.recordCount, 0),
      vpcFlowFiles: flowLogs.length,
      accessAdvisorFiles: accessAdvisor.length,
    },
  };
}
