import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { authorId } from "./generate-postmortem";
import { getPostmortem } from "./get-postmortem";
import { isGuid } from "./get-postmortem-version";
import type { PostmortemDetail } from "./postmortem-types";

export interface SavePostmortemVersionOptions {
  incidentId: string;
  actor: Actor;
  markdown: string;
  /** The version the edit started from; a save on top of a newer version is a conflict. */
  baseVersion: number;
}

/**
 * Stores an edit as the postmortem's next version and audits
 * `postmortem.edited` in the same transaction. Earlier versions stay as they
 * were. Throws `not_found` without a postmortem and `conflict` when someone
 * saved another version after `baseVersion`.
 */
export async function savePostmortemVersion(options: SavePostmortemVersionOptions): Promise<PostmortemDetail> {
  const { incidentId, actor, markdown, baseVersion } = options;
  if (!isGuid(incidentId)) {
    throw new ApiError("not_found", `Incident ${incidentId} has no postmortem.`);
  }
  const version = await db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: string; current_version: number }>>`
      SELECT id, current_version FROM postmortems WHERE incident_id = ${incidentId}::uuid FOR UPDATE`;
    if (!locked) {
      throw new ApiError("not_found", `Incident ${incidentId} has no postmortem; generate it first.`);
    }
    if (locked.current_version !== baseVersion) {
      throw new ApiError(
        "conflict",
        `Version ${locked.current_version} was saved after version ${baseVersion}, which this edit started from. ` +
          "Reload the postmortem and apply the edit again.",
      );
    }
    const next = locked.current_version + 1;
    await tx.postmortemVersion.create({
      data: { postmortemId: locked.id, version: next, markdown, generated: false, author: actor.label, authorId: authorId(actor) },
    });
    await tx.postmortem.update({ where: { id: locked.id }, data: { currentVersion: next } });
    await appendAuditEntry(tx, {
      actor,
      action: "postmortem.edited",
      targetType: "postmortem",
      targetId: locked.id,
      incidentId,
      details: { version: next, baseVersion, length: markdown.length },
    });
    return next;
  });
  logger.child({ incidentId, actor: actor.label }).info({ version }, "postmortem version saved");
  const detail = await getPostmortem(incidentId);
  if (!detail) {
    throw new Error(`Postmortem of incident ${incidentId} is missing right after a version was saved.`);
  }
  return detail;
}
