import { fileURLToPath } from "node:url";
import maxmind, { type CountryResponse, type Reader } from "maxmind";
import { beforeAll, describe, expect, it } from "vitest";

import {
  ATTACK,
  ATTACKER,
  ATTACKER_CREATED_ACCESS_KEY_ID,
  AWS_ADDRESSES,
  BREAK_GLASS_GRANT,
  CI_DEPLOY_ACCESS_KEY_ID,
  CONTAINMENT,
  DEMO_IAM_USERS,
  EXPORT_FUNCTION_ROLE,
  GUARDDUTY_FINDING,
  OFFICE_NETWORK,
  REPORTS_SVC_ACCESS_KEY_ID,
  VPC,
} from "./scenario";

const COUNTRY_DB = fileURLToPath(
  new URL(
    "../../node_modules/@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb",
    import.meta.url,
  ),
);

/** The package stores records as `{ country_code }`, not the GeoLite2 nested shape. */
type CountryRecord = CountryResponse & { country_code?: string };

let countries: Reader<CountryRecord>;

beforeAll(async () => {
  countries = await maxmind.open<CountryRecord>(COUNTRY_DB);
});

function countryOf(ip: string): string | undefined {
  return countries.get(ip)?.country_code;
}

function ipToNumber(ip: string): number {
  return ip.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  const start = ipToNumber(base);
  return ipToNumber(ip) >= start && ipToNumber(ip) < start + size;
}

const DOCUMENTATION_RANGES = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"];

const LONG_TERM_KEYS = [
  REPORTS_SVC_ACCESS_KEY_ID,
  ATTACKER_CREATED_ACCESS_KEY_ID,
  CI_DEPLOY_ACCESS_KEY_ID,
];
const SESSION_KEYS = [CONTAINMENT.sessionAccessKeyId, BREAK_GLASS_GRANT.sessionAccessKeyId];
const ALL_ADDRESSES = [...OFFICE_NETWORK.addresses, ...Object.values(AWS_ADDRESSES), ATTACKER.ip];

describe("scenario identifiers", () => {
  it.each(LONG_TERM_KEYS)("long-term key %s has the AKIA form", (key) => {
    expect(key).toMatch(/^AKIA[A-Z2-7]{16}$/);
  });

  it.each(SESSION_KEYS)("session key %s has the ASIA form", (key) => {
    expect(key).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });

  it("uses no documentation key ids", () => {
    for (const key of [...LONG_TERM_KEYS, ...SESSION_KEYS]) {
      expect(key).not.toContain("EXAMPLE");
    }
  });

  it("gives the attacker's key a new id", () => {
    expect(ATTACK.createdAccessKeyId).not.toBe(ATTACK.stolenAccessKeyId);
  });

  it.each(DEMO_IAM_USERS.map((user) => [user.userName, user.principalId]))(
    "user %s has an AIDA principal id",
    (_name, principalId) => {
      expect(principalId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    },
  );

  it("gives the role an AROA id", () => {
    expect(EXPORT_FUNCTION_ROLE.roleId).toMatch(/^AROA[A-Z2-7]{17}$/);
  });

  it("puts reports-svc under the /service/ path", () => {
    const reportsSvc = DEMO_IAM_USERS.find((user) => user.userName === "reports-svc");
    expect(reportsSvc?.arn).toBe("arn:aws:iam::111122223333:user/service/reports-svc");
  });

  it("uses 17-digit EC2 resource ids", () => {
    for (const id of [
      VPC.vpcId,
      VPC.flowLogId,
      VPC.ciRunner.interfaceId,
      VPC.webServer.interfaceId,
      VPC.ciRunner.instanceId,
      VPC.webServer.instanceId,
    ]) {
      expect(id).toMatch(/^[a-z]+-[0-9a-f]{17}$/);
    }
  });

  it("uses 32-hex GuardDuty ids", () => {
    expect(GUARDDUTY_FINDING.id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("scenario addresses", () => {
  it.each(OFFICE_NETWORK.addresses)("office address %s is in the office range", (ip) => {
    expect(inCidr(ip, OFFICE_NETWORK.cidr)).toBe(true);
  });

  it.each(OFFICE_NETWORK.addresses)("office address %s geolocates to the US", (ip) => {
    expect(countryOf(ip)).toBe("US");
  });

  it.each(Object.values(AWS_ADDRESSES))("AWS address %s geolocates to the US", (ip) => {
    expect(countryOf(ip)).toBe("US");
  });

  it("geolocates the attacker to the Netherlands", () => {
    expect(countryOf(ATTACKER.ip)).toBe(ATTACKER.countryCode);
  });

  it("keeps the attacker out of the office range", () => {
    expect(inCidr(ATTACKER.ip, OFFICE_NETWORK.cidr)).toBe(false);
  });

  it.each(ALL_ADDRESSES)("address %s is not a documentation address", (ip) => {
    for (const range of DOCUMENTATION_RANGES) {
      expect(inCidr(ip, range)).toBe(false);
    }
  });
});

describe("scenario timeline", () => {
  const steps = Object.values(ATTACK.steps);

  it("starts with GetCallerIdentity at the first event time", () => {
    expect(steps[0].eventName).toBe("GetCallerIdentity");
    expect(steps[0].eventTime).toBe(ATTACK.firstEventTime);
  });

  it("orders the attack steps in time", () => {
    const times = steps.map((step) => Date.parse(step.eventTime));
    expect(times).toEqual([...times].sort((left, right) => left - right));
  });

  it("escalates with the created key", () => {
    expect(ATTACK.steps.attachUserPolicy.accessKeyId).toBe(ATTACK.createdAccessKeyId);
  });

  it("contains the incident after the last attack step", () => {
    const lastStep = Date.parse(ATTACK.steps.stopLogging.eventTime);
    expect(Date.parse(CONTAINMENT.consoleLoginTime)).toBeGreaterThan(lastStep);
  });

  it("creates the finding after its first event", () => {
    expect(Date.parse(GUARDDUTY_FINDING.createdAt)).toBeGreaterThan(
      Date.parse(GUARDDUTY_FINDING.eventFirstSeen),
    );
  });

  it("grants break-glass two days after the attack", () => {
    expect(BREAK_GLASS_GRANT.eventTime.slice(0, 10)).toBe("2026-11-19");
  });
});
