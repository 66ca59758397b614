import { readFile } from "node:fs/promises";

import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { importChangeWindows } from "@/lib/response/change-windows/import-change-windows";

import { withDatabaseSession } from "./database-session";

/**
 * `watchfloor change-windows import FILE`: exit status 0 when every row was
 * imported, 2 when any row was rejected (the others are still stored).
 */
export async function runChangeWindowsImportCommand(options: { file: string; json?: boolean }): Promise<number> {
  const text = await readFile(options.file, "utf8");
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
