import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests run against `watchfloor start` on port 3100 with a data
 * folder of its own, so the server starts a fresh embedded PostgreSQL and
 * loads the demo. Set WATCHFLOOR_E2E_BASE_URL to test a server that is
 * already running instead, with WATCHFLOOR_E2E_DEMO_PASSWORD set to the
 * password its start printed for the demo accounts.
 */
const externalBaseUrl = process.env.WATCHFLOOR_E2E_BASE_URL;
// WATCHFLOOR_E2E_PORT lets several checkouts run their browser tests at once.
const PORT = Number(process.env.WATCHFLOOR_E2E_PORT ?? 3100);

// Playwright loads this file in every worker too; the folder is created once,
// in the first process, and workers inherit it through the environment.
if (!externalBaseUrl) {
  process.env.WATCHFLOOR_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "watchfloor-e2e-"));
}

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1600, height: 1000 },
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: externalBaseUrl ?? `http://127.0.0.1:${PORT}`,
    // A time zone far from UTC shows whether any time on the pages follows the browser's zone.
    timezoneId: "Asia/Kolkata",
    locale: "en-GB",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Signs in once per role and stores the cookies under e2e/.auth/ (see e2e/auth.setup.ts).
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: chromium },
    {
      name: "chromium",
      dependencies: ["setup"],
      // Specs run signed in as the demo analyst unless they choose another state.
      use: { ...chromium, storageState: "e2e/.auth/analyst.json" },
    },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: `node bin/watchfloor.mjs start --port ${PORT}`,
        url: `http://127.0.0.1:${PORT}`,
        // The first run builds the Next.js bundle and initialises PostgreSQL.
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
        env: {
          WATCHFLOOR_DATA_DIR: process.env.WATCHFLOOR_E2E_DATA_DIR ?? "",
          NEXT_TELEMETRY_DISABLED: "1",
        },
      },
});
