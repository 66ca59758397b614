import { IAMClient } from "@aws-sdk/client-iam";

/** Source of the credentials the AWS SDK will use, as far as the environment shows without any network request. */
export type CredentialSource = "environment" | "profile" | "web-identity" | "container" | "provider-chain";

/** Environment variables, in the shape of `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface SdkAvailability {
  available: boolean;
  source: CredentialSource | null;
  /** Reason SDK execution is off, shown on the page; null when it is available. */
  reason: string | null;
}

/**
 * Tells whether containment steps can run through the AWS SDK, by looking at
 * the environment variables the SDK's default provider chain reads. Nothing
 * is fetched: probing the EC2 instance metadata service would wait for a
 * timeout on every machine that is not an EC2 instance. Set
 * WATCHFLOOR_CONTAINMENT_SDK=on to trust the provider chain anyway (an EC2
 * instance profile, the default profile in ~/.aws), or `off` to mark steps
 * by hand even when credentials are present.
 */
export function detectSdkAvailability(env: Environment = process.env): SdkAvailability {
  const override = env.WATCHFLOOR_CONTAINMENT_SDK?.trim().toLowerCase();
  if (override === "off") {
    return { available: false, source: null, reason: "WATCHFLOOR_CONTAINMENT_SDK=off turns SDK execution off." };
  }
  const source = credentialSource(env) ?? (override === "on" ? "provider-chain" : null);
  if (source === null) {
    return {
      available: false,
      source: null,
      reason:
        "The server has no AWS credentials in its environment (AWS_ACCESS_KEY_ID, AWS_PROFILE, " +
        "AWS_WEB_IDENTITY_TOKEN_FILE or container credentials), so steps are run by hand and marked done.",
    };
  }
  return { available: true, source, reason: null };
}

function credentialSource(env: Environment): CredentialSource | null {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return "environment";
  }
  if (env.AWS_PROFILE) {
    return "profile";
  }
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
    return "web-identity";
  }
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    return "container";
  }
  return null;
}

// IAM is a global service with one endpoint per partition, signed for these regions.
const PARTITION_REGIONS: Record<string, string> = {
  aws: "us-east-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-cn": "cn-north-1",
};

/** Creates an IAM client for the partition, with the SDK's default credential provider chain. */
export function createIamClient(partition: string): IAMClient {
  return new IAMClient({
    region: PARTITION_REGIONS[partition] ?? "us-east-1",
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
  });
}
