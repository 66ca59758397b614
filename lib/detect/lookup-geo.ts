import { readFileSync } from "node:fs";
import { BlockList, isIP } from "node:net";

import { Reader, type Response } from "maxmind";

import { cacheByAddress } from "./cache-by-address";
import { findPackageFile } from "./find-package-file";

/**
 * Record shape of @ip-location-db's country database: a flat `country_code`
 * instead of MaxMind's nested `country.iso_code`, which is read as a fallback.
 */
interface CountryRecord {
  country_code?: string;
  country?: { iso_code?: string };
  registered_country?: { iso_code?: string };
}

// Built at run time, so that a bundler (Next.js for the ingest routes) does
// not try to load the .mmdb file as a module.
const COUNTRY_DATABASE = ["@ip-location-db", "geolite2-country-mmdb", "geolite2-country.mmdb"];

let reader: Reader<Response & CountryRecord> | null = null;

// Private, shared, loopback, link-local, benchmarking and documentation ranges
// (RFC 1918, 6598, 1122, 3927, 2544, 5737, 4291, 4193, 3849, 9637). An address
// in them gives no country for a caller.
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["2001:db8::", 32],
  ["3fff::", 20],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, "ipv6");
}

function openReader(): Reader<Response & CountryRecord> {
  if (reader === null) {
    const path = findPackageFile(COUNTRY_DATABASE);
    reader = new Reader<Response & CountryRecord>(readFileSync(path));
  }
  return reader;
}

/** True for an address that can appear on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) {
    return false;
  }
  return !NON_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Returns the ISO 3166-1 alpha-2 country of an address from the GeoLite2
 * country database, or null for non-public addresses, service names such as
 * `AWS Internal`, and addresses the database does not place. The database is
 * read on the first call; later calls are synchronous lookups in memory.
 */
export function lookupCountry(address: string | null): string | null {
  return address === null ? null : cachedCountry(address);
}

const cachedCountry = cacheByAddress(findCountry);

function findCountry(address: string): string | null {
  if (!isPublicAddress(address)) {
    return null;
  }
  const record = openReader().get(address);
  if (record === null) {
    return null;
  }
  return (
    record.country_code ?? record.country?.iso_code ?? record.registered_country?.iso_code ?? null
  );
}
