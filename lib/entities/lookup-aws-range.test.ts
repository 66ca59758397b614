import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { lookupAwsRange } from "./lookup-aws-range";

// Shaped as AWS publishes ip-ranges.json; the prefixes are documentation and test ranges.
const RANGES = {
  syncToken: "1700000000",
  createDate: "2026-11-01-00-00-00",
  prefixes: [
    { ip_prefix: "198.18.0.0/15", region: "us-east-1", service: "AMAZON", network_border_group: "us-east-1" },
    { ip_prefix: "198.18.4.0/24", region: "us-east-1", service: "AMAZON", network_border_group: "us-east-1" },
    { ip_prefix: "198.18.4.0/24", region: "us-east-1", service: "EC2", network_border_group: "us-east-1" },
  ],
  ipv6_prefixes: [{ ipv6_prefix: "2001:db8:1000::/40", region: "eu-west-1", service: "S3", network_border_group: "eu-west-1" }],
};

function rangesFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), "watchfloor-ranges-")), "ip-ranges.json");
  writeFileSync(path, JSON.stringify(RANGES));
  return path;
}

describe("lookupAwsRange", () => {
  const path = rangesFile();

  it("names the most specific service", () => {
    expect(lookupAwsRange("198.18.4.20", path)).toEqual({
      owned: true,
      prefix: "198.18.4.0/24",
      region: "us-east-1",
      service: "EC2",
      source: "ip-ranges.json of 2026-11-01-00-00-00",
    });
  });

  it("matches an IPv6 prefix", () => {
    const result = lookupAwsRange("2001:db8:1000::5", path);
    expect(result).toMatchObject({ owned: true, service: "S3", prefix: "2001:db8:1000::/40" });
  });

  it("rejects an address outside", () => {
    expect(lookupAwsRange("85.17.31.122", path)).toEqual({ owned: false, source: "ip-ranges.json of 2026-11-01-00-00-00" });
  });

  it("is unknown without a file", () => {
    const result = lookupAwsRange("85.17.31.122", join(tmpdir(), "no-such-ranges.json"));
    expect(result.owned).toBeNull();
  });
});
