import type { PoolClient } from "pg";
import { toJsonbParameter } from "@/lib/db/sanitize-text";

import { inTransaction } from "@/lib/db/client";
import { normalizeAccessAdvisor } from "@/lib/sources/access-advisor/normalize-access-advisor";
import type { AccessAdvisorReport } from "@/lib/sources/access-advisor/types";

import type { FileIngestContext } from "./ingest-context";
import { addRecordCounts, type FileCounts } from "./ingest-summary";
import { DEFAULT_MAX_ELEMENT_BYTES, splitJsonRecords } from "./split-json-records";
import { storeRejections } from "./store-rejections";

interface ServiceRow {
  principal_arn: string;
  service_namespace: string;
  service_name: string;
  last_authenticated: string | null;
  last_authenticated_entity: string | null;
  region: string | null;
  never_used: boolean;
  reported_at: string;
  details: unknown;
  batch_id: string;
}

/** One row per (principal, service): service reports name the principal; entity reports list theirs. */
function reportRows(report: AccessAdvisorReport, batchId: string): ServiceRow[] {
  const reportedAt = (report.jobCompletionDate ?? report.jobCreationDate ?? new Date()).toISOString();
  const rows: ServiceRow[] = [];
  const owner = report.principalArn;
  for (const service of report.services) {
    const principal = owner ?? service.entityPath;
    if (!principal) {
      continue;
    }
    rows.push({
      principal_arn: principal,
      service_namespace: service.serviceNamespace,
      service_name: service.serviceName ?? service.serviceNamespace,
      last_authenticated: service.lastAuthenticated?.toISOString() ?? null,
      last_authenticated_entity: service.lastAuthenticatedEntity,
      region: service.region,
      never_used: service.neverUsed,
      reported_at: reportedAt,
      details: { kind: report.kind, granularity: report.granularity, actions: service.actions, totalAuthenticatedEntities: service.totalAuthenticatedEntities },
      batch_id: batchId,
    });
  }
  for (const entity of report.entities) {
    if (!report.serviceNamespace) {
      continue;
    }
    rows.push({
      principal_arn: entity.arn,
      service_namespace: report.serviceNamespace,
      service_name: report.serviceNamespace,
      last_authenticated: entity.lastAuthenticated?.toISOString() ?? null,
      last_authenticated_entity: entity.arn,
      region: null,
      never_used: entity.neverUsed,
      reported_at: reportedAt,
      details: { kind: report.kind, entity },
      batch_id: batchId,
    });
  }
  return rows;
}

async function upsertServiceRows(client: PoolClient, rows: ServiceRow[]): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const result = await client.query(
    `INSERT INTO service_last_accessed (principal_arn, service_namespace, service_name, last_authenticated,
       last_authenticated_entity, region, never_used, reported_at, details, batch_id)
     SELECT principal_arn, service_namespace, service_name, last_authenticated, last_authenticated_entity, region,
       never_used, reported_at, details, batch_id::uuid
     FROM jsonb_to_recordset($1::jsonb) AS r(principal_arn text, service_namespace text, service_name text,
       last_authenticated timestamptz, last_authenticated_entity text, region text, never_used boolean,
       reported_at timestamptz, details jsonb, batch_id text)
     ON CONFLICT (principal_arn, service_namespace) DO UPDATE SET
       service_name = EXCLUDED.service_name, last_authenticated = EXCLUDED.last_authenticated,
       last_authenticated_entity = EXCLUDED.last_authenticated_entity, region = EXCLUDED.region,
       never_used = EXCLUDED.never_used, reported_at = EXCLUDED.reported_at, details = EXCLUDED.details,
       batch_id = EXCLUDED.batch_id
     WHERE EXCLUDED.reported_at > service_last_accessed.reported_at`,
    [toJsonbParameter(rows)],
  );
  return result.rowCount ?? 0;
}

/** Stores an IAM Access Advisor report: one row per principal and service, the newest report winning. */
export async function ingestAccessAdvisorFile(context: FileIngestContext): Promise<FileCounts> {
  const counts: FileCounts = { records: 0, inserted: 0, duplicates: 0, rejected: 0 };
  const rejectionContext = { batchId: context.batchId, fileId: context.fileId, path: context.label };
  // A report is a document, not a record under the record size limit: its elements are kept whole up to the splitter's maximum.
  for await (const element of splitJsonRecords(context.stream, { keepElementBytes: DEFAULT_MAX_ELEMENT_BYTES })) {
    const result = normalizeAccessAdvisor({
      value: JSON.parse(element.bytes.toString("utf8")),
      raw: element.bytes,
      principalArn: context.principalArn,
    });
    const stored = await inTransaction(async (client): Promise<FileCounts> => {
      if ("rejection" in result) {
        await storeRejections(client, rejectionContext, [{ ...result.rejection, recordIndex: element.index }]);
        return { records: 1, inserted: 0, duplicates: 0, rejected: 1 };
      }
      const rows = reportRows(result.report, context.batchId);
      const changed = await upsertServiceRows(client, rows);
      return { records: rows.length, inserted: changed, duplicates: rows.length - changed, rejected: 0 };
    });
    addRecordCounts(counts, stored);
  }
  return counts;
}
