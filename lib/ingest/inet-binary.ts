/**
 * PostgreSQL's binary form of an `inet` value (src/backend/utils/adt/network.c,
 * inet_send): family (2 for IPv4, 3 for IPv6), prefix bits, an is-cidr flag,
 * the address length and the address bytes.
 */
import { isIPv4, isIPv6 } from "node:net";

const PGSQL_AF_INET = 2;
const PGSQL_AF_INET6 = 3;

function ipv4Bytes(text: string, into: number[]): boolean {
  const parts = text.split(".");
  if (parts.length !== 4) {
    return false;
  }
  for (const part of parts) {
    into.push(Number(part));
  }
  return true;
}

function groupsOf(text: string): number[] | null {
  if (text === "") {
    return [];
  }
  const groups: number[] = [];
  const parts = text.split(":");
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes(".")) {
      const bytes: number[] = [];
      if (!ipv4Bytes(part, bytes)) {
        return null;
      }
      groups.push(((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0), ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0));
    } else {
      groups.push(Number.parseInt(part, 16));
    }
  }
  return groups;
}

function ipv6Bytes(text: string): number[] | null {
  const halves = text.split("::");
  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length > 1 ? groupsOf(halves[1] ?? "") : [];
  if (head === null || tail === null) {
    return null;
  }
  const zeros = halves.length > 1 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...new Array<number>(zeros).fill(0), ...tail];
  if (groups.length !== 8) {
    return null;
  }
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/**
 * Encodes an IPv4 or IPv6 address as PostgreSQL's binary `inet`. Returns null
 * for anything else, including addresses with a zone id, which `inet` refuses.
 */
export function inetBinary(address: string): Buffer | null {
  if (isIPv4(address)) {
    const bytes: number[] = [];
    ipv4Bytes(address, bytes);
    return Buffer.from([PGSQL_AF_INET, 32, 0, 4, ...bytes]);
  }
  if (isIPv6(address) && !address.includes("%")) {
    const bytes = ipv6Bytes(address);
    return bytes === null ? null : Buffer.from([PGSQL_AF_INET6, 128, 0, 16, ...bytes]);
  }
  return null;
}
