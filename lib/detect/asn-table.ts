import { readFileSync } from "node:fs";

/**
 * Inclusive address ranges with their autonomous system, sorted by start.
 * IPv4 bounds are 32-bit numbers. IPv6 bounds are 128-bit numbers split into
 * their high and low 64 bits. `organizationIndex` points into `organizations`,
 * which stores each organization name once.
 */
export interface AsnTable {
  ipv4: { starts: Uint32Array; ends: Uint32Array; asns: Uint32Array; organizationIndex: Uint32Array };
  ipv6: {
    startHigh: BigUint64Array;
    startLow: BigUint64Array;
    endHigh: BigUint64Array;
    endLow: BigUint64Array;
    asns: Uint32Array;
    organizationIndex: Uint32Array;
  };
  organizations: string[];
}

const LOW_64 = (1n << 64n) - 1n;

interface CsvRow {
  start: string;
  end: string;
  asn: number;
  organization: string;
}

/**
 * Splits one line of the `-num.csv` files: `start,end,asn,organization`.
 * Only the organization may contain commas, and then it is the last field,
 * double-quoted, with inner quotes doubled (RFC 4180).
 */
export function splitAsnLine(line: string): CsvRow | null {
  const first = line.indexOf(",");
  const second = line.indexOf(",", first + 1);
  const third = line.indexOf(",", second + 1);
  if (first < 0 || second < 0 || third < 0) {
    return null;
  }
  let organization = line.slice(third + 1);
  if (organization.startsWith('"') && organization.endsWith('"') && organization.length >= 2) {
    organization = organization.slice(1, -1).replaceAll('""', '"');
  }
  return {
    start: line.slice(0, first),
    end: line.slice(first + 1, second),
    asn: Number(line.slice(second + 1, third)),
    organization,
  };
}

class OrganizationPool {
  readonly names: string[] = [];
  private readonly indexes = new Map<string, number>();

  intern(name: string): number {
    let index = this.indexes.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indexes.set(name, index);
    }
    return index;
  }
}

/**
 * The bytes of a CSV file and the number of its non-empty lines. The bytes
 * stay a Buffer, outside the V8 heap: the IPv4 file as one string took 21 MB
 * of heap, more than a 64 MiB heap leaves while reading it.
 */
interface CsvText {
  path: string;
  bytes: Buffer;
  rows: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function lineEndAt(bytes: Buffer, lineStart: number): number {
  const lineEnd = bytes.indexOf(NEWLINE, lineStart);
  return lineEnd < 0 ? bytes.length : lineEnd;
}

function lineAt(bytes: Buffer, lineStart: number, lineEnd: number): string {
  const end = lineEnd > lineStart && bytes[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
  return bytes.toString("utf8", lineStart, end);
}

function readCsv(path: string): CsvText {
  const bytes = readFileSync(path);
  let rows = 0;
  for (let lineStart = 0; lineStart < bytes.length; ) {
    const lineEnd = lineEndAt(bytes, lineStart);
    const end = lineEnd > lineStart && bytes[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
    if (end > lineStart) {
      rows += 1;
    }
    lineStart = lineEnd + 1;
  }
  return { path, bytes, rows };
}

/**
 * Calls `visit` for each non-empty line with its row number. The bytes are
 * walked line by line instead of split into an array, because the IPv4 file
 * has about 412,000 lines and the array would double the memory the load
 * needs at its peak.
 */
function forEachRow(csv: CsvText, visit: (row: CsvRow, index: number) => void): void {
  let index = 0;
  for (let lineStart = 0; lineStart < csv.bytes.length; ) {
    const lineEnd = lineEndAt(csv.bytes, lineStart);
    const line = lineAt(csv.bytes, lineStart, lineEnd);
    lineStart = lineEnd + 1;
    if (line === "") {
      continue;
    }
    const row = splitAsnLine(line);
    if (row === null || !Number.isInteger(row.asn)) {
      throw new Error(`${csv.path} row ${index + 1} is not "start,end,asn,organization": ${line.slice(0, 80)}`);
    }
    visit(row, index);
    index += 1;
  }
}

function readIpv4(path: string, pool: OrganizationPool): AsnTable["ipv4"] {
  const csv = readCsv(path);
  const table = {
    starts: new Uint32Array(csv.rows),
    ends: new Uint32Array(csv.rows),
    asns: new Uint32Array(csv.rows),
    organizationIndex: new Uint32Array(csv.rows),
  };
  forEachRow(csv, (row, index) => {
    table.starts[index] = Number(row.start);
    table.ends[index] = Number(row.end);
    table.asns[index] = row.asn;
    table.organizationIndex[index] = pool.intern(row.organization);
  });
  return table;
}

function readIpv6(path: string, pool: OrganizationPool): AsnTable["ipv6"] {
  const csv = readCsv(path);
  const table = {
    startHigh: new BigUint64Array(csv.rows),
    startLow: new BigUint64Array(csv.rows),
    endHigh: new BigUint64Array(csv.rows),
    endLow: new BigUint64Array(csv.rows),
    asns: new Uint32Array(csv.rows),
    organizationIndex: new Uint32Array(csv.rows),
  };
  forEachRow(csv, (row, index) => {
    const start = BigInt(row.start);
    const end = BigInt(row.end);
    table.startHigh[index] = start >> 64n;
    table.startLow[index] = start & LOW_64;
    table.endHigh[index] = end >> 64n;
    table.endLow[index] = end & LOW_64;
    table.asns[index] = row.asn;
    table.organizationIndex[index] = pool.intern(row.organization);
  });
  return table;
}

/**
 * Reads @ip-location-db/asn's `asn-ipv4-num.csv` and `asn-ipv6-num.csv`,
 * whose rows are sorted by start and do not overlap.
 */
export function readAsnTable(paths: { ipv4: string; ipv6: string }): AsnTable {
  const pool = new OrganizationPool();
  const ipv4 = readIpv4(paths.ipv4, pool);
  const ipv6 = readIpv6(paths.ipv6, pool);
  return { ipv4, ipv6, organizations: pool.names };
}

/** Index of the IPv4 range that contains `address`, or -1. */
export function findIpv4Range(table: AsnTable["ipv4"], address: number): number {
  let low = 0;
  let high = table.starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (table.starts[middle] <= address) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && address <= table.ends[found] ? found : -1;
}

function compare128(aHigh: bigint, aLow: bigint, bHigh: bigint, bLow: bigint): number {
  if (aHigh !== bHigh) {
    return aHigh < bHigh ? -1 : 1;
  }
  if (aLow !== bLow) {
    return aLow < bLow ? -1 : 1;
  }
  return 0;
}

/** Index of the IPv6 range that contains the 128-bit `address`, or -1. */
export function findIpv6Range(table: AsnTable["ipv6"], address: bigint): number {
  const high = address >> 64n;
  const low = address & LOW_64;
  let first = 0;
  let last = table.startHigh.length - 1;
  let found = -1;
  while (first <= last) {
    const middle = (first + last) >>> 1;
    if (compare128(table.startHigh[middle], table.startLow[middle], high, low) <= 0) {
      found = middle;
      first = middle + 1;
    } else {
      last = middle - 1;
    }
  }
  if (found < 0 || compare128(high, low, table.endHigh[found], table.endLow[found]) > 0) {
    return -1;
  }
  return found;
}
