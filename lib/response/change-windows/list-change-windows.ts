import { db } from "@/lib/db/client";

export interface ChangeWindowView {
  id: string;
  title: string;
  reference: string | null;
  accountId: string | null;
  principalPattern: string | null;
  startsAt: string;
  endsAt: string;
  /** `manual`, `csv` or `ical`. */
  source: string;
  createdBy: string;
  createdAt: string;
}

export function toChangeWindowView(row: {
  id: string;
  title: string;
  reference: string | null;
  accountId: string | null;
  principalPattern: string | null;
  startsAt: Date;
  endsAt: Date;
  source: string;
  createdBy: string;
  createdAt: Date;
}): ChangeWindowView {
  return {
    ...row,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Lists change windows, latest start first. */
export async function listChangeWindows(options: { limit?: number } = {}): Promise<ChangeWindowView[]> {
  const rows = await db().changeWindow.findMany({
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: options.limit ?? 1000,
  });
  return rows.map(toChangeWindowView);
}
