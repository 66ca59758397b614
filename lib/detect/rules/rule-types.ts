import type { JsonObject } from "@/lib/sources/common/json-fields";

import type { DetectionLookups } from "../detection-lookups";

/** Stages of an account compromise a signal can belong to; `containment` is the responders' work. */
export const PHASES = [
  "detection",
  "persistence",
  "reconnaissance",
  "privilege_escalation",
  "defense_evasion",
  "exfiltration",
  "containment",
] as const;

export type Phase = (typeof PHASES)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export type Severity = (typeof SEVERITIES)[number];

/** MITRE ATT&CK tactic ids (TA0003) and technique ids (T1098.001). */
export interface MitreMapping {
  tactics: string[];
  techniques: string[];
}

/** Log source a rule reads. */
export type RuleSource = "cloudtrail" | "guardduty" | "vpcflow";

/** Description of a rule for the analyst who reads its signals. */
export interface RuleMetadata {
  id: string;
  source: RuleSource;
  title: string;
  /** Meaning of a hit and the checks to make next. */
  description: string;
  severity: Severity;
  phase: Phase;
  /** Contribution of one hit to its incident's score, unless the hit sets its own. */
  score: number;
  mitre: MitreMapping;
  references: string[];
  /**
   * Record fields the rule reads, as dotted paths such as
   * `requestParameters.userName`. Each must exist in its source's field list
   * (see source-fields.ts), or the rule is rejected when rules load.
   */
  fields: readonly string[];
}

/** A CloudTrail event offered to the rules, with its record decoded from `raw`. */
export interface CandidateEvent {
  /** `events.id`, as text because it is a bigint. */
  id: string;
  /** CloudTrail eventID. */
  naturalId: string;
  eventTime: Date;
  accountId: string | null;
  region: string | null;
  eventSource: string | null;
  eventName: string;
  principalKey: string;
  principalArn: string | null;
  principalType: string | null;
  principalName: string | null;
  accessKeyId: string | null;
  /** The address in inet text form, as baselines store it. */
  sourceIp: string | null;
  userAgent: string | null;
  errorCode: string | null;
  record: JsonObject;
}

/** A key created by CreateAccessKey, recorded in `access_keys` with its lineage. */
export interface CreatedAccessKey {
  accessKeyId: string;
  principalKey: string;
  createdAt: Date;
  createdByKey: string | null;
  createdByEventId: string;
}

/** Additions to, or changes from, a rule's metadata for one event. */
export interface RuleHit {
  score?: number;
  severity?: Severity;
  title?: string;
  /** Principal acted upon: the user a key was created for, the user a responder contained. */
  subjectKey?: string | null;
  /** Access key acted upon: the key created, deactivated or deleted. */
  relatedKeyId?: string | null;
  details?: Record<string, unknown>;
  createdKey?: CreatedAccessKey;
}

export interface RuleContext {
  event: CandidateEvent;
  lookups: DetectionLookups;
}

export interface CloudTrailRule extends RuleMetadata {
  /** CloudTrail eventName values the rule reads; other events are never loaded for it. */
  eventNames: readonly string[];
  /**
   * Further events the rule reads, whatever their name: an SQL condition over
   * `events e`, with `accepts` as the same test for an event in memory.
   */
  candidates?: { sql: string; accepts: (event: CandidateEvent) => boolean };
  /** Returns a hit, or null when the event does not match. */
  match(context: RuleContext): Promise<RuleHit | null>;
}

/**
 * A CloudTrail event as stream rules see it: the columns they test, without
 * the decoded record. Rules read many events per group, so the columns only a
 * signal copies are loaded for hits alone (StreamSignalEvent).
 */
export interface StreamEvent {
  id: string;
  naturalId: string;
  eventTime: Date;
  eventSource: string | null;
  eventName: string;
  principalKey: string;
  principalType: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  errorCode: string | null;
  readOnly: boolean | null;
}

/** A stream event with the further columns that the signal of a hit copies. */
export interface StreamSignalEvent extends StreamEvent {
  accountId: string | null;
  region: string | null;
  principalName: string | null;
  userAgent: string | null;
}

/** A stream rule's hit on one event of the stream. */
export interface StreamHit {
  event: StreamEvent;
  score?: number;
  severity?: Severity;
  title?: string;
  details?: Record<string, unknown>;
}

/**
 * A rule over a sequence of events rather than one event: bursts of calls
 * and travel between countries. The engine hands it the events of one
 * principal (or one access key) in time order.
 */
export interface StreamRule extends RuleMetadata {
  groupBy: "principal" | "accessKey";
  /** How far before and after the events under evaluation the rule needs to see. */
  lookbackMs: number;
  /** When set, the events read are widened to whole periods of this length (clock hours for an hour). */
  alignMs?: number;
  /** SQL condition over `events e` that selects the events the rule reads. */
  candidateSql: string;
  /** True for the events the rule reads; the same test as candidateSql, for events held in memory. */
  accepts(event: StreamEvent): boolean;
  /**
   * Returns the hits in the events of one group, which are in time order. A
   * long group comes in pages, each preceded by the events within
   * `lookbackMs` before it, so a hit may depend only on earlier events.
   */
  detect(events: readonly StreamEvent[], lookups: StreamLookups): Promise<StreamHit[]>;
  /**
   * Returns the hits of one `alignMs` period whose events do not fit a page,
   * given their count and a reader of the n-th one, so that the period is not
   * held in memory. Without it, such a period is collected whole for detect().
   */
  detectLargePeriod?(period: LargePeriod, lookups: StreamLookups): Promise<StreamHit[]>;
}

/** A period of a group's candidate events read through queries instead of held in memory. */
export interface LargePeriod {
  /** The group's key: the principal key when the rule groups by principal. */
  key: string;
  start: Date;
  /** Number of the group's candidate events in the period. */
  count: number;
  /** Returns the candidate event at `index`, ordered by time and then CloudTrail event id. */
  eventAt(index: number): Promise<StreamEvent>;
}

/** Look-ups a stream rule may need beyond the events themselves. */
export interface StreamLookups {
  /** True when a GuardDuty finding already reports this key calling from this address near this time. */
  isReportedByFinding(input: { accessKeyId: string | null; address: string | null; at: Date }): Promise<boolean>;
  /** Largest number of the principal's events matching `candidateSql` in one clock hour between `from` and `to`. */
  peakHourlyCount(input: { principalKey: string; candidateSql: string; from: Date; to: Date }): Promise<number>;
}
