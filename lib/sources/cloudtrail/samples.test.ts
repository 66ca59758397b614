import { readFileSync } from "node:fs";
import { relative } from "node:path";

import { describe, expect, it } from "vitest";

import type { CloudTrailEvent, ParsedItem } from "@/lib/ingest/types";
import { listFiles, sharedExists, sharedPath } from "@/lib/sources/common/shared-folder";

import { parseCloudTrailStream } from "./parse-cloudtrail-stream";

const FOLDER = sharedPath("samples", "cloudtrail");
const HAS_SAMPLES = sharedExists("samples", "cloudtrail");

if (!HAS_SAMPLES) {
  console.warn(`CloudTrail sample tests skipped: ${FOLDER} is absent`);
}

/** Panther rule tests wrap each record as `{..., "log": <record>}`; unwrap them. */
function bodyOf(file: string): Buffer {
  const bytes = readFileSync(file);
  if (!file.includes("panther-rule-tests")) {
    return bytes;
  }
  const lines = bytes.toString("utf8").split("\n").filter((line) => line.trim() !== "");
  return Buffer.from(lines.map((line) => JSON.stringify((JSON.parse(line) as { log: unknown }).log)).join("\n"));
}

async function parseFile(file: string): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of parseCloudTrailStream({ stream: [bodyOf(file)], fileLabel: file })) {
    items.push(item);
  }
  return items;
}

async function eventsOf(file: string): Promise<CloudTrailEvent[]> {
  const items = await parseFile(sharedPath("samples", "cloudtrail", file));
  return items.flatMap((i) => (i.type === "cloudtrail" ? [i.event] : []));
}

/** Events and rejections expected per sample file, as counted when they were added. */
// Rejections: old documentation examples have no eventID, and Panther's fixtures
// carry its own "2025-01-21 17:49:47.000000000" times or omit required fields.
const EXPECTED: Record<string, [events: number, rejections: number]> = {
  "awsdocs/console-sign-in-examples.json": [10, 0],
  "awsdocs/insights-delivery-file-example.json": [2, 0],
  "awsdocs/insights-examples.json": [3, 0],
  "awsdocs/log-file-examples.json": [1, 5],
  "awsdocs/s3-listbuckets-putbucketacl-getbucketversioning.records.json": [3, 0],
  "awsdocs-identity-center/identity-center-cloudtrail-examples.json": [3, 0],
  "elastic-integrations/test-delete-detector-json.log": [1, 0],
  "flaws2-defender/flaws2-logs-excerpt.records.json": [2, 0],
  "panther/panther-rule-tests-cloudtrail.jsonl": [285, 176],
  "stratus-red-team/aws.credential-access.ec2-get-password-data.json": [34, 0],
  "stratus-red-team/aws.credential-access.ec2-steal-instance-credentials.json": [45, 0],
  "stratus-red-team/aws.credential-access.secretsmanager-batch-retrieve-secrets.json": [5, 0],
  "stratus-red-team/aws.credential-access.secretsmanager-retrieve-secrets.json": [21, 0],
  "stratus-red-team/aws.credential-access.ssm-retrieve-securestring-parameters.json": [10, 0],
  "stratus-red-team/aws.defense-evasion.cloudtrail-delete.json": [1, 0],
  "stratus-red-team/aws.defense-evasion.cloudtrail-event-selectors.json": [1, 0],
  "stratus-red-team/aws.defense-evasion.cloudtrail-stop.json": [1, 0],
  "stratus-red-team/aws.defense-evasion.dns-delete-logs.json": [1, 0],
  "stratus-red-team/aws.defense-evasion.organizations-leave.json": [3, 0],
  "stratus-red-team/aws.defense-evasion.vpc-remove-flow-logs.json": [1, 0],
  "stratus-red-team/aws.discovery.ec2-download-user-data.json": [19, 0],
  "stratus-red-team/aws.execution.ec2-launch-unusual-instances.json": [3, 0],
  "stratus-red-team/aws.execution.ec2-user-data.json": [35, 0],
  "stratus-red-team/aws.execution.ssm-send-command.json": [56, 0],
  "stratus-red-team/aws.execution.ssm-start-session.json": [29, 0],
  "stratus-red-team/aws.exfiltration.ec2-security-group-open-port-22-ingress.json": [1, 0],
  "stratus-red-team/aws.exfiltration.ec2-share-ami.json": [1, 0],
  "stratus-red-team/aws.exfiltration.ec2-share-ebs-snapshot.json": [1, 0],
  "stratus-red-team/aws.exfiltration.rds-share-snapshot.json": [1, 0],
  "stratus-red-team/aws.impact.bedrock-invoke-model.json": [15, 0],
  "stratus-red-team/aws.initial-access.console-login-without-mfa.json": [1, 0],
  "stratus-red-team/aws.lateral-movement.ec2-instance-connect.json": [3, 0],
  "stratus-red-team/aws.lateral-movement.ec2-serial-console-send-ssh-public-key.json": [4, 0],
  "stratus-red-team/aws.persistence.iam-backdoor-role.json": [1, 0],
  "stratus-red-team/aws.persistence.iam-backdoor-user.json": [1, 0],
  "stratus-red-team/aws.persistence.iam-create-admin-user.json": [3, 0],
  "stratus-red-team/aws.persistence.iam-create-backdoor-role.json": [2, 0],
  "stratus-red-team/aws.persistence.iam-create-user-login-profile.json": [3, 0],
  "stratus-red-team/aws.persistence.lambda-backdoor-function.json": [1, 0],
  "stratus-red-team/aws.persistence.lambda-layer-extension.json": [1, 0],
  "stratus-red-team/aws.persistence.lambda-overwrite-code.json": [1, 0],
  "stratus-red-team/aws.persistence.rolesanywhere-create-trust-anchor.json": [2, 0],
  "stratus-red-team/aws.persistence.sts-federation-token.json": [2, 0],
  "stratus-red-team/aws.privilege-escalation.iam-update-user-login-profile.json": [1, 0],
};

describe.skipIf(!HAS_SAMPLES)("CloudTrail samples in shared/samples/cloudtrail", () => {
  it("parses every file without crashing, with a reason and a field for each rejection", async () => {
    const counts: Record<string, [number, number]> = {};
    for (const file of listFiles(FOLDER)) {
      const items = await parseFile(file);
      const rejections = items.flatMap((i) => (i.type === "reject" ? [i.rejection] : []));
      for (const rejection of rejections) {
        expect(rejection.reason, file).not.toBe("");
        expect(rejection.field, `${file}: ${rejection.reason}`).toMatch(/\S/);
      }
      counts[relative(FOLDER, file)] = [items.length - rejections.length, rejections.length];
    }
    expect(Object.keys(counts).length).toBeGreaterThan(40);
    expect(counts).toEqual(EXPECTED);
  });

  it("resolves Identity Center users, which have no ARN", async () => {
    const events = await eventsOf("awsdocs-identity-center/identity-center-cloudtrail-examples.json");
    const store = "arn:aws:identitystore::111122223333:identitystore/d-1234567890";
    expect(events.map((e) => [e.eventName, e.actor.type, e.actor.key])).toEqual([
      ["DescribePermissionsPolicies", "IAMUser", "arn:aws:iam::08966example:user/samadams"],
      ["ListApplications", "IdentityCenterUser", `identity-center:${store}/94d00cd8-e9e6-4810-b177-b08e84775435`],
      ["CreateToken", "IdentityCenterUser", `identity-center:${store}/94d00cd8-e9e6-4810-b177-b08e84775435`],
    ]);
    expect(events[1].actor).toMatchObject({ arn: null, namespace: store, accountId: "111122223333" });
  });

  it("resolves the flaws2 anonymous read and the stolen level3 role", async () => {
    const events = await eventsOf("flaws2-defender/flaws2-logs-excerpt.records.json");
    expect(events.map((e) => [e.eventName, e.actor.key, e.sourceIp])).toEqual([
      ["GetObject", "account:ANONYMOUS_PRINCIPAL", "104.102.221.250"],
      ["ListBuckets", "arn:aws:iam::653711331788:role/level3", "104.102.221.250"],
    ]);
  });

  it("keeps the anonymised leading-zero addresses of Stratus logs as labels", async () => {
    const folder = sharedPath("samples", "cloudtrail", "stratus-red-team");
    const events = (await Promise.all(listFiles(folder).map((f) => eventsOf(relative(FOLDER, f))))).flat();
    expect(events).toHaveLength(310);
    expect(events.filter((e) => e.sourceService !== null && /^\d/.test(e.sourceService))).toHaveLength(107);
    expect(events.filter((e) => e.sourceIp !== null)).toHaveLength(203);
  });

  it("accepts Insights events and gives them a per-account actor", async () => {
    const events = await eventsOf("awsdocs/insights-delivery-file-example.json");
    expect(events.map((e) => [e.eventName, e.eventSource, e.eventType, e.actor.key])).toEqual([
      ["UpdateInstanceAssociationStatus", "ssm.amazonaws.com", "AwsCloudTrailInsight", "none:123456789012"],
      ["UpdateInstanceAssociationStatus", "ssm.amazonaws.com", "AwsCloudTrailInsight", "none:123456789012"],
    ]);
  });
});
