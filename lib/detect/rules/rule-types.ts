import type { JsonObject } from "@/lib/sources/common/json-fields";

import type { DetectionLookups } from "../detection-lookups";

/** Stage of an account compromise a signal belongs to; `containment` is the responders' work. */
export type Phase =
  | "detection"
  | "persistence"
  | "reconnaissance"
  | "privilege_escalation"
  | "defense_evasion"
  | "exfiltration"
  | "containment";

export type Severity = "low" | "medium" | "high" | "critical";

/** MITRE ATT&CK tactic ids (TA0003) and technique ids (T1098.001). */
export interface MitreMapping {
  tactics: string[];
  techniques: string[];
}

/** Description of a rule for the analyst who reads its signals. */
export interface RuleMetadata {
  id: string;
  title: string;
  /** Meaning of a hit and the checks to make next. */
  description: string;
  severity: Severity;
  phase: Phase;
  /** Contribution of one hit to its incident's score, unless the hit sets its own. */
  score: number;
  mitre: MitreMapping;
  references: string[];
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
  /** Returns a hit, or null when the event does not match. */
  match(context: RuleContext): Promise<RuleHit | null>;
}
