import { db } from "@/lib/db/client";
import { get } from "@/lib/sources/common/json-fields";

import { type ChecklistContext, decodeRecord } from "../load-checklist-context";

/** Maximum console session length AWS allows (12 hours), so the sign-in behind any console call falls inside it. */
const CONSOLE_SESSION_MS = 12 * 60 * 60 * 1000;

export interface ConsoleLogin {
  source: string;
  naturalId: string;
  eventTime: Date;
  /** additionalEventData.MFAUsed: "Yes" or "No". */
  mfaUsed: string | null;
}

/** Loads the principal's ConsoleLogin events from 12 hours before the activity to its end. */
export async function loadConsoleLogins(context: ChecklistContext): Promise<ConsoleLogin[]> {
  const rows = await db().event.findMany({
    where: {
      source: "cloudtrail",
      principalKey: context.principal.key,
      eventName: "ConsoleLogin",
      eventTime: { gte: new Date(context.activityStart.getTime() - CONSOLE_SESSION_MS), lte: context.activityEnd },
    },
    orderBy: { eventTime: "desc" },
    take: 5,
  });
  return rows.map((row) => {
    const mfaUsed = get(decodeRecord(row.rawCodec, row.raw), "additionalEventData", "MFAUsed");
    return { source: row.source, naturalId: row.naturalId, eventTime: row.eventTime, mfaUsed: typeof mfaUsed === "string" ? mfaUsed : null };
  });
}
