import { describe, expect, it } from "vitest";

import { ALL_RULES } from "./index";
import { checkRuleDefinition, loadRules, RuleDefinitionError } from "./load-rules";
import type { RuleMetadata } from "./rule-types";
import { CLOUDTRAIL_FIELDS, isKnownField } from "./source-fields";

const VALID: RuleMetadata = {
  id: "test-rule",
  source: "cloudtrail",
  title: "Test rule",
  description: "A rule used by this test. Check nothing next; it exists to be validated.",
  severity: "low",
  phase: "detection",
  score: 1,
  mitre: { tactics: ["TA0001"], techniques: ["T1078.004"] },
  references: ["https://attack.mitre.org/techniques/T1078/004/"],
  fields: ["requestParameters.userName", "userIdentity.accessKeyId"],
};

describe("loadRules", () => {
  it("loads every product rule", () => {
    expect(ALL_RULES.length).toBeGreaterThan(30);
    expect(ALL_RULES.flatMap(checkRuleDefinition)).toEqual([]);
  });

  it("rejects a rule naming a missing field", () => {
    const rule = { ...VALID, fields: ["sourceIpAddress"] };
    expect(() => loadRules([rule])).toThrow(RuleDefinitionError);
    expect(checkRuleDefinition(rule)).toEqual(["rule test-rule: field sourceIpAddress is not a cloudtrail field"]);
  });

  it("rejects a misspelt identity field", () => {
    expect(checkRuleDefinition({ ...VALID, fields: ["userIdentity.acessKeyId"] })).toHaveLength(1);
  });

  it("rejects a duplicate id", () => {
    expect(() => loadRules([VALID, VALID])).toThrow("rule test-rule: id is used by another rule");
  });

  it("rejects malformed MITRE ids", () => {
    const problems = checkRuleDefinition({ ...VALID, mitre: { tactics: ["Discovery"], techniques: ["T1078.4"] } });
    expect(problems).toEqual([
      "rule test-rule: Discovery is not a MITRE ATT&CK tactic id",
      "rule test-rule: T1078.4 is not a MITRE ATT&CK technique id",
    ]);
  });

  it("accepts a valid rule", () => {
    expect(loadRules([VALID])).toEqual([VALID]);
  });
});

describe("isKnownField", () => {
  it("admits paths below a wildcard", () => {
    expect(isKnownField("requestParameters.policyDocument", CLOUDTRAIL_FIELDS)).toBe(true);
    expect(isKnownField("requestParameters", CLOUDTRAIL_FIELDS)).toBe(false);
  });
});
