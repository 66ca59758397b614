import { isServicePrincipal } from "../baseline-values";
import { failureDetails } from "./read-event-fields";
import type { CloudTrailRule, MitreMapping } from "./rule-types";

const DISCOVERY = "TA0007";

interface DiscoveryRuleSpec {
  id: string;
  title: string;
  subject: string;
  eventNames: readonly string[];
  mitre: MitreMapping;
  references: string[];
}

/**
 * Builds a discovery rule. Listing calls are everyday work for administrators
 * and tools, so they count only from an address and network the principal
 * started using within the novelty window. Only the first call of each API
 * from that address counts, because a console page repeats the same listing.
 */
function createDiscoveryRule(spec: DiscoveryRuleSpec): CloudTrailRule {
  return {
    id: spec.id,
    source: "cloudtrail",
    fields: ["sourceIPAddress", "userAgent", "userIdentity.type", "errorCode", "errorMessage"],
    title: spec.title,
    description:
      `${spec.subject} listed from an address this principal had not used before. Someone ` +
      "holding stolen credentials usually looks around first. Check whether the address and " +
      "user agent belong to the principal's owner, and what the same credentials did next.",
    severity: "medium",
    phase: "reconnaissance",
    score: 10,
    mitre: spec.mitre,
    references: spec.references,
    eventNames: spec.eventNames,
    async match({ event, lookups }) {
      if (isServicePrincipal(event)) {
        return null;
      }
      const place = await lookups.placeNovelty(event);
      if (place.verdict !== "new" || !(await lookups.isFirstCallFromAddress(event, place.address.valueFirstSeen))) {
        return null;
      }
      const country = await lookups.countryNovelty(event);
      return {
        title: `${event.eventName} from a new address`,
        details: { ...failureDetails(event), novelty: { address: place.address, network: place.network, country } },
      };
    },
  };
}

export const storageDiscoveryRule = createDiscoveryRule({
  id: "recon-storage-discovery",
  title: "S3 buckets listed from a new address",
  subject: "S3 buckets were",
  eventNames: ["ListBuckets"],
  mitre: { tactics: [DISCOVERY], techniques: ["T1619"] },
  references: [
    "https://attack.mitre.org/techniques/T1619/",
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html",
  ],
});

export const identityDiscoveryRule = createDiscoveryRule({
  id: "recon-identity-discovery",
  title: "IAM identities listed from a new address",
  subject: "IAM users, roles, keys or account settings were",
  eventNames: [
    "GetAccountAuthorizationDetails",
    "GetAccountSummary",
    "ListAccessKeys",
    "ListAttachedUserPolicies",
    "ListGroups",
    "ListPolicies",
    "ListRoles",
    "ListUsers",
  ],
  mitre: { tactics: [DISCOVERY], techniques: ["T1087.004", "T1069.003"] },
  references: [
    "https://attack.mitre.org/techniques/T1087/004/",
    "https://attack.mitre.org/techniques/T1069/003/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html",
  ],
});

export const infrastructureDiscoveryRule = createDiscoveryRule({
  id: "recon-infrastructure-discovery",
  title: "Cloud infrastructure listed from a new address",
  subject: "Instances, databases or snapshots were",
  eventNames: ["DescribeInstances", "DescribeDBInstances", "DescribeSnapshots", "ListFunctions20150331"],
  mitre: { tactics: [DISCOVERY], techniques: ["T1580"] },
  references: [
    "https://attack.mitre.org/techniques/T1580/",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html",
  ],
});
