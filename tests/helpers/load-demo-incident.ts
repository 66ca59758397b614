import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { db } from "@/lib/db/client";
import { generateDemoFiles } from "@/lib/demo/generate-demo-files";
import { REPORTS_SVC } from "@/lib/demo/scenario";
import { ingestPaths } from "@/lib/ingest/ingest-paths";

/**
 * Writes the demo scenario's log files, ingests them through the real
 * pipeline and returns the id of the reports-svc incident. Takes about 30 s.
 */
export async function loadDemoIncident(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "watchfloor-demo-test-"));
  try {
    await generateDemoFiles({ outDir });
    await ingestPaths({ paths: [outDir], origin: "demo" });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  const incident = await db().incident.findFirstOrThrow({
    where: { principalKey: REPORTS_SVC.arn, thresholdCrossedAt: { not: null } },
  });
  return incident.id;
}
