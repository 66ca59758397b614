import { connectClient } from "@/lib/db/client";
import { parseGuardDutyValue } from "@/lib/sources/guardduty/parse-guardduty-value";
import type { GuardDutyItem } from "@/lib/sources/guardduty/types";

import { checkRecordBytes, checkRecordValue } from "./check-record-limits";
import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";
import { splitJsonRecords, type JsonElement } from "./split-json-records";
import { storeFinding } from "./store-findings";
import { storeRejections } from "./store-rejections";
import type { Rejection } from "./types";

// GuardDuty started in 2017; an earlier time is a wrong type read as epoch seconds or a bad export.
const EARLIEST_FINDING_TIME = Date.UTC(2015, 0, 1);

/** Rejects a finding whose bookkeeping times are missing or impossible, since the timeline orders by them. */
function checkFindingTimes(item: GuardDutyItem, element: JsonElement): GuardDutyItem {
  if (item.type !== "guardduty") {
    return item;
  }
  for (const field of ["createdAt", "updatedAt"] as const) {
    const value = item.finding[field];
    if (value === null || value.getTime() < EARLIEST_FINDING_TIME) {
      const reason = `${element.path}.${field}: expected an ISO 8601 timestamp after 2015-01-01, got ${value === null ? "no readable value" : value.toISOString()}`;
      return {
        type: "reject",
        rejection: { recordIndex: item.index, field: `${element.path}.${field}`, reason, raw: element.bytes },
      };
    }
  }
  return item;
}

function parseElement(element: JsonElement): GuardDutyItem[] {
  const reject = (field: string, reason: string): GuardDutyItem[] => [
    { type: "reject", rejection: { recordIndex: element.index, field, reason, raw: element.bytes } },
  ];
  const encoding = checkRecordBytes(element.bytes, element.path, element.size);
  if (encoding) {
    return reject(encoding.field, encoding.reason);
  }
  let value: unknown;
  try {
    value = JSON.parse(element.bytes.toString("utf8"));
  } catch (error) {
    return reject(element.path, `${element.path}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const limits = checkRecordValue(value, element.bytes, element.path);
  if (limits) {
    return reject(limits.field, limits.reason);
  }
  return parseGuardDutyValue({ value, raw: element.bytes, startIndex: element.index }).map((item) =>
    item.type === "reject" ? { ...item, rejection: withElementPath(item.rejection, element) } : checkFindingTimes(item, element),
  );
}

/** Names a field of a streamed array element from the file's root: `Findings[1].id`, not `id`. */
function withElementPath(rejection: Rejection, element: JsonElement): Rejection {
  const inArray = element.container !== "lines" && element.container !== "object";
  if (!inArray || rejection.field === null || rejection.field.startsWith(element.path)) {
    return rejection;
  }
  const field = rejection.field === "" ? element.path : `${element.path}.${rejection.field}`;
  return { ...rejection, field };
}

/**
 * Stores the findings of a GuardDuty file: `get-findings` output, a single
 * finding, EventBridge events, or an S3 export (JSON Lines). Findings are few
 * and each is an upsert, so each element commits on its own.
 */
export async function ingestGuardDutyFile(context: FileIngestContext): Promise<FileCounts> {
  const counts: FileCounts = { records: 0, inserted: 0, duplicates: 0, rejected: 0 };
  const rejectionContext = { batchId: context.batchId, fileId: context.fileId, path: context.label };
  for await (const element of splitJsonRecords(context.stream)) {
    const client = await connectClient();
    let failed = false;
    try {
      await client.query("BEGIN");
      for (const item of parseElement(element)) {
        counts.records += 1;
        if (item.type === "reject") {
          counts.rejected += 1;
          await storeRejections(client, rejectionContext, [item.rejection]);
          continue;
        }
        const stored = await storeFinding(client, item.finding, { ...rejectionContext, recordIndex: item.index });
        counts[stored.inserted ? "inserted" : "duplicates"] += 1;
      }
      await client.query("COMMIT");
    } catch (error) {
      failed = true;
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      // A failed transaction may have lost its connection, so its client is closed, not reused.
      client.release(failed);
    }
  }
  return counts;
}
