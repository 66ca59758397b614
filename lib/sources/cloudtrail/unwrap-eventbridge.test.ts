import { describe, expect, it } from "vitest";

import { isEventBridgeEnvelope, unwrapEventBridge } from "./unwrap-eventbridge";

const detail = { eventID: "d-1", eventTime: "2024-03-05T12:00:00Z", eventName: "ConsoleLogin" };
const envelope = {
  version: "0",
  id: "envelope-id",
  "detail-type": "AWS Console Sign In via CloudTrail",
  source: "aws.signin",
  account: "111122223333",
  time: "2024-03-05T12:00:03Z",
  region: "us-east-1",
  resources: [],
  detail,
};

describe("unwrapEventBridge", () => {
  it("returns the record and the envelope's delivery metadata", () => {
    expect(unwrapEventBridge(envelope)).toEqual({
      record: detail,
      detailType: "AWS Console Sign In via CloudTrail",
      envelope: { id: "envelope-id", time: "2024-03-05T12:00:03Z", source: "aws.signin" },
    });
  });

  it("returns null for other detail-types and for a detail that is not an object", () => {
    expect(unwrapEventBridge({ ...envelope, "detail-type": "GuardDuty Finding" })).toBeNull();
    expect(unwrapEventBridge({ ...envelope, detail: "text" })).toBeNull();
    expect(unwrapEventBridge(detail)).toBeNull();
  });

  it("tells envelopes from records", () => {
    expect(isEventBridgeEnvelope(envelope)).toBe(true);
    expect(isEventBridgeEnvelope(detail)).toBe(false);
  });
});
