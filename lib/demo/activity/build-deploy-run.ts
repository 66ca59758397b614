import { buildInvokedByCaller, withUserAgent } from "../cloudtrail/build-callers";
import type { Caller, JsonObject, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { buildObjectCall } from "../cloudtrail/build-s3-records";
import { buildServiceCall, type DemoService } from "../cloudtrail/build-service-call";
import { buildGetCallerIdentity } from "../cloudtrail/build-sts-records";
import type { SeededRandom } from "../create-seeded-random";
import { addSeconds, formatKeySecond } from "../format-aws-time";
import {
  CI_ARTIFACTS_BUCKET,
  DEMO_ACCOUNT_ID,
  DEMO_REGION,
  USER_AGENTS,
  cliUserAgent,
} from "../scenario";

const REPOSITORY = "reports-api";
const FUNCTION_NAME = "reports-api";
const STACK_NAME = "reports-api";
const STACK_UUID = "4f1b2a90-6c1e-11ef-9c3a-0e5d1b7a2c41";

/** Shared state of one pipeline run: a clock that moves forward and the commit it ships. */
interface RunContext {
  random: SeededRandom;
  caller: Caller;
  commit: string;
  time: Date;
}

interface RunCall {
  caller: Caller;
  service: DemoService;
  region: string;
  eventName: string;
  readOnly: boolean;
  /** Seconds since the previous call, drawn between the two bounds. */
  delay: [number, number];
  requestParameters?: JsonObject;
  responseElements?: JsonObject;
  tlsHost?: string;
}

function callAfterDelay(run: RunContext, call: RunCall): TrailEvent {
  run.time = addSeconds(run.time, run.random.int(call.delay[0], call.delay[1]));
  return buildServiceCall({ ...call, random: run.random, eventTime: run.time });
}

function cli(run: RunContext, command: string): Caller {
  return withUserAgent(run.caller, cliUserAgent(USER_AGENTS.ciDeployCliPrefix, command));
}

/** `aws ecr get-login-password | docker login`, then `docker push`. */
function pushImage(run: RunContext): TrailEvent[] {
  const { random } = run;
  const docker = withUserAgent(run.caller, USER_AGENTS.ciDeployDocker);
  const repo = { registryId: DEMO_ACCOUNT_ID, repositoryName: REPOSITORY };
  const ecr = {
    service: "ecr" as const,
    region: DEMO_REGION,
    tlsHost: `api.ecr.${DEMO_REGION}.amazonaws.com`,
  };
  const uploadId = random.uuid();
  const layerDigest = `sha256:${random.hex(64)}`;
  const imageId = { imageDigest: `sha256:${random.hex(64)}`, imageTag: run.commit };
  return [
    callAfterDelay(run, {
      ...ecr,
      caller: cli(run, "ecr.get-login-password"),
      eventName: "GetAuthorizationToken",
      readOnly: true,
      delay: [2, 4],
      requestParameters: { registryIds: [DEMO_ACCOUNT_ID] },
    }),
    callAfterDelay(run, {
      ...ecr,
      caller: docker,
      eventName: "BatchCheckLayerAvailability",
      readOnly: true,
      delay: [3, 6],
      requestParameters: { ...repo, layerDigests: [layerDigest] },
    }),
    callAfterDelay(run, {
      ...ecr,
      caller: docker,
      eventName: "InitiateLayerUpload",
      readOnly: false,
      delay: [1, 2],
      requestParameters: repo,
      responseElements: { uploadId, partSize: 10485760 },
    }),
    callAfterDelay(run, {
      ...ecr,
      caller: docker,
      eventName: "CompleteLayerUpload",
      readOnly: false,
      delay: [4, 9],
      requestParameters: { ...repo, uploadId, layerDigests: [layerDigest] },
      responseElements: { ...repo, uploadId, layerDigest },
    }),
    callAfterDelay(run, {
      ...ecr,
      caller: docker,
      eventName: "PutImage",
      readOnly: false,
      delay: [1, 3],
      requestParameters: {
        ...repo,
        imageTag: run.commit,
        imageManifestMediaType: "application/vnd.oci.image.manifest.v1+json",
      },
      responseElements: { image: { ...repo, imageId } },
    }),
  ];
}

/**
 * `aws s3 cp` of the bundle, then `aws lambda update-function-code` and its
 * waiter. Lambda's CloudTrail event names carry the API version of the operation.
 */
function updateFunction(run: RunContext, region: string): TrailEvent[] {
  const { random } = run;
  const s3Key = `builds/${run.commit}/${FUNCTION_NAME}.zip`;
  const functionArn = `arn:aws:lambda:${region}:${DEMO_ACCOUNT_ID}:function:${FUNCTION_NAME}`;
  const codeSize = random.int(4_000_000, 9_000_000);
  const events: TrailEvent[] = [];
  if (region === DEMO_REGION) {
    run.time = addSeconds(run.time, random.int(2, 5));
    events.push(
      buildObjectCall({
        random,
        caller: cli(run, "s3.cp"),
        eventTime: run.time,
        eventName: "PutObject",
        bucket: CI_ARTIFACTS_BUCKET,
        key: s3Key,
        size: codeSize,
      }),
    );
  }
  events.push(
    callAfterDelay(run, {
      caller: cli(run, "lambda.update-function-code"),
      service: "lambda",
      region,
      eventName: "UpdateFunctionCode20150331v2",
      readOnly: false,
      delay: [2, 4],
      requestParameters: {
        functionName: FUNCTION_NAME,
        s3Bucket: CI_ARTIFACTS_BUCKET,
        s3Key,
        publish: true,
      },
      responseElements: {
        functionName: FUNCTION_NAME,
        functionArn: `${functionArn}:${random.int(100, 999)}`,
        runtime: "python3.12",
        codeSize,
        state: "Active",
        lastUpdateStatus: "InProgress",
      },
    }),
    callAfterDelay(run, {
      caller: cli(run, "lambda.wait.function-updated"),
      service: "lambda",
      region,
      eventName: "GetFunctionConfiguration20150331v2",
      readOnly: true,
      delay: [5, 6],
      requestParameters: { functionName: FUNCTION_NAME },
    }),
  );
  return events;
}

/**
 * `aws cloudformation deploy`: a change set, executed, during which
 * CloudFormation calls Lambda with the user's permissions (invokedBy).
 */
function deployStack(run: RunContext, region: string): TrailEvent[] {
  const cfn = { caller: cli(run, "cloudformation.deploy"), service: "cloudformation" as const };
  const arnPrefix = `arn:aws:cloudformation:${region}:${DEMO_ACCOUNT_ID}`;
  const stackId = `${arnPrefix}:stack/${STACK_NAME}/${STACK_UUID}`;
  const timestamp = formatKeySecond(run.time).replace(/\D/g, "");
  const changeSetName = `awscli-cloudformation-package-deploy-${timestamp}`;
  const changeSet = { changeSetName, stackName: STACK_NAME };
  const changeSetArn = `${arnPrefix}:changeSet/${changeSetName}/${run.random.uuid()}`;
  return [
    callAfterDelay(run, {
      ...cfn,
      region,
      eventName: "DescribeStacks",
      readOnly: true,
      delay: [2, 4],
      requestParameters: { stackName: STACK_NAME },
    }),
    callAfterDelay(run, {
      ...cfn,
      region,
      eventName: "CreateChangeSet",
      readOnly: false,
      delay: [1, 2],
      requestParameters: {
        ...changeSet,
        changeSetType: "UPDATE",
        capabilities: ["CAPABILITY_IAM"],
        parameters: [{ parameterKey: "ImageTag", parameterValue: run.commit }],
      },
      responseElements: { id: changeSetArn, stackId },
    }),
    callAfterDelay(run, {
      ...cfn,
      region,
      eventName: "DescribeChangeSet",
      readOnly: true,
      delay: [5, 5],
      requestParameters: changeSet,
    }),
    callAfterDelay(run, {
      ...cfn,
      region,
      eventName: "ExecuteChangeSet",
      readOnly: false,
      delay: [1, 2],
      requestParameters: changeSet,
    }),
    callAfterDelay(run, {
      caller: buildInvokedByCaller(run.caller, "cloudformation.amazonaws.com"),
      service: "lambda",
      region,
      eventName: "UpdateFunctionConfiguration20150331v2",
      readOnly: false,
      delay: [3, 6],
      requestParameters: {
        functionName: FUNCTION_NAME,
        environment: { variables: { IMAGE_TAG: run.commit } },
      },
    }),
    callAfterDelay(run, {
      ...cfn,
      region,
      eventName: "DescribeStacks",
      readOnly: true,
      delay: [25, 35],
      requestParameters: { stackName: STACK_NAME },
    }),
  ];
}

export interface DeployRunOptions {
  random: SeededRandom;
  caller: Caller;
  startTime: Date;
  /** Also deploy the stack and function to this region after the main one. */
  secondaryRegion: string | null;
}

/** Builds the calls of one CI pipeline run of ci-deploy from the CI runner. */
export function buildDeployRun(options: DeployRunOptions): TrailEvent[] {
  const run: RunContext = {
    random: options.random,
    caller: options.caller,
    commit: options.random.hex(7),
    time: options.startTime,
  };
  const events = [
    buildGetCallerIdentity({
      random: run.random,
      caller: cli(run, "sts.get-caller-identity"),
      eventTime: run.time,
      region: DEMO_REGION,
    }),
    ...pushImage(run),
    ...updateFunction(run, DEMO_REGION),
    ...deployStack(run, DEMO_REGION),
  ];
  if (options.secondaryRegion) {
    events.push(
      ...updateFunction(run, options.secondaryRegion),
      ...deployStack(run, options.secondaryRegion),
    );
  }
  return events;
}
