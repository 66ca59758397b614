import type { Locator, Page } from "@playwright/test";

/** The incident list at `/`. */
export class IncidentsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/");
  }

  get table(): Locator {
    return this.page.getByRole("table", { name: "Incidents" });
  }

  /** Returns the row whose principal cell contains `principalName`. */
  rowFor(principalName: string): Locator {
    return this.table.locator("tbody tr").filter({ hasText: principalName });
  }

  severityOf(row: Locator): Locator {
    return row.locator("td").nth(0);
  }

  principalOf(row: Locator): Locator {
    return row.locator("td").nth(3);
  }

  async openIncident(row: Locator): Promise<void> {
    await row.locator("td").nth(2).getByRole("link").click();
    await this.page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  }
}
