import { expect, test, type Page } from "@playwright/test";

import { REPORTS_SVC } from "../lib/demo/scenario";

import { PostmortemPage } from "./pages/postmortem-page";

const SCREENSHOTS = "e2e/screenshots";

const CHARTS = [
  "Events per source",
  "Signals by phase and severity",
  "Incidents over time",
  "Detection and containment times",
  "Top principals",
  "Top source addresses",
];

async function demoIncidentId(page: Page): Promise<string> {
  const response = await page.request.get("/api/incidents");
  const incidents = (await response.json()) as Array<{ id: string; principal: { name: string | null } }>;
  const demo = incidents.find((incident) => incident.principal.name === REPORTS_SVC.userName);
  if (!demo) {
    throw new Error("the demo incident is not loaded");
  }
  return demo.id;
}

test.describe("postmortems", () => {
  let browserErrors: string[] = [];

  test.beforeEach(({ page }) => {
    browserErrors = [];
    page.on("pageerror", (error) => browserErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") {
        browserErrors.push(`${message.text()} (${message.location().url})`);
      }
    });
  });

  test.afterEach(() => {
    expect(browserErrors).toEqual([]);
  });

  test("postmortem generates, edits and exports", async ({ page }) => {
    const incidentId = await demoIncidentId(page);
    await page.goto(`/incidents/${incidentId}`);
    await page.getByRole("link", { name: "Postmortem", exact: true }).click();
    await page.waitForURL(/\/postmortem$/);

    const postmortem = new PostmortemPage(page);
    await expect(postmortem.headline).toHaveText("Detected 02:14, contained 02:27: 13 minutes.");
    await postmortem.button("Generate postmortem").click();
    await expect(postmortem.document).toContainText("Detected 02:14, contained 02:27: 13 minutes.");
    await expect(postmortem.document.getByRole("heading", { name: "Lessons learned" })).toBeVisible();
    await expect(postmortem.document).toContainText("2026-11-17 02:14:40");
    await expect(postmortem.document).toContainText("2026-11-17 02:27:55");
    await page.screenshot({ path: `${SCREENSHOTS}/postmortem.png`, fullPage: true });

    await postmortem.button("Edit").click();
    const note = "Reviewed by the incident commander.";
    await postmortem.editor.press("ControlOrMeta+End");
    await postmortem.editor.pressSequentially(`\n\n## Review\n\n${note} <b>kept as text</b>\n`);
    await expect(postmortem.preview.getByRole("heading", { name: "Review" })).toBeVisible();
    await expect(postmortem.preview).toContainText("<b>kept as text</b>");
    await page.screenshot({ path: `${SCREENSHOTS}/postmortem-edit.png` });
    await postmortem.button("Save version").click();
    await expect(page.getByText("Version 2 of 2")).toBeVisible();
    await expect(postmortem.document).toContainText(note);
    await expect(postmortem.versions.locator("tbody tr")).toHaveCount(2);

    await postmortem.button("View v1").click();
    await expect(page.getByText("Version 1 of 2 (older version, read-only)")).toBeVisible();
    await expect(postmortem.document).not.toContainText(note);
    await postmortem.button("Back to current").click();

    const markdown = await postmortem.download("Download Markdown");
    expect(markdown.file.suggestedFilename()).toMatch(/^postmortem-\d+\.md$/);
    expect(markdown.bytes.toString("utf8")).toContain(note);
    const pdf = await postmortem.download("Download PDF");
    expect(pdf.file.suggestedFilename()).toMatch(/^postmortem-\d+\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("list shows the edited postmortem", async ({ page }) => {
    await page.goto("/postmortems");
    const table = page.getByRole("table", { name: "Postmortems" });
    const row = table.locator("tbody tr").filter({ hasText: REPORTS_SVC.userName });
    await expect(row).toContainText("v2");
    await page.screenshot({ path: `${SCREENSHOTS}/postmortems.png`, fullPage: true });
  });

  test("metrics dashboard draws charts and tables", async ({ page }) => {
    await page.goto("/metrics");
    await page.getByRole("group", { name: "Range" }).getByRole("button", { name: "All" }).click();
    for (const chart of CHARTS) {
      const figure = page.getByRole("figure", { name: chart });
      await expect(figure.locator(".recharts-surface").first()).toBeVisible();
      await expect(figure.locator("table")).toHaveCount(1);
    }
    const events = page.getByRole("figure", { name: "Events per source" });
    // Before the toggle the table is only visually hidden (clipped to 1 pixel), for screen readers.
    expect((await events.locator("table").locator("xpath=..").boundingBox())?.height ?? 0).toBeLessThanOrEqual(1);
    await events.getByRole("button", { name: "Show data" }).click();
    await expect(events.getByRole("button", { name: "Hide data" })).toHaveAttribute("aria-expanded", "true");
    expect((await events.locator("table").locator("xpath=..").boundingBox())?.height ?? 0).toBeGreaterThan(100);
    await expect(events.locator("thead")).toContainText("VPC Flow Logs");
    const addresses = page.getByRole("figure", { name: "Top source addresses" });
    await addresses.getByRole("button", { name: "Show data" }).click();
    await expect(addresses.locator("tbody tr").first()).toContainText("85.17.31.122");
    const times = page.getByRole("table", { name: "Response times per incident" });
    await expect(times).toContainText("13 min 15 s");
    await page.screenshot({ path: `${SCREENSHOTS}/metrics.png`, fullPage: true });
  });
});
