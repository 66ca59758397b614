/**
 * Returns the client's IP address from the headers Next.js passes to route
 * handlers, or null when there is none.
 *
 * `next start` sets `x-forwarded-for` to the socket's address unless the
 * request already carries the header (Next.js 16 base-server.js). The last
 * entry is used because a reverse proxy appends the address it saw there.
 * NOTE: when clients reach `next start` directly, a client can send its own
 * `x-forwarded-for` and so choose the address that the per-address sign-in
 * limit counts. The per-email limit does not depend on the address.
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
  // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
  return last.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").slice(0, 100);
}

function headerValue(headers: Headers | Record<string, string | string[] | undefined>, name: string): string | undefined {
  if (headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
