import { describe, expect, it } from "vitest";

import { accessKeyIdOf, resolveActor } from "./resolve-actor";

const ACCOUNT = "111122223333";

describe("resolveActor", () => {
  it("resolves an IAM user with a path", () => {
    const record = {
      userIdentity: {
        type: "IAMUser",
        principalId: "AIDAEXAMPLEALICE0001",
        arn: `arn:aws:iam::${ACCOUNT}:user/division/alice`,
        accountId: ACCOUNT,
        accessKeyId: "AKIAEXAMPLEALICE0001",
        userName: "alice",
      },
    };
    expect(resolveActor(record)).toEqual({
      key: `arn:aws:iam::${ACCOUNT}:user/division/alice`,
      type: "IAMUser",
      arn: `arn:aws:iam::${ACCOUNT}:user/division/alice`,
      accountId: ACCOUNT,
      name: "alice",
      sessionName: null,
      namespace: null,
      id: "AIDAEXAMPLEALICE0001",
    });
    expect(accessKeyIdOf(record)).toBe("AKIAEXAMPLEALICE0001");
  });

  it("takes an IAM user's name from its ARN when userName is absent", () => {
    const actor = resolveActor({
      userIdentity: { type: "IAMUser", arn: `arn:aws:iam::${ACCOUNT}:user/ops/bob` },
    });
    expect(actor).toMatchObject({ name: "bob", accountId: ACCOUNT });
  });

  it("resolves an assumed-role session to its role, keeping the role path", () => {
    const record = {
      userIdentity: {
        type: "AssumedRole",
        principalId: "AROAEXAMPLEROLE00001:session-name",
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/RoleName/session-name`,
        accountId: ACCOUNT,
        accessKeyId: "ASIAEXAMPLESESSION01",
        sessionContext: {
          sessionIssuer: {
            type: "Role",
            principalId: "AROAEXAMPLEROLE00001",
            arn: `arn:aws:iam::${ACCOUNT}:role/service-role/RoleName`,
            accountId: ACCOUNT,
            userName: "RoleName",
          },
        },
      },
    };
    expect(resolveActor(record)).toEqual({
      key: `arn:aws:iam::${ACCOUNT}:role/service-role/RoleName`,
      type: "AssumedRole",
      arn: `arn:aws:iam::${ACCOUNT}:role/service-role/RoleName`,
      accountId: ACCOUNT,
      name: "RoleName",
      sessionName: "session-name",
      namespace: null,
      id: "AROAEXAMPLEROLE00001:session-name",
    });
  });

  it("derives the role ARN from the session ARN without a session issuer", () => {
    const actor = resolveActor({
      userIdentity: {
        type: "AssumedRole",
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/RoleName/session-name`,
        accountId: ACCOUNT,
      },
    });
    expect(actor).toMatchObject({
      key: `arn:aws:iam::${ACCOUNT}:role/RoleName`,
      arn: `arn:aws:iam::${ACCOUNT}:role/RoleName`,
      name: "RoleName",
      sessionName: "session-name",
    });
  });

  it("keys the root user by the account's root ARN", () => {
    const withArn = resolveActor({
      userIdentity: { type: "Root", principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
    });
    expect(withArn).toMatchObject({ key: `arn:aws:iam::${ACCOUNT}:root`, type: "Root", name: "root", accountId: ACCOUNT });
    const withoutArn = resolveActor({ userIdentity: { type: "Root", accountId: ACCOUNT } });
    expect(withoutArn.key).toBe(`arn:aws:iam::${ACCOUNT}:root`);
  });

  it("keys an AWS service by the service that invoked the call", () => {
    const actor = resolveActor({
      eventSource: "sts.amazonaws.com",
      userIdentity: { type: "AWSService", invokedBy: "cloudtrail.amazonaws.com" },
    });
    expect(actor).toEqual({
      key: "service:cloudtrail.amazonaws.com",
      type: "AWSService",
      arn: null,
      accountId: null,
      name: "cloudtrail.amazonaws.com",
      sessionName: null,
      namespace: null,
      id: null,
    });
  });

  it("resolves a federated user", () => {
    const actor = resolveActor({
      userIdentity: {
        type: "FederatedUser",
        principalId: `${ACCOUNT}:partner`,
        arn: `arn:aws:sts::${ACCOUNT}:federated-user/partner`,
        accountId: ACCOUNT,
      },
    });
    expect(actor).toMatchObject({
      key: `arn:aws:sts::${ACCOUNT}:federated-user/partner`,
      type: "FederatedUser",
      name: "partner",
      accountId: ACCOUNT,
    });
  });

  it("keys another account by its id, and an anonymous caller as such", () => {
    const other = resolveActor({
      userIdentity: { type: "AWSAccount", principalId: "AIDAEXAMPLEOTHER0001", accountId: "444455556666" },
    });
    expect(other).toMatchObject({ key: "account:444455556666", accountId: "444455556666" });
    const anonymous = resolveActor({
      userIdentity: { type: "AWSAccount", principalId: "", accountId: "ANONYMOUS_PRINCIPAL" },
    });
    expect(anonymous).toMatchObject({ key: "account:ANONYMOUS_PRINCIPAL", accountId: null, name: "ANONYMOUS_PRINCIPAL" });
  });

  it("keys an Identity Center user by identity store and user id", () => {
    const store = `arn:aws:identitystore::${ACCOUNT}:identitystore/d-1234567890`;
    const actor = resolveActor({
      userIdentity: {
        type: "IdentityCenterUser",
        accountId: ACCOUNT,
        onBehalfOf: { userId: "94d00cd8-e9e6-4810-b177-b08e84775435", identityStoreArn: store },
        credentialId: "example",
      },
    });
    expect(actor).toEqual({
      key: `identity-center:${store}/94d00cd8-e9e6-4810-b177-b08e84775435`,
      type: "IdentityCenterUser",
      arn: null,
      accountId: ACCOUNT,
      name: "94d00cd8-e9e6-4810-b177-b08e84775435",
      sessionName: null,
      namespace: store,
      id: "94d00cd8-e9e6-4810-b177-b08e84775435",
    });
  });

  it("gives records without userIdentity a key of their own per account", () => {
    expect(resolveActor({ recipientAccountId: ACCOUNT, eventType: "AwsCloudTrailInsight" })).toEqual({
      key: `none:${ACCOUNT}`,
      type: "None",
      arn: null,
      accountId: ACCOUNT,
      name: null,
      sessionName: null,
      namespace: null,
      id: null,
    });
  });

  it("keys an Unknown identity by account and keeps the typed user name", () => {
    const actor = resolveActor({
      recipientAccountId: ACCOUNT,
      userIdentity: { type: "Unknown", principalId: "", accountId: ACCOUNT, userName: "admin" },
    });
    expect(actor).toMatchObject({ key: `unknown:${ACCOUNT}`, type: "Unknown", name: "admin" });
  });

  it("keys SAML and web identity users by provider and name", () => {
    const actor = resolveActor({
      userIdentity: {
        type: "SAMLUser",
        principalId: "SAML:jdoe@example.com",
        userName: "jdoe@example.com",
        identityProvider: "bdGOnTesti4Uf+1gr9BD/dTEr8R6=",
      },
    });
    expect(actor).toMatchObject({
      key: "samluser:bdGOnTesti4Uf+1gr9BD/dTEr8R6=/jdoe@example.com",
      name: "jdoe@example.com",
    });
  });

  it("reads no access key from an empty string", () => {
    expect(accessKeyIdOf({ userIdentity: { type: "IAMUser", accessKeyId: "" } })).toBeNull();
    expect(accessKeyIdOf({})).toBeNull();
  });
});
