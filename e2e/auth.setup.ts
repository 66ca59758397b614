import { expect, test as setup } from "@playwright/test";

import { ACCOUNTS, addUserWithCli, readDemoPassword, storageStatePath, type AccountRole } from "./demo-credentials";
import { LoginPage } from "./pages/login-page";

const DEMO_ROLES: AccountRole[] = ["analyst", "commander", "manager"];

async function signInAndStore(page: import("@playwright/test").Page, role: AccountRole, password: string) {
  const login = new LoginPage(page);
  await login.open();
  await login.signIn(ACCOUNTS[role], password);
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("group", { name: "Signed in user" })).toContainText(role);
  await page.context().storageState({ path: storageStatePath(role) });
}

for (const role of DEMO_ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signInAndStore(page, role, readDemoPassword());
  });
}

setup("sign in as admin", async ({ page }) => {
  // The demo has no admin, so one is added the way an operator would: with the CLI.
  const password = `${readDemoPassword()}-admin`;
  addUserWithCli(ACCOUNTS.admin, "admin", password);
  await signInAndStore(page, "admin", password);
});
