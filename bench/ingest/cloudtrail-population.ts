/**
 * The accounts, regions and principals that generated CloudTrail records come
 * from. Each principal has a few usual addresses and user agents, so that
 * baselines see the repetition a real trail has, plus occasional new values.
 */
import type { SeededRandom } from "./seeded-random";

export type IdentityType =
  | "IAMUser"
  | "AssumedRole"
  | "AWSService"
  | "Root"
  | "FederatedUser"
  | "IdentityCenterUser";

export interface GeneratedPrincipal {
  type: IdentityType;
  accountId: string;
  /** Role, user or service name. */
  name: string;
  /** Stable id written as principalId (AIDA..., AROA...). */
  principalId: string;
  /** Role path for roles, user path for users. */
  path: string;
  accessKeys: string[];
  sessionNames: string[];
  addresses: string[];
  userAgents: string[];
  /** Relative share of the records this principal makes. */
  weight: number;
}

export interface Population {
  accounts: string[];
  regions: Array<{ name: string; weight: number }>;
  principals: GeneratedPrincipal[];
  identityStoreArn: string;
}

export const ACCOUNTS = ["111122223333", "444455556666", "777788889999"];

const REGIONS = [
  { name: "us-east-1", weight: 6 },
  { name: "eu-west-1", weight: 2 },
  { name: "us-west-2", weight: 1.5 },
  { name: "ap-southeast-2", weight: 0.5 },
];

const SERVICES = [
  "cloudtrail.amazonaws.com",
  "config.amazonaws.com",
  "ec2.amazonaws.com",
  "lambda.amazonaws.com",
  "autoscaling.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
  "guardduty.amazonaws.com",
  "securityhub.amazonaws.com",
];

const FIRST_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar"];
const LAST_NAMES = ["smith", "jones", "garcia", "chen", "patel", "novak", "kim", "silva", "brown", "müller"];

const CLI_AGENTS = [
  "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64.amzn.2023 prompt/off command/sts.get-caller-identity",
  "aws-cli/2.17.12 Python/3.11.9 Darwin/23.5.0 exe/x86_64 prompt/off command/s3.ls",
  "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69",
  "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.171.0",
  "APN/1.0 HashiCorp/1.0 Terraform/1.8.5 (+https://www.terraform.io) terraform-provider-aws/5.58.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.1 os/linux lang/go#1.22.4",
  "aws-sdk-java/2.25.60 Linux/5.10.218-208.862.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
  "aws-sdk-js/3.614.0 ua/2.0 os/linux#5.10.219-208.866.amzn2.x86_64 lang/js md/nodejs#20.15.1 api/s3#3.614.0",
];

const CONSOLE_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "AWS Internal",
];

/** Returns an address from the documentation and benchmarking ranges, or an IPv6 one. */
function randomAddress(random: SeededRandom): string {
  if (random.chance(0.06)) {
    return `2001:db8:${random.hex(4)}:${random.hex(2)}::${random.hex(3)}`;
  }
  const prefixes = ["198.51.100", "203.0.113", "192.0.2", `198.18.${random.int(256)}`, `198.19.${random.int(256)}`];
  return `${random.pick(prefixes)}.${1 + random.int(254)}`;
}

function list<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

function place(random: SeededRandom): { addresses: string[]; userAgents: string[] } {
  const agents = [...CLI_AGENTS, ...CONSOLE_AGENTS];
  return {
    addresses: list(1 + random.int(4), () => randomAddress(random)),
    userAgents: list(1 + random.int(3), () => random.pick(agents)),
  };
}

function iamUsers(random: SeededRandom, accountId: string): GeneratedPrincipal[] {
  return list(40, (index) => {
    const human = index < 28;
    const name = human ? `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}${index}` : `svc-${random.pick(["backup", "ci", "etl", "monitoring", "legacy-app"])}-${index}`;
    return {
      type: "IAMUser",
      accountId,
      name,
      principalId: `AIDA${random.upper(17)}`,
      path: human ? "/" : "/service/",
      accessKeys: list(1 + random.int(2), () => `AKIA${random.upper(16)}`),
      sessionNames: [],
      ...place(random),
      weight: human ? 0.4 + random.next() : 2 + random.next() * 4,
    };
  });
}

function roles(random: SeededRandom, accountId: string): GeneratedPrincipal[] {
  const kinds = [
    { name: "AWSReservedSSO_AdministratorAccess_7a2b9c1d3e4f5a6b", path: "/aws-reserved/sso.amazonaws.com/", human: true },
    { name: "AWSReservedSSO_ReadOnly_0f1e2d3c4b5a6978", path: "/aws-reserved/sso.amazonaws.com/", human: true },
    { name: "OrganizationAccountAccessRole", path: "/", human: true },
    { name: "Deployer", path: "/ci/", human: false },
    { name: "eks-node-group-role", path: "/", human: false },
    { name: "lambda-orders-processor", path: "/service-role/", human: false },
    { name: "ecs-task-inventory", path: "/", human: false },
    { name: "AWSServiceRoleForConfig", path: "/aws-service-role/config.amazonaws.com/", human: false },
    { name: "datadog-integration", path: "/", human: false },
    { name: "backup-operator", path: "/", human: false },
  ];
  return kinds.map((kind) => ({
    type: "AssumedRole" as const,
    accountId,
    name: kind.name,
    principalId: `AROA${random.upper(17)}`,
    path: kind.path,
    accessKeys: list(kind.human ? 20 : 60, () => `ASIA${random.upper(16)}`),
    sessionNames: kind.human
      ? list(8, () => `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}@example.com`)
      : list(12, () => (random.chance(0.5) ? `i-0${random.hex(16)}` : `botocore-session-${1_700_000_000 + random.int(20_000_000)}`)),
    ...place(random),
    weight: kind.human ? 4 : 8 + random.next() * 10,
  }));
}

function services(random: SeededRandom, accountId: string): GeneratedPrincipal[] {
  return SERVICES.map((name) => ({
    type: "AWSService" as const,
    accountId,
    name,
    principalId: "",
    path: "",
    accessKeys: [],
    sessionNames: [],
    addresses: [name],
    userAgents: [name],
    weight: 4 + random.next() * 4,
  }));
}

function others(random: SeededRandom, accountId: string): GeneratedPrincipal[] {
  const base = { accountId, path: "/", sessionNames: [] as string[] };
  const rootPlace = place(random);
  return [
    { ...base, type: "Root", name: "root", principalId: accountId, accessKeys: [], ...rootPlace, weight: 0.3 },
    ...list(2, (index) => ({
      ...base,
      type: "FederatedUser" as const,
      name: `federated-${index}`,
      principalId: `${accountId}:federated-${index}`,
      accessKeys: list(5, () => `ASIA${random.upper(16)}`),
      ...place(random),
      weight: 0.5,
    })),
    ...list(6, () => ({
      ...base,
      type: "IdentityCenterUser" as const,
      name: random.uuid(),
      principalId: random.uuid(),
      accessKeys: [],
      ...place(random),
      weight: 0.6,
    })),
  ];
}

/** Builds the accounts, regions and principals of a generated organisation. */
export function buildPopulation(random: SeededRandom, accounts: readonly string[] = ACCOUNTS): Population {
  const principals = accounts.flatMap((accountId) => [
    ...iamUsers(random, accountId),
    ...roles(random, accountId),
    ...services(random, accountId),
    ...others(random, accountId),
  ]);
  return {
    accounts: [...accounts],
    regions: REGIONS,
    principals,
    identityStoreArn: `arn:aws:identitystore::${accounts[0]}:identitystore/d-${random.hex(10)}`,
  };
}

export { randomAddress };
