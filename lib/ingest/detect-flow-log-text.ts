/**
 * Recognises VPC and Transit Gateway flow logs in text form. S3 delivery writes a
 * header line of field names (Amazon VPC User Guide, "Flow log records"), and files
 * without one use the default version 2 format of 14 space-separated fields.
 */
import { EXPORT_TIMESTAMP } from "@/lib/sources/vpcflow/parse-flow-log";

const HEADER_FIELDS = new Set([
  "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
  "protocol", "packets", "bytes", "start", "end", "action", "log-status", "vpc-id",
  "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region",
  "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service",
  "pkt-dst-aws-service", "flow-direction", "traffic-path", "resource-type", "tgw-id",
  "tgw-attachment-id", "tgw-src-vpc-account-id", "tgw-dst-vpc-account-id",
  "tgw-src-vpc-id", "tgw-dst-vpc-id", "tgw-src-subnet-id", "tgw-dst-subnet-id",
  "tgw-src-eni", "tgw-dst-eni", "tgw-src-az-id", "tgw-dst-az-id", "tgw-pair-attachment-id",
  "packets-lost-no-route", "packets-lost-blackhole", "packets-lost-mtu-exceeded",
  "packets-lost-ttl-expired", "reject-reason", "ecs-cluster-arn", "ecs-cluster-name",
  "ecs-container-instance-arn", "ecs-container-instance-id", "ecs-container-id",
  "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn", "ecs-task-arn",
  "ecs-task-id",
]);

const LOG_STATUS = new Set(["OK", "NODATA", "SKIPDATA"]);
const ACTION = new Set(["ACCEPT", "REJECT", "-"]);

/** Returns why the text is a flow log, or null when it is not one. */
export function detectFlowLogText(head: Buffer): string | null {
  const lines = firstLines(head, 5);
  if (lines.length === 0) {
    return null;
  }
  const fields = lines[0].split(/\s+/);
  if (fields.every((f) => HEADER_FIELDS.has(f)) && fields.length >= 2) {
    return `a flow log header line of ${fields.length} field names (${fields.slice(0, 4).join(" ")} ...)`;
  }
  const records = lines.map((line) => line.split(/\s+/));
  if (records.every(isDefaultFormat)) {
    return "flow log records in the default 14-field format (version 2)";
  }
  if (records.every(isCustomFormat)) {
    return "flow log records in a custom format without a header line";
  }
  if (records.every((fields) => EXPORT_TIMESTAMP.test(fields[0]) && isDefaultFormat(fields.slice(1)))) {
    return "a CloudWatch Logs export of flow log records in the default 14-field format, each after its timestamp";
  }
  return null;
}

function isDefaultFormat(fields: string[]): boolean {
  return (
    fields.length === 14 &&
    /^\d$/.test(fields[0]) &&
    (/^\d{12}$/.test(fields[1]) || fields[1] === "unknown" || fields[1] === "-") &&
    ACTION.has(fields[12]) &&
    LOG_STATUS.has(fields[13])
  );
}

function isCustomFormat(fields: string[]): boolean {
  // Without a header the order is unknown; a version first, enough columns and a
  // log status somewhere are what every format in the samples has in common.
  return fields.length >= 14 && /^[2-9]$/.test(fields[0]) && fields.some((f) => LOG_STATUS.has(f));
}

function firstLines(head: Buffer, count: number): string[] {
  const text = head.subarray(0, 16 * 1024).toString("latin1");
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && head.length > 16 * 1024) {
    lines.pop(); // possibly cut in the middle
  }
  return lines.map((l) => l.trim()).filter((l) => l !== "").slice(0, count);
}
