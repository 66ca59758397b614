import { isIP } from "node:net";

import type { FieldKind } from "./flow-fields";

export type ReadResult =
  { ok: true; value: string | number | Date | null } | { ok: false; reason: string };

/** VPC Flow Logs launched in June 2015; an earlier time is a misread field. */
const EARLIEST_SECONDS = Date.UTC(2015, 0, 1) / 1000;
const ONE_DAY_SECONDS = 86_400;
const DIGITS = /^\d+$/;

/**
 * Reads one column. AWS writes `-` for a field that does not apply or could not be
 * computed (User Guide, "Available fields"); that is null, never 0 and never "-".
 */
export function readFlowValue(token: string, read: FieldKind, now: Date): ReadResult {
  if (token === "-") {
    return { ok: true, value: null };
  }
  switch (read.kind) {
    case "text":
      return { ok: true, value: token };
    case "keyword":
      return read.values.includes(token)
        ? { ok: true, value: token }
        : { ok: false, reason: `expected ${read.values.join(", ")} or '-', got '${token}'` };
    case "ip":
      return isIP(token) === 0
        ? { ok: false, reason: `expected an IPv4 or IPv6 address, got '${token}'` }
        : { ok: true, value: token };
    case "int":
      return readInt(token, read.max);
    case "count":
      return readCount(token);
    case "time":
      return readEpochSeconds(token, now);
  }
}

function readInt(token: string, max: number): ReadResult {
  const n = DIGITS.test(token) ? Number(token) : Number.NaN;
  if (!(n <= max)) {
    return { ok: false, reason: `expected an integer from 0 to ${max}, got '${token}'` };
  }
  return { ok: true, value: n };
}

function readCount(token: string): ReadResult {
  const n = DIGITS.test(token) ? Number(token) : Number.NaN;
  if (Number.isNaN(n)) {
    return { ok: false, reason: `expected a non-negative integer, got '${token}'` };
  }
  if (!Number.isSafeInteger(n)) {
    return { ok: false, reason: `counter '${token}' is past 2^53-1 and cannot be stored exactly` };
  }
  return { ok: true, value: n };
}

/**
 * `start` and `end` are Unix epoch SECONDS. Reading them as milliseconds puts every flow
 * in January 1970, so the value is multiplied here and sanity-checked: before 2015 or
 * more than a day ahead of `now` is rejected with the likely cause.
 */
function readEpochSeconds(token: string, now: Date): ReadResult {
  if (!DIGITS.test(token)) {
    return { ok: false, reason: `expected Unix epoch seconds, got '${token}'` };
  }
  const seconds = Number(token);
  const date = new Date(seconds * 1000);
  if (seconds < EARLIEST_SECONDS) {
    return {
      ok: false,
      reason: `time ${token} is ${iso(date)}, before 2015-01-01, when VPC Flow Logs did not exist`,
    };
  }
  if (seconds > now.getTime() / 1000 + ONE_DAY_SECONDS) {
    const hint =
      seconds > 1e11 ? "; it looks like epoch milliseconds, but the field holds seconds" : "";
    return { ok: false, reason: `time ${token} is more than a day in the future${hint}` };
  }
  return { ok: true, value: date };
}

function iso(date: Date): string {
  return Number.isNaN(date.getTime())
    ? "an invalid date"
    : date.toISOString().replace(".000Z", "Z");
}
