import { join } from "node:path";

import { createDemoAccounts } from "@/lib/auth/create-demo-accounts";
import { readOidcConfig } from "@/lib/auth/oidc-config";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { cliActor } from "./cli-actor";
import { readOrCreateSecretFile, writeSecretFile } from "./secret-file";

const log = logger.child({ component: "start" });

/** Name of the file in the data folder that keeps the demo accounts' password. */
export const DEMO_PASSWORD_FILE = "demo-password";

/**
 * Returns the environment next-auth needs: NEXTAUTH_SECRET from the
 * environment, else from `<data dir>/nextauth-secret` (created once, mode
 * 600) so that sessions survive a restart; NEXTAUTH_URL from the
 * environment, else the address the server listens on.
 */
export function resolveAuthEnvironment(options: { dataDir: string; host: string; port: number }): {
  NEXTAUTH_SECRET: string;
  NEXTAUTH_URL: string;
} {
  const secret = process.env.NEXTAUTH_SECRET || readOrCreateSecretFile(join(options.dataDir, "nextauth-secret"));
  const url = process.env.NEXTAUTH_URL || `http://${browserHost(options.host)}:${options.port}`;
  if (!process.env.NEXTAUTH_URL && !isLoopback(options.host)) {
    process.stdout.write(
      `NEXTAUTH_URL is not set, so sign-in redirects use ${url}. ` +
        "Set NEXTAUTH_URL to the address people open (for example https://watchfloor.example.com).\n",
    );
  }
  const oidc = readOidcConfig();
  if (oidc) {
    process.stdout.write(`SSO sign-in through ${oidc.issuer} is enabled.\n`);
  }
  return { NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url };
}

function browserHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") {
    return "127.0.0.1";
  }
  return host.includes(":") ? `[${host}]` : host;
}

function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1";
}

/**
 * Creates the demo accounts after the demo scenario was loaded, prints their
 * password once and stores it in `<data dir>/demo-password` (mode 600).
 */
export async function createAndPrintDemoAccounts(options: { dataDir: string }): Promise<void> {
  const { password, created } = await createDemoAccounts({ actor: cliActor() });
  if (password === null) {
    return;
  }
  const file = join(options.dataDir, DEMO_PASSWORD_FILE);
  writeSecretFile(file, password);
  process.stdout.write(
    `Demo accounts: ${created.join(", ")}\n` +
      `Demo password (shown only now, also stored in ${file}): ${password}\n`,
  );
  log.info({ accounts: created }, "demo accounts created");
}

/** Prints how to create an admin when no enabled admin exists, which is the case on a new install. */
export async function printAdminHint(): Promise<void> {
  const admins = await db().user.count({ where: { role: "admin", disabled: false } });
  if (admins > 0) {
    return;
  }
  const users = await db().user.count();
  const lead = users === 0 ? "No users exist yet. Create the first admin" : "No admin exists. To manage users in the dashboard, create one";
  process.stdout.write(`${lead} with:\n  npx watchfloor users add --role admin you@example.com\n`);
}
