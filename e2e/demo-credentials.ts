import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The demo accounts `watchfloor start` creates with the demo, and the admin the setup adds. */
export const ACCOUNTS = {
  analyst: "analyst@demo.local",
  commander: "commander@demo.local",
  manager: "manager@demo.local",
  admin: "admin@e2e.local",
} as const;

export type AccountRole = keyof typeof ACCOUNTS;

export function storageStatePath(role: AccountRole): string {
  return `e2e/.auth/${role}.json`;
}

/**
 * Returns the demo accounts' password: WATCHFLOOR_E2E_DEMO_PASSWORD, else
 * the `demo-password` file that `watchfloor start` wrote in its data folder.
 */
export function readDemoPassword(): string {
  const fromEnvironment = process.env.WATCHFLOOR_E2E_DEMO_PASSWORD;
  if (fromEnvironment) {
    return fromEnvironment;
  }
  const dataDir = process.env.WATCHFLOOR_E2E_DATA_DIR;
  if (!dataDir) {
    throw new Error("Set WATCHFLOOR_E2E_DEMO_PASSWORD, or WATCHFLOOR_E2E_DATA_DIR to the data folder of the server under test.");
  }
  return readFileSync(join(dataDir, "demo-password"), "utf8").trim();
}

/**
 * Creates a user through the CLI in the server's data folder, where the CLI
 * attaches to the running embedded PostgreSQL. Returns false when the user
 * already exists.
 */
export function addUserWithCli(email: string, role: string, password: string): boolean {
  const dataDir = process.env.WATCHFLOOR_E2E_DATA_DIR;
  if (!dataDir) {
    throw new Error("WATCHFLOOR_E2E_DATA_DIR is not set, so the CLI cannot reach the server's database.");
  }
  const result = spawnSync(process.execPath, ["bin/watchfloor.mjs", "users", "add", "--role", role, email, "--password-stdin"], {
    input: `${password}\n`,
    env: { ...process.env, WATCHFLOOR_DATA_DIR: dataDir },
    encoding: "utf8",
  });
  if (result.status === 0) {
    return true;
  }
  if (result.stderr.includes("already exists")) {
    return false;
  }
  throw new Error(`watchfloor users add failed with status ${result.status}: ${result.stderr}`);
}
