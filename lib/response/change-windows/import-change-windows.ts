import { basename } from "node:path";

import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import type { ImportRejection, ParsedChangeWindows } from "./change-window-input";
import { parseChangeWindowCsv } from "./parse-change-window-csv";
import { parseChangeWindowIcal } from "./parse-change-window-ical";

export interface ImportChangeWindowsOptions {
  /** File name as uploaded or given on the command line; its extension picks the format. */
  file: string;
  text: string;
  actor: Actor;
}

export interface ImportChangeWindowsResult {
  file: string;
  format: "csv" | "ical";
  imported: number;
  /** Rows equal to a stored window (same reference, start and end), skipped. */
  duplicates: number;
  rejected: ImportRejection[];
}

/** Picks the format from the extension, else from the content. */
export function detectImportFormat(file: string, text: string): "csv" | "ical" {
  if (/\.(ics|ical|ifb|icalendar)$/i.test(file)) {
    return "ical";
  }
  if (/\.csv$/i.test(file)) {
    return "csv";
  }
  return /^\s*BEGIN:VCALENDAR/i.test(text) ? "ical" : "csv";
}

/**
 * Imports change windows from a CSV or iCalendar file. Valid rows are stored
 * in one transaction with one audit entry; invalid rows are returned with
 * file, row and field and stored nowhere.
 */
export async function importChangeWindows(options: ImportChangeWindowsOptions): Promise<ImportChangeWindowsResult> {
  const file = basename(options.file);
  const format = detectImportFormat(file, options.text);
  const parse = format === "ical" ? parseChangeWindowIcal : parseChangeWindowCsv;
  const parsed: ParsedChangeWindows = parse({ file, text: options.text });
  const log = logger.child({ sourceFile: file, actor: options.actor.label });
  const stored = await db().$transaction(async (tx) => {
    let imported = 0;
    for (const window of parsed.windows) {
      const duplicate =
        window.reference !== null &&
        (await tx.changeWindow.findFirst({
          where: { reference: window.reference, startsAt: window.startsAt, endsAt: window.endsAt },
          select: { id: true },
        })) !== null;
      if (!duplicate) {
        const { row: _row, ...data } = window;
        await tx.changeWindow.create({ data: { ...data, source: format, createdBy: options.actor.label } });
        imported += 1;
      }
    }
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "change_window.imported",
      targetType: "change_window",
      details: { file, format, imported, duplicates: parsed.windows.length - imported, rejected: parsed.rejected.length },
    });
    return imported;
  });
  log.info({ imported: stored, rejected: parsed.rejected.length }, "change windows imported");
  return {
    file,
    format,
    imported: stored,
    duplicates: parsed.windows.length - stored,
    rejected: parsed.rejected,
  };
}
