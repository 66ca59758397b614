import { db } from "@/lib/db/client";

import type { Commander } from "./find-commander";

/** Lists the enabled users who can command an incident, by name. */
export async function listCommanders(): Promise<Commander[]> {
  return db().user.findMany({
    where: { role: "commander", disabled: false },
    select: { id: true, email: true, name: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}
