import { createHash } from "node:crypto";

/**
 * The dimensions along which `baseline_entries` records what is usual for a
 * principal. `network` is the address's /24 (IPv4) or /48 (IPv6), so that an
 * office or NAT pool rotating through neighbouring addresses stays familiar.
 * `asn` is the autonomous system that announces the address, as `AS16509`.
 */
export type BaselineDimension = "ip" | "network" | "asn" | "country" | "userAgent" | "region" | "service" | "api";

/**
 * SQL that turns an address expression into the stored form of a dimension:
 * inet text for `ip`, the CIDR of its /24 or /48 for `network`.
 */
export function addressSql(dimension: "ip" | "network", address: string): string {
  if (dimension === "ip") {
    return `host(${address}::inet)`;
  }
  return `network(set_masklen(${address}::inet, CASE WHEN family(${address}::inet) = 4 THEN 24 ELSE 48 END))::text`;
}

// PostgreSQL rejects a b-tree index entry above about 2,700 bytes, and the
// primary key of baseline_entries includes the value. User agents are the
// only values that come near that size.
const MAX_VALUE_BYTES = 1024;
const KEPT_PREFIX_CHARS = 256;

/**
 * Returns the value as stored in `baseline_entries`: unchanged, or for values
 * above 1 KiB a 256-character prefix with the SHA-256 of the whole value, so
 * that two long values still compare equal only when they are equal.
 */
export function toBaselineValue(value: string): string {
  if (Buffer.byteLength(value, "utf8") <= MAX_VALUE_BYTES) {
    return value;
  }
  const digest = createHash("sha256").update(value, "utf8").digest("hex");
  return `${value.slice(0, KEPT_PREFIX_CHARS)}…sha256:${digest}`;
}

/** Returns the `api` dimension value: eventSource and eventName, as `iam.amazonaws.com:CreateAccessKey`. */
export function apiValue(eventSource: string, eventName: string): string {
  return `${eventSource}:${eventName}`;
}

/**
 * True for an AWS service acting in its own name (userIdentity.type AWSService,
 * keyed `service:<host>`). Its calls come from AWS's own addresses, so they are
 * no evidence of where a person usually works.
 */
export function isServicePrincipal(principal: {
  principalKey: string | null;
  principalType: string | null;
}): boolean {
  return principal.principalType === "AWSService" || (principal.principalKey?.startsWith("service:") ?? false);
}
