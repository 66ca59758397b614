import { db } from "@/lib/db/client";

import { type ChangeWindowView, toChangeWindowView } from "./list-change-windows";

export interface OverlapQuery {
  accountId: string | null;
  /** Principal key, ARN and name; a window's pattern may match any of them. */
  principal: { key: string; arn: string | null; name: string | null };
  from: Date;
  to: Date;
}

/** A window that overlaps the activity; `covers` when it spans all of it. */
export interface OverlappingWindow extends ChangeWindowView {
  covers: boolean;
}

/**
 * Finds the change windows that overlap [from, to] and apply to the
 * principal: windows of its account (or of no account) whose principal
 * pattern is empty or matches the principal's key, ARN or name.
 */
export async function findOverlappingChangeWindows(query: OverlapQuery): Promise<OverlappingWindow[]> {
  const rows = await db().changeWindow.findMany({
    where: {
      startsAt: { lte: query.to },
      endsAt: { gte: query.from },
      OR: [{ accountId: null }, ...(query.accountId ? [{ accountId: query.accountId }] : [])],
    },
    orderBy: { startsAt: "asc" },
  });
  const names = [query.principal.key, query.principal.arn, query.principal.name].filter(
    (value): value is string => value !== null,
  );
  return rows
    .filter((row) => row.principalPattern === null || names.some((name) => matchesPattern(row.principalPattern ?? "", name)))
    .map((row) => ({
      ...toChangeWindowView(row),
      covers: row.startsAt.getTime() <= query.from.getTime() && row.endsAt.getTime() >= query.to.getTime(),
    }));
}

/** Matches a principal pattern in which `*` stands for any characters; the match is case-sensitive. */
export function matchesPattern(pattern: string, value: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(value);
}
