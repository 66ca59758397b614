import type { Rejection } from "@/lib/ingest/types";

/** GuardDuty's severity bands (Amazon GuardDuty User Guide, "Severity levels of findings"). */
export type SeverityLabel = "Low" | "Medium" | "High" | "Critical";

/** Watchfloor's attack phases, shared with the CloudTrail rules. */
export type WatchfloorPhase =
  | "detection"
  | "persistence"
  | "reconnaissance"
  | "privilege_escalation"
  | "defense_evasion"
  | "exfiltration";

/** The principal whose access key the finding is about (`resource.accessKeyDetails`). */
export interface FindingPrincipal {
  userName: string | null;
  userType: string | null;
  principalId: string | null;
  accessKeyId: string | null;
}

export interface FindingNetworkInterface {
  networkInterfaceId: string | null;
  privateIp: string | null;
  publicIp: string | null;
}

export interface FindingInstance {
  instanceId: string | null;
  networkInterfaces: FindingNetworkInterface[];
}

export interface FindingBucket {
  name: string | null;
  arn: string | null;
}

/** `service.action.awsApiCallAction`, the call GuardDuty flagged. */
export interface FindingApiCall {
  name: string | null;
  serviceName: string | null;
  callerType: string | null;
  errorCode: string | null;
}

/** One remote address found anywhere under `service.action`. */
export interface RemoteActor {
  ip: string;
  /** Autonomous system number; GuardDuty writes it as text ("64500"). */
  asn: number | null;
  asnOrg: string | null;
  isp: string | null;
  org: string | null;
  country: string | null;
  countryCode: string | null;
  city: string | null;
  /** Port on the AWS side (`localPortDetails.port`), for port probes and connections. */
  localPort: number | null;
  remotePort: number | null;
  /** Where it was found, relative to `service.action`, e.g. `portProbeAction.portProbeDetails[1]`. */
  source: string;
}

/** Delivery metadata of an EventBridge envelope; its `id` is not the finding id. */
export interface FindingEnvelope {
  id: string | null;
  time: string | null;
  source: string | null;
}

export interface GuardDutyFinding {
  id: string;
  arn: string | null;
  type: string;
  title: string | null;
  description: string | null;
  /** A float from 0 to 10: 2 and 2.0 are the same severity. */
  severity: number;
  severityLabel: SeverityLabel;
  accountId: string | null;
  region: string | null;
  partition: string | null;
  /** Finding bookkeeping times. */
  createdAt: Date | null;
  updatedAt: Date | null;
  /** The interval of the activity itself: use these for the timeline. */
  eventFirstSeen: Date | null;
  eventLastSeen: Date | null;
  /** How many times GuardDuty saw the activity; grows when the finding is re-exported. */
  count: number | null;
  /** True for findings made by CreateSampleFindings (`additionalInfo.sample`). */
  sample: boolean;
  archived: boolean | null;
  resourceType: string | null;
  principal: FindingPrincipal | null;
  instance: FindingInstance | null;
  s3Buckets: FindingBucket[];
  actionType: string | null;
  api: FindingApiCall | null;
  remoteActors: RemoteActor[];
  phase: WatchfloorPhase;
  /** Fields that were present but unreadable, so were set to null. */
  warnings: string[];
  /** The finding object as given (the `detail` of an EventBridge event). */
  record: Record<string, unknown>;
  /** The finding's bytes: as given by the caller, else the finding re-serialised. */
  raw: Buffer;
  envelope: FindingEnvelope | null;
}

export type GuardDutyItem =
  /** `path` is the finding's JSON path in the value it was read from: `detail` for an EventBridge event. */
  | { type: "guardduty"; index: number; finding: GuardDutyFinding; path: string }
  | { type: "reject"; rejection: Rejection };
