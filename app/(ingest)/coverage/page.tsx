import { CoverageView } from "@/components/coverage/coverage-view";
import { requirePermission } from "@/lib/auth/require-session";
import { buildCoverageGrid } from "@/lib/ingest/coverage/build-coverage-grid";

export const dynamic = "force-dynamic";

export const metadata = { title: "Coverage" };

function parseTime(value: string | string[] | undefined): Date | undefined {
  const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time);
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("ingest.read");
  const params = await searchParams;
  let from = parseTime(params.from);
  const to = parseTime(params.to);
  if (from && to && from >= to) {
    from = undefined;
  }
  const grid = await buildCoverageGrid({ from, to });
  return <CoverageView grid={grid} />;
}
