import { formatIsoSeconds } from "../format-aws-time";
import { DEMO_ACCOUNT_ID, type DemoIamUser } from "../scenario";
import type { Caller, JsonObject } from "./build-cloudtrail-record";

/** Temporary credentials of one console or role session. */
export interface SessionCredentials {
  accessKeyId: string;
  creationDate: Date;
  mfaAuthenticated: boolean;
}

function iamUserIdentity(user: DemoIamUser): JsonObject {
  return {
    type: "IAMUser",
    principalId: user.principalId,
    arn: user.arn,
    accountId: DEMO_ACCOUNT_ID,
  };
}

/** Identity of a ConsoleLogin record: the user, with no access key yet. */
export function buildSignInIdentity(user: DemoIamUser): JsonObject {
  return { ...iamUserIdentity(user), userName: user.userName };
}

/** Builds an IAM user that signs calls with a long-term AKIA key. */
export function buildAccessKeyCaller(
  user: DemoIamUser,
  accessKeyId: string,
  sourceIPAddress: string,
  userAgent: string,
): Caller {
  return {
    identity: { ...iamUserIdentity(user), accessKeyId, userName: user.userName },
    sourceIPAddress,
    userAgent,
    fromConsole: false,
    hasTls: true,
  };
}

/**
 * Builds an IAM user in the console. The console signs with an ASIA session
 * key, and CloudTrail adds a sessionContext with empty issuer and federation data.
 */
export function buildConsoleCaller(
  user: DemoIamUser,
  session: SessionCredentials,
  sourceIPAddress: string,
  userAgent: string,
): Caller {
  return {
    identity: {
      ...iamUserIdentity(user),
      accessKeyId: session.accessKeyId,
      userName: user.userName,
      sessionContext: {
        sessionIssuer: {},
        webIdFederationData: {},
        attributes: {
          creationDate: formatIsoSeconds(session.creationDate),
          mfaAuthenticated: String(session.mfaAuthenticated),
        },
      },
    },
    sourceIPAddress,
    userAgent,
    fromConsole: true,
    hasTls: true,
  };
}

export interface DemoRole {
  roleName: string;
  arn: string;
  roleId: string;
}

/** Builds a session of an assumed role, such as a Lambda execution role. */
export function buildAssumedRoleCaller(
  role: DemoRole,
  sessionName: string,
  session: SessionCredentials,
  sourceIPAddress: string,
  userAgent: string,
): Caller {
  return {
    identity: {
      type: "AssumedRole",
      principalId: `${role.roleId}:${sessionName}`,
      arn: `arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/${role.roleName}/${sessionName}`,
      accountId: DEMO_ACCOUNT_ID,
      accessKeyId: session.accessKeyId,
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          principalId: role.roleId,
          arn: role.arn,
          accountId: DEMO_ACCOUNT_ID,
          userName: role.roleName,
        },
        webIdFederationData: {},
        attributes: {
          creationDate: formatIsoSeconds(session.creationDate),
          mfaAuthenticated: String(session.mfaAuthenticated),
        },
      },
    },
    sourceIPAddress,
    userAgent,
    fromConsole: false,
    hasTls: true,
  };
}

/** Builds an AWS service acting for itself, such as Lambda assuming an execution role. */
export function buildServiceCaller(servicePrincipal: string): Caller {
  return {
    identity: { type: "AWSService", invokedBy: servicePrincipal },
    sourceIPAddress: servicePrincipal,
    userAgent: servicePrincipal,
    fromConsole: false,
    hasTls: false,
  };
}

/**
 * Builds a service that calls on a principal's behalf (CloudFormation, Athena).
 * CloudTrail names the principal, adds invokedBy, and writes the service as
 * address and agent.
 */
export function buildInvokedByCaller(caller: Caller, servicePrincipal: string): Caller {
  return {
    identity: { ...caller.identity, invokedBy: servicePrincipal },
    sourceIPAddress: servicePrincipal,
    userAgent: servicePrincipal,
    fromConsole: false,
    hasTls: false,
  };
}

export function withUserAgent(caller: Caller, userAgent: string): Caller {
  return { ...caller, userAgent };
}
