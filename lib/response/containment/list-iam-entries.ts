import {
  type IAMClient,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
} from "@aws-sdk/client-iam";

import type { IamCallRecorder } from "./record-iam-calls";

type Target = { kind: "user" | "role" | "group"; name: string };

interface Page<Item> {
  items: Item[];
  marker: string | undefined;
}

// IAM list calls return at most 100 entries per page unless MaxItems is set, so 50 pages is far beyond any user, role or group.
const MAX_PAGES = 50;

/**
 * Reads every page of an IAM list call (IsTruncated and Marker), recording
 * each request. Returns null when a request fails.
 */
async function readAllPages<Item>(
  recorder: IamCallRecorder,
  operation: string,
  baseInput: Record<string, string>,
  fetchPage: (marker: string | undefined) => Promise<Page<Item> & { $metadata: object }>,
): Promise<Item[] | null> {
  const items: Item[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const input = marker ? { ...baseInput, Marker: marker } : baseInput;
    const response = await recorder.send(operation, input, () => fetchPage(marker));
    if (!response.ok) {
      return null;
    }
    items.push(...response.output.items);
    marker = response.output.marker;
    if (!marker) {
      break;
    }
  }
  return items;
}

/** Lists a user's access keys with their status (Active or Inactive). */
export async function listAccessKeyStatuses(
  client: IAMClient,
  userName: string,
  recorder: IamCallRecorder,
): Promise<Map<string, string> | null> {
  const keys = await readAllPages(recorder, "ListAccessKeys", { UserName: userName }, async (marker) => {
    const output = await client.send(new ListAccessKeysCommand({ UserName: userName, Marker: marker }));
    const items = (output.AccessKeyMetadata ?? []).map((key) => [key.AccessKeyId ?? "", key.Status ?? ""] as const);
    return { $metadata: output.$metadata, items, marker: output.IsTruncated ? output.Marker : undefined };
  });
  return keys === null ? null : new Map(keys);
}

/** Lists the ARNs of the managed policies attached to a user, role or group. */
export async function listAttachedPolicyArns(
  client: IAMClient,
  target: Target,
  recorder: IamCallRecorder,
): Promise<string[] | null> {
  const fetchers = {
    user: (marker?: string) => client.send(new ListAttachedUserPoliciesCommand({ UserName: target.name, Marker: marker })),
    role: (marker?: string) => client.send(new ListAttachedRolePoliciesCommand({ RoleName: target.name, Marker: marker })),
    group: (marker?: string) => client.send(new ListAttachedGroupPoliciesCommand({ GroupName: target.name, Marker: marker })),
  };
  const { operation, param } = LIST_NAMES[target.kind];
  return readAllPages(recorder, `ListAttached${operation}Policies`, { [param]: target.name }, async (marker) => {
    const output = await fetchers[target.kind](marker);
    const items = (output.AttachedPolicies ?? []).flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : []));
    return { $metadata: output.$metadata, items, marker: output.IsTruncated ? output.Marker : undefined };
  });
}

/** Lists the names of the inline policies of a user, role or group. */
export async function listInlinePolicyNames(
  client: IAMClient,
  target: Target,
  recorder: IamCallRecorder,
): Promise<string[] | null> {
  const fetchers = {
    user: (marker?: string) => client.send(new ListUserPoliciesCommand({ UserName: target.name, Marker: marker })),
    role: (marker?: string) => client.send(new ListRolePoliciesCommand({ RoleName: target.name, Marker: marker })),
    group: (marker?: string) => client.send(new ListGroupPoliciesCommand({ GroupName: target.name, Marker: marker })),
  };
  const { operation, param } = LIST_NAMES[target.kind];
  return readAllPages(recorder, `List${operation}Policies`, { [param]: target.name }, async (marker) => {
    const output = await fetchers[target.kind](marker);
    return { $metadata: output.$metadata, items: output.PolicyNames ?? [], marker: output.IsTruncated ? output.Marker : undefined };
  });
}

const LIST_NAMES = {
  user: { operation: "User", param: "UserName" },
  role: { operation: "Role", param: "RoleName" },
  group: { operation: "Group", param: "GroupName" },
} as const;
