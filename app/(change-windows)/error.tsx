"use client";

import { RouteErrorBoundary } from "@/components/errors/route-error-boundary";

export default function ErrorPage(props: { error: unknown; retry: () => void }) {
  return <RouteErrorBoundary {...props} />;
}
