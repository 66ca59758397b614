import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { NotRegularFileError, openRegularFile } from "@/lib/ingest/open-regular-file";
import { importChangeWindows } from "@/lib/response/change-windows/import-change-windows";

import { withDatabaseSession } from "./database-session";

/**
 * `watchfloor change-windows import FILE`: exit status 0 when every row was
 * imported, 2 when any row was rejected (the others are still stored).
 */
export async function runChangeWindowsImportCommand(options: { file: string; json?: boolean }): Promise<number> {
  const text = await readImportFile(options.file);
  if (text === null) {
    return 2;
  }
  const result = await withDatabaseSession(() =>
    importChangeWindows({ file: options.file, text, actor: { ...SYSTEM_ACTOR, label: "cli" } }),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(
      `${result.file} (${result.format}): ${result.imported} change windows imported, ` +
        `${result.duplicates} already stored, ${result.rejected.length} rejected.\n`,
    );
    for (const rejection of result.rejected) {
      process.stdout.write(`  ${rejection.file} row ${rejection.row}, ${rejection.field}: ${rejection.reason}\n`);
    }
  }
  return result.rejected.length > 0 ? 2 : 0;
}

/** Largest change-window file read; CSV and iCalendar exports of change calendars are far smaller. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Reads the file as UTF-8, or prints why it cannot and returns null. */
async function readImportFile(file: string): Promise<string | null> {
  try {
    const { handle, size } = await openRegularFile(file);
    try {
      if (size > MAX_IMPORT_BYTES) {
        process.stderr.write(`${file} is ${size} bytes; change-window files of up to ${MAX_IMPORT_BYTES} bytes are read. Split it and import each part.\n`);
        return null;
      }
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    process.stderr.write(`${describeReadFailure(file, error)}\n`);
    return null;
  }
}

function describeReadFailure(file: string, error: unknown): string {
  if (error instanceof NotRegularFileError) {
    return error.message;
  }
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    return `${file}: file not found`;
  }
  return `${file}: ${(error as Error).message}`;
}
