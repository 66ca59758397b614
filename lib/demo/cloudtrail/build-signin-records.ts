import type { SeededRandom } from "../create-seeded-random";
import { DEMO_REGION, type DemoIamUser } from "../scenario";
import { buildSignInIdentity } from "./build-callers";
import { buildCloudTrailRecord, type TrailEvent } from "./build-cloudtrail-record";

export interface ConsoleLoginOptions {
  random: SeededRandom;
  user: DemoIamUser;
  eventTime: Date;
  sourceIPAddress: string;
  userAgent: string;
  mfaIdentifier: string;
  punctual?: boolean;
}

/**
 * Builds a successful IAM user sign-in with MFA. ConsoleLogin has no requestID
 * and no access key, because the console issues session credentials after it.
 */
export function buildConsoleLogin(options: ConsoleLoginOptions): TrailEvent {
  return buildCloudTrailRecord(options.random, {
    caller: {
      identity: buildSignInIdentity(options.user),
      sourceIPAddress: options.sourceIPAddress,
      userAgent: options.userAgent,
      fromConsole: false,
      hasTls: true,
    },
    eventTime: options.eventTime,
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    region: DEMO_REGION,
    eventVersion: "1.08",
    readOnly: false,
    eventType: "AwsConsoleSignIn",
    responseElements: { ConsoleLogin: "Success" },
    additionalEventData: {
      LoginTo: "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_",
      MobileVersion: "No",
      MFAIdentifier: options.mfaIdentifier,
      MFAUsed: "Yes",
    },
    requestId: null,
    tlsHost: "signin.aws.amazon.com",
    punctual: options.punctual,
  });
}
