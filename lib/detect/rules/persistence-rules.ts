import { partitionOf, requestString, responseString } from "./read-event-fields";
import type { CloudTrailRule } from "./rule-types";

const BASE_SCORE = 15;
const NEW_ADDRESS_BONUS = 10;
const OTHER_USER_BONUS = 10;

export const createAccessKeyRule: CloudTrailRule = {
  id: "iam-create-access-key",
  source: "cloudtrail",
  fields: [
    "errorCode",
    "requestParameters.userName",
    "responseElements.accessKey.userName",
    "responseElements.accessKey.accessKeyId",
    "userIdentity.type",
    "userIdentity.userName",
    "userIdentity.accessKeyId",
    "sourceIPAddress",
  ],
  title: "Access key created",
  description:
    "A new long-term access key was created for an IAM user. An attacker holding one key often " +
    "creates a second so that access survives when the first is disabled. Check who created it and " +
    "from which address, whether the user is meant to have two keys, and which calls the new key has " +
    "signed since. Deactivate it if nobody asked for it.",
  severity: "medium",
  phase: "persistence",
  score: BASE_SCORE,
  mitre: { tactics: ["TA0003"], techniques: ["T1098.001"] },
  references: [
    "https://attack.mitre.org/techniques/T1098/001/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html",
  ],
  eventNames: ["CreateAccessKey"],
  async match({ event, lookups }) {
    // A failed call created nothing that needs removing.
    if (event.errorCode !== null) {
      return null;
    }
    // Without UserName, IAM creates the key for the user who signed the request.
    const userName = requestString(event, "userName") ?? responseString(event, "accessKey", "userName");
    const ownKey = userName === null || (event.principalType === "IAMUser" && userName === event.principalName);
    const subjectKey = ownKey
      ? event.principalKey
      : await lookups.resolveUserKey({ accountId: event.accountId, userName, partition: partitionOf(event) });
    const forAnotherUser = subjectKey !== event.principalKey;
    const place = await lookups.placeNovelty(event);
    const newAddress = place.verdict === "new";
    const createdKeyId = responseString(event, "accessKey", "accessKeyId");
    return {
      score: BASE_SCORE + (newAddress ? NEW_ADDRESS_BONUS : 0) + (forAnotherUser ? OTHER_USER_BONUS : 0),
      severity: newAddress || forAnotherUser ? "high" : "medium",
      title: `Access key created for ${userName ?? event.principalName ?? event.principalKey}`,
      subjectKey,
      relatedKeyId: createdKeyId,
      details: { targetUserName: userName, forAnotherUser, novelty: { address: place.address, network: place.network } },
      createdKey:
        createdKeyId === null
          ? undefined
          : {
              accessKeyId: createdKeyId,
              principalKey: subjectKey,
              createdAt: event.eventTime,
              createdByKey: event.accessKeyId,
              createdByEventId: event.naturalId,
            },
    };
  },
};
