import { db } from "@/lib/db/client";

import { getPostmortemVersion, isGuid } from "./get-postmortem-version";
import type { PostmortemDetail } from "./postmortem-types";

/** Returns an incident's postmortem with its current text and version list, or null when none exists. */
export async function getPostmortem(incidentId: string): Promise<PostmortemDetail | null> {
  if (!isGuid(incidentId)) {
    return null;
  }
  const postmortem = await db().postmortem.findUnique({ where: { incidentId } });
  if (!postmortem) {
    return null;
  }
  const [versions, current] = await Promise.all([
    db().$queryRaw<Array<{ version: number; author: string; generated: boolean; created_at: Date; length: number }>>`
      SELECT version, author, generated, created_at, char_length(markdown) AS length
        FROM postmortem_versions WHERE postmortem_id = ${postmortem.id}::uuid ORDER BY version DESC`,
    getPostmortemVersion(incidentId, postmortem.currentVersion),
  ]);
  if (!current) {
    throw new Error(`Postmortem ${postmortem.id} has no row for its current version ${postmortem.currentVersion}.`);
  }
  return {
    id: postmortem.id,
    incidentId,
    currentVersion: postmortem.currentVersion,
    createdAt: postmortem.createdAt.toISOString(),
    updatedAt: postmortem.updatedAt.toISOString(),
    current,
    versions: versions.map((row) => ({
      version: row.version,
      author: row.author,
      generated: row.generated,
      createdAt: row.created_at.toISOString(),
      length: Number(row.length),
    })),
  };
}
