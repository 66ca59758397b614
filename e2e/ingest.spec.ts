import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { expect, test } from "@playwright/test";

import { ATTACK, DEMO_ACCOUNT_ID, DEMO_REGION } from "../lib/demo/scenario";
import { makeAssumedRoleRecord } from "../lib/sources/cloudtrail/fixtures/records";

import { storageStatePath } from "./demo-credentials";
import { connectE2eDatabase } from "./helpers/e2e-database";
import { BatchPage, CoveragePage, IngestPage } from "./pages/ingest-page";

const SCREENSHOTS = "e2e/screenshots";

/**
 * Inserts a `running` batch whose owner lock was held by a session that has
 * since ended, as a killed `watchfloor ingest` leaves it, and returns its id.
 */
async function insertBatchOfEndedProcess(): Promise<string> {
  const owner = await connectE2eDatabase();
  const lockKey = String(8_100_000_000 + (Date.now() % 1_000_000));
  await owner.query("SELECT pg_advisory_lock($1::bigint)", [lockKey]);
  const result = await owner.query<{ id: string }>(
    `INSERT INTO ingest_batches (id, origin, owner_lock_key, owner_pid, owner_host)
     VALUES (gen_random_uuid(), 'cli', $1::bigint, 4242, 'e2e-ingest-host') RETURNING id::text AS id`,
    [lockKey],
  );
  await owner.end();
  return result.rows[0].id;
}

/** Record numbers far from other tests', so that a rerun against the same server stores nothing twice. */
const FIRST_RECORD = 7_000_000 + (Date.now() % 100_000) * 10;

function writeUploadFiles(): { dir: string; good: string; bad: string; badRecord: string } {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-e2e-upload-"));
  const records = Array.from({ length: 5 }, (_, i) => makeAssumedRoleRecord(FIRST_RECORD + i));
  const good = `${DEMO_ACCOUNT_ID}_CloudTrail_us-east-1_20240305T1205Z_E2eUpload0000001.json.gz`;
  writeFileSync(join(dir, good), gzipSync(JSON.stringify({ Records: records })));
  const badRecord = JSON.stringify({ ...makeAssumedRoleRecord(FIRST_RECORD + 5), eventTime: "<b>not a time</b>" });
  const bad = "bad-export.json";
  writeFileSync(join(dir, bad), `[${JSON.stringify(makeAssumedRoleRecord(FIRST_RECORD + 6))},${badRecord}]`);
  return { dir, good, bad, badRecord };
}

test.describe("ingest", () => {
  let browserErrors: string[] = [];

  test.beforeEach(({ page }) => {
    browserErrors = [];
    page.on("pageerror", (error) => browserErrors.push(error.message));
    page.on("console", (message) => {
      // The upload of the bad file answers 422 by design; the browser logs that response.
      if (message.type() === "error" && !message.text().includes("422")) {
        browserErrors.push(`${message.text()} (${message.location().url})`);
      }
    });
  });

  test.afterEach(() => {
    expect(browserErrors).toEqual([]);
  });

  test("upload shows progress, summary and rejected bytes", async ({ page }) => {
    const files = writeUploadFiles();
    const ingest = new IngestPage(page);
    await ingest.open();
    await page.screenshot({ path: `${SCREENSHOTS}/ingest-empty.png`, fullPage: true });

    await ingest.fileInput.setInputFiles([join(files.dir, files.good), join(files.dir, files.bad)]);
    await expect(ingest.uploads).toHaveCount(2);
    await expect(ingest.upload(files.good).locator("progress")).toHaveAttribute("value", "100");
    await expect(ingest.upload(files.good)).toHaveAttribute("data-phase", "done");
    await expect(ingest.upload(files.good)).toContainText("5 stored, 0 duplicates");
    await expect(ingest.upload(files.bad)).toHaveAttribute("data-phase", "done");
    await expect(ingest.upload(files.bad)).toContainText("1 stored, 0 duplicates, 1 rejected");

    await expect(ingest.summary).toContainText("2 files, 7 records: 6 stored, 0 duplicates, 0 files skipped, 1 rejected.");
    await expect(ingest.summary).toContainText(`rejected ${files.bad} record 1 ([1].eventTime)`);
    await page.screenshot({ path: `${SCREENSHOTS}/ingest-uploaded.png`, fullPage: true });

    await ingest.summary.getByRole("link", { name: "Open the batch" }).click();
    await page.waitForURL(/\/ingest\/batches\/[0-9a-f-]{36}$/);
    const batch = new BatchPage(page);
    await expect(batch.files.locator("tbody tr")).toHaveCount(2);
    await expect(batch.rejections).toHaveCount(1);
    const rejection = batch.rejections.first();
    await expect(rejection).toContainText(files.bad);
    await expect(rejection).toContainText("[1].eventTime");
    await expect(rejection.locator("pre")).toHaveText(files.badRecord);
    await expect(rejection.locator("b")).toHaveCount(0);
    const download = rejection.getByRole("link", { name: "Download raw bytes" });
    const response = await page.request.get((await download.getAttribute("href")) ?? "");
    expect(await response.text()).toBe(files.badRecord);
    await page.screenshot({ path: `${SCREENSHOTS}/ingest-batch.png`, fullPage: true });
  });

  test("file with every record rejected says so", async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), "watchfloor-e2e-upload-"));
    const name = "all-rejected.json";
    writeFileSync(join(dir, name), `[${JSON.stringify({ ...makeAssumedRoleRecord(FIRST_RECORD + 7), eventTime: "yesterday" })}]`);
    const ingest = new IngestPage(page);
    await ingest.open();
    await ingest.fileInput.setInputFiles([join(dir, name)]);
    await expect(ingest.upload(name)).toHaveAttribute("data-phase", "done");
    await expect(ingest.upload(name).getByText("rejected", { exact: true })).toBeVisible();
    await expect(ingest.upload(name)).toContainText("0 stored, 0 duplicates, 1 rejected");
  });

  test("empty file and a name with a tab are read", async ({ page }) => {
    const ingest = new IngestPage(page);
    await ingest.open();
    const records = JSON.stringify({ Records: [makeAssumedRoleRecord(FIRST_RECORD + 8)] });
    await ingest.fileInput.setInputFiles([
      { name: "empty.json", mimeType: "application/json", buffer: Buffer.alloc(0) },
      { name: "tab\tname.json", mimeType: "application/json", buffer: Buffer.from(records) },
    ]);
    await expect(ingest.upload("empty.json")).toHaveAttribute("data-phase", "done");
    await expect(ingest.upload("tab\\u0009name.json")).toHaveAttribute("data-phase", "done");
    await expect(ingest.upload("tab\\u0009name.json")).toContainText("1 stored, 0 duplicates");
    await expect(page.getByRole("status").filter({ hasText: "Uploaded" })).toHaveText("Uploaded 2 files.");
    await expect(ingest.summary).toContainText("2 files, 1 record: 1 stored, 0 duplicates, 0 files skipped, 1 rejected.");
    await expect(ingest.summary).toContainText("rejected empty.json: the content is empty");
    const otherRow = ingest.summary.getByRole("table", { name: "By source" }).getByRole("row", { name: /Not recognised or unreadable/ });
    await expect(otherRow.getByRole("cell")).toHaveText(["Not recognised or unreadable", "1", "0", "0", "0", "0", "1"]);
  });

  test("record page opens an event id with a slash", async ({ page }) => {
    const eventId = `e2e-<b>odd</b>/slash-${FIRST_RECORD + 9}`;
    const ingest = new IngestPage(page);
    await ingest.open();
    const record = { ...makeAssumedRoleRecord(FIRST_RECORD + 9), eventID: eventId };
    await ingest.fileInput.setInputFiles([{ name: "odd-id.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ Records: [record] })) }]);
    await expect(ingest.upload("odd-id.json")).toContainText("1 stored, 0 duplicates");
    await page.goto(`/events/cloudtrail/${encodeURIComponent(eventId)}`);
    await expect(page.getByText("Nothing is stored at this address")).toHaveCount(0);
    await expect(page.getByText(eventId).first()).toBeVisible();
    await expect(page.locator("main b")).toHaveCount(0);
  });

  test("principal field names an Access Advisor report's principal", async ({ page }) => {
    const principal = `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/e2e-reader-${FIRST_RECORD}`;
    const report = {
      JobStatus: "COMPLETED",
      JobCompletionDate: "2026-11-18T09:00:00Z",
      ServicesLastAccessed: [{ ServiceName: "Amazon S3", ServiceNamespace: "s3", LastAuthenticated: "2026-11-17T10:05:00Z", TotalAuthenticatedEntities: 1 }],
    };
    const ingest = new IngestPage(page);
    await ingest.open();
    await page.getByLabel(/Principal of Access Advisor reports/).fill(principal);
    await ingest.fileInput.setInputFiles([{ name: "access-advisor.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(report)) }]);
    await expect(ingest.upload("access-advisor.json")).toHaveAttribute("data-phase", "done");
    await expect(ingest.summary).toContainText("0 rejected.");
    const database = await connectE2eDatabase();
    const rows = await database.query<{ service_namespace: string }>("SELECT service_namespace FROM service_last_accessed WHERE principal_arn = $1", [principal]);
    await database.end();
    expect(rows.rows.map((row) => row.service_namespace)).toEqual(["s3"]);
  });

  test("batch list shows the demo batch", async ({ page }) => {
    const ingest = new IngestPage(page);
    await ingest.open();
    const demo = ingest.batches.locator("tbody tr").filter({ hasText: "demo" });
    await expect(demo).toHaveCount(1);
    await expect(demo.locator("td").nth(2)).toHaveText("complete");
  });

  test("batch list shows an interrupted batch", async ({ page }) => {
    const batchId = await insertBatchOfEndedProcess();
    const ingest = new IngestPage(page);
    await ingest.open();
    const row = ingest.batches.locator(`tr[data-batch-id="${batchId}"]`);
    await expect(row.locator("td").nth(2)).toContainText("interrupted");
    await expect(row.getByTestId("interrupted-note")).toHaveText(
      "process 4242 on e2e-ingest-host ended before the batch finished; ingest its files again to store the rest",
    );
  });

  test("manager reads batches without an uploader", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("manager") });
    const page = await context.newPage();
    const ingest = new IngestPage(page);
    await ingest.open();
    await expect(page.getByTestId("upload-not-allowed")).toHaveText("The manager role reads ingest batches but does not upload files.");
    await expect(ingest.fileInput).toHaveCount(0);
    await expect(ingest.batches).toBeVisible();
    await context.close();
  });

  test("coverage shows the demo's hours", async ({ page }) => {
    const coverage = new CoveragePage(page);
    await coverage.open();
    const trail = coverage.stream(`${DEMO_ACCOUNT_ID} · ${DEMO_REGION} · CloudTrail`);
    await expect(trail).toBeVisible();
    const attackHour = `${ATTACK.steps.attachUserPolicy.eventTime.slice(0, 13)}:00:00.000Z`;
    await expect(coverage.cell(trail, attackHour)).toHaveAttribute("data-state", "data");
    await expect(trail.locator('td[data-state="missing"]')).toHaveCount(0);
    const flows = coverage.stream(`${DEMO_ACCOUNT_ID} · ${DEMO_REGION} · VPC Flow Logs`);
    await expect(flows.locator('td[data-state="data"]').first()).toBeVisible();
    await expect(page.getByRole("region", { name: "CloudTrail digests" })).toContainText(/listed files? (was|were) not ingested/);
    await page.screenshot({ path: `${SCREENSHOTS}/coverage.png`, fullPage: true });
  });
});
