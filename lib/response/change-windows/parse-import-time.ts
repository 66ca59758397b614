// 2026-11-19T13:00:00Z, 2026-11-19 13:00+01:00, 2026-11-19T13:00 and 2026-11-19.
const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a start or end time from an import file. Times without an offset
 * are read as UTC, because Watchfloor shows every time in UTC; a bare date
 * is its midnight UTC. Returns null for anything else.
 */
export function parseImportTime(text: string): Date | null {
  const match = TIME.exec(text.trim());
  if (!match) {
    return null;
  }
  const [, year, month, day, hour = "00", minute = "00", second = "00", zone] = match;
  const offset = zone && zone.toUpperCase() !== "Z" ? zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2") : "Z";
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  // Date rolls 2026-02-30 over to March 2, so the calendar day is checked separately.
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (Number.isNaN(date.getTime()) || calendarDay.getUTCDate() !== Number(day)) {
    return null;
  }
  return date;
}
