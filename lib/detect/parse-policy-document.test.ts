import { describe, expect, it } from "vitest";

import { deniesAllActions, grantsAllActions, parsePolicyDocument } from "./parse-policy-document";

const ALLOW_ALL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

describe("parsePolicyDocument", () => {
  it("reads a JSON string", () => {
    expect(parsePolicyDocument(JSON.stringify(ALLOW_ALL))).toEqual(ALLOW_ALL);
  });

  it("reads a URL-encoded string", () => {
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(ALLOW_ALL)))).toEqual(ALLOW_ALL);
  });

  it("reads form encoding with plus signs", () => {
    const text = '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "*", "Resource": "*" } }';
    const encoded = encodeURIComponent(text).replace(/%20/g, "+");
    expect(parsePolicyDocument(encoded)?.Version).toBe("2012-10-17");
  });

  it("accepts an object", () => {
    expect(parsePolicyDocument(ALLOW_ALL)).toBe(ALLOW_ALL);
  });

  it("returns null for text that is not JSON", () => {
    expect(parsePolicyDocument("%7Bnot json")).toBeNull();
  });
});

describe("grantsAllActions", () => {
  it("matches Action as a string", () => {
    expect(grantsAllActions(JSON.stringify(ALLOW_ALL))).toBe(true);
  });

  it("matches Action as an array", () => {
    const document = { Statement: { Effect: "Allow", Action: ["*"], Resource: ["*"] } };
    expect(grantsAllActions(encodeURIComponent(JSON.stringify(document)))).toBe(true);
  });

  it("matches a wildcard among other actions", () => {
    const document = { Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: "*" }] };
    expect(grantsAllActions(document)).toBe(true);
  });

  it("ignores a Deny statement", () => {
    const document = { Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] };
    expect(grantsAllActions(document)).toBe(false);
  });

  it("ignores a service wildcard", () => {
    const document = { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
    expect(grantsAllActions(document)).toBe(false);
  });

  it("ignores a narrowed resource", () => {
    const document = { Statement: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::reports/*" }] };
    expect(grantsAllActions(document)).toBe(false);
  });

  it("ignores a lowercase effect", () => {
    const document = { Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] };
    expect(grantsAllActions(document)).toBe(false);
  });
});

describe("deniesAllActions", () => {
  it("matches a deny-all document", () => {
    const document = { Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] };
    expect(deniesAllActions(JSON.stringify(document))).toBe(true);
  });

  it("does not match an allow-all document", () => {
    expect(deniesAllActions(ALLOW_ALL)).toBe(false);
  });
});
