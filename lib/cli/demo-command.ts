import { withDatabaseSession } from "./database-session";
import { progressBar } from "./ingest-command";
import { loadDemo } from "./load-demo";

/** `watchfloor demo`: writes the demo scenario as AWS log files and ingests them. */
export async function runDemoCommand(options: { out?: string; json?: boolean }): Promise<number> {
  const bar = !options.json && process.stderr.isTTY ? progressBar() : null;
  const summary = await withDatabaseSession(async () => {
    try {
      return await loadDemo({ outDir: options.out, onProgress: bar?.update });
    } finally {
      bar?.stop();
    }
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(
      `Demo files written to ${summary.outDir}\n` +
        `${summary.files} files: ${summary.inserted} records stored, ${summary.duplicates} duplicates, ` +
        `${summary.skipped.length} skipped, ${summary.rejected.length} rejected; ` +
        `incidents: ${summary.incidentsCreated} new, ${summary.incidentsUpdated} updated.\n`,
    );
  }
  return summary.rejected.length > 0 ? 2 : 0;
}
