import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { generateDemoFiles } from "@/lib/demo/generate-demo-files";
import { ingestPaths, type IngestProgress } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";

/** Writes the demo scenario as AWS log files (into `outDir`, else a new temporary folder) and ingests them. */
export async function loadDemo(options: {
  outDir?: string;
  onProgress?: (progress: IngestProgress) => void;
}): Promise<IngestSummary & { outDir: string }> {
  const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), "watchfloor-demo-")));
  await generateDemoFiles({ outDir });
  const summary = await ingestPaths({ paths: [outDir], origin: "demo", onProgress: options.onProgress });
  return { ...summary, outDir };
}
