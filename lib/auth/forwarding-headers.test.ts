import { describe, expect, it } from "vitest";

import { readClientAddress } from "./client-address";
import { trustedProxies, useOwnForwardingHeaders } from "./forwarding-headers.mjs";

function request(remoteAddress: string, headers: Record<string, string>) {
  return { socket: { remoteAddress }, headers: { host: "watchfloor.example.com", ...headers } as Record<string, string | string[] | undefined> };
}

const SPOOFED = {
  "x-forwarded-for": "198.51.100.7",
  "x-real-ip": "198.51.100.8",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  forwarded: "for=198.51.100.9",
};

describe("trustedProxies", () => {
  it("trusts loopback when unset", () => {
    expect([...trustedProxies(undefined)]).toEqual(["127.0.0.1", "::1"]);
  });

  it("reads a list and an empty setting", () => {
    expect([...trustedProxies(" 10.0.0.5, ::ffff:10.0.0.6 ,")]).toEqual(["10.0.0.5", "10.0.0.6"]);
    expect(trustedProxies("").size).toBe(0);
  });
});

describe("useOwnForwardingHeaders", () => {
  it("replaces a direct client's claimed address", () => {
    const direct = request("203.0.113.50", SPOOFED);
    useOwnForwardingHeaders(direct, trustedProxies(undefined));
    expect(direct.headers).toEqual({ host: "watchfloor.example.com", "x-forwarded-for": "203.0.113.50" });
    expect(readClientAddress(direct.headers)).toBe("203.0.113.50");
  });

  it("writes a mapped IPv4 peer as IPv4", () => {
    const direct = request("::ffff:203.0.113.51", {});
    useOwnForwardingHeaders(direct, trustedProxies(undefined));
    expect(direct.headers["x-forwarded-for"]).toBe("203.0.113.51");
  });

  it("keeps a trusted proxy's headers", () => {
    const proxied = request("::ffff:127.0.0.1", { "x-forwarded-for": "198.51.100.7, 203.0.113.60" });
    useOwnForwardingHeaders(proxied, trustedProxies(undefined));
    expect(readClientAddress(proxied.headers)).toBe("203.0.113.60");
  });

  it("trusts no peer with an empty list", () => {
    const local = request("127.0.0.1", SPOOFED);
    useOwnForwardingHeaders(local, trustedProxies(""));
    expect(readClientAddress(local.headers)).toBe("127.0.0.1");
    expect(local.headers["x-forwarded-host"]).toBeUndefined();
  });
});
