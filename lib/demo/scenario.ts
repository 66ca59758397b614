/**
 * Facts of the demo scenario: an account compromise through a stolen
 * long-term access key, its containment, and a legitimate break-glass grant
 * two days later. The generator writes these values into the log files, and
 * tests and the UI assert on them.
 *
 * All times are UTC. Addresses were checked against the GeoLite2 country
 * database shipped in @ip-location-db/geolite2-country-mmdb.
 */

export const DEMO_SEED = 20261117;

export const DEMO_ACCOUNT_ID = "111122223333";
export const DEMO_REGION = "us-east-1";
/** Second region with CI deployments and console reads, so logs span two regions. */
export const DEMO_SECONDARY_REGION = "us-west-2";
export const DEMO_REGIONS = [DEMO_REGION, DEMO_SECONDARY_REGION] as const;
/** The account is not delivered under an organization prefix (`AWSLogs/o-…/`). */
export const DEMO_ORGANIZATION_ID = null;

export const DEMO_PERIOD = {
  start: "2026-11-10T00:00:00Z",
  end: "2026-11-20T23:59:59Z",
} as const;

export const DEMO_TRAIL = {
  name: "org-audit-trail",
  arn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-audit-trail",
  homeRegion: DEMO_REGION,
  s3Bucket: "audit-logs-111122223333",
} as const;

export const REPORTS_BUCKET = "finance-reports-111122223333";
export const ATHENA_RESULTS_BUCKET = "athena-results-111122223333";
export const CI_ARTIFACTS_BUCKET = "ci-artifacts-111122223333";

/** The office NAT pool: one range, two egress addresses. */
export const OFFICE_NETWORK = {
  cidr: "64.124.16.32/28",
  addresses: ["64.124.16.37", "64.124.16.38"],
  countryCode: "US",
} as const;

/** Public addresses of the account's own workloads, in EC2 us-east-1 ranges. */
export const AWS_ADDRESSES = {
  ciRunner: "3.91.171.44",
  webServer: "54.210.167.203",
  exportFunction: "3.88.21.112",
} as const;

export const ATTACKER = {
  ip: "85.17.31.122",
  countryCode: "NL",
  countryName: "Netherlands",
  city: "Amsterdam",
  latitude: 52.3759,
  longitude: 4.8975,
  asn: "60781",
  asnOrg: "LeaseWeb Netherlands B.V.",
  isp: "LeaseWeb Netherlands B.V.",
} as const;

export interface DemoIamUser {
  userName: string;
  path: string;
  arn: string;
  /** Unique ID of the user, written as userIdentity.principalId. */
  principalId: string;
  /** Long-term access key the user signs API calls with, if any. */
  accessKeyId: string | null;
}

/** reports-svc's long-term key, stolen and used by the attacker (key #1). */
export const REPORTS_SVC_ACCESS_KEY_ID = "AKIARZ5KQ3XHWJ4TBN6Q";
/** The key the attacker creates for reports-svc with key #1 (key #2). */
export const ATTACKER_CREATED_ACCESS_KEY_ID = "AKIARZ5KQ3XHQ7MD2VYF";
export const CI_DEPLOY_ACCESS_KEY_ID = "AKIARZ5KQ3XHG3PLUW7E";

export const REPORTS_SVC: DemoIamUser = {
  userName: "reports-svc",
  path: "/service/",
  arn: "arn:aws:iam::111122223333:user/service/reports-svc",
  principalId: "AIDARZ5KQ3XHD6M2TQ4WB",
  accessKeyId: REPORTS_SVC_ACCESS_KEY_ID,
};

export const CI_DEPLOY: DemoIamUser = {
  userName: "ci-deploy",
  path: "/",
  arn: "arn:aws:iam::111122223333:user/ci-deploy",
  principalId: "AIDARZ5KQ3XHLC7N3UFZA",
  accessKeyId: CI_DEPLOY_ACCESS_KEY_ID,
};

export const ALICE_ADMIN: DemoIamUser = {
  userName: "alice.admin",
  path: "/",
  arn: "arn:aws:iam::111122223333:user/alice.admin",
  principalId: "AIDARZ5KQ3XHP4VX6JE2M",
  accessKeyId: null,
};

export const BOB_SECOPS: DemoIamUser = {
  userName: "bob.secops",
  path: "/",
  arn: "arn:aws:iam::111122223333:user/bob.secops",
  principalId: "AIDARZ5KQ3XHT2GW5YKQD",
  accessKeyId: null,
};

export const BREAKGLASS_ADMIN: DemoIamUser = {
  userName: "breakglass-admin",
  path: "/",
  arn: "arn:aws:iam::111122223333:user/breakglass-admin",
  principalId: "AIDARZ5KQ3XHB7QZ3MR4N",
  accessKeyId: null,
};

export const DEMO_IAM_USERS = [
  REPORTS_SVC,
  CI_DEPLOY,
  ALICE_ADMIN,
  BOB_SECOPS,
  BREAKGLASS_ADMIN,
] as const;

export const MFA_DEVICES = {
  alice: "arn:aws:iam::111122223333:u2f/user/alice.admin/yubikey-QZ7N4PLX2KEMWRBT5VHJ6DCYSA",
  bob: "arn:aws:iam::111122223333:mfa/bob.secops-phone",
} as const;

/** Lambda execution role whose sessions appear as AssumedRole identities. */
export const EXPORT_FUNCTION_ROLE = {
  roleName: "reports-export-lambda-role",
  arn: "arn:aws:iam::111122223333:role/service-role/reports-export-lambda-role",
  roleId: "AROARZ5KQ3XHM5FJ2WN6C",
  functionName: "reports-nightly-export",
  sessionArn:
    "arn:aws:sts::111122223333:assumed-role/reports-export-lambda-role/reports-nightly-export",
} as const;

export const USER_AGENTS = {
  reportsSvc:
    "Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 os/linux#5.15.0-122-generic md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.131",
  exportFunction:
    "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.227-239.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.145",
  ciDeployCliPrefix:
    "aws-cli/2.17.46 md/awscrt#0.21.2 ua/2.0 os/linux#6.1.112-124.190.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#amzn.2023 md/prompt#off",
  ciDeployDocker:
    "docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.1.112-124.190.amzn2023.x86_64 os/linux arch/amd64 UpstreamClient(Docker-Client/27.3.1 \\(linux\\))",
  aliceBrowser:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
  bobBrowser:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0",
  attackerCliPrefix:
    "aws-cli/2.18.2 md/awscrt#0.22.0 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off",
} as const;

/** AWS CLI v2 appends the command it runs to its user agent. */
export function cliUserAgent(prefix: string, command: string): string {
  return `${prefix} md/command#${command}`;
}

export const ADMINISTRATOR_ACCESS_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

export interface AttackStep {
  eventName: string;
  eventSource: string;
  eventTime: string;
  region: string;
  accessKeyId: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode: string | null;
}

function attackStep(
  eventName: string,
  eventSource: string,
  eventTime: string,
  accessKeyId: string,
  command: string,
  errorCode: string | null = null,
): AttackStep {
  return {
    eventName,
    eventSource,
    eventTime,
    region: DEMO_REGION,
    accessKeyId,
    sourceIPAddress: ATTACKER.ip,
    userAgent: cliUserAgent(USER_AGENTS.attackerCliPrefix, command),
    errorCode,
  };
}

/** The attack with reports-svc's stolen key, from the attacker's address. */
export const ATTACK = {
  principal: REPORTS_SVC,
  stolenAccessKeyId: REPORTS_SVC_ACCESS_KEY_ID,
  /** Key #2, created by the attacker with key #1 and then used for the escalation. */
  createdAccessKeyId: ATTACKER_CREATED_ACCESS_KEY_ID,
  firstEventTime: "2026-11-17T02:14:05Z",
  steps: {
    getCallerIdentity: attackStep(
      "GetCallerIdentity",
      "sts.amazonaws.com",
      "2026-11-17T02:14:05Z",
      REPORTS_SVC_ACCESS_KEY_ID,
      "sts.get-caller-identity",
    ),
    createAccessKey: attackStep(
      "CreateAccessKey",
      "iam.amazonaws.com",
      "2026-11-17T02:16:31Z",
      REPORTS_SVC_ACCESS_KEY_ID,
      "iam.create-access-key",
    ),
    listBuckets: attackStep(
      "ListBuckets",
      "s3.amazonaws.com",
      "2026-11-17T02:18:12Z",
      REPORTS_SVC_ACCESS_KEY_ID,
      "s3.ls",
    ),
    attachUserPolicy: attackStep(
      "AttachUserPolicy",
      "iam.amazonaws.com",
      "2026-11-17T02:21:47Z",
      ATTACKER_CREATED_ACCESS_KEY_ID,
      "iam.attach-user-policy",
    ),
    stopLogging: attackStep(
      "StopLogging",
      "cloudtrail.amazonaws.com",
      "2026-11-17T02:23:09Z",
      ATTACKER_CREATED_ACCESS_KEY_ID,
      "cloudtrail.stop-logging",
      "AccessDenied",
    ),
  },
  /** A service control policy denies StopLogging, so the attempt fails. */
  stopLoggingErrorMessage:
    "User: arn:aws:iam::111122223333:user/service/reports-svc is not authorized to perform: cloudtrail:StopLogging on resource: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-audit-trail with an explicit deny in a service control policy",
} as const;

/** bob.secops contains the incident from the office console. */
export const CONTAINMENT = {
  responder: BOB_SECOPS,
  sourceIPAddress: OFFICE_NETWORK.addresses[1],
  userAgent: USER_AGENTS.bobBrowser,
  consoleLoginTime: "2026-11-17T02:25:40Z",
  sessionAccessKeyId: "ASIARZ5KQ3XHN4CJV6ZT",
  listAccessKeysTime: "2026-11-17T02:26:21Z",
  deactivateStolenKeyTime: "2026-11-17T02:27:14Z",
  deactivateCreatedKeyTime: "2026-11-17T02:27:38Z",
  detachPolicyTime: "2026-11-17T02:27:55Z",
  verifyPoliciesTime: "2026-11-17T02:28:19Z",
} as const;

/**
 * alice.admin grants AdministratorAccess to breakglass-admin. The grant is
 * legitimate and not part of the attack.
 */
export const BREAK_GLASS_GRANT = {
  actor: ALICE_ADMIN,
  target: BREAKGLASS_ADMIN,
  policyArn: ADMINISTRATOR_ACCESS_ARN,
  sourceIPAddress: OFFICE_NETWORK.addresses[0],
  userAgent: USER_AGENTS.aliceBrowser,
  consoleLoginTime: "2026-11-19T13:51:08Z",
  sessionAccessKeyId: "ASIARZ5KQ3XHK2HS7DQA",
  getUserTime: "2026-11-19T14:04:31Z",
  eventTime: "2026-11-19T14:05:22Z",
} as const;

/** When the Access Advisor jobs behind access-advisor/*.json ran. */
export const ACCESS_ADVISOR_JOB = {
  creationDate: "2026-11-20T23:41:17.204Z",
  completionDate: "2026-11-20T23:41:18.006Z",
} as const;

export const GUARDDUTY_DETECTOR_ID = "5ec8a1f0d2b947e3a6c91d07f4b2e863";

const GUARDDUTY_FINDING_ID = "a2c7e91f04b83d56e1f7a09c3b5d28e4";

export const GUARDDUTY_FINDING = {
  id: GUARDDUTY_FINDING_ID,
  arn: `arn:aws:guardduty:us-east-1:111122223333:detector/${GUARDDUTY_DETECTOR_ID}/finding/${GUARDDUTY_FINDING_ID}`,
  type: "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
  severity: 5,
  region: DEMO_REGION,
  eventFirstSeen: "2026-11-17T02:14:05Z",
  createdAt: "2026-11-17T02:14:40.512Z",
  /** The snapshot the responder printed with `aws guardduty get-findings`. */
  getFindings: {
    updatedAt: "2026-11-17T02:19:02.117Z",
    eventLastSeen: "2026-11-17T02:18:12Z",
    count: 3,
  },
  /** The later version exported to S3, after more calls from the same address. */
  s3Export: {
    updatedAt: "2026-11-17T02:29:41.883Z",
    eventLastSeen: "2026-11-17T02:23:09Z",
    count: 5,
  },
} as const;

/**
 * The CloudTrail log file delivered twice: the us-east-1 file of this delivery
 * time is written as two objects with identical content.
 */
export const DUPLICATED_DELIVERY = {
  region: DEMO_REGION,
  deliveryTime: "20261117T0220Z",
} as const;

export const VPC = {
  vpcId: "vpc-0b6e2f9d3c1a74e52",
  flowLogId: "fl-0a3c9e1b7d5f24e68",
  /** Flow log files cover this UTC day, one file per hour. */
  flowLogDay: "2026-11-17",
  ciRunner: {
    instanceId: "i-0f3a7c9e1d5b28461",
    interfaceId: "eni-0c41d9a7e3b5f2861",
    privateIp: "10.20.1.25",
    publicIp: AWS_ADDRESSES.ciRunner,
  },
  webServer: {
    instanceId: "i-04d8b2e6f1a9c7353",
    interfaceId: "eni-07f2b8c5a1d9e3640",
    privateIp: "10.20.2.40",
    publicIp: AWS_ADDRESSES.webServer,
  },
} as const;

/** SSH probes from the attacker's address to the web server, all rejected. */
export const ATTACKER_SSH_PROBES = [
  { start: "2026-11-17T02:11:00Z", sourcePort: 51234, packets: 2, bytes: 120 },
  { start: "2026-11-17T02:12:00Z", sourcePort: 51236, packets: 1, bytes: 60 },
  { start: "2026-11-17T02:19:00Z", sourcePort: 40122, packets: 2, bytes: 120 },
  { start: "2026-11-17T02:24:00Z", sourcePort: 40125, packets: 3, bytes: 180 },
] as const;
