import { describe, expect, it } from "vitest";

import { toAddressNumber } from "./address-number";
import { splitAsnLine } from "./asn-table";
import { awsOwnedLabel, isAwsOwnedAddress, lookupAsn, lookupAsnValue, installAsnTable, sharedAsnTable } from "./lookup-asn";

// Expected values are rows of @ip-location-db/asn 2.3.2026061719.
describe("lookupAsn", () => {
  it("finds a quoted organization with a comma", () => {
    // 1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
    expect(lookupAsn("1.0.0.1")).toEqual({ asn: 13335, organization: "Cloudflare, Inc.", awsOwned: false });
  });

  it("finds the last address of a range", () => {
    // 85.17.0.0,85.17.255.255,60781,LeaseWeb Netherlands B.V.
    expect(lookupAsn("85.17.255.255")?.asn).toBe(60781);
  });

  it("unescapes doubled quotes", () => {
    // 35309568,35313663,201907,"LLC ""SPUTNIK"""
    expect(lookupAsn("2.26.200.1")?.organization).toBe('LLC "SPUTNIK"');
  });

  it("finds an IPv6 address", () => {
    // 2001:200::,2001:200:1b9:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project
    expect(lookupAsn("2001:200:1b9::10")).toEqual({ asn: 2500, organization: "WIDE Project", awsOwned: false });
  });

  it("separates neighbouring IPv6 ranges", () => {
    // 2001:200:1ba::,2001:200:1ba:ffff:ffff:ffff:ffff:ffff,24047,"Internet Systems Consortium, Inc."
    expect(lookupAsn("2001:200:1ba::1")?.asn).toBe(24047);
  });

  it("reads an IPv4-mapped IPv6 address as IPv4", () => {
    expect(lookupAsn("::ffff:85.17.31.122")?.asn).toBe(60781);
  });

  it.each([
    ["private range", "10.20.1.25"],
    ["carrier-grade NAT", "100.64.3.4"],
    ["documentation range", "198.51.100.7"],
    ["IPv6 unique local", "fd12:3456::1"],
    ["loopback", "127.0.0.1"],
    ["service name", "s3.amazonaws.com"],
    ["AWS Internal label", "AWS Internal"],
  ])("returns null for a %s", (_case, address) => {
    expect(lookupAsn(address)).toBeNull();
  });

  it("returns null for a missing address", () => {
    expect(lookupAsn(null)).toBeNull();
  });
});

describe("AWS-owned addresses", () => {
  it("recognises an EC2 address", () => {
    // 3.80.0.0,3.95.255.255,14618,"Amazon.com, Inc."
    const record = lookupAsn("3.91.171.44");
    expect(record?.awsOwned).toBe(true);
    expect(record === null ? null : awsOwnedLabel(record)).toBe("AWS-owned (AS14618 Amazon.com, Inc.)");
  });

  it("recognises an Amazon IPv6 address", () => {
    // 2600:1f00:5000::,2600:1f00:50ff:ffff:ffff:ffff:ffff:ffff,8987,Amazon Data Services Ireland Ltd
    expect(isAwsOwnedAddress("2600:1f00:5000::1")).toBe(true);
  });

  it("rejects a hosting provider address", () => {
    expect(isAwsOwnedAddress("85.17.31.122")).toBe(false);
  });

  it("rejects a private address", () => {
    expect(isAwsOwnedAddress("10.0.0.1")).toBe(false);
  });

  it("gives no label to other networks", () => {
    expect(awsOwnedLabel({ asn: 60781, organization: "LeaseWeb Netherlands B.V.", awsOwned: false })).toBeNull();
  });
});

describe("lookupAsnValue", () => {
  it("names a known ASN", () => {
    expect(lookupAsnValue("AS16509")).toEqual({ asn: 16509, organization: "Amazon.com, Inc.", awsOwned: true });
  });

  it("returns null for text that is no ASN", () => {
    expect(lookupAsnValue("16509")).toBeNull();
  });
});

describe("splitAsnLine", () => {
  it("keeps an unquoted organization", () => {
    expect(splitAsnLine("16778240,16779263,38803,Gtelecom Pty Ltd")).toEqual({
      start: "16778240",
      end: "16779263",
      asn: 38803,
      organization: "Gtelecom Pty Ltd",
    });
  });

  it("rejects a line with too few fields", () => {
    expect(splitAsnLine("16778240,16779263")).toBeNull();
  });
});

describe("toAddressNumber", () => {
  it("converts an IPv4 address", () => {
    expect(toAddressNumber("255.255.255.254")).toEqual({ family: 4, value: 4_294_967_294 });
  });

  it("expands a compressed IPv6 address", () => {
    expect(toAddressNumber("2001:200::")).toEqual({ family: 6, value: 42540528726795050063891204319802818560n });
  });

  it("reads an embedded IPv4 tail", () => {
    expect(toAddressNumber("64:ff9b::1.2.3.4")).toEqual({ family: 6, value: (0x64ff9bn << 96n) + 0x01020304n });
  });

  it("rejects a host name", () => {
    expect(toAddressNumber("example.com")).toBeNull();
  });
});

describe("sharedAsnTable", () => {
  it("keeps the ranges in shared memory", () => {
    const before = lookupAsn("64.124.20.1");
    const table = sharedAsnTable();
    expect(table.ipv4.starts.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(table.ipv6.startHigh.buffer).toBeInstanceOf(SharedArrayBuffer);
    installAsnTable(table);
    expect(lookupAsn("64.124.20.1")).toEqual(before);
    expect(sharedAsnTable()).toBe(table);
  });
});
