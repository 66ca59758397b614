"use client";

import { RouteErrorBoundary } from "@/components/errors/route-error-boundary";

import "./globals.css";

/** Replaces the root layout when the layout itself fails. */
export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <RouteErrorBoundary {...props} />
      </body>
    </html>
  );
}
