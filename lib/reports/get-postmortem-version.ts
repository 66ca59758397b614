import { db } from "@/lib/db/client";

import type { PostmortemVersionDetail } from "./postmortem-types";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its text form; other ids cannot match a uuid column. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Returns one version of an incident's postmortem, or null when the incident or version does not exist. */
export async function getPostmortemVersion(incidentId: string, version: number): Promise<PostmortemVersionDetail | null> {
  if (!isGuid(incidentId)) {
    return null;
  }
  const row = await db().postmortemVersion.findFirst({ where: { version, postmortem: { incidentId } } });
  if (!row) {
    return null;
  }
  return {
    version: row.version,
    author: row.author,
    generated: row.generated,
    createdAt: row.createdAt.toISOString(),
    length: row.markdown.length,
    markdown: row.markdown,
  };
}
