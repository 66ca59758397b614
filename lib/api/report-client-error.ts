import { logger } from "@/lib/log";

const log = logger.child({ component: "client-errors" });

/** Distinct errors counted before the counts are reset. */
const MAX_TRACKED = 500;

const counts = new Map<string, number>();

export interface ClientErrorReport {
  /** Path of the page whose error boundary caught the error. */
  route: string;
  message: string;
  /** Next.js digest of a server-side error, matching the server's own log line. */
  digest?: string;
}

/**
 * Logs an error that a page's error boundary caught in the browser. Repeats
 * of one error are logged at the 1st, 10th, 100th... occurrence with their
 * count, so a page that fails in a loop cannot flood the log. Returns
 * whether this report was logged.
 */
export function reportClientError(report: ClientErrorReport): boolean {
  const key = `${report.route}\u0000${report.digest ?? ""}\u0000${report.message}`;
  if (!counts.has(key) && counts.size >= MAX_TRACKED) {
    counts.clear();
  }
  const count = (counts.get(key) ?? 0) + 1;
  counts.set(key, count);
  const logged = Number.isInteger(Math.log10(count));
  if (logged) {
    log.error({ ...report, count }, "page error boundary caught an error");
  }
  return logged;
}
