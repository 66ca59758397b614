import { pgPool } from "@/lib/db/client";
import { logger } from "@/lib/log";

/**
 * Rows a batch must store before the planner statistics of the tables it
 * wrote are refreshed ahead of detection.
 */
const MIN_ROWS_FOR_ANALYZE = 10_000;

/** The tables an ingest fills in bulk. */
const INGEST_TABLES = ["events", "flow_records", "baseline_entries", "access_keys"];

/**
 * Refreshes the planner statistics of the ingest tables after a large batch.
 * Autovacuum visits a database once a minute and analyzes a table after about
 * a tenth of it has changed, so right after a bulk load the planner may still
 * see `events` as small or empty. It then takes `source = 'cloudtrail'` for a
 * selective filter and reads the whole unique index for it: detection's
 * per-key queries took about 35 ms each that way, and under 1 ms after ANALYZE.
 */
export async function refreshPlannerStatistics(insertedRows: number): Promise<void> {
  if (insertedRows < MIN_ROWS_FOR_ANALYZE) {
    return;
  }
  const started = performance.now();
  await pgPool().query(`ANALYZE ${INGEST_TABLES.join(", ")}`);
  logger.debug({ insertedRows, ms: Math.round(performance.now() - started) }, "planner statistics refreshed");
}

/**
 * A table is analyzed again while a batch writes it once it contains
 * GROWTH_FACTOR times the rows its statistics counted, so a table filled from
 * empty is analyzed at about 10,000, 40,000, 160,000 and 640,000 rows. Updates
 * do not count: they do not change what the planner estimates from.
 */
const GROWTH_FACTOR = 4;

const GROWN_TABLES_SQL = `
SELECT s.relname AS table FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
WHERE s.schemaname = current_schema() AND s.relname = ANY($1::text[])
  AND s.n_live_tup >= $2 AND s.n_live_tup >= $3 * greatest(c.reltuples, 0)
ORDER BY s.relname`;

let refreshing: Promise<void> | null = null;

/**
 * Analyzes the ingest tables that have grown several times over since their
 * statistics were taken; called after each chunk a batch commits. Without
 * column statistics the planner guesses that `source = 'cloudtrail'` keeps
 * half a percent of `events`. It then checks a chunk's event ids against the
 * stored ones by reading every stored event of the source, which took 271 ms
 * a chunk at a million events instead of about 30 by the unique index. One
 * refresh runs at a time in a process; a call while one runs returns at once.
 */
export async function refreshGrownTables(): Promise<void> {
  if (refreshing !== null) {
    return;
  }
  refreshing = (async () => {
    const grown = await pgPool().query<{ table: string }>(GROWN_TABLES_SQL, [
      INGEST_TABLES,
      MIN_ROWS_FOR_ANALYZE,
      GROWTH_FACTOR,
    ]);
    for (const { table } of grown.rows) {
      const started = performance.now();
      await pgPool().query(`ANALYZE ${table}`);
      logger.debug({ table, ms: Math.round(performance.now() - started) }, "planner statistics refreshed while storing");
    }
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}
