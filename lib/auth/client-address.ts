import { normalizeAddress } from "./forwarding-headers.mjs";

/**
 * Returns the client's IP address from the headers Next.js passes to route
 * handlers, or null when there is none.
 *
 * The dashboard server (bin/dashboard-server.mjs) replaces `x-forwarded-for`
 * with the socket's address unless the peer is a trusted proxy
 * (WATCHFLOOR_TRUSTED_PROXIES, loopback by default). The last entry is used
 * because a reverse proxy appends the address it saw there.
 * NOTE: under `watchfloor start --dev` (`next dev`) the header is not checked.
 */
export function readClientAddress(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const forwarded = headerValue(headers, "x-forwarded-for") ?? headerValue(headers, "x-real-ip");
  if (!forwarded) {
    return null;
  }
  const last = forwarded.split(",").at(-1)?.trim() ?? "";
  if (last === "") {
    return null;
  }
  return normalizeAddress(last).slice(0, 100);
}

function headerValue(headers: Headers | Record<string, string | string[] | undefined>, name: string): string | undefined {
  if (headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
