/**
 * ISO 8601 timestamps as CloudTrail and EventBridge write them
 * (`2024-03-05T12:00:00Z`, optionally with fractions or an offset). Date.parse alone
 * is not enough: V8 turns `2024-02-30` into March 1st instead of refusing it.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

export function parseIsoTimestamp(value: string): Date {
  const time = isoMillis(value);
  if (time === null) {
    throw new RangeError(`not an ISO 8601 timestamp: ${JSON.stringify(value)}`);
  }
  return new Date(time);
}

export function isIsoTimestamp(value: string): boolean {
  return isoMillis(value) !== null;
}

// Validation and parsing read the same value one after the other, and records of
// one file often share a second: remember the last answer.
let lastValue = "";
let lastMillis: number | null = null;

function isoMillis(value: string): number | null {
  if (value !== lastValue) {
    lastMillis = computeMillis(value);
    lastValue = value;
  }
  return lastMillis;
}

function computeMillis(value: string): number | null {
  const m = ISO.exec(value);
  if (!m) {
    return null;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  // Date.UTC reads years 0 to 99 as 1900 to 1999, so the year is set on its own.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year, month - 1, day);
  const local = date.getTime();
  if (new Date(local).getUTCDate() !== day) {
    return null; // 2024-02-30 and the like
  }
  return local - offsetMinutes(m[8]) * 60_000;
}

function offsetMinutes(zone: string): number {
  if (zone === "Z") {
    return 0;
  }
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}
