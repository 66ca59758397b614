import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { db } from "@/lib/db/client";
import { generateDemoFiles } from "@/lib/demo/generate-demo-files";
import { REPORTS_SVC } from "@/lib/demo/scenario";
import { ingestPaths } from "@/lib/ingest/ingest-paths";

/**
 * Writes the demo scenario's log files and ingests them through the real
 * pipeline, then returns the id of the reports-svc incident.
 */
export async function loadDemoScenario(): Promise<{ incidentId: string; incidentNumber: number }> {
  const dir = await mkdtemp(join(tmpdir(), "watchfloor-demo-test-"));
  try {
    await generateDemoFiles({ outDir: dir });
    await ingestPaths({ paths: [dir], origin: "test" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const incident = await db().incident.findFirstOrThrow({ where: { principalKey: REPORTS_SVC.arn } });
  return { incidentId: incident.id, incidentNumber: incident.number };
}
