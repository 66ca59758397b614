/** Sizes of the tables an ingest writes, and of the whole database, read from PostgreSQL's catalog. */
import pg from "pg";

export interface TableSize {
  table: string;
  rows: number;
  heapBytes: number;
  toastBytes: number;
  indexBytes: number;
  totalBytes: number;
}

export interface DatabaseSize {
  tables: TableSize[];
  databaseBytes: number;
}

const INGEST_TABLES = [
  "events",
  "event_deliveries",
  "principals",
  "baseline_entries",
  "access_keys",
  "ingest_files",
  "ingest_batches",
  "rejected_records",
  "signals",
  "incidents",
  "flow_records",
];

const SIZE_SQL = `
SELECT c.relname AS table,
  (SELECT count(*) FROM ONLY public.%I)::bigint AS rows,
  pg_relation_size(c.oid) AS heap,
  COALESCE(pg_total_relation_size(c.reltoastrelid), 0) AS toast,
  pg_indexes_size(c.oid) AS indexes,
  pg_total_relation_size(c.oid) AS total
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relname = $1`;

/** Reads one table's row count and sizes, or returns null when the table does not exist. */
async function readTableSize(client: pg.Client, table: string): Promise<TableSize | null> {
  const result = await client.query<{ rows: string; heap: string; toast: string; indexes: string; total: string }>(
    SIZE_SQL.replace("%I", `"${table}"`),
    [table],
  );
  const row = result.rows[0];
  if (row === undefined) {
    return null;
  }
  return {
    table,
    rows: Number(row.rows),
    heapBytes: Number(row.heap),
    toastBytes: Number(row.toast),
    indexBytes: Number(row.indexes),
    totalBytes: Number(row.total),
  };
}

/** Measures the ingest tables as the load left them, without a VACUUM, as a user's database is right after an ingest. */
export async function measureDatabaseSize(databaseUrl: string): Promise<DatabaseSize> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables: TableSize[] = [];
    for (const table of INGEST_TABLES) {
      const size = await readTableSize(client, table);
      if (size !== null) {
        tables.push(size);
      }
    }
    const database = await client.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size");
    return { tables, databaseBytes: Number(database.rows[0]?.size ?? 0) };
  } finally {
    await client.end();
  }
}

/** Sizes of each index of `events`, largest first. */
export async function measureEventIndexes(databaseUrl: string): Promise<Array<{ index: string; bytes: number }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ index: string; bytes: string }>(
      `SELECT indexrelid::regclass::text AS index, pg_relation_size(indexrelid) AS bytes
       FROM pg_index WHERE indrelid = 'events'::regclass ORDER BY 2 DESC`,
    );
    return result.rows.map((row) => ({ index: row.index, bytes: Number(row.bytes) }));
  } finally {
    await client.end();
  }
}

/** Measures one table of the public schema as the load left it, without a VACUUM. */
export async function measureTableSize(databaseUrl: string, table: string): Promise<TableSize> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const size = await readTableSize(client, table);
    if (size === null) {
      throw new Error(`Table public.${table} not found in database ${new URL(databaseUrl).pathname.slice(1)}.`);
    }
    return size;
  } finally {
    await client.end();
  }
}
