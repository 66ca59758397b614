import type { Locator, Page } from "@playwright/test";

/** The sign-in page at `/login`. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(callbackPath?: string): Promise<void> {
    await this.page.goto(callbackPath ? `/login?callbackUrl=${encodeURIComponent(callbackPath)}` : "/login");
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Sign in to Watchfloor" });
  }

  get form(): Locator {
    return this.page.getByRole("form", { name: "Sign in to Watchfloor" });
  }

  get error(): Locator {
    return this.form.getByRole("alert");
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }
}
