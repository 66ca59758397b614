/**
 * Types shared by the file readers, the per-source parsers and the store.
 * Data flows one way: bytes -> parser -> ParsedItem -> store.
 */

export type SourceName = "cloudtrail" | "guardduty" | "vpcflow" | "accessAdvisor";

/** What a file turned out to be once its key and first bytes were read. */
export type FileKind =
  | "cloudtrail"
  | "cloudtrail-digest"
  | "cloudtrail-eventbridge"
  | "guardduty"
  | "vpcflow"
  | "vpcflow-parquet"
  | "accessAdvisor"
  | "unknown";

/** Actor of a CloudTrail record, resolved to the principal an analyst recognises. */
export interface Actor {
  /**
   * Stable key used for baselines and correlation. Never null: records with no
   * identity get a key of their own kind (for example `service:ec2.amazonaws.com`
   * or `unknown:<accountId>`), so that they do not collapse into one pseudo-user.
   */
  key: string;
  /** userIdentity.type as written by AWS, or "None" when the record has no userIdentity. */
  type: string;
  /** ARN of the principal (a role ARN for an assumed-role session), or null. */
  arn: string | null;
  accountId: string | null;
  /** User name, role name, or Identity Center user id when nothing better exists. */
  name: string | null;
  /** Role session name of an assumed-role session; it often names the human. */
  sessionName: string | null;
  /** Identity store ARN for IdentityCenterUser actors. */
  namespace: string | null;
  /** Identity Center user id or IAM principal id. */
  id: string | null;
}

/** One CloudTrail record, normalised, with its exact bytes. */
export interface CloudTrailEvent {
  eventId: string;
  eventTime: Date;
  eventName: string;
  eventSource: string;
  /** recipientAccountId, else userIdentity.accountId. */
  accountId: string | null;
  region: string | null;
  actor: Actor;
  accessKeyId: string | null;
  /** A real IPv4 or IPv6 address from sourceIPAddress, else null. */
  sourceIp: string | null;
  /** sourceIPAddress when it is not an address: a service host name or "AWS Internal". */
  sourceService: string | null;
  userAgent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  readOnly: boolean | null;
  /** eventType, for example AwsApiCall, AwsConsoleSignIn, AwsCloudTrailInsight. */
  eventType: string | null;
  /** True when any value in the record is HIDDEN_DUE_TO_SECURITY_REASONS. */
  redacted: boolean;
  /** The parsed record (the `detail` of an EventBridge envelope). */
  record: Record<string, unknown>;
  /** Exact bytes of the record as it appeared in the input. */
  raw: Buffer;
  /** Delivery metadata of an EventBridge envelope (id, time, source), else null. */
  envelope: { id: string | null; time: string | null; source: string | null } | null;
}

/** A record that could not be stored, with enough detail for a person to fix it. */
export interface Rejection {
  /** Zero-based index of the record in its file, or null when the file as a whole failed. */
  recordIndex: number | null;
  /** JSON path or column of the offending field, for example `Records[3].eventTime`. */
  field: string | null;
  reason: string;
  /** The record's bytes as read, when they could be isolated. */
  raw: Buffer | null;
  /** True when reading stopped at this rejection, so the rest of the file was not read. */
  stopsFile?: boolean;
}

export type ParsedItem =
  | { type: "cloudtrail"; index: number; event: CloudTrailEvent }
  | { type: "reject"; rejection: Rejection };
