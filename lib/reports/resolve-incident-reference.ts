import { db } from "@/lib/db/client";

import { isGuid } from "./get-postmortem-version";

/**
 * Returns the id of the incident a person named on the command line: its
 * uuid, or its number with or without a leading `#`. Null when none matches.
 */
export async function resolveIncidentReference(reference: string): Promise<string | null> {
  const text = reference.trim();
  if (isGuid(text)) {
    const incident = await db().incident.findUnique({ where: { id: text }, select: { id: true } });
    return incident?.id ?? null;
  }
  const match = /^#?(\d{1,9})$/.exec(text);
  if (!match) {
    return null;
  }
  const incident = await db().incident.findUnique({ where: { number: Number(match[1]) }, select: { id: true } });
  return incident?.id ?? null;
}
