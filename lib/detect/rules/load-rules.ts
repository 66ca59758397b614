import { PHASES, SEVERITIES, type RuleMetadata } from "./rule-types";
import { isKnownField, SOURCE_FIELDS } from "./source-fields";

/** A rule that cannot be loaded, with every problem found in it. */
export class RuleDefinitionError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Detection rules are invalid:\n- ${problems.join("\n- ")}`);
    this.name = "RuleDefinitionError";
    this.problems = problems;
  }
}

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TACTIC_ID = /^TA\d{4}$/;
const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** Lists what is wrong with one rule's metadata; empty when nothing is. */
export function checkRuleDefinition(rule: RuleMetadata): string[] {
  const problems: string[] = [];
  const where = `rule ${rule.id || "(no id)"}`;
  if (!RULE_ID.test(rule.id)) {
    problems.push(`${where}: id must be kebab-case`);
  }
  if (rule.title.trim() === "" || rule.description.trim().length < 40) {
    problems.push(`${where}: title and a description of what to check next are required`);
  }
  if (!(SEVERITIES as readonly string[]).includes(rule.severity)) {
    problems.push(`${where}: unknown severity ${rule.severity}`);
  }
  if (!(PHASES as readonly string[]).includes(rule.phase)) {
    problems.push(`${where}: unknown phase ${rule.phase}`);
  }
  for (const tactic of rule.mitre.tactics.filter((id) => !TACTIC_ID.test(id))) {
    problems.push(`${where}: ${tactic} is not a MITRE ATT&CK tactic id`);
  }
  for (const technique of rule.mitre.techniques.filter((id) => !TECHNIQUE_ID.test(id))) {
    problems.push(`${where}: ${technique} is not a MITRE ATT&CK technique id`);
  }
  for (const reference of rule.references.filter((url) => !url.startsWith("https://"))) {
    problems.push(`${where}: reference ${reference} is not an https URL`);
  }
  const known = SOURCE_FIELDS[rule.source];
  if (known === undefined) {
    problems.push(`${where}: unknown source ${rule.source}`);
  } else {
    for (const field of rule.fields.filter((path) => !isKnownField(path, known))) {
      problems.push(`${where}: field ${field} is not a ${rule.source} field`);
    }
  }
  return problems;
}

/**
 * Checks every rule's metadata and returns the rules unchanged. Throws a
 * RuleDefinitionError naming each problem, such as a field missing from its
 * source's field list or an id used twice, so that a broken rule stops the
 * process when rules load instead of matching nothing in silence.
 */
export function loadRules<T extends RuleMetadata>(rules: readonly T[]): readonly T[] {
  const problems = rules.flatMap(checkRuleDefinition);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) {
      problems.push(`rule ${rule.id}: id is used by another rule`);
    }
    seen.add(rule.id);
  }
  if (problems.length > 0) {
    throw new RuleDefinitionError(problems);
  }
  return rules;
}
