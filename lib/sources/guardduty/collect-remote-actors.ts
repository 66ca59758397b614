import { isIP } from "node:net";

import {
  camel,
  getNumber,
  getObject,
  getString,
  isObject,
  joinPath,
  type JsonObject,
} from "@/lib/sources/common/json-fields";
import type { RemoteActor } from "./types";

/**
 * Every remote address under `service.action`, wherever GuardDuty put it:
 * awsApiCallAction, networkConnectionAction, each entry of portProbeAction.portProbeDetails,
 * kubernetesApiCallAction (also its `sourceIps`), rdsLoginAttemptAction, and any action
 * GuardDuty adds later. The walk looks for `remoteIpDetails` objects instead of naming the
 * actions, so a new action type is not silently dropped.
 */
export function collectRemoteActors(action: unknown, warnings: string[]): RemoteActor[] {
  const found: Found = { actors: [], sourceIps: [] };
  walk(action, "", found, warnings);
  return merge(found);
}

interface Found {
  actors: RemoteActor[];
  sourceIps: Array<{ ip: string; path: string }>;
}

function walk(node: unknown, path: string, found: Found, warnings: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, joinPath(path, i), found, warnings));
    return;
  }
  if (!isObject(node)) {
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const name = camel(key);
    if (name === "remoteIpDetails") {
      addFromDetails(node, value, path, found.actors, warnings);
    } else if (name === "sourceIps" && Array.isArray(value)) {
      value.forEach((ip) => {
        if (typeof ip === "string" && isIP(ip) !== 0) {
          found.sourceIps.push({ ip, path: joinPath(path, key) });
        }
      });
    } else {
      walk(value, joinPath(path, key), found, warnings);
    }
  }
}

function addFromDetails(
  container: JsonObject,
  details: unknown,
  path: string,
  out: RemoteActor[],
  warnings: string[],
): void {
  const ip = getString(details, "ipAddressV4") ?? getString(details, "ipAddressV6");
  const where = joinPath(path, "remoteIpDetails");
  if (ip === null || isIP(ip) === 0) {
    warnings.push(`service.action.${where}: no usable IP address (${ip ?? "absent"})`);
    return;
  }
  const org = getObject(details, "organization");
  out.push({
    ip,
    asn: asn(getString(org, "asn")),
    asnOrg: getString(org, "asnOrg"),
    isp: getString(org, "isp"),
    org: getString(org, "org"),
    country: getString(details, "country", "countryName"),
    countryCode: getString(details, "country", "countryCode"),
    city: getString(details, "city", "cityName"),
    localPort: getNumber(container, "localPortDetails", "port"),
    remotePort: getNumber(container, "remotePortDetails", "port"),
    source: path,
  });
}

function asn(text: string | null): number | null {
  const digits = text?.replace(/^AS/i, "");
  return digits && /^\d+$/.test(digits) ? Number(digits) : null;
}

/**
 * One entry per address and port pair. A Kubernetes call names its caller both in
 * remoteIpDetails and in `sourceIps` (plain strings); a bare address is added only when
 * no richer entry has it.
 */
function merge(found: Found): RemoteActor[] {
  const byKey = new Map<string, RemoteActor>();
  for (const actor of found.actors) {
    const key = `${actor.ip}|${actor.localPort}|${actor.remotePort}`;
    if (!byKey.has(key)) {
      byKey.set(key, actor);
    }
  }
  const actors = [...byKey.values()];
  for (const { ip, path } of found.sourceIps) {
    if (!actors.some((a) => a.ip === ip)) {
      actors.push(bareActor(ip, path));
    }
  }
  return actors;
}

function bareActor(ip: string, source: string): RemoteActor {
  return {
    ip,
    asn: null,
    asnOrg: null,
    isp: null,
    org: null,
    country: null,
    countryCode: null,
    city: null,
    localPort: null,
    remotePort: null,
    source,
  };
}
