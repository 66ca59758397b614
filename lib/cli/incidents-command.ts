import { listIncidents } from "@/lib/incidents/list-incidents";

import { withDatabaseSession } from "./database-session";

interface IncidentsCommandOptions {
  json?: boolean;
  all?: boolean;
}

/** `watchfloor incidents`: a JSON array with `--json`, else one line per incident. */
export async function runIncidentsCommand(options: IncidentsCommandOptions): Promise<number> {
  const incidents = await withDatabaseSession(() => listIncidents({ includeBelowThreshold: options.all ?? false }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(incidents, null, 2)}\n`);
    return 0;
  }
  if (incidents.length === 0) {
    process.stdout.write("No incidents. Load data with `watchfloor demo` or `watchfloor ingest PATH`.\n");
    return 0;
  }
  for (const incident of incidents) {
    process.stdout.write(
      `#${incident.number} ${incident.severity.padEnd(8)} ${incident.status.padEnd(9)} score ${String(incident.score).padStart(3)}  ` +
        `${incident.title}  (${incident.firstSeen} .. ${incident.lastSeen})\n`,
    );
  }
  return 0;
}
