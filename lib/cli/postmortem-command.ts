import { writeFile } from "node:fs/promises";

import { ApiError } from "@/lib/api/api-error";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { exportPostmortem, type PostmortemFormat } from "@/lib/reports/export-postmortem";
import { generatePostmortem } from "@/lib/reports/generate-postmortem";
import { resolveIncidentReference } from "@/lib/reports/resolve-incident-reference";

import { withDatabaseSession } from "./database-session";

export interface PostmortemCommandOptions {
  incident: string;
  format: PostmortemFormat;
  out?: string;
}

/**
 * `watchfloor postmortem INCIDENT --format md|pdf [--out FILE]`: exports the
 * incident's current postmortem, generating it first when none exists.
 * Markdown goes to standard output unless `--out` is given; a PDF goes to
 * `postmortem-<number>.pdf`. Exit status 1 when the incident is unknown or
 * not yet contained.
 */
export async function runPostmortemCommand(options: PostmortemCommandOptions): Promise<number> {
  return withDatabaseSession(async () => {
    const incidentId = await resolveIncidentReference(options.incident);
    if (!incidentId) {
      process.stderr.write(`watchfloor: no incident ${options.incident}; give its number or uuid (see \`watchfloor incidents\`).\n`);
      return 1;
    }
    try {
      if (!(await db().postmortem.findUnique({ where: { incidentId }, select: { id: true } }))) {
        await generatePostmortem({ incidentId, actor: { ...SYSTEM_ACTOR, label: "cli" } });
        process.stderr.write("Generated the postmortem draft (version 1).\n");
      }
      const file = await exportPostmortem({ incidentId, format: options.format });
      const out = options.out ?? (options.format === "pdf" ? file.filename : null);
      if (out === null) {
        process.stdout.write(file.body);
        return 0;
      }
      await writeFile(out, file.body);
      process.stderr.write(`Wrote ${out} (${file.body.length} bytes).\n`);
      return 0;
    } catch (error) {
      if (error instanceof ApiError && (error.code === "conflict" || error.code === "not_found")) {
        process.stderr.write(`watchfloor: ${error.publicMessage}\n`);
        return 1;
      }
      throw error;
    }
  });
}
