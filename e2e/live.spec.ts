import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect, test } from "@playwright/test";

import { ATTACK, ATTACKER, REPORTS_SVC } from "../lib/demo/scenario";

import { IncidentPage } from "./pages/incident-page";

const SCREENSHOTS = "e2e/screenshots";

/**
 * Builds another read by the attacker with reports-svc's stolen key, inside
 * the demo incident's window. From the same address and client as the
 * attack, it raises no signal, so the incident's score stays as it was.
 */
function reportsServiceCall(eventId: string): Record<string, unknown> {
  return {
    eventVersion: "1.10",
    userIdentity: {
      type: "IAMUser",
      principalId: REPORTS_SVC.principalId,
      arn: REPORTS_SVC.arn,
      accountId: "111122223333",
      accessKeyId: REPORTS_SVC.accessKeyId,
      userName: REPORTS_SVC.userName,
    },
    eventTime: "2026-11-17T02:20:30Z",
    eventSource: "s3.amazonaws.com",
    eventName: "GetBucketLocation",
    awsRegion: "us-east-1",
    sourceIPAddress: ATTACKER.ip,
    userAgent: ATTACK.steps.listBuckets.userAgent,
    requestParameters: { bucketName: "finance-reports-111122223333", location: "" },
    responseElements: null,
    requestID: randomUUID(),
    eventID: eventId,
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: "111122223333",
    eventCategory: "Management",
  };
}

/** Runs `watchfloor ingest` against the test server's database and resolves with its exit status. */
function ingestWithCli(file: string): Promise<number> {
  const dataDir = process.env.WATCHFLOOR_E2E_DATA_DIR;
  if (!dataDir) {
    throw new Error("WATCHFLOOR_E2E_DATA_DIR is not set; the live test needs the server's data folder.");
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/watchfloor.mjs", "ingest", "--json", file], {
      env: { ...process.env, WATCHFLOOR_DATA_DIR: dataDir },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

test.describe("live updates", () => {
  test("ingested event appears without reload", async ({ page, request }) => {
    test.skip(Boolean(process.env.WATCHFLOOR_E2E_BASE_URL), "needs the data folder of the server the tests start");
    const list = (await (await request.get("/api/incidents")).json()) as Array<{ id: string; principal: { name: string | null } }>;
    const incident = list.find((item) => item.principal.name === REPORTS_SVC.userName);
    expect(incident).toBeDefined();

    await page.goto(`/incidents/${incident?.id}`);
    const view = new IncidentPage(page);
    await expect(view.timeline).toBeVisible();
    await expect(page.locator('[data-live="live"]')).toBeVisible();
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => navigations.push(frame.url()));

    const eventId = randomUUID();
    const file = join(mkdtempSync(join(tmpdir(), "watchfloor-live-")), "event.json");
    writeFileSync(file, JSON.stringify({ Records: [reportsServiceCall(eventId)] }));
    expect(await ingestWithCli(file)).toBe(0);

    // Measured from the end of the ingest: the change must arrive through the stream, not the 5 s poll.
    const row = view.timelineRows.and(page.locator(`[data-natural-id="${eventId}"]`));
    await expect(row).toBeVisible({ timeout: 2_000 });
    await expect(row).toContainText("GetBucketLocation");
    expect(navigations).toEqual([]);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/live-timeline.png`, fullPage: true });
  });

  test("live route streams events", async ({ page }) => {
    await page.goto("/");
    const opening = await page.evaluate(async () => {
      const controller = new AbortController();
      const response = await fetch("/api/live", { signal: controller.signal });
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      let text = "";
      while (reader && !text.includes("event: ready")) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        text += decoder.decode(value);
      }
      controller.abort();
      return { status: response.status, type: response.headers.get("content-type"), text };
    });
    expect(opening.status).toBe(200);
    expect(opening.type).toBe("text/event-stream; charset=utf-8");
    expect(opening.text).toContain("event: ready");
  });
});
