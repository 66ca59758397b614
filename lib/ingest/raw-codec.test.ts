import { describe, expect, it } from "vitest";

import {
  decodeRaw,
  encodeRaw,
  RAW_CODEC_DEFLATE_V1,
  RAW_CODEC_DEFLATE_V2,
  RAW_CODEC_PLAIN,
  RAW_CODEC_ZSTD_V3,
} from "./raw-codec";

describe("raw codec", () => {
  it("round-trips exact bytes", () => {
    const input = Buffer.from('{ "eventID" : "a\\u0000b",  "x":1.0 }\n', "utf8");
    const { codec, data } = encodeRaw(input);
    expect(codec).toBe(RAW_CODEC_ZSTD_V3);
    expect(decodeRaw(codec, data).equals(input)).toBe(true);
  });

  it("still reads codec 2", () => {
    const input = Buffer.from('{"eventVersion":"1.09","eventID":"y","userAgent":"aws-cli/2.15.0"}', "utf8");
    const { codec, data } = encodeRaw(input, RAW_CODEC_DEFLATE_V2);
    expect(codec).toBe(RAW_CODEC_DEFLATE_V2);
    expect(decodeRaw(RAW_CODEC_DEFLATE_V2, data).equals(input)).toBe(true);
  });

  it("keeps bytes after the next call", () => {
    const first = encodeRaw(Buffer.from('{"eventID":"1"}')).data;
    const saved = Buffer.from(first);
    encodeRaw(Buffer.from('{"eventID":"2","eventName":"ListBuckets"}'));
    expect(first.equals(saved)).toBe(true);
    expect(decodeRaw(RAW_CODEC_ZSTD_V3, first).toString()).toBe('{"eventID":"1"}');
  });

  it("still reads codec 1", () => {
    const input = Buffer.from('{"eventVersion":"1.08","eventID":"x"}', "utf8");
    const { codec, data } = encodeRaw(input, RAW_CODEC_DEFLATE_V1);
    expect(codec).toBe(RAW_CODEC_DEFLATE_V1);
    expect(decodeRaw(RAW_CODEC_DEFLATE_V1, data).equals(input)).toBe(true);
  });

  it("round-trips bytes that are not UTF-8", () => {
    const input = Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x00, 0x7d]);
    expect(decodeRaw(RAW_CODEC_ZSTD_V3, encodeRaw(input).data).equals(input)).toBe(true);
  });

  it("round-trips a record larger than the window", () => {
    const input = Buffer.from(JSON.stringify({ requestParameters: { policy: "x".repeat(100_000) } }), "utf8");
    expect(decodeRaw(RAW_CODEC_ZSTD_V3, encodeRaw(input).data).equals(input)).toBe(true);
  });

  it("compresses a typical record", () => {
    const record = JSON.stringify({
      eventVersion: "1.08",
      userIdentity: { type: "IAMUser", principalId: "AIDAEXAMPLE", arn: "arn:aws:iam::111122223333:user/alice", accountId: "111122223333" },
      eventTime: "2026-11-17T02:18:00Z",
      eventSource: "s3.amazonaws.com",
      eventName: "ListBuckets",
      awsRegion: "us-east-1",
      sourceIPAddress: "203.0.113.9",
      userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 botocore/2.4.5",
      requestParameters: null,
      responseElements: null,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: "111122223333",
      eventCategory: "Management",
    });
    const { data } = encodeRaw(Buffer.from(record));
    expect(data.length).toBeLessThan(record.length / 2);
    expect(data.length).toBeLessThan(encodeRaw(Buffer.from(record), RAW_CODEC_DEFLATE_V1).data.length);
  });

  it("throws on cut codec 3 bytes", () => {
    const { data } = encodeRaw(Buffer.from('{"eventID":"z","eventName":"ListBuckets"}'));
    expect(() => decodeRaw(RAW_CODEC_ZSTD_V3, data.subarray(0, data.length - 3))).toThrow();
  });

  it("rejects an unknown codec", () => {
    expect(() => decodeRaw(9, Buffer.alloc(0))).toThrow(/Unknown raw record codec 9/);
  });

  it("reads plain rows", () => {
    expect(decodeRaw(RAW_CODEC_PLAIN, Buffer.from("{}")).toString()).toBe("{}");
  });
});
