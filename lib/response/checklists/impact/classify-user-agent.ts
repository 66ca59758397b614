/**
 * Kind of client a user agent names:
 * - `runtime`: an SDK inside Lambda, ECS or another AWS compute runtime
 *   (`exec-env/AWS_Lambda_python3.12`, `exec-env/AWS_ECS_FARGATE`);
 * - `sdk`: an AWS SDK, Terraform or another tool built on one;
 * - `cli`: the AWS CLI, used by people and by scripts alike;
 * - `console`: a browser, through the AWS console;
 * - `service`: an AWS service acting for the caller (`athena.amazonaws.com`);
 * - `other`.
 */
export type AgentClass = "runtime" | "sdk" | "cli" | "console" | "service" | "other";

const SDK_PREFIXES = [/^boto3\//i, /^botocore\//i, /^aws-sdk-/i, /^aws-sdk\//i, /terraform/i, /^docker\//i, /^aws-chalice/i, /^localstack/i];

export function classifyUserAgent(userAgent: string | null): AgentClass {
  if (!userAgent) {
    return "other";
  }
  if (/exec-env\/AWS_(Lambda|ECS|Batch|AppRunner)/i.test(userAgent) || /AWS_Lambda_/i.test(userAgent)) {
    return "runtime";
  }
  if (/^[a-z0-9.-]+\.amazonaws\.com$/i.test(userAgent) || userAgent === "AWS Internal") {
    return "service";
  }
  if (/^aws-cli\//i.test(userAgent)) {
    return "cli";
  }
  if (SDK_PREFIXES.some((pattern) => pattern.test(userAgent))) {
    return "sdk";
  }
  if (/^Mozilla\//.test(userAgent) || /^signin\.amazonaws\.com$/.test(userAgent)) {
    return "console";
  }
  return "other";
}

/** True for agents that point to a workload rather than a person. */
export function isWorkloadAgent(agentClass: AgentClass): boolean {
  return agentClass === "runtime" || agentClass === "sdk" || agentClass === "service";
}

/**
 * Amazon Linux kernels (`amzn2`, `amzn2023`) in an SDK or CLI user agent
 * suggest an EC2 instance or container, though any machine can run them.
 */
export function runsOnAmazonLinux(userAgent: string | null): boolean {
  return userAgent !== null && /\.amzn2(023)?\./.test(userAgent);
}
