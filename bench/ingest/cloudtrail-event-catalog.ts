/**
 * API calls that generated records are made of, with request and response
 * shapes modelled on the CloudTrail User Guide's examples. Weights give a
 * management-event trail with some S3 data events: mostly reads, a few
 * writes, sign-ins and errors.
 */
import type { IdentityType } from "./cloudtrail-population";
import type { SeededRandom } from "./seeded-random";

type Json = Record<string, unknown>;

export interface CallContext {
  random: SeededRandom;
  accountId: string;
  region: string;
}

export interface CatalogEntry {
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  weight: number;
  /** Identity types that make this call; all when absent. */
  callers?: readonly IdentityType[];
  eventType?: string;
  /** True for S3 object-level calls, which CloudTrail records as data events. */
  dataEvent?: boolean;
  request?: (context: CallContext) => Json | null;
  response?: (context: CallContext) => Json | null;
  resources?: (context: CallContext) => Json[];
}

const instanceId = (c: CallContext) => `i-0${c.random.hex(16)}`;
const bucket = (c: CallContext) => `${c.random.pick(["prod", "staging", "logs", "data-lake", "artifacts"])}-${c.accountId}-${c.region}`;
const objectKey = (c: CallContext) =>
  `${c.random.pick(["exports", "uploads", "reports", "raw/2024"])}/${c.random.hex(8)}/${c.random.pick(["part-0000.parquet", "invoice.pdf", "data.json", "image.png"])}`;
const roleArn = (c: CallContext) => `arn:aws:iam::${c.accountId}:role/${c.random.pick(["Deployer", "ReadOnly", "backup-operator", "datadog-integration"])}`;
const keyArn = (c: CallContext) => `arn:aws:kms:${c.region}:${c.accountId}:key/${c.random.uuid()}`;

function s3Resources(c: CallContext, name: string, key: string): Json[] {
  return [
    { type: "AWS::S3::Object", ARN: `arn:aws:s3:::${name}/${key}` },
    { accountId: c.accountId, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${name}` },
  ];
}

function s3Object(c: CallContext): { name: string; key: string } {
  return { name: bucket(c), key: objectKey(c) };
}

export const CATALOG: readonly CatalogEntry[] = [
  {
    eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", readOnly: true, weight: 10,
    request: (c) => ({ instancesSet: { items: [{ instanceId: instanceId(c) }] }, filterSet: {}, includeAllInstances: false }),
  },
  { eventSource: "ec2.amazonaws.com", eventName: "DescribeSecurityGroups", readOnly: true, weight: 5, request: () => ({ securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} }) },
  { eventSource: "ec2.amazonaws.com", eventName: "DescribeVolumes", readOnly: true, weight: 3, request: () => ({ volumeSet: {}, filterSet: {}, maxResults: 500 }) },
  { eventSource: "ec2.amazonaws.com", eventName: "DescribeNetworkInterfaces", readOnly: true, weight: 3, request: (c) => ({ networkInterfaceIdSet: {}, filterSet: { items: [{ name: "vpc-id", valueSet: { items: [{ value: `vpc-0${c.random.hex(16)}` }] } }] } }) },
  {
    eventSource: "ec2.amazonaws.com", eventName: "RunInstances", readOnly: false, weight: 0.3,
    request: (c) => ({ instancesSet: { items: [{ imageId: `ami-0${c.random.hex(16)}`, minCount: 1, maxCount: 1 }] }, instanceType: c.random.pick(["t3.micro", "m6i.large", "c7g.xlarge"]), blockDeviceMapping: {}, monitoring: { enabled: false }, disableApiTermination: false, disableApiStop: false, clientToken: c.random.uuid() }),
    response: (c) => ({ requestId: c.random.uuid(), reservationId: `r-0${c.random.hex(16)}`, ownerId: c.accountId, groupSet: {}, instancesSet: { items: [{ instanceId: instanceId(c), currentInstanceBootMode: "legacy-bios", instanceState: { code: 0, name: "pending" }, privateDnsName: `ip-10-0-${c.random.int(256)}-${c.random.int(256)}.ec2.internal`, amiLaunchIndex: 0, productCodes: {}, instanceType: "t3.micro", launchTime: 1_720_000_000_000 + c.random.int(10_000_000) }] } }),
  },
  { eventSource: "s3.amazonaws.com", eventName: "ListBuckets", readOnly: true, weight: 3, request: (c) => ({ Host: `s3.${c.region}.amazonaws.com` }) },
  {
    eventSource: "s3.amazonaws.com", eventName: "GetObject", readOnly: true, weight: 9, dataEvent: true,
    request: (c) => { const o = s3Object(c); return { bucketName: o.name, Host: `${o.name}.s3.${c.region}.amazonaws.com`, key: o.key }; },
    resources: (c) => { const o = s3Object(c); return s3Resources(c, o.name, o.key); },
  },
  {
    eventSource: "s3.amazonaws.com", eventName: "PutObject", readOnly: false, weight: 4, dataEvent: true,
    request: (c) => { const o = s3Object(c); return { bucketName: o.name, Host: `${o.name}.s3.${c.region}.amazonaws.com`, key: o.key, "x-amz-server-side-encryption": "aws:kms" }; },
    response: (c) => ({ "x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": keyArn(c), "x-amz-server-side-encryption-bucket-key-enabled": true }),
    resources: (c) => { const o = s3Object(c); return s3Resources(c, o.name, o.key); },
  },
  { eventSource: "s3.amazonaws.com", eventName: "GetBucketAcl", readOnly: true, weight: 2, request: (c) => ({ bucketName: bucket(c), Host: `s3.${c.region}.amazonaws.com`, acl: "" }) },
  {
    eventSource: "sts.amazonaws.com", eventName: "AssumeRole", readOnly: true, weight: 8,
    request: (c) => ({ roleArn: roleArn(c), roleSessionName: `botocore-session-${1_700_000_000 + c.random.int(20_000_000)}`, durationSeconds: 3600 }),
    response: (c) => ({ credentials: { accessKeyId: `ASIA${c.random.upper(16)}`, sessionToken: c.random.alnum(320), expiration: "Jul 17, 2024, 4:12:31 PM" }, assumedRoleUser: { assumedRoleId: `AROA${c.random.upper(17)}:session`, arn: `arn:aws:sts::${c.accountId}:assumed-role/Deployer/session` } }),
    resources: (c) => [{ accountId: c.accountId, type: "AWS::IAM::Role", ARN: roleArn(c) }],
  },
  { eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity", readOnly: true, weight: 3 },
  {
    eventSource: "kms.amazonaws.com", eventName: "Decrypt", readOnly: true, weight: 8,
    request: (c) => ({ encryptionAlgorithm: "SYMMETRIC_DEFAULT", encryptionContext: { "aws:lambda:FunctionArn": `arn:aws:lambda:${c.region}:${c.accountId}:function:orders-${c.random.int(20)}` } }),
    resources: (c) => [{ accountId: c.accountId, type: "AWS::KMS::Key", ARN: keyArn(c) }],
  },
  {
    eventSource: "kms.amazonaws.com", eventName: "GenerateDataKey", readOnly: true, weight: 4,
    request: (c) => ({ keyId: `alias/${c.random.pick(["aws/s3", "app-data", "backups"])}`, keySpec: "AES_256", encryptionContext: { "aws:s3:arn": `arn:aws:s3:::${bucket(c)}` } }),
    resources: (c) => [{ accountId: c.accountId, type: "AWS::KMS::Key", ARN: keyArn(c) }],
  },
  { eventSource: "iam.amazonaws.com", eventName: "ListRoles", readOnly: true, weight: 1, request: () => ({ maxItems: 1000 }) },
  { eventSource: "iam.amazonaws.com", eventName: "GetRole", readOnly: true, weight: 1.5, request: (c) => ({ roleName: c.random.pick(["Deployer", "ReadOnly", "backup-operator"]) }) },
  { eventSource: "iam.amazonaws.com", eventName: "ListAttachedRolePolicies", readOnly: true, weight: 0.8, request: (c) => ({ roleName: c.random.pick(["Deployer", "ReadOnly"]) }) },
  {
    eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", readOnly: false, weight: 0.02, callers: ["IAMUser", "AssumedRole", "Root"],
    request: (c) => ({ userName: `svc-etl-${c.random.int(40)}` }),
    response: (c) => ({ accessKey: { accessKeyId: `AKIA${c.random.upper(16)}`, status: "Active", userName: "svc-etl", createDate: "Jul 17, 2024, 3:12:31 PM" } }),
  },
  {
    eventSource: "iam.amazonaws.com", eventName: "AttachRolePolicy", readOnly: false, weight: 0.03, callers: ["IAMUser", "AssumedRole"],
    request: (c) => ({ roleName: c.random.pick(["Deployer", "lambda-orders-processor"]), policyArn: c.random.pick(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess"]) }),
  },
  { eventSource: "lambda.amazonaws.com", eventName: "ListFunctions20150331", readOnly: true, weight: 1.5, request: () => ({ functionVersion: "ALL", maxItems: 50 }) },
  { eventSource: "logs.amazonaws.com", eventName: "CreateLogStream", readOnly: false, weight: 3, request: (c) => ({ logGroupName: `/aws/lambda/orders-${c.random.int(20)}`, logStreamName: `2024/07/17/[$LATEST]${c.random.hex(32)}` }) },
  { eventSource: "logs.amazonaws.com", eventName: "DescribeLogGroups", readOnly: true, weight: 1.5, request: () => ({ limit: 50 }) },
  { eventSource: "ssm.amazonaws.com", eventName: "GetParameter", readOnly: true, weight: 2, request: (c) => ({ name: `/app/${c.random.pick(["db", "api", "cache"])}/${c.random.pick(["host", "password", "port"])}`, withDecryption: true }) },
  { eventSource: "secretsmanager.amazonaws.com", eventName: "GetSecretValue", readOnly: true, weight: 1.5, request: (c) => ({ secretId: `arn:aws:secretsmanager:${c.region}:${c.accountId}:secret:prod/db-${c.random.alnum(6)}` }) },
  { eventSource: "dynamodb.amazonaws.com", eventName: "DescribeTable", readOnly: true, weight: 2, request: (c) => ({ tableName: c.random.pick(["orders", "sessions", "inventory"]) }) },
  { eventSource: "cloudtrail.amazonaws.com", eventName: "LookupEvents", readOnly: true, weight: 0.5, request: () => ({ maxResults: 50 }) },
  { eventSource: "config.amazonaws.com", eventName: "PutEvaluations", readOnly: false, weight: 2, callers: ["AWSService", "AssumedRole"], request: (c) => ({ evaluations: [{ complianceResourceType: "AWS::EC2::Instance", complianceResourceId: instanceId(c), complianceType: "COMPLIANT", orderingTimestamp: "Jul 17, 2024, 3:00:00 PM" }], resultToken: c.random.alnum(120), testMode: false }) },
  { eventSource: "ecr.amazonaws.com", eventName: "GetAuthorizationToken", readOnly: true, weight: 1.5 },
  { eventSource: "elasticloadbalancing.amazonaws.com", eventName: "DescribeTargetHealth", readOnly: true, weight: 2, request: (c) => ({ targetGroupArn: `arn:aws:elasticloadbalancing:${c.region}:${c.accountId}:targetgroup/web-${c.random.int(5)}/${c.random.hex(16)}` }) },
  {
    eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin", readOnly: false, weight: 0.3, eventType: "AwsConsoleSignIn", callers: ["IAMUser", "Root", "AssumedRole"],
    response: (c) => ({ ConsoleLogin: c.random.chance(0.95) ? "Success" : "Failure" }),
  },
  { eventSource: "sso.amazonaws.com", eventName: "ListAccounts", readOnly: true, weight: 0.6, callers: ["IdentityCenterUser"], request: () => ({ maxResults: 20 }) },
  { eventSource: "sso.amazonaws.com", eventName: "GetRoleCredentials", readOnly: true, weight: 0.6, callers: ["IdentityCenterUser"], request: (c) => ({ roleName: "AdministratorAccess", accountId: c.accountId }) },
  { eventSource: "sts.amazonaws.com", eventName: "GetFederationToken", readOnly: true, weight: 0.2, callers: ["IAMUser"], request: (c) => ({ name: `federated-${c.random.int(2)}`, durationSeconds: 43200 }) },
];
