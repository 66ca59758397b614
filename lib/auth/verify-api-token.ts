import { db } from "@/lib/db/client";

import type { Actor } from "./actor";
import { API_TOKEN_PATTERN, hashApiToken } from "./generate-secret";
import { toRole } from "./user-summary";

interface TokenRow {
  id: string;
  name: string;
  role: string;
}

/**
 * Returns the actor of an API token, or null when the token is malformed,
 * unknown or revoked. A match also records the time in `last_used_at`.
 */
export async function verifyApiToken(token: string): Promise<Actor | null> {
  if (!API_TOKEN_PATTERN.test(token)) {
    return null;
  }
  // Looking up by the hash means the comparison happens inside the unique
  // index, not as a string comparison whose timing depends on the token.
  const rows = await db().$queryRaw<TokenRow[]>`
    UPDATE api_tokens SET last_used_at = now()
    WHERE token_hash = ${hashApiToken(token)} AND revoked_at IS NULL
    RETURNING id::text AS id, name, role`;
  const row = rows[0];
  if (!row) {
    return null;
  }
  return { type: "token", id: row.id, label: `token:${row.name}`, role: toRole(row.role) };
}
