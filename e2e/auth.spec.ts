import { expect, test, type Browser, type Page } from "@playwright/test";

import { REPORTS_SVC } from "../lib/demo/scenario";

import { ACCOUNTS, readDemoPassword, storageStatePath } from "./demo-credentials";
import { IncidentsPage } from "./pages/incidents-page";
import { LoginPage } from "./pages/login-page";

const SCREENSHOTS = "e2e/screenshots";
const SIGNED_OUT = { cookies: [], origins: [] };

async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.open();
  await login.signIn(email, password);
  await page.waitForURL((url) => url.pathname === "/");
  return page;
}

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("page redirects to sign-in", async ({ page }) => {
    await page.goto("/?all=1");
    await page.waitForURL((url) => url.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/?all=1");
    const login = new LoginPage(page);
    await expect(login.heading).toBeVisible();
    await expect(page.getByRole("group", { name: "Signed in user" })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/login.png`, fullPage: true });
  });

  test("sign-in returns to the page", async ({ page }) => {
    await page.goto("/?all=1");
    await new LoginPage(page).signIn(ACCOUNTS.analyst, readDemoPassword());
    await page.waitForURL((url) => url.pathname === "/" && url.search === "?all=1");
    await expect(new IncidentsPage(page).rowFor(REPORTS_SVC.userName)).toHaveCount(1);
  });

  test("wrong password shows a message", async ({ page }) => {
    const login = new LoginPage(page);
    await login.open();
    await login.signIn(ACCOUNTS.commander, "not the password at all");
    await expect(login.error).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login/);
    await page.screenshot({ path: `${SCREENSHOTS}/login-wrong-password.png`, fullPage: true });
  });

  test("sixth failure is rate limited", async ({ page }) => {
    const login = new LoginPage(page);
    await login.open();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await login.signIn("nobody@demo.local", `wrong password ${attempt}`);
      await expect(login.error).toHaveText("Wrong email or password.");
    }
    await login.signIn("nobody@demo.local", "wrong password 5");
    await expect(login.error).toContainText("Too many failed sign-in attempts for this email. Try again in 15 minutes");
    await page.screenshot({ path: `${SCREENSHOTS}/login-rate-limited.png`, fullPage: true });
  });

  test("API answers 401 without a session", async ({ request }) => {
    const response = await request.get("/api/incidents");
    expect(response.status()).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });
});

test.describe("manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("reads incidents", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await expect(incidents.rowFor(REPORTS_SVC.userName)).toHaveCount(1);
    const user = page.getByRole("group", { name: "Signed in user" });
    await expect(user).toContainText("Demo Manager");
    await expect(user).toContainText("manager");
    await page.screenshot({ path: `${SCREENSHOTS}/incidents-as-manager.png` });
  });

  test("mutating API answers 403", async ({ page }) => {
    await page.goto("/");
    const response = await page.request.post("/api/admin/tokens", { data: { name: "nope", role: "admin" } });
    expect(response.status()).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toBe("The manager role may not do this (admin.tokens).");
  });
});

test.describe("analyst", () => {
  test("admin link is hidden", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Incidents" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  });

  test("admin page answers 403", async ({ page }) => {
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-forbidden.png` });
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("creates a token shown once", async ({ page, request }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await page.waitForURL("**/admin/users");
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.waitForURL("**/admin/tokens");

    const form = page.getByRole("form", { name: "Create API token" });
    await form.getByLabel("Name").fill("e2e export");
    await form.getByLabel("Role").selectOption("manager");
    await form.getByRole("button", { name: "Create token" }).click();
    const secret = form.getByTestId("one-time-secret");
    await expect(secret).toHaveText(/^wf_[A-Za-z0-9_-]{43}$/);
    const token = (await secret.textContent()) ?? "";
    await page.screenshot({ path: `${SCREENSHOTS}/admin-tokens.png`, fullPage: true });

    const withToken = await request.get("/api/incidents", { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status()).toBe(200);

    const row = page.getByRole("table", { name: "API tokens" }).locator('tr[data-token-name="e2e export"]');
    await expect(row).toContainText(token.slice(0, 8));
    await row.getByRole("button", { name: "Revoke" }).click();
    await row.getByRole("button", { name: "Confirm revoke" }).click();
    await expect(row).toHaveAttribute("data-revoked", "true");
    const revoked = await request.get("/api/incidents", { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status()).toBe(401);
  });

  test("disabling a user ends the session", async ({ page, browser }) => {
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Add user" });
    await form.getByLabel("Email").fill("temp@e2e.local");
    await form.getByLabel("Role", { exact: true }).selectOption("analyst");
    await form.getByRole("button", { name: "Add user" }).click();
    const password = (await form.getByTestId("one-time-secret").textContent()) ?? "";
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-users.png`, fullPage: true });

    const tempPage = await signedInPage(browser, "temp@e2e.local", password);
    await expect(tempPage.getByRole("group", { name: "Signed in user" })).toContainText("analyst");

    const row = page.getByRole("table", { name: "Users" }).locator('tr[data-user-email="temp@e2e.local"]');
    const role = row.getByRole("combobox", { name: "Role of temp@e2e.local" });
    await role.selectOption("commander");
    // The select follows the stored role, so it shows commander once the change is saved.
    await expect(role).toHaveValue("commander");
    await tempPage.reload();
    await expect(tempPage.getByRole("group", { name: "Signed in user" })).toContainText("commander");

    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByRole("button", { name: "Confirm disable" }).click();
    await expect(row).toHaveAttribute("data-disabled", "true");

    await tempPage.goto("/");
    await tempPage.waitForURL((url) => url.pathname === "/login");
    await expect(new LoginPage(tempPage).error).toHaveText("This account is disabled. Ask a Watchfloor admin to enable it.");
    const api = await tempPage.request.get("/api/incidents");
    expect(api.status()).toBe(401);
    await tempPage.context().close();
  });
});

test.describe("sign out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("returns to sign-in", async ({ browser }) => {
    const page = await signedInPage(browser, ACCOUNTS.commander, readDemoPassword());
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto("/");
    await page.waitForURL((url) => url.pathname === "/login");
    await page.context().close();
  });
});
