import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  generateIntoTempDir,
  readCloudTrailObjects,
  readObject,
  sha256Hex,
  type CloudTrailObject,
  type DemoOutput,
} from "./__fixtures__/demo-output";
import { DEMO_SEED, DUPLICATED_DELIVERY } from "./scenario";

const ACCOUNT = "111122223333";
const LOG_KEY =
  /^AWSLogs\/111122223333\/CloudTrail\/(us-east-1|us-west-2)\/(\d{4})\/(\d{2})\/(\d{2})\/111122223333_CloudTrail_\1_(\d{4})(\d{2})(\d{2})T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
const DIGEST_KEY =
  /^AWSLogs\/111122223333\/CloudTrail-Digest\/(us-east-1|us-west-2)\/(\d{4})\/(\d{2})\/(\d{2})\/111122223333_CloudTrail-Digest_\1_org-audit-trail_us-east-1_(\d{4})(\d{2})(\d{2})T\d{6}Z\.json\.gz$/;
const FLOW_KEY =
  /^AWSLogs\/111122223333\/vpcflowlogs\/us-east-1\/(\d{4})\/(\d{2})\/(\d{2})\/111122223333_vpcflowlogs_us-east-1_fl-0a3c9e1b7d5f24e68_(\d{4})(\d{2})(\d{2})T\d{4}Z_[0-9a-f]{8}\.log\.gz$/;
const GUARDDUTY_EXPORT_KEY =
  /^AWSLogs\/111122223333\/GuardDuty\/us-east-1\/2026\/11\/17\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jsonl\.gz$/;

let output: DemoOutput;
let objects: CloudTrailObject[];

beforeAll(async () => {
  output = await generateIntoTempDir();
  objects = await readCloudTrailObjects(output);
});

afterAll(async () => {
  await output?.remove();
});

function expectDateFolderMatchesName(match: RegExpExecArray | null): void {
  expect(match).not.toBeNull();
  const [folderYear, folderMonth, folderDay, nameYear, nameMonth, nameDay] = match!.slice(-6);
  expect(`${folderYear}${folderMonth}${folderDay}`).toBe(`${nameYear}${nameMonth}${nameDay}`);
}

describe("generateDemoFiles keys", () => {
  it("returns the files on disk", () => {
    expect(output.result.files).toEqual(output.keys);
  });

  it("names every file with a known layout", () => {
    const unknown = output.keys.filter(
      (key) =>
        !LOG_KEY.test(key) &&
        !DIGEST_KEY.test(key) &&
        !FLOW_KEY.test(key) &&
        !GUARDDUTY_EXPORT_KEY.test(key) &&
        key !== "guardduty/get-findings.json" &&
        key !== "access-advisor/reports-svc.json" &&
        key !== "access-advisor/ci-deploy.json",
    );
    expect(unknown).toEqual([]);
  });

  it("dates CloudTrail folders by the file name", () => {
    for (const key of output.keys.filter((item) => item.includes("/CloudTrail/"))) {
      expectDateFolderMatchesName(LOG_KEY.exec(key));
    }
  });

  it("dates digest folders by the digest end", () => {
    for (const key of output.keys.filter((item) => item.includes("/CloudTrail-Digest/"))) {
      expectDateFolderMatchesName(DIGEST_KEY.exec(key));
    }
  });

  it("dates flow log folders by the file name", () => {
    for (const key of output.keys.filter((item) => item.includes("/vpcflowlogs/"))) {
      expectDateFolderMatchesName(FLOW_KEY.exec(key));
    }
  });

  it("writes one GuardDuty export", () => {
    expect(output.keys.filter((key) => GUARDDUTY_EXPORT_KEY.test(key))).toHaveLength(1);
  });

  it("counts what it wrote", () => {
    const { counts } = output.result;
    expect(counts.cloudtrailFiles).toBe(objects.length);
    expect(counts.cloudtrailDuplicateFiles).toBe(1);
    expect(counts.cloudtrailDigestFiles).toBe(
      output.keys.filter((key) => key.includes("/CloudTrail-Digest/")).length,
    );
    expect(counts.vpcFlowFiles).toBe(24);
    expect(counts.guarddutyFiles).toBe(2);
    expect(counts.accessAdvisorFiles).toBe(2);
  });

  it("keeps record volume in the thousands", () => {
    expect(output.result.counts.cloudtrailRecords).toBeGreaterThan(3000);
    expect(output.result.counts.cloudtrailRecords).toBeLessThan(10000);
  });
});

describe("CloudTrail log files", () => {
  it("gunzip to a Records array", () => {
    for (const object of objects) {
      expect(Array.isArray(object.records), object.key).toBe(true);
      expect(object.records.length, object.key).toBeGreaterThan(0);
    }
  });

  it("are single-line compact JSON", () => {
    for (const object of objects) {
      const text = object.uncompressed.toString("utf8");
      expect(text.startsWith('{"Records":[{'), object.key).toBe(true);
      expect(text.includes("\n"), object.key).toBe(false);
    }
  });

  it("hold only their own region", () => {
    for (const object of objects) {
      const regions = new Set(object.records.map((record) => record.awsRegion));
      expect([...regions], object.key).toEqual([object.region]);
    }
  });

  it("count each record once outside the duplicate", () => {
    const copies = objects.filter((object) => object.key.includes(DUPLICATED_DELIVERY.deliveryTime));
    const total = objects.reduce((sum, object) => sum + object.records.length, 0);
    const duplicated = copies.length > 1 ? copies[0].records.length : 0;
    expect(total - duplicated).toBe(output.result.counts.cloudtrailRecords);
  });

  it("deliver records at most fifteen minutes late", () => {
    for (const object of objects) {
      const deliveredEnd = object.deliveredMinute.getTime() + 60_000;
      for (const record of object.records) {
        const eventTime = Date.parse(record.eventTime);
        expect(eventTime, record.eventID).toBeLessThan(deliveredEnd);
        expect(eventTime, record.eventID).toBeGreaterThanOrEqual(
          object.deliveredMinute.getTime() - 15 * 60_000,
        );
      }
    }
  });

  it("contain files whose records are out of time order", () => {
    const unordered = objects.filter((object) =>
      object.records.some(
        (record, index) =>
          index > 0 && Date.parse(record.eventTime) < Date.parse(object.records[index - 1].eventTime),
      ),
    );
    expect(unordered.length).toBeGreaterThan(objects.length / 10);
  });

  it("deliver late records in later files", () => {
    const late = objects.filter((object) =>
      object.records.some(
        (record) => object.deliveredMinute.getTime() - Date.parse(record.eventTime) > 5 * 60_000,
      ),
    );
    expect(late.length).toBeGreaterThan(0);
  });
});

describe("duplicated delivery", () => {
  function duplicates(): CloudTrailObject[] {
    return objects.filter(
      (object) =>
        object.region === DUPLICATED_DELIVERY.region &&
        object.key.includes(`_${DUPLICATED_DELIVERY.deliveryTime}_`),
    );
  }

  it("writes two objects for the slot", () => {
    expect(duplicates()).toHaveLength(2);
  });

  it("gives both objects identical bytes", () => {
    const [first, second] = duplicates();
    expect(sha256Hex(first.bytes)).toBe(sha256Hex(second.bytes));
  });

  it("gives the copies different unique suffixes", () => {
    const [first, second] = duplicates();
    expect(first.key).not.toBe(second.key);
  });

  it("duplicates no other slot", () => {
    const slots = objects.map((object) => `${object.region}|${object.deliveredMinute.toISOString()}`);
    const repeated = slots.filter((slot, index) => slots.indexOf(slot) !== index);
    expect(repeated).toEqual([
      `${DUPLICATED_DELIVERY.region}|2026-11-17T02:20:00.000Z`,
    ]);
  });
});

describe("determinism", () => {
  it("writes byte-identical files for the same seed", async () => {
    const again = await generateIntoTempDir(DEMO_SEED);
    try {
      expect(again.keys).toEqual(output.keys);
      for (const key of output.keys) {
        const first = sha256Hex(await readObject(output, key));
        const second = sha256Hex(await readObject(again, key));
        expect(second, key).toBe(first);
      }
    } finally {
      await again.remove();
    }
  });

  it("changes event ids with another seed", async () => {
    const other = await generateIntoTempDir(DEMO_SEED + 1);
    try {
      const otherObjects = await readCloudTrailObjects(other);
      const firstIds = new Set(objects.flatMap((object) => object.records.map((r) => r.eventID)));
      const shared = otherObjects
        .flatMap((object) => object.records)
        .filter((record) => firstIds.has(record.eventID));
      expect(shared).toEqual([]);
    } finally {
      await other.remove();
    }
  });
});

describe("CloudTrail digest files", () => {
  async function readDigests(region: string): Promise<{ key: string; body: Buffer; json: any }[]> {
    const keys = output.keys.filter((key) => key.includes(`/CloudTrail-Digest/${region}/`));
    const digests = [];
    for (const key of keys) {
      const body = gunzipSync(await readObject(output, key));
      digests.push({ key, body, json: JSON.parse(body.toString("utf8")) });
    }
    return digests.sort((left, right) => left.json.digestEndTime.localeCompare(right.json.digestEndTime));
  }

  for (const region of ["us-east-1", "us-west-2"]) {
    it(`list every ${region} log file once`, async () => {
      const listed = (await readDigests(region)).flatMap((digest) =>
        digest.json.logFiles.map((file: { s3Object: string }) => file.s3Object),
      );
      const delivered = objects.filter((object) => object.region === region).map((object) => object.key);
      expect([...listed].sort()).toEqual([...delivered].sort());
    });

    it(`chain ${region} digests without gaps`, async () => {
      const digests = await readDigests(region);
      expect(digests[0].json.previousDigestS3Object).toBeNull();
      for (let index = 1; index < digests.length; index += 1) {
        const { json } = digests[index];
        const previous = digests[index - 1];
        expect(json.digestStartTime).toBe(previous.json.digestEndTime);
        expect(json.previousDigestS3Object).toBe(previous.key);
        expect(json.previousDigestHashValue).toBe(sha256Hex(previous.body));
      }
    });
  }

  it("hash the uncompressed log file content", async () => {
    const byKey = new Map(objects.map((object) => [object.key, object]));
    const digests = [...(await readDigests("us-east-1")), ...(await readDigests("us-west-2"))];
    for (const digest of digests) {
      for (const file of digest.json.logFiles) {
        expect(file.hashAlgorithm).toBe("SHA-256");
        expect(file.hashValue, file.s3Object).toBe(sha256Hex(byKey.get(file.s3Object)!.uncompressed));
      }
    }
  });

  it("name the account and the digest's own key", async () => {
    for (const digest of await readDigests("us-east-1")) {
      expect(digest.json.awsAccountId).toBe(ACCOUNT);
      expect(digest.json.digestS3Object).toBe(digest.key);
      expect(digest.json.digestSignatureAlgorithm).toBe("SHA256withRSA");
    }
  });
});
