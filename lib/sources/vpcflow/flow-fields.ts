import type { FlowRecord } from "./types";

/**
 * How a column's text is read:
 * int: small non-negative integer, with an upper bound; count: safe integer counter;
 * ip: IPv4 or IPv6 address; time: Unix epoch seconds; text: kept as written;
 * keyword: one of the listed values, as written.
 */
export type FieldKind =
  | { kind: "int"; max: number }
  | { kind: "count" }
  | { kind: "ip" }
  | { kind: "time" }
  | { kind: "text" }
  | { kind: "keyword"; values: readonly string[] };

type Key = Exclude<keyof FlowRecord, "extra">;

export interface FieldSpec {
  key: Key;
  read: FieldKind;
}

const text = { kind: "text" } as const;
const ip = { kind: "ip" } as const;
const count = { kind: "count" } as const;
const time = { kind: "time" } as const;
const port = { kind: "int", max: 65_535 } as const;
// The values AWS writes besides `-`, as the Amazon VPC User Guide shows them ("Flow log record examples").
const action = { kind: "keyword", values: ["ACCEPT", "REJECT"] } as const;
const logStatus = { kind: "keyword", values: ["OK", "NODATA", "SKIPDATA"] } as const;

/**
 * The fields of VPC flow log versions 2 to 8 and of Transit Gateway flow logs, by the
 * names a custom format and the S3 header line use (Amazon VPC User Guide, "Flow log
 * records" > "Available fields"; Transit Gateways guide, "Transit Gateway Flow Log
 * records"). Versions 2–5 are listed in the default order, which is the order of the
 * 29-field "all v5 fields" format.
 */
export const FLOW_FIELDS: Readonly<Record<string, FieldSpec>> = {
  version: { key: "version", read: { kind: "int", max: 255 } },
  "account-id": { key: "accountId", read: text },
  "interface-id": { key: "interfaceId", read: text },
  srcaddr: { key: "srcAddr", read: ip },
  dstaddr: { key: "dstAddr", read: ip },
  srcport: { key: "srcPort", read: port },
  dstport: { key: "dstPort", read: port },
  protocol: { key: "protocol", read: { kind: "int", max: 255 } },
  packets: { key: "packets", read: count },
  bytes: { key: "bytes", read: count },
  start: { key: "start", read: time },
  end: { key: "end", read: time },
  action: { key: "action", read: action },
  "log-status": { key: "logStatus", read: logStatus },
  "vpc-id": { key: "vpcId", read: text },
  "subnet-id": { key: "subnetId", read: text },
  "instance-id": { key: "instanceId", read: text },
  "tcp-flags": { key: "tcpFlags", read: { kind: "int", max: 255 } },
  type: { key: "type", read: text },
  "pkt-srcaddr": { key: "pktSrcAddr", read: ip },
  "pkt-dstaddr": { key: "pktDstAddr", read: ip },
  region: { key: "region", read: text },
  "az-id": { key: "azId", read: text },
  "sublocation-type": { key: "sublocationType", read: text },
  "sublocation-id": { key: "sublocationId", read: text },
  "pkt-src-aws-service": { key: "pktSrcAwsService", read: text },
  "pkt-dst-aws-service": { key: "pktDstAwsService", read: text },
  "flow-direction": { key: "flowDirection", read: text },
  "traffic-path": { key: "trafficPath", read: { kind: "int", max: 255 } },
  "ecs-cluster-arn": { key: "ecsClusterArn", read: text },
  "ecs-cluster-name": { key: "ecsClusterName", read: text },
  "ecs-container-instance-arn": { key: "ecsContainerInstanceArn", read: text },
  "ecs-container-instance-id": { key: "ecsContainerInstanceId", read: text },
  "ecs-container-id": { key: "ecsContainerId", read: text },
  "ecs-second-container-id": { key: "ecsSecondContainerId", read: text },
  "ecs-service-name": { key: "ecsServiceName", read: text },
  "ecs-task-definition-arn": { key: "ecsTaskDefinitionArn", read: text },
  "ecs-task-arn": { key: "ecsTaskArn", read: text },
  "ecs-task-id": { key: "ecsTaskId", read: text },
  "reject-reason": { key: "rejectReason", read: text },
  "resource-type": { key: "resourceType", read: text },
  "tgw-id": { key: "tgwId", read: text },
  "tgw-attachment-id": { key: "tgwAttachmentId", read: text },
  "tgw-src-vpc-account-id": { key: "tgwSrcVpcAccountId", read: text },
  "tgw-dst-vpc-account-id": { key: "tgwDstVpcAccountId", read: text },
  "tgw-src-vpc-id": { key: "tgwSrcVpcId", read: text },
  "tgw-dst-vpc-id": { key: "tgwDstVpcId", read: text },
  "tgw-src-subnet-id": { key: "tgwSrcSubnetId", read: text },
  "tgw-dst-subnet-id": { key: "tgwDstSubnetId", read: text },
  "tgw-src-eni": { key: "tgwSrcEni", read: text },
  "tgw-dst-eni": { key: "tgwDstEni", read: text },
  "tgw-src-az-id": { key: "tgwSrcAzId", read: text },
  "tgw-dst-az-id": { key: "tgwDstAzId", read: text },
  "tgw-pair-attachment-id": { key: "tgwPairAttachmentId", read: text },
  "packets-lost-no-route": { key: "packetsLostNoRoute", read: count },
  "packets-lost-blackhole": { key: "packetsLostBlackhole", read: count },
  "packets-lost-mtu-exceeded": { key: "packetsLostMtuExceeded", read: count },
  "packets-lost-ttl-expired": { key: "packetsLostTtlExpired", read: count },
};

/** The default format: the version 2 fields, in this order. */
export const DEFAULT_FORMAT: readonly string[] = [
  "version",
  "account-id",
  "interface-id",
  "srcaddr",
  "dstaddr",
  "srcport",
  "dstport",
  "protocol",
  "packets",
  "bytes",
  "start",
  "end",
  "action",
  "log-status",
];

export function emptyFlowRecord(): FlowRecord {
  const record = { extra: {} } as FlowRecord;
  for (const spec of Object.values(FLOW_FIELDS)) {
    record[spec.key] = null;
  }
  return record;
}

const FIELD_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * A line is a header when every token reads as a field name and at least half of them
 * are names this parser knows, so a header with a field AWS added later still counts
 * while a record of ids and region names (`us-east-1 use1-az5`) does not.
 */
export function isHeaderLine(tokens: string[]): boolean {
  if (tokens.length === 0 || !tokens.every((t) => FIELD_NAME.test(t))) {
    return false;
  }
  const known = tokens.filter((t) => t in FLOW_FIELDS).length;
  return known > 0 && known * 2 >= tokens.length;
}

/** Accepts `${srcaddr}` (a LogFormat string's notation) as well as `srcaddr`. */
export function normalizeFormat(format: string[] | string): string[] {
  const names = typeof format === "string" ? format.trim().split(/\s+/) : format;
  return names.map((name) => name.trim().replace(/^\$\{(.*)\}$/, "$1"));
}
