import { buildAccessKeyCaller } from "../cloudtrail/build-callers";
import type { Caller, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import {
  buildCreateAccessKey,
  buildUserPolicyChange,
} from "../cloudtrail/build-iam-records";
import { buildListBuckets } from "../cloudtrail/build-s3-records";
import { buildServiceCall } from "../cloudtrail/build-service-call";
import { buildGetCallerIdentity } from "../cloudtrail/build-sts-records";
import { createSeededRandom } from "../create-seeded-random";
import {
  ADMINISTRATOR_ACCESS_ARN,
  ATTACK,
  DEMO_TRAIL,
  REPORTS_SVC,
  type AttackStep,
} from "../scenario";

function attackerCaller(step: AttackStep): Caller {
  return buildAccessKeyCaller(REPORTS_SVC, step.accessKeyId, step.sourceIPAddress, step.userAgent);
}

/**
 * Builds the five calls the attacker makes with reports-svc's keys, at the
 * times in ATTACK. They are delivered punctually, so their log files do not
 * depend on the seed.
 */
export function generateAttackChain(options: { seed: number }): TrailEvent[] {
  const random = createSeededRandom(options.seed, "attack");
  const { steps } = ATTACK;
  const base = (step: AttackStep) => ({
    random,
    caller: attackerCaller(step),
    eventTime: new Date(step.eventTime),
    punctual: true,
  });
  return [
    buildGetCallerIdentity({
      ...base(steps.getCallerIdentity),
      region: steps.getCallerIdentity.region,
    }),
    buildCreateAccessKey({
      ...base(steps.createAccessKey),
      userName: REPORTS_SVC.userName,
      newAccessKeyId: ATTACK.createdAccessKeyId,
    }),
    buildListBuckets(base(steps.listBuckets)),
    buildUserPolicyChange({
      ...base(steps.attachUserPolicy),
      eventName: "AttachUserPolicy",
      userName: REPORTS_SVC.userName,
      policyArn: ADMINISTRATOR_ACCESS_ARN,
    }),
    buildServiceCall({
      ...base(steps.stopLogging),
      service: "cloudtrail",
      region: steps.stopLogging.region,
      eventName: "StopLogging",
      readOnly: false,
      requestParameters: { name: DEMO_TRAIL.arn },
      error: { code: "AccessDenied", message: ATTACK.stopLoggingErrorMessage },
    }),
  ];
}
