import { describe, expect, it } from "vitest";

import { collectRemoteActors } from "./collect-remote-actors";

const details = (ip: string, asn: string) => ({
  ipAddressV4: ip,
  organization: { asn, asnOrg: "EXAMPLE", isp: "Example", org: "Example" },
  country: { countryName: "Exampleland" },
  city: { cityName: "Example City" },
});

describe("collectRemoteActors", () => {
  it("finds network connections with both ports", () => {
    const warnings: string[] = [];
    const actors = collectRemoteActors(
      {
        actionType: "NETWORK_CONNECTION",
        networkConnectionAction: {
          connectionDirection: "INBOUND",
          localPortDetails: { port: 3389, portName: "RDP" },
          remotePortDetails: { port: 51515, portName: "Unknown" },
          remoteIpDetails: details("203.0.113.30", "64502"),
        },
      },
      warnings,
    );
    expect(actors).toMatchObject([
      {
        ip: "203.0.113.30",
        asn: 64502,
        localPort: 3389,
        remotePort: 51515,
        source: "networkConnectionAction",
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it("finds Kubernetes and RDS callers, IPv6 included, without duplicating sourceIps", () => {
    const actors = collectRemoteActors(
      {
        kubernetesApiCallAction: {
          requestUri: "/api/v1/secrets",
          sourceIps: ["203.0.113.40", "2001:db8::40"],
          remoteIpDetails: details("203.0.113.40", "64503"),
        },
        rdsLoginAttemptAction: {
          remoteIpDetails: { ipAddressV6: "2001:db8::50", organization: { asn: "64504" } },
        },
      },
      [],
    );
    expect(actors.map((a) => [a.ip, a.asn, a.source])).toEqual([
      ["203.0.113.40", 64503, "kubernetesApiCallAction"],
      ["2001:db8::50", 64504, "rdsLoginAttemptAction"],
      ["2001:db8::40", null, "kubernetesApiCallAction.sourceIps"],
    ]);
  });

  it("warns about remoteIpDetails without an address", () => {
    const warnings: string[] = [];
    expect(collectRemoteActors({ awsApiCallAction: { remoteIpDetails: {} } }, warnings)).toEqual(
      [],
    );
    expect(warnings).toEqual([
      "service.action.awsApiCallAction.remoteIpDetails: no usable IP address (absent)",
    ]);
  });

  it("returns nothing when there is no action", () => {
    expect(collectRemoteActors(undefined, [])).toEqual([]);
  });
});
