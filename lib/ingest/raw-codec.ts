import { deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * Raw records are kept byte-exact, compressed with raw deflate and a preset
 * dictionary of the strings AWS repeats in every record. PostgreSQL compresses
 * only rows above about 2 KB, and most log records are smaller, so jsonb would
 * keep them uncompressed; jsonb would also reorder keys and reject `\u0000`.
 * The codec number is stored beside each row, so the dictionary can change
 * without rewriting old rows.
 */
export const RAW_CODEC_PLAIN = 0;
export const RAW_CODEC_DEFLATE_V1 = 1;

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

/** Compresses a record's exact bytes for the `raw` column. */
export function encodeRaw(bytes: Buffer): { codec: number; data: Buffer } {
  return { codec: RAW_CODEC_DEFLATE_V1, data: deflateRawSync(bytes, { dictionary: DICTIONARY_V1, level: 6 }) };
}

/** Returns the exact bytes stored by `encodeRaw`. */
export function decodeRaw(codec: number, data: Buffer | Uint8Array): Buffer {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
  switch (codec) {
    case RAW_CODEC_PLAIN:
      return buffer;
    case RAW_CODEC_DEFLATE_V1:
      return inflateRawSync(buffer, { dictionary: DICTIONARY_V1 });
    default:
      throw new Error(`Unknown raw record codec ${codec}; this build reads codecs 0 and 1.`);
  }
}
