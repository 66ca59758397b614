/**
 * Reads what an S3 key (or a local copy of a bucket) says about a log file. AWS
 * writes log files under a fixed layout:
 *
 *   [prefix/]AWSLogs/[o-<org id>/]<account>/<service>/<region>/YYYY/MM/DD/<file>
 *
 * (CloudTrail User Guide, "Finding your CloudTrail log files"; the `o-<org id>`
 * segment appears for organization trails; VPC Flow Logs may add an `HH/` folder
 * when hourly partitions are on).
 */
export type S3KeyKind =
  | "cloudtrail"
  | "cloudtrail-digest"
  | "cloudtrail-insight"
  | "vpcflow"
  | "guardduty";

export interface S3KeyInfo {
  kind: S3KeyKind;
  /** Organization id of an organization trail (`o-...`), else null. */
  orgId: string | null;
  /** The 12-digit account the file belongs to; never the org segment. */
  accountId: string;
  region: string;
  /** Delivery slot from the file name (`..._20240305T1200Z_...`), else null. */
  slot: Date | null;
  /** Day of the date folders, `YYYY-MM-DD`. */
  day: string;
  /** Everything before `AWSLogs/`, without the trailing slash, or null. */
  prefix: string | null;
  /** Bucket name when the key was given as an `s3://bucket/...` URL. */
  bucket: string | null;
  fileName: string;
}

const SERVICE_KINDS: Record<string, S3KeyKind> = {
  CloudTrail: "cloudtrail",
  "CloudTrail-Digest": "cloudtrail-digest",
  "CloudTrail-Insight": "cloudtrail-insight",
  vpcflowlogs: "vpcflow",
  GuardDuty: "guardduty",
};

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
// 20240305T1200Z (log and Insights files) or 20240305T120000Z (digest files).
const SLOT = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z(?:_|\.)/;

export function parseS3Key(key: string): S3KeyInfo | null {
  const { bucket, path } = splitUrl(key.replace(/\\/g, "/"));
  const segments = path.split("/");
  const root = segments.indexOf("AWSLogs");
  if (root < 0) {
    return null;
  }
  let at = root + 1;
  let orgId: string | null = null;
  if (ORG_ID.test(segments[at] ?? "")) {
    orgId = segments[at];
    at++;
  }
  const [accountId, service, region, year, month, day, ...rest] = segments.slice(at);
  const kind = SERVICE_KINDS[service ?? ""];
  if (!kind || !ACCOUNT_ID.test(accountId ?? "") || !REGION.test(region ?? "")) {
    return null;
  }
  const date = dayOf(year, month, day);
  const fileName = fileNameOf(rest, kind);
  if (!date || !fileName) {
    return null;
  }
  const prefix = segments.slice(0, root).join("/");
  return {
    kind,
    orgId,
    accountId,
    region,
    slot: slotOf(fileName),
    day: date,
    prefix: prefix === "" ? null : prefix,
    bucket,
    fileName,
  };
}

function splitUrl(key: string): { bucket: string | null; path: string } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(key);
  return match ? { bucket: match[1], path: match[2] } : { bucket: null, path: key };
}

function dayOf(year?: string, month?: string, day?: string): string | null {
  if (!/^\d{4}$/.test(year ?? "") || !/^\d{2}$/.test(month ?? "") || !/^\d{2}$/.test(day ?? "")) {
    return null;
  }
  const value = `${year}-${month}-${day}`;
  return realDate(Number(year), Number(month), Number(day)) ? value : null;
}

function fileNameOf(rest: string[], kind: S3KeyKind): string | null {
  // VPC Flow Logs can be partitioned by hour: .../YYYY/MM/DD/HH/<file>.
  const parts = kind === "vpcflow" && rest.length === 2 && /^\d{2}$/.test(rest[0]) ? rest.slice(1) : rest;
  if (parts.length !== 1 || parts[0] === "") {
    return null;
  }
  return parts[0];
}

function slotOf(fileName: string): Date | null {
  const m = SLOT.exec(fileName);
  if (!m) {
    return null;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0));
  if (!realDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
