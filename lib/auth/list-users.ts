import { db } from "@/lib/db/client";

import { toUserSummary, type UserSummary } from "./user-summary";

/** Lists every user, ordered by email. */
export async function listUsers(): Promise<UserSummary[]> {
  const users = await db().user.findMany({ orderBy: { email: "asc" } });
  return users.map(toUserSummary);
}
