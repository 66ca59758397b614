import type { Rejection } from "@/lib/ingest/types";

/**
 * One VPC (or Transit Gateway) flow log record. Every field is present; a field that
 * the file's format does not carry, or that AWS wrote as `-`, is null.
 *
 * Counters (`packets`, `bytes`, `packetsLost*`) are JavaScript numbers, checked to be
 * safe integers (below 2^53, about 9 PB): a value past that is rejected, never rounded.
 */
export interface FlowRecord {
  version: number | null;
  accountId: string | null;
  interfaceId: string | null;
  srcAddr: string | null;
  dstAddr: string | null;
  srcPort: number | null;
  dstPort: number | null;
  /** IANA protocol number: 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6. */
  protocol: number | null;
  packets: number | null;
  bytes: number | null;
  /** Start and end of the capture window (the file holds Unix epoch seconds). */
  start: Date | null;
  end: Date | null;
  /** ACCEPT or REJECT. */
  action: string | null;
  /** OK, NODATA (no traffic in the window) or SKIPDATA (AWS dropped records). */
  logStatus: string | null;
  // Version 3
  vpcId: string | null;
  subnetId: string | null;
  instanceId: string | null;
  /** Bitmask of the TCP flags seen in the window: FIN 1, SYN 2, RST 4, SYN-ACK 18. */
  tcpFlags: number | null;
  /** IPv4, IPv6 or EFA. */
  type: string | null;
  pktSrcAddr: string | null;
  pktDstAddr: string | null;
  // Version 4
  region: string | null;
  azId: string | null;
  sublocationType: string | null;
  sublocationId: string | null;
  // Version 5
  pktSrcAwsService: string | null;
  pktDstAwsService: string | null;
  /** ingress or egress, relative to the interface. */
  flowDirection: string | null;
  /** 1–8: the path egress traffic took (8 = through an internet gateway). */
  trafficPath: number | null;
  // Version 7 (Amazon ECS)
  ecsClusterArn: string | null;
  ecsClusterName: string | null;
  ecsContainerInstanceArn: string | null;
  ecsContainerInstanceId: string | null;
  ecsContainerId: string | null;
  ecsSecondContainerId: string | null;
  ecsServiceName: string | null;
  ecsTaskDefinitionArn: string | null;
  ecsTaskArn: string | null;
  ecsTaskId: string | null;
  // Version 8
  /** Why traffic was rejected, e.g. BPA (VPC Block Public Access). */
  rejectReason: string | null;
  // Transit Gateway flow logs (version 6)
  resourceType: string | null;
  tgwId: string | null;
  tgwAttachmentId: string | null;
  tgwSrcVpcAccountId: string | null;
  tgwDstVpcAccountId: string | null;
  tgwSrcVpcId: string | null;
  tgwDstVpcId: string | null;
  tgwSrcSubnetId: string | null;
  tgwDstSubnetId: string | null;
  tgwSrcEni: string | null;
  tgwDstEni: string | null;
  tgwSrcAzId: string | null;
  tgwDstAzId: string | null;
  tgwPairAttachmentId: string | null;
  packetsLostNoRoute: number | null;
  packetsLostBlackhole: number | null;
  packetsLostMtuExceeded: number | null;
  packetsLostTtlExpired: number | null;
  /** Columns this parser does not know (a field AWS added later), by header name. */
  extra: Record<string, string | null>;
}

/** `index` is the zero-based line number of the record in its file. */
export type FlowLogItem =
  | { type: "flow"; index: number; record: FlowRecord; raw: string }
  | { type: "reject"; rejection: Rejection };

/** Running counts for one file; NODATA and SKIPDATA records are counted apart from errors. */
export interface FlowLogStats {
  lines: number;
  blank: number;
  headers: number;
  /** Records yielded, whatever their log status. */
  records: number;
  ok: number;
  nodata: number;
  skipdata: number;
  rejected: number;
}
