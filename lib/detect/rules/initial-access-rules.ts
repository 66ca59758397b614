import { getString } from "@/lib/sources/common/json-fields";

import { addressSql } from "../baseline-values";
import { addressOwnerLabel, type AsnRecord, formatAsn, lookupAsn } from "../lookup-asn";
import { failureDetails } from "./read-event-fields";
import type { CloudTrailRule } from "./rule-types";

const INITIAL_ACCESS = "TA0001";
const VALID_CLOUD_ACCOUNTS = "T1078.004";
const HOUR_MS = 3_600_000;

export const consoleLoginWithoutMfaRule: CloudTrailRule = {
  id: "console-login-without-mfa",
  source: "cloudtrail",
  title: "Console sign-in without MFA",
  description:
    "An IAM user or the root user signed in to the console with a password alone. A stolen password is " +
    "then enough to take over the account. Check whether the address and browser are the user's, " +
    "whether the user has an MFA device, and what the session did next.",
  severity: "medium",
  phase: "detection",
  score: 15,
  mitre: { tactics: [INITIAL_ACCESS], techniques: [VALID_CLOUD_ACCOUNTS] },
  references: [
    "https://attack.mitre.org/techniques/T1078/004/",
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html",
  ],
  fields: [
    "errorCode",
    "responseElements.ConsoleLogin",
    "additionalEventData.MFAUsed",
    "additionalEventData.SamlProviderArn",
    "userIdentity.type",
  ],
  eventNames: ["ConsoleLogin"],
  async match({ event }) {
    // Federated sign-ins (AssumedRole, SAML, Identity Center) leave MFA to the identity provider.
    const federated = getString(event.record, "additionalEventData", "SamlProviderArn") !== null;
    if ((event.principalType !== "IAMUser" && event.principalType !== "Root") || federated) {
      return null;
    }
    const outcome = getString(event.record, "responseElements", "ConsoleLogin");
    const mfaUsed = getString(event.record, "additionalEventData", "MFAUsed");
    // CloudTrail writes MFAUsed as "Yes" or "YES" depending on the record.
    if (event.errorCode !== null || outcome !== "Success" || mfaUsed?.toLowerCase() === "yes") {
      return null;
    }
    const root = event.principalType === "Root";
    return {
      score: root ? 25 : 15,
      severity: root ? "high" : "medium",
      title: `${root ? "Root user" : (event.principalName ?? "IAM user")} signed in to the console without MFA`,
      details: { mfaUsed, consoleLogin: outcome },
    };
  },
};

export const rootActivityRule: CloudTrailRule = {
  id: "root-activity",
  source: "cloudtrail",
  title: "Root user activity",
  description:
    "The account's root user made a call. Day-to-day work never needs the root user, so its use " +
    "means either a rare task (billing, account closure) or someone holding the root credentials. " +
    "Check who holds them, whether MFA protects them, and every call of the session.",
  severity: "high",
  phase: "detection",
  score: 20,
  mitre: { tactics: [INITIAL_ACCESS, "TA0004"], techniques: [VALID_CLOUD_ACCOUNTS] },
  references: [
    "https://attack.mitre.org/techniques/T1078/004/",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
  ],
  fields: ["userIdentity.type", "userIdentity.invokedBy", "eventType", "errorCode", "errorMessage"],
  eventNames: [],
  candidates: { sql: "e.principal_type = 'Root'", accepts: (event) => event.principalType === "Root" },
  async match({ event, lookups }) {
    // A service acting for the root user (invokedBy) or an AWS service event is not the user at work.
    if (getString(event.record, "userIdentity", "invokedBy") !== null || getString(event.record, "eventType") === "AwsServiceEvent") {
      return null;
    }
    // One signal per session: only the first root call after an hour of quiet counts.
    if (!(await lookups.isFirstCallWithin(event, HOUR_MS))) {
      return null;
    }
    return {
      title: `Root user called ${event.eventName}`,
      details: { ...failureDetails(event), quietBeforeMs: HOUR_MS },
    };
  },
};

const LONG_TERM_KEY = /^AKIA/;

// The first call of a principal from a network: its baseline entry for the
// address's /24 or /48 was first seen at this very event.
const FIRST_NETWORK_USE_SQL = `e.access_key_id LIKE 'AKIA%' AND e.source_ip IS NOT NULL AND EXISTS (
  SELECT 1 FROM baseline_entries b
  WHERE b.principal_key = e.principal_key AND b.dimension = 'network'
    AND b.value = ${addressSql("network", "e.source_ip")} AND b.first_seen = e.event_time)`;

export const longTermKeyNewPlaceRule: CloudTrailRule = {
  id: "access-key-new-network",
  source: "cloudtrail",
  title: "Long-term access key used from a new network",
  description:
    "A long-term access key (AKIA) signed a call from a network, and perhaps a country, its user had " +
    "not used before. Keys leak through code, laptops and CI logs, and a leaked key is used from the " +
    "attacker's network. Check whether the address belongs to the user or its workloads, and what else " +
    "the key did from there. From an AWS-owned address a new country does not raise the severity, because " +
    "it is where an AWS region's data centre is. Calls a GuardDuty finding already reports are not signalled again.",
  severity: "medium",
  phase: "detection",
  score: 10,
  mitre: { tactics: [INITIAL_ACCESS], techniques: [VALID_CLOUD_ACCOUNTS] },
  references: [
    "https://attack.mitre.org/techniques/T1078/004/",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
  ],
  fields: ["userIdentity.accessKeyId", "sourceIPAddress", "userAgent"],
  eventNames: [],
  candidates: { sql: FIRST_NETWORK_USE_SQL, accepts: (event) => LONG_TERM_KEY.test(event.accessKeyId ?? "") },
  async match({ event, lookups }) {
    const place = await lookups.placeNovelty(event);
    const firstUse = place.network.valueFirstSeen !== null && Date.parse(place.network.valueFirstSeen) === event.eventTime.getTime();
    if (place.network.verdict !== "new" || !firstUse) {
      return null;
    }
    if (await lookups.isReportedByFinding({ accessKeyId: event.accessKeyId, address: event.sourceIp, at: event.eventTime })) {
      return null;
    }
    const country = await lookups.countryNovelty(event);
    const owner = lookupAsn(event.sourceIp);
    const awsOwned = owner?.awsOwned ?? false;
    const newCountry = country.verdict === "new" && !awsOwned;
    return {
      score: newCountry ? 15 : 10,
      severity: newCountry ? "high" : "medium",
      title: `Access key ${event.accessKeyId} used from a new ${newPlaceLabel(newCountry ? country.value : null, owner)}`,
      details: { addressOwner: owner === null ? null : addressOwnerLabel(owner), novelty: { address: place.address, network: place.network, country } },
    };
  },
};

function newPlaceLabel(newCountry: string | null, owner: AsnRecord | null): string {
  if (newCountry !== null) {
    return `country (${newCountry})`;
  }
  return owner?.awsOwned ? `AWS-owned network (${formatAsn(owner)})` : "network";
}

// A principal's first call from an autonomous system: one of its `asn`
// baseline entries was first seen at this very event. Which ASN it is can
// only be checked in match(), because SQL cannot map an address to its ASN.
const FIRST_ASN_USE_SQL = `e.access_key_id LIKE 'AKIA%' AND e.source_ip IS NOT NULL AND EXISTS (
  SELECT 1 FROM baseline_entries b
  WHERE b.principal_key = e.principal_key AND b.dimension = 'asn' AND b.first_seen = e.event_time)`;

export const longTermKeyNewAsnRule: CloudTrailRule = {
  id: "access-key-new-asn",
  source: "cloudtrail",
  title: "Long-term access key used from a new ASN",
  description:
    "A long-term access key (AKIA) signed a call from an autonomous system, the provider that routes " +
    "the address, that its user had not used before. A new address at the user's usual provider is " +
    "routine, but a leaked key usually shows up at a hosting company, VPN or another country's carrier. " +
    "Check who the organization is, whether the user or its workloads use it, and what else the key " +
    "did from there. Amazon's own ASNs are left out, because every AWS customer's EC2, Lambda and " +
    "CloudShell traffic comes from them. Calls a GuardDuty finding already reports are not signalled again.",
  severity: "medium",
  phase: "detection",
  score: 5,
  mitre: { tactics: [INITIAL_ACCESS], techniques: [VALID_CLOUD_ACCOUNTS] },
  references: [
    "https://attack.mitre.org/techniques/T1078/004/",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    "https://www.rfc-editor.org/rfc/rfc1930",
  ],
  fields: ["userIdentity.accessKeyId", "sourceIPAddress"],
  eventNames: [],
  candidates: { sql: FIRST_ASN_USE_SQL, accepts: (event) => LONG_TERM_KEY.test(event.accessKeyId ?? "") },
  async match({ event, lookups }) {
    const asn = await lookups.asnNovelty(event);
    const firstUse = asn.valueFirstSeen !== null && Date.parse(asn.valueFirstSeen) === event.eventTime.getTime();
    if (asn.verdict !== "new" || !firstUse) {
      return null;
    }
    const owner = lookupAsn(event.sourceIp);
    if (owner === null || owner.awsOwned) {
      return null;
    }
    if (await lookups.isReportedByFinding({ accessKeyId: event.accessKeyId, address: event.sourceIp, at: event.eventTime })) {
      return null;
    }
    return {
      title: `Access key ${event.accessKeyId} used from a new ASN (${formatAsn(owner)})`,
      details: { addressOwner: formatAsn(owner), novelty: { asn } },
    };
  },
};
