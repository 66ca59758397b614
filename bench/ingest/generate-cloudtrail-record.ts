/**
 * Builds one CloudTrail record in the shape AWS delivers (CloudTrail User
 * Guide, "CloudTrail record contents"), from a generated principal and call.
 */
import { CATALOG, type CallContext, type CatalogEntry } from "./cloudtrail-event-catalog";
import { type GeneratedPrincipal, type Population, randomAddress } from "./cloudtrail-population";
import type { SeededRandom } from "./seeded-random";

type Json = Record<string, unknown>;

const ERROR_RATE = 0.04;

function sessionIssuer(principal: GeneratedPrincipal): Json {
  return {
    type: "Role",
    principalId: principal.principalId,
    arn: `arn:aws:iam::${principal.accountId}:role${principal.path}${principal.name}`,
    accountId: principal.accountId,
    userName: principal.name,
  };
}

function attributes(random: SeededRandom, time: Date): Json {
  const created = new Date(time.getTime() - random.int(3_600_000));
  return { creationDate: created.toISOString().replace(/\.\d{3}Z$/, "Z"), mfaAuthenticated: random.chance(0.3) ? "true" : "false" };
}

/** The `userIdentity` element for each identity type the generator makes. */
function userIdentity(random: SeededRandom, principal: GeneratedPrincipal, time: Date, population: Population): Json {
  const { accountId } = principal;
  switch (principal.type) {
    case "IAMUser":
      return { type: "IAMUser", principalId: principal.principalId, arn: `arn:aws:iam::${accountId}:user${principal.path}${principal.name}`, accountId, accessKeyId: random.pick(principal.accessKeys), userName: principal.name };
    case "AssumedRole": {
      const session = random.pick(principal.sessionNames);
      return {
        type: "AssumedRole",
        principalId: `${principal.principalId}:${session}`,
        arn: `arn:aws:sts::${accountId}:assumed-role/${principal.name}/${session}`,
        accountId,
        accessKeyId: random.pick(principal.accessKeys),
        sessionContext: { sessionIssuer: sessionIssuer(principal), webIdFederationData: {}, attributes: attributes(random, time) },
      };
    }
    case "AWSService":
      return { type: "AWSService", invokedBy: principal.name };
    case "Root":
      return { type: "Root", principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId, accessKeyId: "" };
    case "FederatedUser":
      return {
        type: "FederatedUser",
        principalId: principal.principalId,
        arn: `arn:aws:sts::${accountId}:federated-user/${principal.name}`,
        accountId,
        accessKeyId: random.pick(principal.accessKeys),
        sessionContext: { sessionIssuer: { type: "IAMUser", principalId: `AIDA${random.upper(17)}`, arn: `arn:aws:iam::${accountId}:user/svc-federation`, accountId, userName: "svc-federation" }, webIdFederationData: {}, attributes: attributes(random, time) },
      };
    case "IdentityCenterUser":
      return { type: "IdentityCenterUser", accountId, onBehalfOf: { userId: principal.principalId, identityStoreArn: population.identityStoreArn }, credentialId: random.uuid() };
  }
}

function pickCall(random: SeededRandom, principal: GeneratedPrincipal): CatalogEntry {
  return random.weighted(CATALOG, (entry) =>
    entry.callers === undefined || entry.callers.includes(principal.type) ? entry.weight : 0,
  );
}

function errorFields(random: SeededRandom, principal: GeneratedPrincipal, call: CatalogEntry): Json {
  if (principal.type === "AWSService" || !random.chance(ERROR_RATE)) {
    return {};
  }
  const action = `${call.eventSource.split(".")[0]}:${call.eventName}`;
  return random.chance(0.7)
    ? { errorCode: "AccessDenied", errorMessage: `User: arn:aws:sts::${principal.accountId}:assumed-role/${principal.name}/x is not authorized to perform: ${action} because no identity-based policy allows the ${action} action` }
    : { errorCode: "ThrottlingException", errorMessage: "Rate exceeded" };
}

function whereFrom(random: SeededRandom, principal: GeneratedPrincipal): { sourceIPAddress: string; userAgent: string } {
  if (principal.type === "AWSService") {
    return { sourceIPAddress: principal.name, userAgent: principal.name };
  }
  // Most calls come from the principal's usual places; a few from elsewhere.
  const address = random.chance(0.02) ? randomAddress(random) : random.pick(principal.addresses);
  return { sourceIPAddress: address, userAgent: random.pick(principal.userAgents) };
}

/** Builds one record of `principal` at `time` in `region`. */
export function generateCloudTrailRecord(
  random: SeededRandom,
  population: Population,
  principal: GeneratedPrincipal,
  time: Date,
  region: string,
): Json {
  const call = pickCall(random, principal);
  const context: CallContext = { random, accountId: principal.accountId, region };
  const record: Json = {
    eventVersion: call.dataEvent ? "1.10" : "1.09",
    userIdentity: userIdentity(random, principal, time, population),
    eventTime: time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: region,
    ...whereFrom(random, principal),
    ...errorFields(random, principal, call),
    requestParameters: call.request?.(context) ?? null,
    responseElements: call.response?.(context) ?? null,
  };
  if (call.dataEvent) {
    record.additionalEventData = { SignatureVersion: "SigV4", CipherSuite: "TLS_AES_128_GCM_SHA256", bytesTransferredIn: 0, AuthenticationMethod: "AuthHeader", "x-amz-id-2": `${random.alnum(60)}=`, bytesTransferredOut: random.int(5_000_000) };
  }
  if (call.eventType === "AwsConsoleSignIn") {
    record.additionalEventData = { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: random.chance(0.6) ? "Yes" : "No" };
  }
  record.requestID = random.chance(0.5) ? random.uuid() : random.upper(16);
  record.eventID = random.uuid();
  record.readOnly = call.readOnly;
  if (call.resources) {
    record.resources = call.resources(context);
  }
  record.eventType = call.eventType ?? "AwsApiCall";
  record.managementEvent = !call.dataEvent;
  record.recipientAccountId = principal.accountId;
  if (principal.type === "AWSService") {
    record.sharedEventID = random.uuid();
  }
  record.eventCategory = call.dataEvent ? "Data" : "Management";
  if (principal.type !== "AWSService") {
    record.tlsDetails = { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: `${call.eventSource.split(".")[0]}.${region}.amazonaws.com` };
  }
  if (principal.type === "AssumedRole" && random.chance(0.3)) {
    record.sessionCredentialFromConsole = "true";
  }
  return record;
}
