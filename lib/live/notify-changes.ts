import type { PoolClient } from "pg";

import { pgPool } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { findBatchIncidents } from "./find-batch-incidents";
import { LIVE_CHANNEL, type LiveChange, type LiveChangeKind } from "./live-change";

export interface NotifyChangesOptions {
  /** `batch` unless set; see LiveChangeKind. */
  kind?: LiveChangeKind;
  batchId?: string | null;
  /** Incidents known to have changed, such as those correlation created or updated. */
  incidentIds?: readonly string[];
  /**
   * Connection of an open transaction. PostgreSQL then delivers the
   * notification when that transaction commits, and drops it on rollback.
   */
  client?: PoolClient;
}

// PostgreSQL rejects NOTIFY payloads of 8000 bytes or more. A uuid takes 39
// bytes in the JSON array, so past this many ids the payload names none and
// listeners refresh every incident.
const MAX_INCIDENT_IDS = 150;

async function collectIncidentIds(options: NotifyChangesOptions): Promise<string[] | null> {
  const ids = new Set(options.incidentIds ?? []);
  // A finished batch may also have added events to incidents it did not re-score.
  if ((options.kind ?? "batch") === "batch" && options.batchId) {
    for (const id of await findBatchIncidents(options.batchId)) {
      ids.add(id);
    }
  }
  if (options.kind === "events" && ids.size === 0) {
    // Which incidents a chunk touches is not computed per chunk, to keep it cheap.
    return null;
  }
  return ids.size > MAX_INCIDENT_IDS ? null : [...ids].sort();
}

/**
 * Announces committed changes on the `watchfloor_changes` channel, so that
 * open pages refresh without waiting for their next poll. A failure is
 * logged and not thrown when no transaction is given, because the changes it
 * announces are already stored and pages still poll.
 */
export async function notifyChanges(options: NotifyChangesOptions = {}): Promise<LiveChange | null> {
  const log = logger.child({ component: "live", batchId: options.batchId ?? null });
  try {
    const change: LiveChange = {
      kind: options.kind ?? "batch",
      batchId: options.batchId ?? null,
      incidentIds: await collectIncidentIds(options),
    };
    const queryable = options.client ?? pgPool();
    await queryable.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(change)]);
    log.debug({ kind: change.kind, incidents: change.incidentIds?.length ?? "all" }, "changes announced");
    return change;
  } catch (error) {
    if (options.client !== undefined) {
      throw error;
    }
    log.warn({ err: error }, "changes could not be announced; open pages will pick them up on their next poll");
    return null;
  }
}
