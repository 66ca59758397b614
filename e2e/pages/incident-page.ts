import type { Locator, Page } from "@playwright/test";

/** An incident's page at `/incidents/<id>`, with its timeline and raw record panel. */
export class IncidentPage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  get timeline(): Locator {
    return this.page.getByRole("table", { name: "Timeline" });
  }

  get timelineRows(): Locator {
    return this.timeline.locator("tbody tr");
  }

  get thresholdRows(): Locator {
    return this.timeline.locator('tbody tr[data-threshold="true"]');
  }

  rowByEventName(eventName: string): Locator {
    return this.timelineRows.filter({ hasText: eventName });
  }

  /** Phases of the signal rows, in the order they first appear. */
  async phasesInOrder(): Promise<string[]> {
    const phases = await this.timeline
      .locator("tbody tr[data-phase]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-phase") ?? ""));
    return [...new Set(phases)];
  }

  get panel(): Locator {
    return this.page.getByRole("complementary", { name: "Raw record" });
  }

  get rawText(): Locator {
    return this.panel.locator("pre");
  }

  /** A toggle chip of the timeline filters, such as ("Source", "guardduty"). */
  filterChip(group: string, value: string): Locator {
    return this.page.getByRole("group", { name: `${group} filter` }).getByRole("button").filter({ hasText: value });
  }

  async showFormatted(): Promise<void> {
    await this.panel.getByRole("button", { name: "Formatted" }).click();
  }
}
