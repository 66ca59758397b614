/** How a call was made, judged from its user agent. */
export type UserAgentKind = "console" | "programmatic" | "other";

// Browsers and the console's own agents; the console signs calls as the signed-in user.
const CONSOLE = /^Mozilla\/|console\.amazonaws\.com|signin\.amazonaws\.com|console\.ec2\.amazonaws\.com/i;

// SDKs, the CLI and infrastructure tools append their own names (AWS SDKs and
// Tools Reference Guide, "User agent"); docker is the ECR credential helper.
const PROGRAMMATIC =
  /^(Boto3|Botocore|aws-cli|aws-sdk|APN\/1\.0 HashiCorp|Terraform|HashiCorp|AWSPowerShell|aws-internal\/3 aws-sdk|docker|cdk|aws-cdk|pulumi|Apache-HttpClient|ec2-instance-connect)/i;

export function classifyUserAgent(userAgent: string | null): UserAgentKind {
  if (!userAgent) {
    return "other";
  }
  if (CONSOLE.test(userAgent)) {
    return "console";
  }
  if (PROGRAMMATIC.test(userAgent) || /\blang\/(python|java|js|go|ruby|dotnet|php|rust)\b/i.test(userAgent)) {
    return "programmatic";
  }
  return "other";
}
