/**
 * Timestamps as AWS tools write them: ISO 8601 with `T` or a space, any number of
 * fraction digits (GuardDuty exports carry nanoseconds, `2025-02-25 20:40:06.000000000`),
 * `Z`, an offset, or no zone at all (read as UTC, which is what AWS means), and epoch
 * numbers (seconds below 1e11, milliseconds above).
 */
export type TimestampResult = { ok: true; date: Date | null } | { ok: false; reason: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Absent values (undefined, null, "") give `{ ok: true, date: null }`. */
export function parseTimestamp(value: unknown): TimestampResult {
  if (value === undefined || value === null || value === "") {
    return { ok: true, date: null };
  }
  if (typeof value === "number") {
    return fromEpoch(value);
  }
  if (typeof value !== "string") {
    return { ok: false, reason: `expected a timestamp, got ${typeof value}` };
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return fromEpoch(Number(text));
  }
  const m = ISO.exec(text);
  if (!m) {
    return { ok: false, reason: `unreadable timestamp '${value}'` };
  }
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const ms = Number(frac.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms);
  const check = new Date(utc);
  if (
    check.getUTCMonth() !== +mo - 1 ||
    check.getUTCDate() !== +d ||
    check.getUTCHours() !== +h ||
    +mi > 59 ||
    +s > 59
  ) {
    return { ok: false, reason: `impossible date or time in '${value}'` };
  }
  return { ok: true, date: new Date(utc - offsetMinutes(zone) * 60_000) };
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") {
    return 0;
  }
  const digits = zone.replace(":", "");
  const sign = digits.startsWith("-") ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function fromEpoch(n: number): TimestampResult {
  if (!Number.isFinite(n) || n < 0) {
    return { ok: false, reason: `invalid epoch value ${n}` };
  }
  return { ok: true, date: new Date(n < 1e11 ? n * 1000 : n) };
}
