import type { Role } from "@/lib/auth/actor";
import type { ApiTokenSummary } from "@/lib/auth/api-token-summary";
import { createApiToken } from "@/lib/auth/create-api-token";
import { listApiTokens } from "@/lib/auth/list-api-tokens";
import { revokeApiToken } from "@/lib/auth/revoke-api-token";

import { cliActor } from "./cli-actor";
import { withDatabaseSession } from "./database-session";

/** `watchfloor tokens create --role ROLE --name NAME [--json]` */
export async function runTokensCreateCommand(options: { role: Role; name: string; json?: boolean }): Promise<number> {
  const created = await withDatabaseSession(() =>
    createApiToken({ actor: cliActor(), name: options.name, role: options.role }),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    `Created ${created.role} token "${created.name}" (id ${created.id}).\n` +
      `Token (shown only now; send it as "Authorization: Bearer <token>"):\n${created.token}\n`,
  );
  return 0;
}

/** `watchfloor tokens list [--json]` */
export async function runTokensListCommand(options: { json?: boolean }): Promise<number> {
  const tokens = await withDatabaseSession(() => listApiTokens());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
    return 0;
  }
  if (tokens.length === 0) {
    process.stdout.write("No API tokens. Create one with `watchfloor tokens create --role ROLE --name NAME`.\n");
    return 0;
  }
  for (const token of tokens) {
    process.stdout.write(`${formatTokenLine(token)}\n`);
  }
  return 0;
}

function formatTokenLine(token: ApiTokenSummary): string {
  const state = token.revokedAt ? `revoked ${token.revokedAt}` : "active";
  const used = token.lastUsedAt ? `last used ${token.lastUsedAt}` : "never used";
  return `${token.id}  ${token.prefix}…  ${token.role.padEnd(9)} ${state.padEnd(8)} ${used}  ${token.name}`;
}

/** `watchfloor tokens revoke ID` */
export async function runTokensRevokeCommand(id: string): Promise<number> {
  const token = await withDatabaseSession(() => revokeApiToken({ actor: cliActor(), id }));
  process.stdout.write(`Revoked token "${token.name}" (${token.prefix}…).\n`);
  return 0;
}
