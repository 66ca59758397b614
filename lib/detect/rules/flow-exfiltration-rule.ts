import { readNumberSetting } from "../read-detection-settings";
import type { RuleMetadata } from "./rule-types";

/** A transfer counts as unusual when it is this many times the busiest earlier hour to the same destination. */
export const FLOW_PEAK_FACTOR = 3;
const DEFAULT_MIN_BYTES = 100 * 1024 * 1024;

export const flowExfiltrationRule: RuleMetadata = {
  id: "vpc-flow-unusual-transfer-out",
  source: "vpcflow",
  title: "Unusual transfer to a destination outside the approved regions or countries",
  description:
    "A network interface sent more bytes to one public address within an hour than ever before in the " +
    "previous 14 days (three times its busiest earlier hour, and at least WATCHFLOOR_FLOW_EXFIL_MIN_BYTES, " +
    "100 MiB by default). When WATCHFLOOR_APPROVED_REGIONS is set and AWS's ip-ranges.json places the " +
    "address in a region, the region must be outside that list; otherwise the address must lie outside " +
    "WATCHFLOOR_APPROVED_COUNTRIES when that list is set. " +
    "Check what runs on the interface, what the destination is, and whether the same address appears in " +
    "CloudTrail or GuardDuty.",
  severity: "high",
  phase: "exfiltration",
  score: 25,
  mitre: { tactics: ["TA0010"], techniques: ["T1048", "T1537"] },
  references: [
    "https://attack.mitre.org/techniques/T1048/",
    "https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html",
  ],
  fields: ["interface-id", "srcaddr", "dstaddr", "bytes", "action", "start"],
};

export interface FlowExfiltrationSettings {
  minBytes: number;
  /** ISO 3166-1 alpha-2 codes; empty when every country is judged on volume alone. */
  approvedCountries: ReadonlySet<string>;
  /** AWS regions (`eu-west-1`); judge AWS addresses that ip-ranges.json places in a region. */
  approvedRegions: ReadonlySet<string>;
}

/**
 * Reads WATCHFLOOR_FLOW_EXFIL_MIN_BYTES, WATCHFLOOR_APPROVED_COUNTRIES (comma-separated
 * country codes) and WATCHFLOOR_APPROVED_REGIONS (comma-separated AWS regions).
 */
type Environment = Readonly<Record<string, string | undefined>>;

export function readFlowExfiltrationSettings(env: Environment = process.env): FlowExfiltrationSettings {
  return {
    minBytes: readNumberSetting("WATCHFLOOR_FLOW_EXFIL_MIN_BYTES", DEFAULT_MIN_BYTES, "bytes", env),
    approvedCountries: readListSetting(env, "WATCHFLOOR_APPROVED_COUNTRIES", {
      normalize: (code) => code.toUpperCase(),
      pattern: /^[A-Z]{2}$/,
      expected: "two-letter country codes",
    }),
    approvedRegions: readListSetting(env, "WATCHFLOOR_APPROVED_REGIONS", {
      normalize: (region) => region.toLowerCase(),
      pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/,
      expected: "AWS regions such as eu-west-1",
    }),
  };
}

/** Reads a comma-separated list from the environment, normalised, and rejects any item that does not match `pattern`. */
function readListSetting(
  env: Environment,
  name: string,
  format: { normalize: (item: string) => string; pattern: RegExp; expected: string },
): ReadonlySet<string> {
  const items = (env[name] ?? "")
    .split(",")
    .map((item) => format.normalize(item.trim()))
    .filter((item) => item !== "");
  for (const item of items) {
    if (!format.pattern.test(item)) {
      throw new Error(`${name} must list ${format.expected} separated by commas, got '${item}'.`);
    }
  }
  return new Set(items);
}
