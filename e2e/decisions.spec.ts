import { expect, test } from "@playwright/test";

import { ALICE_ADMIN } from "../lib/demo/scenario";

const SCREENSHOTS = "e2e/screenshots";

test.describe("decisions", () => {
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

  test("invalid transition answers 409", async ({ request }) => {
    const list = (await (await request.get("/api/incidents?all=1")).json()) as Array<{ id: string; principal: { name: string | null } }>;
    const breakGlass = list.find((incident) => incident.principal.name === ALICE_ADMIN.userName);
    const response = await request.post(`/api/incidents/${breakGlass?.id}/status`, { data: { status: "resolved" } });
    expect(response.status()).toBe(409);
    const body = (await response.json()) as { error: { code: string; details: { allowed: string[] } } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.details.allowed).toEqual(["triage"]);
  });

  test("change windows page imports a CSV", async ({ page }) => {
    await page.goto("/change-windows");
    await page.getByLabel("Import CSV or iCalendar…").setInputFiles({
      name: "changes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "title,start,end,account,principal,reference\n" +
          "Break-glass grant,2026-11-19T13:00:00Z,2026-11-19T15:00:00Z,111122223333,alice.admin,CHG-1042\n" +
          "Broken,not a time,2026-11-19T15:00:00Z,,,CHG-1043\n",
      ),
    });
    await expect(page.getByRole("status").filter({ hasText: "changes.csv: 1 imported" })).toContainText(
      'changes.csv row 2, start: "not a time" is not a date and time',
    );
    await expect(page.getByRole("table", { name: "Change windows" })).toContainText("CHG-1042");
    await page.screenshot({ path: `${SCREENSHOTS}/change-windows.png`, fullPage: true });
  });
});
