import { describe, expect, it } from "vitest";

import { quoteShellWord } from "./format-cli-command";
import { tightenTrustPolicy } from "./tighten-trust-policy";

const OWN = "111122223333";

function trust(principal: unknown) {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] };
}

describe("tightenTrustPolicy", () => {
  it("removes another account's root", () => {
    const result = tightenTrustPolicy({
      document: trust({ AWS: [`arn:aws:iam::${OWN}:root`, "arn:aws:iam::444455556666:root"] }),
      assumers: [{ arn: null, accountId: "444455556666" }],
      roleAccountId: OWN,
    });
    expect(result.removed).toEqual(["arn:aws:iam::444455556666:root"]);
    expect(result.document).toEqual(trust({ AWS: `arn:aws:iam::${OWN}:root` }));
  });

  it("removes an exact principal ARN", () => {
    const result = tightenTrustPolicy({
      document: trust({ AWS: ["arn:aws:iam::111122223333:user/ci", "arn:aws:iam::111122223333:role/deployer"] }),
      assumers: [{ arn: "arn:aws:iam::111122223333:user/ci", accountId: OWN }],
      roleAccountId: OWN,
    });
    expect(result.removed).toEqual(["arn:aws:iam::111122223333:user/ci"]);
    expect(result.document).toEqual(trust({ AWS: "arn:aws:iam::111122223333:role/deployer" }));
  });

  it("keeps trust in the role's own account", () => {
    const result = tightenTrustPolicy({
      document: trust({ AWS: `arn:aws:iam::${OWN}:root` }),
      assumers: [{ arn: "arn:aws:iam::111122223333:user/ci", accountId: OWN }],
      roleAccountId: OWN,
    });
    expect(result).toEqual({ document: null, removed: [] });
  });

  it("keeps a statement's service principal", () => {
    const result = tightenTrustPolicy({
      document: trust({ AWS: "444455556666", Service: "lambda.amazonaws.com" }),
      assumers: [{ arn: null, accountId: "444455556666" }],
      roleAccountId: OWN,
    });
    expect(result.document).toEqual(trust({ Service: "lambda.amazonaws.com" }));
  });

  it("leaves an emptied policy to a person", () => {
    const result = tightenTrustPolicy({
      document: trust({ AWS: "arn:aws:iam::444455556666:root" }),
      assumers: [{ arn: null, accountId: "444455556666" }],
      roleAccountId: OWN,
    });
    expect(result.document).toBeNull();
    expect(result.removed).toEqual(["arn:aws:iam::444455556666:root"]);
  });
});

describe("quoteShellWord", () => {
  it("leaves plain words bare", () => {
    expect(quoteShellWord("arn:aws:iam::aws:policy/AdministratorAccess")).toBe("arn:aws:iam::aws:policy/AdministratorAccess");
  });

  it("quotes JSON and single quotes", () => {
    expect(quoteShellWord('{"a":"it\'s"}')).toBe(`'{"a":"it'\\''s"}'`);
  });
});
