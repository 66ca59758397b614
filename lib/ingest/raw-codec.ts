import { deflateRawSync, inflateRawSync } from "node:zlib";

import { Compressor, Decompressor } from "zstd-napi";

import { TRAINED_DICTIONARY_V2_BASE64 } from "./raw-dictionary-v2";
import { ZSTD_DICTIONARY_V3_BASE64 } from "./raw-dictionary-v3";

/**
 * Raw records are kept byte-exact, compressed with a dictionary of the
 * strings AWS repeats in every record. PostgreSQL compresses
 * only rows above about 2 KB, and most log records are smaller, so jsonb would
 * keep them uncompressed; jsonb would also reorder keys and reject `\u0000`.
 * The codec number is stored beside each row, so the dictionary can change
 * without rewriting old rows.
 */
export const RAW_CODEC_PLAIN = 0;
export const RAW_CODEC_DEFLATE_V1 = 1;
export const RAW_CODEC_DEFLATE_V2 = 2;
export const RAW_CODEC_ZSTD_V3 = 3;

// Field names and values common to CloudTrail, GuardDuty and flow records.
// Deflate looks back at most 32 KiB, and strings near the end of the
// dictionary are the cheapest to reference, so the most frequent come last.
const DICTIONARY_V1 = Buffer.from(
  [
    '"schemaVersion":"2.0","accountId":"","region":"","partition":"aws","type":"","severity":',
    '"resource":{"resourceType":"AccessKey","accessKeyDetails":{"accessKeyId":"","principalId":"","userName":"","userType":"IAMUser"}},',
    '"service":{"serviceName":"guardduty","detectorId":"","action":{"actionType":"AWS_API_CALL","awsApiCallAction":{"api":"","serviceName":"","callerType":"Remote IP","remoteIpDetails":{"ipAddressV4":"","organization":{"asn":"","asnOrg":"","isp":"","org":""},"country":{"countryName":""},"city":{"cityName":""},"geoLocation":{"lat":,"lon":}}}},',
    '"eventFirstSeen":"","eventLastSeen":"","archived":false,"count":1},"createdAt":"","updatedAt":"","title":"","description":""}',
    '"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":".amazonaws.com"},',
    '"sessionCredentialFromConsole":"true","additionalEventData":{"MFAUsed":"Yes","LoginTo":"https://console.aws.amazon.com/","MobileVersion":"No"},',
    '"resources":[{"accountId":"","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::"}],"responseElements":null,"requestParameters":null,',
    '"errorCode":"AccessDenied","errorMessage":"User: arn:aws:iam:: is not authorized to perform: ",',
    '"sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA","arn":"arn:aws:iam::","accountId":"","userName":""},"webIdFederationData":{},"attributes":{"creationDate":"","mfaAuthenticated":"false"}},',
    '{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::","accountId":"","accessKeyId":"AKIA","userName":""},"eventTime":"20',
    '"eventSource":"iam.amazonaws.com","eventName":"","awsRegion":"us-east-1","sourceIPAddress":"","userAgent":"aws-cli/2. Python/3. Linux/ botocore/",',
    '"requestID":"","eventID":"","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"","eventCategory":"Management"}',
  ].join(""),
  "utf8",
);

// Codec 1's strings, then 8 KiB of substrings that generated CloudTrail
// records share, trained by bench/raw-dictionary/build-raw-dictionary.ts.
// Against codec 1 it stores generated records in 273 instead of 454 bytes
// and the public CloudTrail samples in 410 instead of 452 (averages).
const DICTIONARY_V2 = Buffer.concat([DICTIONARY_V1, Buffer.from(TRAINED_DICTIONARY_V2_BASE64, "base64")]);

// A 16 KiB window fits the 10 KiB dictionary and a typical record, and a
// larger one only costs memory to set up on every call. Most of the 30-40 µs
// of CPU a record takes is that setup and loading the dictionary, so levels 1
// to 6 differ by a few µs only (measured on generated records, 2-core AMD
// EPYC, Node 20).
const DEFLATE_V2 = { dictionary: DICTIONARY_V2, level: 6, windowBits: 14 };

/**
 * Copies a small result of node:zlib out of the 16 KiB output buffer it is a
 * slice of, which it would otherwise keep alive: 5,000 rows waiting for their
 * chunk held 80 MB that way.
 */
function ownCopy(slice: Buffer): Buffer {
  return Buffer.from(slice);
}

// Codec 3 is Zstandard with a 64 KiB dictionary trained by
// bench/raw-dictionary/build-zstd-dictionary.ts. zstd prepares the dictionary
// once per process, where node:zlib loads codec 2's for every record, so a
// record takes about 4.5 µs of CPU instead of 40 (figures in docs/benchmarks.md).
// The level changes only what is written, not how it is read.
const ZSTD_LEVEL = 3;

let zstdCodec: { compressor: Compressor; decompressor: Decompressor } | undefined;

function zstdCodecV3(): { compressor: Compressor; decompressor: Decompressor } {
  if (zstdCodec === undefined) {
    const dictionary = Buffer.from(ZSTD_DICTIONARY_V3_BASE64, "base64");
    const compressor = new Compressor();
    // The codec number already names the dictionary, so frames leave out its
    // id. They leave out zstd's checksum too, as codecs 1 and 2 store none.
    compressor.setParameters({ compressionLevel: ZSTD_LEVEL, dictIDFlag: false, checksumFlag: false });
    compressor.loadDictionary(dictionary);
    const decompressor = new Decompressor();
    decompressor.loadDictionary(dictionary);
    zstdCodec = { compressor, decompressor };
  }
  return zstdCodec;
}

/** Compresses a record's exact bytes for the `raw` column, with codec 3 unless another is named. */
export function encodeRaw(bytes: Buffer, codec: number = RAW_CODEC_ZSTD_V3): { codec: number; data: Buffer } {
  switch (codec) {
    case RAW_CODEC_PLAIN:
      return { codec, data: bytes };
    case RAW_CODEC_DEFLATE_V1:
      return { codec, data: ownCopy(deflateRawSync(bytes, { dictionary: DICTIONARY_V1, level: 6 })) };
    case RAW_CODEC_DEFLATE_V2:
      return { codec, data: ownCopy(deflateRawSync(bytes, DEFLATE_V2)) };
    case RAW_CODEC_ZSTD_V3:
      // The compressor returns a copy sized to the result, not a slice of a larger buffer.
      return { codec, data: zstdCodecV3().compressor.compress(bytes) };
    default:
      throw new Error(`Unknown raw record codec ${codec}; this build writes codecs 0 to 3.`);
  }
}

/** Returns the exact bytes stored by `encodeRaw`. */
export function decodeRaw(codec: number, data: Buffer | Uint8Array): Buffer {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
  switch (codec) {
    case RAW_CODEC_PLAIN:
      return buffer;
    case RAW_CODEC_DEFLATE_V1:
      return inflateRawSync(buffer, { dictionary: DICTIONARY_V1 });
    case RAW_CODEC_DEFLATE_V2:
      return inflateRawSync(buffer, { dictionary: DICTIONARY_V2, windowBits: 14 });
    case RAW_CODEC_ZSTD_V3:
      return zstdCodecV3().decompressor.decompress(buffer);
    default:
      throw new Error(`Unknown raw record codec ${codec}; this build reads codecs 0 to 3.`);
  }
}
