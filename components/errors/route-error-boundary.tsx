"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

import styles from "./route-error-boundary.module.css";

interface RouteErrorBoundaryProps {
  error: unknown;
  retry: () => void;
}

function describe(error: unknown): { message: string; digest?: string } {
  if (error instanceof Error) {
    const digest = (error as Error & { digest?: string }).digest;
    return { message: error.message, digest };
  }
  return { message: String(error) };
}

/**
 * Renders the fallback that every route group's `error.tsx` shows. It sends
 * the error to the server log and offers a retry. A server-side error arrives
 * here with only a digest, which matches the server's own log line.
 */
export function RouteErrorBoundary({ error, retry }: RouteErrorBoundaryProps) {
  const pathname = usePathname();
  const { message, digest } = describe(error);

  useEffect(() => {
    const report = JSON.stringify({ route: pathname, message: message.slice(0, 2000), digest });
    // Reporting is best effort: a failure here must not hide the original error.
    fetch("/api/client-errors", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: report,
      keepalive: true,
    }).catch(() => undefined);
  }, [pathname, message, digest]);

  return (
    <div className={styles.box} role="alert">
      <h1>This page could not be shown</h1>
      <p className={styles.message}>{digest ? "The server failed while loading it." : message}</p>
      {digest ? (
        <p className={styles.reference}>
          Reference <span className="mono">{digest}</span> (in the server log)
        </p>
      ) : null}
      <button type="button" className={styles.retry} onClick={() => retry()}>
        Retry
      </button>
    </div>
  );
}
