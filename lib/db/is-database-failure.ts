import pg from "pg";

const CONNECTION_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);

/**
 * True for an error from PostgreSQL or from the connection to it, as opposed
 * to an error in the code that called it. Detection skips an event or group
 * whose rule fails on a malformed record, but a database failure must fail
 * the run, so that the batch is not closed as complete without its signals
 * and the next ingest detects it again.
 */
export function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) {
    return true;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) {
    return true;
  }
  return error instanceof Error && /^Connection terminated/.test(error.message);
}
