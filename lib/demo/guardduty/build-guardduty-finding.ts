import type { JsonObject, JsonValue } from "../cloudtrail/build-cloudtrail-record";
import {
  ATTACK,
  ATTACKER,
  DEMO_ACCOUNT_ID,
  GUARDDUTY_DETECTOR_ID,
  GUARDDUTY_FINDING,
  REPORTS_SVC,
} from "../scenario";

/** Version of the finding: the one printed by get-findings, or the later S3 export. */
export type FindingVersion = "getFindings" | "s3Export";

function remoteIpDetails(): JsonObject {
  return {
    city: { cityName: ATTACKER.city },
    country: { countryName: ATTACKER.countryName },
    geoLocation: { lat: ATTACKER.latitude, lon: ATTACKER.longitude },
    ipAddressV4: ATTACKER.ip,
    organization: {
      asn: ATTACKER.asn,
      asnOrg: ATTACKER.asnOrg,
      isp: ATTACKER.isp,
      org: ATTACKER.isp,
    },
  };
}

function service(version: FindingVersion): JsonObject {
  const snapshot = GUARDDUTY_FINDING[version];
  const firstStep = ATTACK.steps.getCallerIdentity;
  return {
    serviceName: "guardduty",
    detectorId: GUARDDUTY_DETECTOR_ID,
    action: {
      actionType: "AWS_API_CALL",
      awsApiCallAction: {
        api: firstStep.eventName,
        serviceName: firstStep.eventSource,
        callerType: "Remote IP",
        remoteIpDetails: remoteIpDetails(),
        userAgent: firstStep.userAgent,
        affectedResources: {},
      },
    },
    resourceRole: "TARGET",
    additionalInfo: { value: '{"threatListName":"ProofPoint"}', type: "default" },
    evidence: {
      threatIntelligenceDetails: [{ threatListName: "ProofPoint", threatNames: [] }],
    },
    eventFirstSeen: GUARDDUTY_FINDING.eventFirstSeen,
    eventLastSeen: snapshot.eventLastSeen,
    archived: false,
    count: snapshot.count,
  };
}

/**
 * Builds the MaliciousIPCaller finding on reports-svc's stolen key, in the
 * camelCase shape of S3 exports and EventBridge events (GuardDuty API
 * reference, "Finding"). Both versions share the id, and the export is the
 * later update.
 */
export function buildGuardDutyFinding(version: FindingVersion): JsonObject {
  const key = ATTACK.stolenAccessKeyId;
  const firstApi = ATTACK.steps.getCallerIdentity.eventName;
  return {
    schemaVersion: "2.0",
    accountId: DEMO_ACCOUNT_ID,
    region: GUARDDUTY_FINDING.region,
    partition: "aws",
    id: GUARDDUTY_FINDING.id,
    arn: GUARDDUTY_FINDING.arn,
    type: GUARDDUTY_FINDING.type,
    resource: {
      resourceType: "AccessKey",
      accessKeyDetails: {
        accessKeyId: key,
        principalId: REPORTS_SVC.principalId,
        userName: REPORTS_SVC.userName,
        userType: "IAMUser",
      },
    },
    service: service(version),
    severity: GUARDDUTY_FINDING.severity,
    createdAt: GUARDDUTY_FINDING.createdAt,
    updatedAt: GUARDDUTY_FINDING[version].updatedAt,
    title: `API ${firstApi} was invoked from a known malicious IP address.`,
    description:
      `API ${firstApi}, commonly used in discovery tactics, was ` +
      `invoked by user ${REPORTS_SVC.userName} with access key ${key} from known malicious ` +
      `IP address ${ATTACKER.ip} listed on ProofPoint.`,
  };
}

/**
 * Converts keys to the PascalCase member names the AWS CLI prints for
 * GetFindings (`Findings`, `AccessKeyDetails`), as in the get-findings example
 * of the AWS CLI reference. The JSON on the wire and in exports is camelCase.
 * Map keys such as `AWS::IAM::User` already start upper-case and stay as they are.
 */
export function toPascalCaseKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map(toPascalCaseKeys);
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  const result: JsonObject = {};
  for (const [name, child] of Object.entries(value)) {
    result[name.charAt(0).toUpperCase() + name.slice(1)] = toPascalCaseKeys(child);
  }
  return result;
}
