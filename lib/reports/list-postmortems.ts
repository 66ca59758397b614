import { db } from "@/lib/db/client";

/** A postmortem in the list, with its incident. */
export interface PostmortemListItem {
  incidentId: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  /** Null for a contained incident that has no postmortem yet. */
  postmortem: {
    currentVersion: number;
    lastEditedAt: string;
    lastEditedBy: string;
    generated: boolean;
  } | null;
}

export interface PostmortemList {
  postmortems: PostmortemListItem[];
  /** Contained or resolved incidents without a postmortem, newest first. */
  awaiting: PostmortemListItem[];
}

interface PostmortemRow {
  incident_id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  current_version: number | null;
  created_at: Date | null;
  author: string | null;
  generated: boolean | null;
}

/** Lists postmortems, most recently edited first, and the contained incidents still waiting for one. */
export async function listPostmortems(): Promise<PostmortemList> {
  const rows = await db().$queryRaw<PostmortemRow[]>`
    SELECT i.id AS incident_id, i.number, i.title, i.severity, i.status,
           p.current_version, v.created_at, v.author, v.generated
      FROM incidents i
      LEFT JOIN postmortems p ON p.incident_id = i.id
      LEFT JOIN postmortem_versions v ON v.postmortem_id = p.id AND v.version = p.current_version
     WHERE p.id IS NOT NULL OR i.contained_at IS NOT NULL OR i.resolved_at IS NOT NULL
        OR i.status IN ('contained', 'resolved', 'closed')
     ORDER BY v.created_at DESC NULLS LAST, i.last_seen DESC, i.number DESC`;
  const items = rows.map(toItem);
  return {
    postmortems: items.filter((item) => item.postmortem !== null),
    awaiting: items.filter((item) => item.postmortem === null),
  };
}

function toItem(row: PostmortemRow): PostmortemListItem {
  return {
    incidentId: row.incident_id,
    number: row.number,
    title: row.title,
    severity: row.severity,
    status: row.status,
    postmortem:
      row.current_version !== null && row.created_at !== null
        ? {
            currentVersion: row.current_version,
            lastEditedAt: row.created_at.toISOString(),
            lastEditedBy: row.author ?? "",
            generated: row.generated ?? false,
          }
        : null,
  };
}
