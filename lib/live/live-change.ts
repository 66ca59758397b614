import { z } from "zod";

/** PostgreSQL channel on which writers announce committed changes. */
export const LIVE_CHANNEL = "watchfloor_changes";

/**
 * Kinds of change:
 * - `batch`: an ingest batch finished detection and correlation.
 * - `events`: a chunk of events committed while a batch is still running.
 * - `incident`: an incident changed outside ingest (status, checklist, containment).
 * - `resync`: the listener lost its connection and may have missed changes.
 */
export const LIVE_CHANGE_KINDS = ["batch", "events", "incident", "resync"] as const;

export type LiveChangeKind = (typeof LIVE_CHANGE_KINDS)[number];

export const liveChangeSchema = z.object({
  kind: z.enum(LIVE_CHANGE_KINDS),
  batchId: z.string().nullable(),
  /** Incidents whose page may show something new; null when any incident may have changed. */
  incidentIds: z.array(z.string()).nullable(),
});

/** One notification, as sent on LIVE_CHANNEL and forwarded to browsers. */
export type LiveChange = z.infer<typeof liveChangeSchema>;

/** Parses a notification payload; returns null for anything that is not a LiveChange. */
export function parseLiveChange(payload: string | undefined): LiveChange | null {
  if (payload === undefined) {
    return null;
  }
  try {
    const result = liveChangeSchema.safeParse(JSON.parse(payload));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
