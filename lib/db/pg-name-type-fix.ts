import type { Pool, PoolClient, QueryResult } from "pg";

// PostgreSQL catalog columns of type `name` (OID 19) have no mapping in
// @prisma/adapter-pg 6.19, so `prisma migrate` fails with "Column type 'name'
// could not be deserialized" (prisma/prisma issue 27403). Reporting them as
// `text` (OID 25) is safe: both are read as plain strings.
const NAME_OID = 19;
const TEXT_OID = 25;

function rewriteNameColumns<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const item of results as Array<QueryResult | undefined>) {
    for (const field of item?.fields ?? []) {
      if (field.dataTypeID === NAME_OID) {
        field.dataTypeID = TEXT_OID;
      }
    }
  }
  return result;
}

type QueryFunction = (...args: unknown[]) => unknown;

// pg's Pool calls client.query with a callback, and the adapter awaits a
// promise on checked-out clients, so both forms are rewritten.
function patchClient(client: PoolClient): void {
  const target = client as unknown as { query: QueryFunction };
  const query = target.query.bind(client);
  target.query = (...args) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) =>
        callback(error, error ? result : rewriteNameColumns(result));
      return query(...args);
    }
    const pending = query(...args);
    return pending instanceof Promise ? pending.then(rewriteNameColumns) : pending;
  };
}

/** Makes every client of `pool` report `name` columns as `text`; used only by the migration engine. */
export function reportNameColumnsAsText(pool: Pool): Pool {
  pool.on("connect", patchClient);
  return pool;
}
