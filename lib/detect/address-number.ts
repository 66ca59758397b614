import { isIP } from "node:net";

/** An address as the number the ASN ranges use: 32 bits for IPv4, 128 bits for IPv6. */
export type AddressNumber = { family: 4; value: number } | { family: 6; value: bigint };

function ipv4Number(address: string): number {
  const [a, b, c, d] = address.split(".").map(Number);
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** Returns the eight 16-bit groups of an IPv6 address, with `::` expanded and a trailing IPv4 part split in two. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    const embedded = ipv4Number(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${(embedded >>> 16).toString(16)}:${(embedded & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  if (tail === undefined) {
    return headGroups.map((group) => parseInt(group, 16));
  }
  const tailGroups = tail === "" ? [] : tail.split(":");
  const zeros = new Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}

/**
 * Converts an address to its number, or returns null for text that is not
 * an address. An IPv4-mapped IPv6 address (`::ffff:85.17.31.122`) becomes
 * its IPv4 address, because the IPv4 ranges are the ones that describe it.
 */
export function toAddressNumber(address: string): AddressNumber | null {
  const family = isIP(address);
  if (family === 4) {
    return { family: 4, value: ipv4Number(address) };
  }
  if (family !== 6 || address.includes("%")) {
    return null;
  }
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    return { family: 4, value: ((groups[6] << 16) >>> 0) + groups[7] };
  }
  const value = groups.reduce((total, group) => (total << 16n) + BigInt(group), 0n);
  return { family: 6, value };
}
