import { expect, test } from "@playwright/test";

import { ATTACK, ATTACKER, AWS_ADDRESSES, OFFICE_NETWORK, REPORTS_SVC } from "../lib/demo/scenario";

import { IncidentPage } from "./pages/incident-page";
import { IncidentsPage } from "./pages/incidents-page";

const SCREENSHOTS = "e2e/screenshots";

test.describe("entity pages", () => {
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

  test("principal page shows its baseline", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
    await page.locator("main header").getByRole("link", { name: REPORTS_SVC.userName }).click();
    await page.waitForURL(/\/principals\//);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(REPORTS_SVC.userName);
    await expect(page.getByText(REPORTS_SVC.arn).first()).toBeVisible();
    const addresses = page.getByRole("table", { name: "Baseline Addresses" });
    await expect(addresses.locator(`tr[data-value="${OFFICE_NETWORK.addresses[0]}"]`)).toContainText("US");
    // The office NAT pool is announced by AS6461 (Zayo Bandwidth).
    await expect(addresses.locator(`tr[data-value="${OFFICE_NETWORK.addresses[0]}"]`)).toContainText("AS6461 Zayo Bandwidth");
    const asns = page.getByRole("table", { name: "Baseline Autonomous systems" });
    await expect(asns.locator(`tr[data-value="AS${ATTACKER.asn}"]`)).toContainText(ATTACKER.asnOrg);
    await expect(page.getByRole("link", { name: "IP to ASN data by DB-IP" })).toHaveAttribute("href", "https://db-ip.com");
    await expect(page.getByRole("img", { name: /Events of reports-svc/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Incidents" })).toContainText("reports-svc");
    await page.screenshot({ path: `${SCREENSHOTS}/principal.png`, fullPage: true });
  });

  test("history selector changes the baseline", async ({ page }) => {
    await page.goto(`/principals/${encodeURIComponent(REPORTS_SVC.arn)}?until=2026-11-17T02:30:00Z`);
    const addresses = page.getByRole("table", { name: "Baseline Addresses" });
    await expect(addresses.locator(`tr[data-value="${ATTACKER.ip}"]`)).toHaveAttribute("data-new", "true");
    await page.getByRole("combobox", { name: "Days of history" }).selectOption("1");
    await expect(page).toHaveURL(/days=1/);
    await expect(page.getByText("over 1 days")).toBeVisible();
  });

  test("malformed escapes give 404 and 400", async ({ page }) => {
    const response = await page.goto("/principals/%ff");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    // The browser logs the page's own 404 as a failed load; that one is expected.
    browserErrors = browserErrors.filter((error) => !error.endsWith("(http://127.0.0.1:" + new URL(page.url()).port + "/principals/%ff)"));
    const api = await page.request.get("/api/principals/%ff");
    expect(api.status()).toBe(400);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });

  test("access key page shows lineage", async ({ page }) => {
    await page.goto(`/access-keys/${ATTACK.createdAccessKeyId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ATTACK.createdAccessKeyId);
    const header = page.locator("main header");
    await expect(header).toContainText(REPORTS_SVC.userName);
    await expect(header).toContainText(ATTACK.stolenAccessKeyId);
    await expect(header).toContainText("Inactive since 2026-11-17");
    await page.screenshot({ path: `${SCREENSHOTS}/access-key.png`, fullPage: true });
    await page.goto(`/access-keys/${ATTACK.stolenAccessKeyId}`);
    await expect(page.getByRole("table", { name: "Credentials obtained with the key" })).toContainText(ATTACK.createdAccessKeyId);
  });

  test("address page shows country and users", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
    const incident = new IncidentPage(page);
    await incident.rowByEventName("CreateAccessKey").getByRole("link", { name: ATTACKER.ip }).click();
    await page.waitForURL(/\/addresses\//);
    await expect(incident.panel).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ATTACKER.ip);
    await expect(page.getByText("NL · Netherlands")).toBeVisible();
    await expect(page.getByText(`AS${ATTACKER.asn} ${ATTACKER.asnOrg}`)).toBeVisible();
    await expect(page.getByRole("link", { name: "IP to ASN data by DB-IP" })).toHaveAttribute("href", "https://db-ip.com");
    await expect(page.getByRole("table", { name: "Principals that used the address" })).toContainText(REPORTS_SVC.userName);
    await page.screenshot({ path: `${SCREENSHOTS}/address.png`, fullPage: true });
  });

  test("address page marks an AWS-owned address", async ({ page }) => {
    await page.goto(`/addresses/${AWS_ADDRESSES.ciRunner}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(AWS_ADDRESSES.ciRunner);
    await expect(page.locator('[data-aws-owned="true"]')).toContainText("AWS-owned (AS14618 Amazon.com, Inc.)");
  });

  test("new address links to the baseline", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
    const incident = new IncidentPage(page);
    await incident.rowByEventName("CreateAccessKey").first().click();
    const why = incident.panel.getByRole("region", { name: "Why this was flagged" });
    await expect(why).toContainText("iam-create-access-key");
    await expect(why).toContainText("Check who created it");
    await page.screenshot({ path: `${SCREENSHOTS}/signal-explanation.png`, fullPage: true });
    await why.locator('li[data-verdict="new"]').filter({ hasText: "address" }).getByRole("link", { name: "new" }).click();
    await page.waitForURL(/\/principals\/.*dimension=ip/);
    const row = page.getByRole("table", { name: "Baseline Addresses" }).locator(`tr[data-value="${ATTACKER.ip}"]`);
    await expect(row).toHaveAttribute("data-new", "true");
    await expect(row).toHaveClass(/highlighted/);
    await page.screenshot({ path: `${SCREENSHOTS}/baseline-highlight.png` });
  });

  test("unknown principal is not found", async ({ request }) => {
    const response = await request.get(`/api/principals/${encodeURIComponent("arn:aws:iam::111122223333:user/nobody")}`);
    expect(response.status()).toBe(404);
  });
});
