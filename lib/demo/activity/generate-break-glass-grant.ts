import { buildConsoleCaller } from "../cloudtrail/build-callers";
import type { TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { buildIamRead, buildUserPolicyChange } from "../cloudtrail/build-iam-records";
import { createSeededRandom } from "../create-seeded-random";
import { BREAK_GLASS_GRANT } from "../scenario";

/**
 * Builds the grant: alice.admin attaches AdministratorAccess to
 * breakglass-admin from her console session at the office. Her ConsoleLogin
 * for this session comes from the ordinary console activity, which uses the
 * same login time and key.
 */
export function generateBreakGlassGrant(options: { seed: number }): TrailEvent[] {
  const random = createSeededRandom(options.seed, "break-glass");
  const caller = buildConsoleCaller(
    BREAK_GLASS_GRANT.actor,
    {
      accessKeyId: BREAK_GLASS_GRANT.sessionAccessKeyId,
      creationDate: new Date(BREAK_GLASS_GRANT.consoleLoginTime),
      mfaAuthenticated: true,
    },
    BREAK_GLASS_GRANT.sourceIPAddress,
    BREAK_GLASS_GRANT.userAgent,
  );
  const userName = BREAK_GLASS_GRANT.target.userName;
  return [
    buildIamRead({
      random,
      caller,
      eventTime: new Date(BREAK_GLASS_GRANT.getUserTime),
      eventName: "GetUser",
      requestParameters: { userName },
      punctual: true,
    }),
    buildUserPolicyChange({
      random,
      caller,
      eventTime: new Date(BREAK_GLASS_GRANT.eventTime),
      eventName: "AttachUserPolicy",
      userName,
      policyArn: BREAK_GLASS_GRANT.policyArn,
      punctual: true,
    }),
  ];
}
