import { isIP } from "node:net";

export interface SourceAddress {
  /** A real IPv4 or IPv6 address, else null. */
  sourceIp: string | null;
  /** The value when it is not an address: a service host name or "AWS Internal". */
  sourceService: string | null;
}

const NONE: SourceAddress = { sourceIp: null, sourceService: null };

/**
 * Splits CloudTrail's `sourceIPAddress` into an address or a label. AWS writes a
 * service principal (`support.amazonaws.com`) when a service acted for the caller
 * and `AWS Internal` for calls made inside AWS (CloudTrail User Guide, record
 * contents). Only what node:net accepts counts as an address, so anonymised values
 * with leading zeros (`075.050.255.67`) stay labels instead of becoming bogus IPs.
 */
export function classifySourceAddress(value: unknown): SourceAddress {
  if (typeof value !== "string" || value === "") {
    return NONE;
  }
  // A zone id (fe80::1%eth0) passes isIP but is not a routable source, and
  // PostgreSQL's inet type refuses it.
  if (isIP(value) !== 0 && !value.includes("%")) {
    return { sourceIp: value, sourceService: null };
  }
  return { sourceIp: null, sourceService: value };
}
