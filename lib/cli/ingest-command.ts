import { SingleBar } from "cli-progress";

import { ingestPaths, type IngestProgress } from "@/lib/ingest/ingest-paths";
import { summaryLine, type IngestSummary } from "@/lib/ingest/ingest-summary";

import { cliActor } from "./cli-actor";
import { withDatabaseSession } from "./database-session";

interface IngestCommandOptions {
  paths: string[];
  json?: boolean;
  principal?: string;
}

export function progressBar(): { update: (progress: IngestProgress) => void; stop: () => void } {
  const bar = new SingleBar({
    format: "ingest [{bar}] {percentage}% | {filesDone}/{filesTotal} files | {file}",
    hideCursor: true,
    stream: process.stderr,
  });
  let started = false;
  return {
    update(progress) {
      const name = printable(progress.file);
      const file = name.length > 50 ? `…${name.slice(-49)}` : name;
      const payload = { filesDone: progress.filesDone, filesTotal: progress.filesTotal, file };
      if (!started) {
        bar.start(Math.max(progress.bytesTotal, 1), 0, payload);
        started = true;
      }
      bar.update(progress.bytesDone, payload);
    },
    stop() {
      if (started) {
        bar.stop();
      }
    },
  };
}

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Escapes control characters, so that a file named with a line break or a
 * terminal escape sequence cannot forge or hide lines of the output.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function printHuman(summary: IngestSummary): void {
  const lines = [
    summaryLine(summary),
    `${summary.signals} new signals; incidents: ${summary.incidentsCreated} new, ${summary.incidentsUpdated} updated.`,
  ];
  for (const skipped of summary.skipped) {
    lines.push(`skipped ${printable(skipped.file)}: ${printable(skipped.reason)}`);
  }
  for (const rejected of summary.rejected) {
    const file = printable(rejected.file);
    const where = rejected.record === null ? file : `${file} record ${rejected.record}`;
    lines.push(`rejected ${where}${rejected.field ? ` (${printable(rejected.field)})` : ""}: ${printable(rejected.reason)}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** `watchfloor ingest`: exit status 0 when everything was stored or knowingly skipped, 2 when anything was rejected. */
export async function runIngestCommand(options: IngestCommandOptions): Promise<number> {
  const bar = !options.json && process.stderr.isTTY ? progressBar() : null;
  const summary = await withDatabaseSession(async () => {
    try {
      return await ingestPaths({
        paths: options.paths,
        origin: "cli",
        principalArn: options.principal,
        actor: cliActor(),
        readInWorkers: true,
        onProgress: bar?.update,
      });
    } finally {
      bar?.stop();
    }
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    printHuman(summary);
  }
  return summary.rejected.length > 0 ? 2 : 0;
}
