import { db } from "@/lib/db/client";

import { toApiTokenSummary, type ApiTokenSummary } from "./api-token-summary";

/** Lists every API token, revoked ones included, newest first. */
export async function listApiTokens(): Promise<ApiTokenSummary[]> {
  const tokens = await db().apiToken.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return tokens.map(toApiTokenSummary);
}
