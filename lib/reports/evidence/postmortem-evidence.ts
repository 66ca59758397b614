import type { IncidentSummary } from "@/lib/incidents/list-incidents";

import type { IncidentMetrics } from "../incident-metrics";

/** Everything a postmortem draft is written from. Times are ISO 8601 strings in UTC. */
export interface PostmortemEvidence {
  generatedAt: string;
  incident: IncidentSummary & {
    escalatedAt: string | null;
    resolvedAt: string | null;
    commander: string | null;
  };
  metrics: IncidentMetrics;
  window: { start: string; end: string };
  /** Addresses that non-containment signals were raised on. */
  attackerAddresses: string[];
  /** Access keys of the non-containment signals: the keys the attacker used or created. */
  attackAccessKeyIds: string[];
  /** Access keys created inside the incident window. */
  createdAccessKeyIds: string[];
  signals: SignalEvidence[];
  cloudtrail: CloudTrailEvidence;
  findings: FindingEvidence[];
  flows: FlowEvidence;
  accessAdvisor: AccessAdvisorEvidence;
  attackEvents: AttackEventList;
  checklists: ChecklistEvidence[];
  containment: ContainmentEvidence;
  teamActions: TeamAction[];
  posture: PrincipalPosture;
}

export interface SignalEvidence {
  at: string;
  phase: string;
  severity: string;
  score: number;
  ruleId: string;
  title: string;
  source: string;
  naturalId: string;
  eventName: string | null;
  principalKey: string;
  sourceIp: string | null;
  accessKeyId: string | null;
  /** The other key a signal is about: the key created, or the key a containment call acted on. */
  relatedKeyId: string | null;
}

export interface CountRow {
  key: string;
  count: number;
}

export interface EventNameRow {
  eventName: string;
  count: number;
  /** Calls that returned an error code. */
  errors: number;
  /** Calls from an attacker address or with a key created in the window. */
  fromAttacker: number;
  first: string;
  last: string;
}

export interface HourRow {
  /** Start of the UTC hour. */
  hour: string;
  count: number;
  fromAttacker: number;
}

/** CloudTrail events of the incident's principals and access keys within the window, aggregated. */
export interface CloudTrailEvidence {
  total: number;
  fromAttacker: number;
  errors: number;
  /** The most frequent event names, at most TOP_EVENT_NAMES. */
  byEventName: EventNameRow[];
  /** Distinct event names, including those left out of `byEventName`. */
  eventNameCount: number;
  byHour: HourRow[];
  topAddresses: CountRow[];
}

export interface FindingEvidence {
  id: string;
  type: string;
  title: string;
  severityLabel: string;
  count: number;
  createdAt: string;
  eventFirstSeen: string | null;
  eventLastSeen: string | null;
  remoteIps: string[];
}

export interface FlowRow {
  start: string;
  srcAddr: string | null;
  dstAddr: string | null;
  dstPort: number | null;
  protocol: number | null;
  action: string | null;
  packets: number;
  bytes: number;
  interfaceId: string | null;
}

/** VPC flow records to or from the attacker addresses within the window. */
export interface FlowEvidence {
  total: number;
  accepted: number;
  rejected: number;
  packets: number;
  bytes: number;
  first: string | null;
  last: string | null;
  /** Destination ports by record count, for example `22/tcp`. */
  ports: CountRow[];
  /** The earliest records, at most FLOW_SAMPLE. */
  sample: FlowRow[];
}

export interface AccessAdvisorService {
  serviceNamespace: string;
  serviceName: string;
  lastAuthenticated: string | null;
  neverUsed: boolean;
}

export interface AccessAdvisorEvidence {
  principalArn: string | null;
  reportedAt: string | null;
  services: AccessAdvisorService[];
}

export interface AttackEvent {
  at: string;
  source: string;
  naturalId: string;
  eventName: string | null;
  principalName: string | null;
  sourceIp: string | null;
  accessKeyId: string | null;
  errorCode: string | null;
}

/** Events from the attacker addresses or keys, the earliest first, capped at ATTACK_EVENT_LIMIT. */
export interface AttackEventList {
  total: number;
  events: AttackEvent[];
}

export interface ChecklistAnswerEvidence {
  itemId: string;
  answer: string;
  reason: string | null;
  evidence: unknown;
  answeredBy: string;
  answeredAt: string;
}

export interface ChecklistEvidence {
  checklist: string;
  answers: ChecklistAnswerEvidence[];
  conclusion: {
    conclusion: string;
    summary: string;
    decidedBy: string;
    decidedAt: string;
  } | null;
}

export interface ContainmentStepEvidence {
  position: number;
  action: string;
  description: string;
  status: string;
  mode: string | null;
  executedBy: string | null;
  executedAt: string | null;
}

export interface ContainmentPlanEvidence {
  principalKey: string;
  status: string;
  proposedBy: string;
  proposedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  rationale: string | null;
  completedAt: string | null;
  steps: ContainmentStepEvidence[];
}

export interface ContainmentEvidence {
  plans: ContainmentPlanEvidence[];
  /** Containment calls seen in CloudTrail, from the containment signals. */
  loggedActions: SignalEvidence[];
}

export interface TeamAction {
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AccessKeyPosture {
  accessKeyId: string;
  /** `long-term` for AKIA keys, `temporary` for ASIA session keys. */
  kind: "long-term" | "temporary" | "unknown";
  createdAt: string | null;
  firstSeen: string | null;
  /** True when the key was created inside the incident window. */
  createdDuringIncident: boolean;
}

export interface PrincipalPosture {
  principalKey: string;
  principalType: string | null;
  principalName: string | null;
  /** When the principal's first event in the logs happened. */
  firstSeen: string | null;
  /** Events of the principal before the first malicious event. */
  eventsBeforeAttack: number;
  /** Of those, how many were signed with a long-term (AKIA) key. */
  longTermKeyEvents: number;
  /** Of those, how many came from a browser or the AWS console. */
  consoleEvents: number;
  /** Of those, how many came from an SDK, the CLI or infrastructure tooling. */
  programmaticEvents: number;
  topUserAgents: CountRow[];
  consoleLogins: number;
  /** Console sign-ins with MFA plus session events marked mfaAuthenticated. */
  mfaEvidence: number;
  /** Events whose raw record was read for MFA evidence. */
  mfaRecordsChecked: number;
  accessKeys: AccessKeyPosture[];
}
