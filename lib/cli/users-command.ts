import type { Role } from "@/lib/auth/actor";
import { createUser } from "@/lib/auth/create-user";
import { listUsers } from "@/lib/auth/list-users";
import { setUserDisabled } from "@/lib/auth/set-user-disabled";
import { setUserPassword } from "@/lib/auth/set-user-password";
import { setUserRole } from "@/lib/auth/set-user-role";
import type { UserSummary } from "@/lib/auth/user-summary";

import { cliActor } from "./cli-actor";
import { withDatabaseSession } from "./database-session";
import { readNewPassword, type NewPassword } from "./read-new-password";

function printPassword(email: string, secret: NewPassword): void {
  if (secret.generated) {
    process.stdout.write(`Password for ${email} (shown only now): ${secret.password}\n`);
  }
}

/** `watchfloor users add --role ROLE EMAIL [--name NAME] [--password-stdin]` */
export async function runUsersAddCommand(
  email: string,
  options: { role: Role; name?: string; passwordStdin?: boolean },
): Promise<number> {
  // Read the password before connecting, so that a prompt is not raced by database start-up logs.
  const secret = await readNewPassword({ fromStdin: options.passwordStdin ?? false });
  const user = await withDatabaseSession(() =>
    createUser({ actor: cliActor(), email, role: options.role, name: options.name ?? null, password: secret.password, via: "cli" }),
  );
  process.stdout.write(`Created ${user.role} ${user.email}.\n`);
  printPassword(user.email, secret);
  return 0;
}

/** `watchfloor users list [--json]` */
export async function runUsersListCommand(options: { json?: boolean }): Promise<number> {
  const users = await withDatabaseSession(() => listUsers());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
    return 0;
  }
  if (users.length === 0) {
    process.stdout.write("No users. Create the first admin with `watchfloor users add --role admin EMAIL`.\n");
    return 0;
  }
  for (const user of users) {
    process.stdout.write(`${formatUserLine(user)}\n`);
  }
  return 0;
}

function formatUserLine(user: UserSummary): string {
  const state = user.disabled ? "disabled" : "enabled";
  const lastLogin = user.lastLoginAt ? `last sign-in ${user.lastLoginAt}` : "never signed in";
  const name = user.name ? `  (${user.name})` : "";
  return `${user.email.padEnd(32)} ${user.role.padEnd(9)} ${state.padEnd(8)} ${lastLogin}${name}`;
}

/** `watchfloor users set-role EMAIL ROLE` */
export async function runUsersSetRoleCommand(email: string, role: Role): Promise<number> {
  const user = await withDatabaseSession(() => setUserRole({ actor: cliActor(), user: { email }, role }));
  process.stdout.write(`${user.email} is now ${user.role}.\n`);
  return 0;
}

/** `watchfloor users disable EMAIL` and `watchfloor users enable EMAIL` */
export async function runUsersSetDisabledCommand(email: string, disabled: boolean): Promise<number> {
  const user = await withDatabaseSession(() => setUserDisabled({ actor: cliActor(), user: { email }, disabled }));
  process.stdout.write(`${user.email} is ${user.disabled ? "disabled" : "enabled"}.\n`);
  return 0;
}

/** `watchfloor users set-password EMAIL [--password-stdin]` */
export async function runUsersSetPasswordCommand(email: string, options: { passwordStdin?: boolean }): Promise<number> {
  const secret = await readNewPassword({ fromStdin: options.passwordStdin ?? false });
  const user = await withDatabaseSession(() => setUserPassword({ actor: cliActor(), user: { email }, password: secret.password }));
  process.stdout.write(`Password of ${user.email} changed.\n`);
  printPassword(user.email, secret);
  return 0;
}
