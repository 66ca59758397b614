import { expect, type Locator, type Page } from "@playwright/test";

/** The lifecycle bar and the Decisions section of an incident page. */
export class DecisionsPanel {
  constructor(private readonly page: Page) {}

  get lifecycle(): Locator {
    return this.page.getByRole("region", { name: "Lifecycle" });
  }

  get status(): Locator {
    return this.page.getByTestId("incident-status");
  }

  get section(): Locator {
    return this.page.getByRole("region", { name: "Decisions" });
  }

  async openChecklist(title: string): Promise<Locator> {
    await this.section.getByRole("tab", { name: new RegExp(title.replace(/[?]/g, "\\?")) }).click();
    const panel = this.section.getByRole("tabpanel", { name: title });
    await expect(panel).toBeVisible();
    return panel;
  }

  item(panel: Locator, itemId: string): Locator {
    return panel.locator(`li[data-item-id="${itemId}"]`);
  }

  async confirm(panel: Locator, itemId: string): Promise<void> {
    const item = this.item(panel, itemId);
    await item.getByRole("button", { name: "Confirm" }).click();
    await expect(item).toHaveAttribute("data-answered", "confirm", { timeout: 30_000 });
  }

  async override(panel: Locator, itemId: string, reason: string): Promise<void> {
    const item = this.item(panel, itemId);
    await item.getByRole("button", { name: "Override…" }).click();
    await item.getByRole("textbox", { name: "Reason for the override" }).fill(reason);
    await item.getByRole("button", { name: "Save override" }).click();
    await expect(item).toHaveAttribute("data-answered", "override", { timeout: 30_000 });
  }

  async confirmAll(panel: Locator): Promise<void> {
    const ids = await panel.locator("li[data-item-id]:not([data-answered])").evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-item-id") ?? ""),
    );
    for (const id of ids) {
      await this.confirm(panel, id);
    }
  }

  async recordConclusion(panel: Locator): Promise<Locator> {
    await panel.getByRole("button", { name: "Record conclusion" }).click();
    const conclusion = panel.getByTestId("conclusion");
    await expect(conclusion).toContainText("Recorded by", { timeout: 30_000 });
    return conclusion;
  }
}
