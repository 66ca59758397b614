import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";

import { getPostmortemVersion, isGuid } from "./get-postmortem-version";
import { renderPostmortemPdf } from "./render-postmortem-pdf";

export type PostmortemFormat = "md" | "pdf";

export interface ExportPostmortemOptions {
  incidentId: string;
  format: PostmortemFormat;
  /** A stored version; the current one when omitted. */
  version?: number;
}

export interface PostmortemFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * Returns a postmortem version as a Markdown or PDF file named after the
 * incident number. Throws `not_found` when the incident, its postmortem or
 * the version does not exist.
 */
export async function exportPostmortem(options: ExportPostmortemOptions): Promise<PostmortemFile> {
  const postmortem = isGuid(options.incidentId)
    ? await db().postmortem.findUnique({
        where: { incidentId: options.incidentId },
        include: { incident: { select: { number: true, title: true } } },
      })
    : null;
  if (!postmortem) {
    throw new ApiError("not_found", `Incident ${options.incidentId} has no postmortem.`);
  }
  const version = options.version ?? postmortem.currentVersion;
  const stored = await getPostmortemVersion(options.incidentId, version);
  if (!stored) {
    throw new ApiError("not_found", `The postmortem of incident #${postmortem.incident.number} has no version ${version}.`);
  }
  const base = `postmortem-${postmortem.incident.number}${options.version === undefined ? "" : `-v${version}`}`;
  if (options.format === "md") {
    return { filename: `${base}.md`, contentType: "text/markdown; charset=utf-8", body: Buffer.from(stored.markdown, "utf8") };
  }
  const body = await renderPostmortemPdf({
    markdown: stored.markdown,
    title: `Postmortem #${postmortem.incident.number} ${postmortem.incident.title}`,
    createdAt: new Date(stored.createdAt),
  });
  return { filename: `${base}.pdf`, contentType: "application/pdf", body };
}
