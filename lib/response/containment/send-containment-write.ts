import {
  DeleteGroupPolicyCommand,
  type DeleteGroupPolicyCommandInput,
  DeleteLoginProfileCommand,
  type DeleteLoginProfileCommandInput,
  DeleteRolePolicyCommand,
  type DeleteRolePolicyCommandInput,
  DeleteUserPolicyCommand,
  type DeleteUserPolicyCommandInput,
  DetachGroupPolicyCommand,
  type DetachGroupPolicyCommandInput,
  DetachRolePolicyCommand,
  type DetachRolePolicyCommandInput,
  DetachUserPolicyCommand,
  type DetachUserPolicyCommandInput,
  type IAMClient,
  PutRolePolicyCommand,
  type PutRolePolicyCommandInput,
  PutUserPolicyCommand,
  type PutUserPolicyCommandInput,
  UpdateAccessKeyCommand,
  type UpdateAccessKeyCommandInput,
  UpdateAssumeRolePolicyCommand,
  type UpdateAssumeRolePolicyCommandInput,
} from "@aws-sdk/client-iam";

import type { ApiCall, ApiInput, IamWriteOperation } from "./containment-types";
import { REVOKE_SESSIONS_POLICY_NAME, revokeSessionsPolicyDocument } from "./quarantine-policy";
import type { IamCallRecorder, RecordedResponse } from "./record-iam-calls";

type Send = (client: IAMClient, input: ApiInput) => Promise<{ $metadata: { requestId?: string } }>;

// Step inputs are built by the plan builders with exactly these request parameters, so the casts only narrow types.
const WRITES: Record<IamWriteOperation, Send> = {
  UpdateAccessKey: (c, i) => c.send(new UpdateAccessKeyCommand(i as unknown as UpdateAccessKeyCommandInput)),
  DeleteLoginProfile: (c, i) => c.send(new DeleteLoginProfileCommand(i as unknown as DeleteLoginProfileCommandInput)),
  PutUserPolicy: (c, i) => c.send(new PutUserPolicyCommand(i as unknown as PutUserPolicyCommandInput)),
  DetachUserPolicy: (c, i) => c.send(new DetachUserPolicyCommand(i as unknown as DetachUserPolicyCommandInput)),
  DeleteUserPolicy: (c, i) => c.send(new DeleteUserPolicyCommand(i as unknown as DeleteUserPolicyCommandInput)),
  PutRolePolicy: (c, i) => c.send(new PutRolePolicyCommand(i as unknown as PutRolePolicyCommandInput)),
  DetachRolePolicy: (c, i) => c.send(new DetachRolePolicyCommand(i as unknown as DetachRolePolicyCommandInput)),
  DeleteRolePolicy: (c, i) => c.send(new DeleteRolePolicyCommand(i as unknown as DeleteRolePolicyCommandInput)),
  DetachGroupPolicy: (c, i) => c.send(new DetachGroupPolicyCommand(i as unknown as DetachGroupPolicyCommandInput)),
  DeleteGroupPolicy: (c, i) => c.send(new DeleteGroupPolicyCommand(i as unknown as DeleteGroupPolicyCommandInput)),
  UpdateAssumeRolePolicy: (c, i) =>
    c.send(new UpdateAssumeRolePolicyCommand(i as unknown as UpdateAssumeRolePolicyCommandInput)),
};

/**
 * Returns the request to send for a step at `now`. Revoking role sessions is
 * stamped with the time of the call instead of the time the plan was
 * written, which revokes every session the approved document would, and
 * those issued in between too.
 */
export function prepareWrite(apiCall: ApiCall, now: Date): ApiCall {
  if (apiCall.name === "PutRolePolicy" && apiCall.input.PolicyName === REVOKE_SESSIONS_POLICY_NAME) {
    return { name: apiCall.name, input: { ...apiCall.input, PolicyDocument: revokeSessionsPolicyDocument(now) } };
  }
  return apiCall;
}

/** Sends a step's write request through the recorder. */
export function sendContainmentWrite(
  client: IAMClient,
  apiCall: ApiCall,
  recorder: IamCallRecorder,
): Promise<RecordedResponse<{ $metadata: { requestId?: string } }>> {
  return recorder.send(apiCall.name, apiCall.input, () => WRITES[apiCall.name](client, apiCall.input));
}
