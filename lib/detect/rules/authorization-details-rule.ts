import { isServicePrincipal } from "../baseline-values";
import { failureDetails } from "./read-event-fields";
import type { CloudTrailRule } from "./rule-types";

export const authorizationDetailsRule: CloudTrailRule = {
  id: "iam-authorization-details-dump",
  source: "cloudtrail",
  title: "All IAM authorization details read",
  description:
    "GetAccountAuthorizationDetails returns every user, group, role and policy of the account in one " +
    "call, the first thing enumeration tools such as Pacu and ScoutSuite run. Check whether the caller " +
    "is a known audit tool, and what it did next. Principals that call it routinely are not signalled.",
  severity: "medium",
  phase: "reconnaissance",
  score: 15,
  mitre: { tactics: ["TA0007"], techniques: ["T1087.004", "T1069.003"] },
  references: [
    "https://attack.mitre.org/techniques/T1087/004/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html",
  ],
  fields: ["eventSource", "errorCode", "errorMessage", "userIdentity.type"],
  eventNames: ["GetAccountAuthorizationDetails"],
  async match({ event, lookups }) {
    if (isServicePrincipal(event)) {
      return null;
    }
    const api = await lookups.apiNovelty(event);
    // A principal with history that called it before the novelty window is an audit tool at work.
    if (api.verdict === "known") {
      return null;
    }
    return {
      title: event.errorCode === null ? "IAM authorization details read" : `Attempt to read IAM authorization details (${event.errorCode})`,
      details: { ...failureDetails(event), novelty: { api } },
    };
  },
};
