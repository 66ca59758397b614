/**
 * EventBridge delivers CloudTrail records wrapped in an event envelope whose
 * `detail` is the record (detail-types "AWS API Call via CloudTrail", "AWS Console
 * Sign In via CloudTrail", "AWS Service Event via CloudTrail", ...). The envelope's
 * `id` and `time` belong to the EventBridge delivery, not to the API call, so the
 * record's identity always comes from `detail`.
 */
export interface EventBridgeEnvelope {
  id: string | null;
  time: string | null;
  source: string | null;
}

export interface UnwrappedEvent {
  record: Record<string, unknown>;
  envelope: EventBridgeEnvelope;
  detailType: string;
}

const CLOUDTRAIL_SUFFIX = "via CloudTrail";

/** True for any EventBridge envelope (it has `detail-type` and `detail`). */
export function isEventBridgeEnvelope(value: Record<string, unknown>): boolean {
  return typeof value["detail-type"] === "string" && "detail" in value;
}

export function isCloudTrailDetailType(detailType: string): boolean {
  return detailType.endsWith(CLOUDTRAIL_SUFFIX);
}

/** The CloudTrail record inside an envelope, or null when it is not one. */
export function unwrapEventBridge(value: Record<string, unknown>): UnwrappedEvent | null {
  const detailType = value["detail-type"];
  const detail = value.detail;
  if (typeof detailType !== "string" || !isCloudTrailDetailType(detailType)) {
    return null;
  }
  if (detail === null || typeof detail !== "object" || Array.isArray(detail)) {
    return null;
  }
  return {
    record: detail as Record<string, unknown>,
    detailType,
    envelope: {
      id: stringOrNull(value.id),
      time: stringOrNull(value.time),
      source: stringOrNull(value.source),
    },
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
