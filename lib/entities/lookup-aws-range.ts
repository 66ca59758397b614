import { existsSync, readFileSync, statSync } from "node:fs";
import { BlockList, isIP } from "node:net";
import { join, resolve } from "node:path";

import { logger } from "@/lib/log";

/** Whether an address belongs to AWS, according to AWS's published ip-ranges.json. */
export type AwsRangeResult =
  | { owned: true; prefix: string; region: string; service: string; source: string }
  | { owned: false; source: string }
  | { owned: null; reason: string };

interface RangePrefix {
  prefix: string;
  family: "ipv4" | "ipv6";
  network: string;
  bits: number;
  region: string;
  service: string;
}

interface LoadedRanges {
  path: string;
  mtimeMs: number;
  source: string;
  prefixes: RangePrefix[];
}

let loaded: LoadedRanges | null = null;

/**
 * Path of the ranges file: WATCHFLOOR_AWS_IP_RANGES, else aws-ip-ranges.json
 * in the data folder (WATCHFLOOR_DATA_DIR, `.data` by default).
 */
export function awsRangesPath(env = process.env): string {
  if (env.WATCHFLOOR_AWS_IP_RANGES) {
    return env.WATCHFLOOR_AWS_IP_RANGES;
  }
  return join(resolve(/* turbopackIgnore: true */ env.WATCHFLOOR_DATA_DIR ?? ".data"), "aws-ip-ranges.json");
}

function toPrefix(item: Record<string, unknown>, field: "ip_prefix" | "ipv6_prefix"): RangePrefix | null {
  const prefix = item[field];
  if (typeof prefix !== "string" || !prefix.includes("/")) {
    return null;
  }
  const [network, bits] = prefix.split("/");
  return {
    prefix,
    family: field === "ip_prefix" ? "ipv4" : "ipv6",
    network,
    bits: Number(bits),
    region: typeof item.region === "string" ? item.region : "",
    service: typeof item.service === "string" ? item.service : "",
  };
}

/**
 * Parses AWS's ip-ranges.json: `prefixes[].ip_prefix` and
 * `ipv6_prefixes[].ipv6_prefix`, each with a region and a service (AWS
 * General Reference, "AWS IP address ranges").
 */
export function parseAwsRanges(text: string): { source: string; prefixes: RangePrefix[] } {
  const document = JSON.parse(text) as Record<string, unknown>;
  const v4 = Array.isArray(document.prefixes) ? document.prefixes : [];
  const v6 = Array.isArray(document.ipv6_prefixes) ? document.ipv6_prefixes : [];
  const prefixes = [
    ...v4.map((item) => toPrefix(item as Record<string, unknown>, "ip_prefix")),
    ...v6.map((item) => toPrefix(item as Record<string, unknown>, "ipv6_prefix")),
  ].filter((item): item is RangePrefix => item !== null);
  return { source: `ip-ranges.json of ${String(document.createDate ?? "unknown date")}`, prefixes };
}

function loadRanges(path: string): LoadedRanges | null {
  if (!existsSync(path)) {
    return null;
  }
  const mtimeMs = statSync(path).mtimeMs;
  if (loaded?.path !== path || loaded.mtimeMs !== mtimeMs) {
    const parsed = parseAwsRanges(readFileSync(path, "utf8"));
    loaded = { path, mtimeMs, ...parsed };
    logger.info({ path, prefixes: parsed.prefixes.length }, "AWS IP ranges loaded");
  }
  return loaded;
}

function contains(range: RangePrefix, address: string, family: "ipv4" | "ipv6"): boolean {
  if (range.family !== family) {
    return false;
  }
  const list = new BlockList();
  list.addSubnet(range.network, range.bits, family);
  return list.check(address, family);
}

/**
 * Tells whether AWS announces an address. The most specific prefix wins, and
 * among equal prefixes a named service (EC2, S3) wins over the catch-all
 * AMAZON entry.
 */
export function lookupAwsRange(address: string, path = awsRangesPath()): AwsRangeResult {
  const family = isIP(address) === 4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : null;
  if (family === null) {
    return { owned: null, reason: `${address} is not an IP address` };
  }
  let ranges: LoadedRanges | null;
  try {
    ranges = loadRanges(path);
  } catch (error) {
    logger.warn({ err: error, path }, "AWS IP ranges file could not be read");
    return { owned: null, reason: "the installed ip-ranges.json could not be read; the server log names the file" };
  }
  if (ranges === null) {
    return { owned: null, reason: "AWS's ip-ranges.json is not installed (see WATCHFLOOR_AWS_IP_RANGES in the README)" };
  }
  const matches = ranges.prefixes.filter((range) => contains(range, address, family));
  if (matches.length === 0) {
    return { owned: false, source: ranges.source };
  }
  const best = matches.sort(
    (a, b) => b.bits - a.bits || Number(a.service === "AMAZON") - Number(b.service === "AMAZON"),
  )[0];
  return { owned: true, prefix: best.prefix, region: best.region, service: best.service, source: ranges.source };
}
