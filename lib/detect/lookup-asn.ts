import { performance } from "node:perf_hooks";

import { logger } from "@/lib/log";

import { toAddressNumber } from "./address-number";
import { cacheByAddress } from "./cache-by-address";
import { type AsnTable, findIpv4Range, findIpv6Range, readAsnTable } from "./asn-table";
import { findPackageFile } from "./find-package-file";
import type { AsnRecord } from "./format-asn";
import { isPublicAddress } from "./lookup-geo";

export { addressOwnerLabel, type AsnRecord, asnValue, awsOwnedLabel, formatAsn } from "./format-asn";

/**
 * Amazon's autonomous systems in @ip-location-db/asn 2.3.2026061719, found
 * by their organization names (Amazon.com, Amazon Technologies, Amazon Data
 * Services, Amazon Connection Technology Services). AS16509 (AMAZON-02) and
 * AS14618 (AMAZON-AES) announce most of AWS's public ranges. NOTE: a few of the smaller ones may be Amazon's corporate
 * networks rather than AWS, but they are treated as AWS-owned all the same.
 */
export const AMAZON_ASNS: ReadonlySet<number> = new Set([
  16509, 14618, 8987, 7224, 62785, 801, 9059, 21664, 36263, 38895, 135630, 214101, 400098, 401395,
]);

// Built at run time, so that a bundler (Next.js for the ingest routes) does
// not try to load the CSV files as modules.
const IPV4_FILE = ["@ip-location-db", "asn", "asn-ipv4-num.csv"];
const IPV6_FILE = ["@ip-location-db", "asn", "asn-ipv6-num.csv"];

// Next.js compiles route handlers and pages into separate bundles, each with
// its own copy of this module, so the table is kept on globalThis to be read
// once per process rather than once per bundle.
const TABLE_KEY = Symbol.for("watchfloor.asnTable");
const shared = globalThis as typeof globalThis & { [TABLE_KEY]?: AsnTable };

function loadTable(): AsnTable {
  let table = shared[TABLE_KEY];
  if (table === undefined) {
    const started = performance.now();
    table = readAsnTable({ ipv4: findPackageFile(IPV4_FILE), ipv6: findPackageFile(IPV6_FILE) });
    shared[TABLE_KEY] = table;
    logger.info(
      {
        ipv4Ranges: table.ipv4.starts.length,
        ipv6Ranges: table.ipv6.asns.length,
        organizations: table.organizations.length,
        ms: Math.round(performance.now() - started),
      },
      "IP-to-ASN table loaded",
    );
  }
  return table;
}

function sharedUint32(array: Uint32Array): Uint32Array {
  const copy = new Uint32Array(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

function sharedBigUint64(array: BigUint64Array): BigUint64Array {
  const copy = new BigUint64Array(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/**
 * Returns the table with its ranges in shared memory, for worker threads
 * (see installAsnTable). A worker that read the CSV files itself held a copy
 * of its own and the garbage of reading it: two ingest workers took the peak
 * memory of a 2.4 MB ingest from about 250 MiB to 420 MiB.
 */
export function sharedAsnTable(): AsnTable {
  const table = loadTable();
  if (table.ipv4.starts.buffer instanceof SharedArrayBuffer) {
    return table;
  }
  const { ipv4, ipv6 } = table;
  const sharedTable: AsnTable = {
    ipv4: {
      starts: sharedUint32(ipv4.starts),
      ends: sharedUint32(ipv4.ends),
      asns: sharedUint32(ipv4.asns),
      organizationIndex: sharedUint32(ipv4.organizationIndex),
    },
    ipv6: {
      startHigh: sharedBigUint64(ipv6.startHigh),
      startLow: sharedBigUint64(ipv6.startLow),
      endHigh: sharedBigUint64(ipv6.endHigh),
      endLow: sharedBigUint64(ipv6.endLow),
      asns: sharedUint32(ipv6.asns),
      organizationIndex: sharedUint32(ipv6.organizationIndex),
    },
    organizations: table.organizations,
  };
  shared[TABLE_KEY] = sharedTable;
  return sharedTable;
}

/** Uses a table another thread loaded (see sharedAsnTable) instead of reading the CSV files again. */
export function installAsnTable(table: AsnTable): void {
  shared[TABLE_KEY] = table;
}

function toRecord(loaded: AsnTable, asn: number, organizationIndex: number): AsnRecord {
  return { asn, organization: loaded.organizations[organizationIndex], awsOwned: AMAZON_ASNS.has(asn) };
}

/**
 * Returns the autonomous system of an address from DB-IP's IP-to-ASN Lite
 * data merged with RouteViews, or null for non-public addresses, service
 * names such as `AWS Internal`, and addresses no range covers. The CSV files
 * are read on the first call, which took 0.6 to 1.0 s of CPU time on a
 * 2-core machine, and later calls are binary searches in memory.
 */
export function lookupAsn(address: string | null): AsnRecord | null {
  return address === null ? null : cachedAsn(address);
}

const cachedAsn = cacheByAddress(findAsn);

function findAsn(address: string): AsnRecord | null {
  if (!isPublicAddress(address)) {
    return null;
  }
  const number = toAddressNumber(address);
  if (number === null) {
    return null;
  }
  const loaded = loadTable();
  if (number.family === 4) {
    const index = findIpv4Range(loaded.ipv4, number.value);
    return index < 0 ? null : toRecord(loaded, loaded.ipv4.asns[index], loaded.ipv4.organizationIndex[index]);
  }
  const index = findIpv6Range(loaded.ipv6, number.value);
  return index < 0 ? null : toRecord(loaded, loaded.ipv6.asns[index], loaded.ipv6.organizationIndex[index]);
}

/** True when an Amazon autonomous system announces the address. */
export function isAwsOwnedAddress(address: string | null): boolean {
  return lookupAsn(address)?.awsOwned ?? false;
}

/**
 * Returns the record of an `asn` baseline value (`AS16509`), with the
 * organization of the first range the ASN announces, or null for text that
 * is not such a value and for an ASN no range has.
 */
export function lookupAsnValue(value: string): AsnRecord | null {
  const match = /^AS(\d+)$/.exec(value);
  if (match === null) {
    return null;
  }
  const asn = Number(match[1]);
  const loaded = loadTable();
  let index = loaded.ipv4.asns.indexOf(asn);
  if (index >= 0) {
    return toRecord(loaded, asn, loaded.ipv4.organizationIndex[index]);
  }
  index = loaded.ipv6.asns.indexOf(asn);
  return index >= 0 ? toRecord(loaded, asn, loaded.ipv6.organizationIndex[index]) : null;
}
