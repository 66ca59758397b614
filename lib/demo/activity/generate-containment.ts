import { buildConsoleCaller } from "../cloudtrail/build-callers";
import type { TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import {
  buildIamRead,
  buildUpdateAccessKey,
  buildUserPolicyChange,
} from "../cloudtrail/build-iam-records";
import { buildConsoleLogin } from "../cloudtrail/build-signin-records";
import { createSeededRandom } from "../create-seeded-random";
import {
  ADMINISTRATOR_ACCESS_ARN,
  ATTACK,
  CONTAINMENT,
  MFA_DEVICES,
  REPORTS_SVC,
} from "../scenario";

/**
 * Builds the containment: bob.secops signs in from the office, deactivates
 * both of reports-svc's keys, detaches AdministratorAccess, then checks the
 * user's policies.
 */
export function generateContainment(options: { seed: number }): TrailEvent[] {
  const random = createSeededRandom(options.seed, "containment");
  const loginTime = new Date(CONTAINMENT.consoleLoginTime);
  const session = {
    accessKeyId: CONTAINMENT.sessionAccessKeyId,
    creationDate: loginTime,
    mfaAuthenticated: true,
  };
  const caller = buildConsoleCaller(
    CONTAINMENT.responder,
    session,
    CONTAINMENT.sourceIPAddress,
    CONTAINMENT.userAgent,
  );
  const at = (time: string) => ({ random, caller, eventTime: new Date(time), punctual: true });
  const userName = REPORTS_SVC.userName;
  return [
    buildConsoleLogin({
      random,
      user: CONTAINMENT.responder,
      eventTime: loginTime,
      sourceIPAddress: CONTAINMENT.sourceIPAddress,
      userAgent: CONTAINMENT.userAgent,
      mfaIdentifier: MFA_DEVICES.bob,
      punctual: true,
    }),
    buildIamRead({
      ...at(CONTAINMENT.listAccessKeysTime),
      eventName: "ListAccessKeys",
      requestParameters: { userName },
    }),
    buildUpdateAccessKey({
      ...at(CONTAINMENT.deactivateStolenKeyTime),
      userName,
      accessKeyId: ATTACK.stolenAccessKeyId,
      status: "Inactive",
    }),
    buildUpdateAccessKey({
      ...at(CONTAINMENT.deactivateCreatedKeyTime),
      userName,
      accessKeyId: ATTACK.createdAccessKeyId,
      status: "Inactive",
    }),
    buildUserPolicyChange({
      ...at(CONTAINMENT.detachPolicyTime),
      eventName: "DetachUserPolicy",
      userName,
      policyArn: ADMINISTRATOR_ACCESS_ARN,
    }),
    buildIamRead({
      ...at(CONTAINMENT.verifyPoliciesTime),
      eventName: "ListAttachedUserPolicies",
      requestParameters: { userName },
    }),
  ];
}
