import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { gatherPostmortemEvidence, loadIncidentRecord } from "./evidence/gather-postmortem-evidence";
import { getPostmortem } from "./get-postmortem";
import { isGuid } from "./get-postmortem-version";
import { postmortemEligibility } from "./postmortem-eligibility";
import type { PostmortemDetail } from "./postmortem-types";
import { renderPostmortemMarkdown } from "./render-postmortem-markdown";

export interface GeneratePostmortemOptions {
  incidentId: string;
  actor: Actor;
  /**
   * Store a fresh draft as a new version when a postmortem exists already.
   * Without it, an existing postmortem is a conflict, so that a second click
   * never buries the team's edits under a new draft.
   */
  regenerate?: boolean;
}

/**
 * Drafts an incident's postmortem from the stored evidence and stores it as a
 * new version marked `generated`, auditing `postmortem.generated` in the same
 * transaction. Throws `not_found` for an unknown incident and `conflict` for
 * an incident not yet contained or one that has a postmortem already.
 */
export async function generatePostmortem(options: GeneratePostmortemOptions): Promise<PostmortemDetail> {
  const log = logger.child({ incidentId: options.incidentId, actor: options.actor.label });
  const incident = isGuid(options.incidentId) ? await loadIncidentRecord(options.incidentId) : null;
  if (!incident) {
    throw new ApiError("not_found", `Incident ${options.incidentId} was not found.`);
  }
  const eligibility = postmortemEligibility(incident);
  if (!eligibility.eligible) {
    throw new ApiError("conflict", eligibility.reason ?? "The incident is not contained.");
  }
  const started = performance.now();
  const markdown = renderPostmortemMarkdown(await gatherPostmortemEvidence(incident));
  const version = await storeGeneratedVersion({ ...options, markdown });
  log.info({ version, ms: Math.round(performance.now() - started), length: markdown.length }, "postmortem generated");
  const detail = await getPostmortem(incident.id);
  if (!detail) {
    throw new Error(`Postmortem of incident ${incident.id} is missing right after it was stored.`);
  }
  return detail;
}

async function storeGeneratedVersion(input: GeneratePostmortemOptions & { markdown: string }): Promise<number> {
  const { actor, incidentId, markdown } = input;
  return db().$transaction(async (tx) => {
    // Locks the incident row so that two drafts of one incident are numbered one after the other.
    await tx.$queryRaw`SELECT id FROM incidents WHERE id = ${incidentId}::uuid FOR UPDATE`;
    const existing = await tx.postmortem.findUnique({ where: { incidentId } });
    if (existing && !input.regenerate) {
      throw new ApiError("conflict", "This incident has a postmortem already; open it, or regenerate it to add a fresh draft as a new version.");
    }
    const version = (existing?.currentVersion ?? 0) + 1;
    const postmortem = existing
      ? await tx.postmortem.update({ where: { id: existing.id }, data: { currentVersion: version } })
      : await tx.postmortem.create({ data: { incidentId, currentVersion: version } });
    await tx.postmortemVersion.create({
      data: { postmortemId: postmortem.id, version, markdown, generated: true, author: actor.label, authorId: authorId(actor) },
    });
    await appendAuditEntry(tx, {
      actor,
      action: "postmortem.generated",
      targetType: "postmortem",
      targetId: postmortem.id,
      incidentId,
      details: { version, length: markdown.length },
    });
    return version;
  });
}

/** postmortem_versions.author_id names a user; tokens and the system are recorded by label only. */
export function authorId(actor: Actor): string | null {
  return actor.type === "user" ? actor.id : null;
}
