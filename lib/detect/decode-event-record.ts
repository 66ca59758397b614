import { decodeRaw } from "@/lib/ingest/raw-codec";
import { isObject, type JsonObject } from "@/lib/sources/common/json-fields";
import { isEventBridgeEnvelope, unwrapEventBridge } from "@/lib/sources/cloudtrail/unwrap-eventbridge";

/**
 * Parses the stored bytes of a CloudTrail event into its record. The bytes
 * may be an EventBridge envelope around the record. Throws when they are not
 * a JSON object.
 */
export function decodeEventRecord(rawCodec: number, raw: Buffer): JsonObject | null {
  return parseEventRecord(decodeRaw(rawCodec, raw));
}

/** Parses the decoded bytes of a stored CloudTrail event, as decodeEventRecord does. */
export function parseEventRecord(text: Buffer): JsonObject | null {
  const parsed: unknown = JSON.parse(text.toString("utf8"));
  if (!isObject(parsed)) {
    return null;
  }
  return isEventBridgeEnvelope(parsed) ? (unwrapEventBridge(parsed)?.record ?? null) : parsed;
}
