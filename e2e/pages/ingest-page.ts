import type { Locator, Page } from "@playwright/test";

/** The ingest page at `/ingest`: the uploader, its per-file progress and the batch list. */
export class IngestPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/ingest");
  }

  get fileInput(): Locator {
    return this.page.getByLabel("Choose files");
  }

  get folderInput(): Locator {
    return this.page.getByLabel("Choose a folder");
  }

  get uploads(): Locator {
    return this.page.getByRole("list", { name: "Files" }).locator("li");
  }

  upload(name: string): Locator {
    return this.uploads.filter({ hasText: name });
  }

  get summary(): Locator {
    return this.page.getByRole("region", { name: "Ingest summary" });
  }

  get batches(): Locator {
    return this.page.getByRole("table", { name: "Ingest batches" });
  }
}

/** A batch's page at `/ingest/batches/<id>`. */
export class BatchPage {
  constructor(private readonly page: Page) {}

  get files(): Locator {
    return this.page.getByRole("table", { name: "Batch files" });
  }

  get rejections(): Locator {
    return this.page.getByRole("region", { name: "Rejected records" }).locator("li[data-rejection-id]");
  }
}

/** The coverage grid at `/coverage`. */
export class CoveragePage {
  constructor(private readonly page: Page) {}

  async open(query = ""): Promise<void> {
    await this.page.goto(`/coverage${query}`);
  }

  stream(title: string): Locator {
    return this.page.getByRole("table", { name: `Coverage ${title}` });
  }

  cell(stream: Locator, hour: string): Locator {
    return stream.locator(`td[data-hour="${hour}"]`);
  }
}
