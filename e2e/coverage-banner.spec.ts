import { expect, test } from "@playwright/test";

import { ATTACK, DEMO_ACCOUNT_ID, REPORTS_SVC } from "../lib/demo/scenario";

import { IncidentPage } from "./pages/incident-page";
import { IncidentsPage } from "./pages/incidents-page";
import { IngestPage } from "./pages/ingest-page";

const SCREENSHOTS = "e2e/screenshots";

/** A region of the demo account that the tests of the us-east-1 coverage grid do not look at. */
const GAP_REGION = "us-west-2";

/**
 * Builds a CloudTrail digest of the hour of the demo attack that lists one log
 * file no test ingests, so that the coverage of that hour has a missing file.
 */
function digestWithMissingFile(): { name: string; body: string; missingKey: string } {
  const hour = ATTACK.steps.attachUserPolicy.eventTime.slice(0, 13);
  const day = hour.slice(0, 10).replaceAll("-", "/");
  const stamp = `${hour.replaceAll("-", "")}00Z`;
  const missingKey = `AWSLogs/${DEMO_ACCOUNT_ID}/CloudTrail/${GAP_REGION}/${day}/${DEMO_ACCOUNT_ID}_CloudTrail_${GAP_REGION}_${stamp}_E2eMissingFile01.json.gz`;
  const digestKey = `AWSLogs/${DEMO_ACCOUNT_ID}/CloudTrail-Digest/${GAP_REGION}/${day}/${DEMO_ACCOUNT_ID}_CloudTrail-Digest_${GAP_REGION}_trail_${GAP_REGION}_${stamp}.json.gz`;
  const body = JSON.stringify({
    awsAccountId: DEMO_ACCOUNT_ID,
    digestStartTime: `${hour}:00:00Z`,
    digestEndTime: `${hour}:59:59Z`,
    digestS3Bucket: "e2e-audit-logs",
    digestS3Object: digestKey,
    digestPublicKeyFingerprint: "0123456789abcdef0123456789abcdef",
    digestSignatureAlgorithm: "SHA256withRSA",
    logFiles: [
      {
        s3Bucket: "e2e-audit-logs",
        s3Object: missingKey,
        hashValue: "ab".repeat(32),
        hashAlgorithm: "SHA-256",
        oldestEventTime: `${hour}:10:00Z`,
        newestEventTime: `${hour}:14:00Z`,
      },
    ],
  });
  return { name: "digest-with-missing-file.json", body, missingKey };
}

test("incident page warns of a coverage gap in its window", async ({ page }) => {
  const digest = digestWithMissingFile();
  const ingest = new IngestPage(page);
  await ingest.open();
  await ingest.fileInput.setInputFiles([{ name: digest.name, mimeType: "application/json", buffer: Buffer.from(digest.body) }]);
  await expect(ingest.upload(digest.name)).toHaveAttribute("data-phase", "done");

  const incidents = new IncidentsPage(page);
  await incidents.open();
  await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
  const incident = new IncidentPage(page);
  await expect(incident.timeline).toBeVisible();
  const banner = page.getByRole("status", { name: "Coverage gaps" });
  const hour = ATTACK.steps.attachUserPolicy.eventTime.slice(0, 13);
  await expect(banner).toContainText("Log coverage has gaps inside this incident's window (1 hour)");
  await expect(banner.getByRole("listitem")).toHaveText([
    `${hour.slice(0, 10)} ${hour.slice(11, 13)}:00 UTC · ${DEMO_ACCOUNT_ID} ${GAP_REGION} CloudTrail · log file missing (digest)`,
  ]);
  await page.screenshot({ path: `${SCREENSHOTS}/incident-coverage-gap.png`, fullPage: true });
});
