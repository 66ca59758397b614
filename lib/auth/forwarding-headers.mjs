// Forwarding headers (x-forwarded-for and the like) as the dashboard server
// passes them to Next.js. Plain JavaScript, because bin/dashboard-server.mjs
// loads it without a TypeScript loader.

/** Peers trusted to set forwarding headers unless WATCHFLOOR_TRUSTED_PROXIES names others: a proxy on this host. */
const LOOPBACK = ["127.0.0.1", "::1"];

/** Headers a client could use to claim another address, host or scheme. */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-real-ip"];

/**
 * Returns the addresses of the reverse proxies whose forwarding headers are
 * kept: the comma-separated `setting`, or loopback when it is unset. An empty
 * setting trusts no peer.
 *
 * @param {string | undefined} setting
 * @returns {Set<string>}
 */
export function trustedProxies(setting) {
  const addresses = setting === undefined ? LOOPBACK : setting.split(",");
  return new Set(addresses.map((address) => normalizeAddress(address.trim())).filter((address) => address !== ""));
}

/**
 * Returns an address with an IPv4 client on a dual-stack socket
 * (`::ffff:192.0.2.1`) written as IPv4.
 *
 * @param {string} address
 */
export function normalizeAddress(address) {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}

/**
 * Replaces the forwarding headers of a request from a peer that is not a
 * trusted proxy with the peer's own address, so that `x-forwarded-for` names
 * the socket's peer. A trusted proxy's headers are kept as it sent them.
 *
 * @param {{ socket: { remoteAddress?: string }, headers: Record<string, string | string[] | undefined> }} request
 * @param {Set<string>} trusted
 */
export function useOwnForwardingHeaders(request, trusted) {
  const peer = normalizeAddress(request.socket.remoteAddress ?? "");
  if (trusted.has(peer)) {
    return;
  }
  for (const name of FORWARDING_HEADERS) {
    delete request.headers[name];
  }
  if (peer !== "") {
    request.headers["x-forwarded-for"] = peer;
  }
}
