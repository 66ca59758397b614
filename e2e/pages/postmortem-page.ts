import type { Download, Locator, Page } from "@playwright/test";

/** An incident's postmortem at `/incidents/<id>/postmortem`. */
export class PostmortemPage {
  constructor(private readonly page: Page) {}

  async open(incidentId: string): Promise<void> {
    await this.page.goto(`/incidents/${incidentId}/postmortem`);
  }

  get headline(): Locator {
    return this.page.getByRole("heading", { level: 1 }).locator("xpath=../following-sibling::p");
  }

  get document(): Locator {
    return this.page.getByRole("article", { name: /^Postmortem version/ });
  }

  get editor(): Locator {
    return this.page.getByRole("textbox", { name: "Postmortem Markdown" });
  }

  get preview(): Locator {
    return this.page.getByRole("article", { name: "Preview" });
  }

  get versions(): Locator {
    return this.page.getByRole("table", { name: "Versions" });
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  /** Clicks a download link and returns the downloaded file's bytes. */
  async download(name: "Download Markdown" | "Download PDF"): Promise<{ file: Download; bytes: Buffer }> {
    const [file] = await Promise.all([this.page.waitForEvent("download"), this.page.getByRole("link", { name }).click()]);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(Buffer.from(chunk as Buffer));
    }
    return { file, bytes: Buffer.concat(chunks) };
  }
}
