import { findDigestMismatches, type DigestMismatches } from "@/lib/ingest/coverage/find-digest-mismatches";
import { plural } from "@/lib/reports/markdown/markdown-text";

import { withDatabaseSession } from "./database-session";

function hourText(iso: string): string {
  return `${iso.slice(0, 13).replace("T", " ")}:00`;
}

function printHuman(result: DigestMismatches): void {
  const lines = [
    `${plural(result.digests, "CloudTrail digest file lists", "CloudTrail digest files list")} ${plural(result.logFiles, "log file")}: ` +
      `${result.missing.length} not ingested, ${result.altered.length} altered after delivery` +
      (result.unverified > 0 ? `, ${result.unverified} ingested before content hashes were kept (not compared)` : "") +
      ".",
  ];
  for (const gap of result.missing) {
    const hours = gap.fromHour === gap.toHour ? hourText(gap.fromHour) : `${hourText(gap.fromHour)} to ${hourText(gap.toHour)}`;
    lines.push(`missing  ${gap.accountId ?? "-"} ${gap.region ?? "-"} ${hours} UTC  ${gap.s3Key} (${gap.reason})`);
  }
  for (const file of result.altered) {
    lines.push(
      `altered  ${file.accountId ?? "-"} ${file.region ?? "-"} ${hourText(file.fromHour)} UTC  ${file.path}: ` +
        `SHA-256 of the content is ${file.ingestedSha256}, the digest lists ${file.expectedSha256}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * `watchfloor coverage`: the log files CloudTrail digests list that were never
 * ingested, and the ingested ones whose content differs from the digest.
 * Exit status 0 when there are none, 2 otherwise.
 */
export async function runCoverageCommand(options: { json?: boolean }): Promise<number> {
  const result = await withDatabaseSession(() => findDigestMismatches());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    printHuman(result);
  }
  return result.missing.length > 0 || result.altered.length > 0 ? 2 : 0;
}
