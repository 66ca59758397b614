import { beforeAll, describe, expect, it, vi } from "vitest";

import { pgPool } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { type FixtureCaller, historyCalls, iamUserCall, userArn } from "./__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "./__fixtures__/insert-fixture-events";
import {
  checkAddressNovelty,
  checkAsnNovelty,
  checkCountryNovelty,
  checkNetworkNovelty,
  checkUserAgentNovelty,
  combinePlaceNovelty,
  type FirstSeenCache,
  judgeNovelty,
  type NoveltyResult,
  prefetchFirstSeen,
} from "./check-novelty";
import { createDetectionLookups } from "./detection-lookups";
import type { DetectionSettings } from "./read-detection-settings";
import type { CandidateEvent } from "./rules/rule-types";

useTestDatabase();

const HOUR = 3_600_000;
const SETTINGS: DetectionSettings = { minHistoryMs: 24 * HOUR, noveltyWindowMs: 24 * HOUR, correlationWindowMs: 24 * HOUR };
const AT = new Date("2026-11-17T02:16:00Z");

describe("judgeNovelty", () => {
  it("calls a first use new", () => {
    const verdict = judgeNovelty({
      at: AT,
      principalFirstSeen: new Date("2026-11-10T00:00:00Z"),
      valueFirstSeen: AT,
      settings: SETTINGS,
    });
    expect(verdict).toBe("new");
  });

  it("calls an old value known", () => {
    const verdict = judgeNovelty({
      at: AT,
      principalFirstSeen: new Date("2026-11-10T00:00:00Z"),
      valueFirstSeen: new Date("2026-11-12T00:00:00Z"),
      settings: SETTINGS,
    });
    expect(verdict).toBe("known");
  });

  it("keeps a value new inside the window", () => {
    const verdict = judgeNovelty({
      at: AT,
      principalFirstSeen: new Date("2026-11-10T00:00:00Z"),
      valueFirstSeen: new Date("2026-11-17T02:14:05Z"),
      settings: SETTINGS,
    });
    expect(verdict).toBe("new");
  });

  it("needs a window of zero for first use only", () => {
    const verdict = judgeNovelty({
      at: AT,
      principalFirstSeen: new Date("2026-11-10T00:00:00Z"),
      valueFirstSeen: new Date("2026-11-17T02:14:05Z"),
      settings: { ...SETTINGS, noveltyWindowMs: 0 },
    });
    expect(verdict).toBe("known");
  });

  it("reports a young principal as lacking history", () => {
    const verdict = judgeNovelty({
      at: AT,
      principalFirstSeen: new Date("2026-11-16T12:00:00Z"),
      valueFirstSeen: AT,
      settings: SETTINGS,
    });
    expect(verdict).toBe("not_enough_history");
  });

  it("reports an unknown principal as lacking history", () => {
    const verdict = judgeNovelty({ at: AT, principalFirstSeen: null, valueFirstSeen: null, settings: SETTINGS });
    expect(verdict).toBe("not_enough_history");
  });
});

const OFFICE: FixtureCaller = {
  userName: "carol",
  accessKeyId: "AKIACAROLEXAMPLE0001",
  sourceIp: "64.124.16.37",
  userAgent: "aws-cli/2.17.46",
};
const ABROAD: FixtureCaller = { ...OFFICE, sourceIp: "85.17.31.122", userAgent: "aws-cli/2.18.2 os/windows" };

describe("novelty checks", () => {
  beforeAll(async () => {
    // The foreign call is ingested before the history, as late files would be.
    await insertFixtureEvents([
      iamUserCall({ caller: ABROAD, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: AT }),
    ]);
    await insertFixtureEvents(historyCalls({ caller: OFFICE, until: "2026-11-17T00:00:00Z", days: 5 }));
  });

  it("finds a foreign address new", async () => {
    const principalKey = userArn(OFFICE);
    const result = await checkAddressNovelty({ principalKey, at: AT, address: ABROAD.sourceIp, settings: SETTINGS });
    expect(result.verdict).toBe("new");
    expect(result.valueFirstSeen).toBe("2026-11-17T02:16:00.000Z");
  });

  it("finds the office address known", async () => {
    const principalKey = userArn(OFFICE);
    const result = await checkAddressNovelty({ principalKey, at: AT, address: OFFICE.sourceIp, settings: SETTINGS });
    expect(result.verdict).toBe("known");
  });

  it("knows a neighbouring office address", async () => {
    const principalKey = userArn(OFFICE);
    const query = { principalKey, at: AT, address: "64.124.16.38", settings: SETTINGS };
    const address = await checkAddressNovelty(query);
    const network = await checkNetworkNovelty(query);
    expect(address.verdict).toBe("new");
    expect(network.value).toBe("64.124.16.0/24");
    expect(network.verdict).toBe("known");
    expect(combinePlaceNovelty(address, network).verdict).toBe("known");
  });

  it("finds a foreign network new", async () => {
    const principalKey = userArn(OFFICE);
    const query = { principalKey, at: AT, address: ABROAD.sourceIp, settings: SETTINGS };
    const place = combinePlaceNovelty(await checkAddressNovelty(query), await checkNetworkNovelty(query));
    expect(place.verdict).toBe("new");
  });

  it("finds a foreign country new", async () => {
    const principalKey = userArn(OFFICE);
    const result = await checkCountryNovelty({ principalKey, at: AT, address: ABROAD.sourceIp, settings: SETTINGS });
    expect(result.value).toBe("NL");
    expect(result.verdict).toBe("new");
  });

  it("finds a foreign ASN new", async () => {
    const principalKey = userArn(OFFICE);
    const result = await checkAsnNovelty({ principalKey, at: AT, address: ABROAD.sourceIp, settings: SETTINGS });
    expect(result.value).toBe("AS60781");
    expect(result.verdict).toBe("new");
  });

  it("knows the office ASN elsewhere", async () => {
    // 64.124.14.0-64.124.46.255 is announced by AS6461 (Zayo Bandwidth), like the office address.
    const principalKey = userArn(OFFICE);
    const result = await checkAsnNovelty({ principalKey, at: AT, address: "64.124.20.1", settings: SETTINGS });
    expect(result.value).toBe("AS6461");
    expect(result.verdict).toBe("known");
  });

  it("returns no ASN for a private address", async () => {
    const principalKey = userArn(OFFICE);
    const result = await checkAsnNovelty({ principalKey, at: AT, address: "10.20.1.25", settings: SETTINGS });
    expect(result.verdict).toBe("no_value");
  });

  it("finds a new user agent new", async () => {
    const principalKey = userArn(OFFICE);
    const result = await checkUserAgentNovelty({
      principalKey,
      at: AT,
      userAgent: ABROAD.userAgent,
      settings: SETTINGS,
    });
    expect(result.verdict).toBe("new");
  });

  it("reports missing history for a new principal", async () => {
    const caller = { ...OFFICE, userName: "dave" };
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: AT }),
    ]);
    const result = await checkAddressNovelty({
      principalKey: userArn(caller),
      at: AT,
      address: OFFICE.sourceIp,
      settings: SETTINGS,
    });
    expect(result.verdict).toBe("not_enough_history");
    expect(result.principalFirstSeen).toBe("2026-11-17T02:16:00.000Z");
  });

  it("returns no value for a service name", async () => {
    const result = await checkAddressNovelty({
      principalKey: userArn(OFFICE),
      at: AT,
      address: "cloudformation.amazonaws.com",
      settings: SETTINGS,
    });
    expect(result.verdict).toBe("no_value");
  });
});

describe("prefetchFirstSeen", () => {
  const AWAY = "64.124.16.38";

  async function checkAll(cache?: FirstSeenCache): Promise<NoveltyResult[]> {
    const principalKey = userArn(OFFICE);
    const base = { principalKey, at: AT, settings: SETTINGS, cache };
    return [
      await checkAddressNovelty({ ...base, address: ABROAD.sourceIp }),
      await checkAddressNovelty({ ...base, address: OFFICE.sourceIp }),
      await checkNetworkNovelty({ ...base, address: AWAY }),
      await checkCountryNovelty({ ...base, address: ABROAD.sourceIp }),
      await checkAsnNovelty({ ...base, address: "64.124.20.1" }),
      await checkUserAgentNovelty({ ...base, userAgent: ABROAD.userAgent }),
    ];
  }

  it("reads what the checks read, in one query", async () => {
    const principalKey = userArn(OFFICE);
    const alone = await checkAll();
    const cache: FirstSeenCache = new Map();
    await prefetchFirstSeen(
      [
        { principalKey, dimension: "ip", value: ABROAD.sourceIp },
        { principalKey, dimension: "ip", value: OFFICE.sourceIp },
        { principalKey, dimension: "network", value: AWAY },
        { principalKey, dimension: "country", value: "NL" },
        { principalKey, dimension: "asn", value: "AS6461" },
        { principalKey, dimension: "userAgent", value: ABROAD.userAgent },
        { principalKey, dimension: "ip", value: "not-an-address" },
      ],
      cache,
    );
    expect(cache.size).toBe(6);
    const queries = vi.spyOn(pgPool(), "query");
    const prefetched = await checkAll(cache);
    expect(queries).not.toHaveBeenCalled();
    queries.mockRestore();
    expect(prefetched).toEqual(alone);
  });

  it("skips values already cached", async () => {
    const principalKey = userArn(OFFICE);
    const cache: FirstSeenCache = new Map();
    await prefetchFirstSeen([{ principalKey, dimension: "country", value: "US" }], cache);
    const queries = vi.spyOn(pgPool(), "query");
    await prefetchFirstSeen([{ principalKey, dimension: "country", value: "US" }], cache);
    expect(queries).not.toHaveBeenCalled();
    queries.mockRestore();
  });

  it("covers every novelty check of an event", async () => {
    const lookups = createDetectionLookups(SETTINGS);
    const event: CandidateEvent = {
      id: "1",
      naturalId: "prefetch-1",
      eventTime: AT,
      accountId: "111122223333",
      region: "us-east-1",
      eventSource: "s3.amazonaws.com",
      eventName: "ListBuckets",
      principalKey: userArn(OFFICE),
      principalArn: userArn(OFFICE),
      principalType: "IAMUser",
      principalName: OFFICE.userName,
      accessKeyId: null,
      sourceIp: ABROAD.sourceIp,
      userAgent: ABROAD.userAgent,
      errorCode: null,
      record: {},
    };
    await lookups.prefetchNovelty?.([event]);
    const queries = vi.spyOn(pgPool(), "query");
    await lookups.placeNovelty(event);
    await lookups.countryNovelty(event);
    await lookups.asnNovelty(event);
    await lookups.userAgentNovelty(event);
    await lookups.apiNovelty(event);
    expect(queries).not.toHaveBeenCalled();
    queries.mockRestore();
  });
});
