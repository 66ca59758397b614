import ICAL from "ical.js";

import {
  changeWindowInputSchema,
  type ImportRejection,
  type ParsedChangeWindows,
} from "./change-window-input";

/**
 * Reads change windows from an iCalendar file: one per VEVENT, or one per
 * occurrence of a recurring VEVENT, with SUMMARY as the title, DTSTART and
 * DTEND as the window and UID as the reference.
 * A missing DTEND follows RFC 5545 3.6.1: DURATION when present, else one
 * day for an all-day event and zero length (rejected) otherwise. Times with
 * a TZID use the file's VTIMEZONE, or the IANA zone of that name; floating
 * times are read as UTC.
 */
export function parseChangeWindowIcal(options: { file: string; text: string }): ParsedChangeWindows {
  const { file } = options;
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(options.text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { windows: [], rejected: [{ file, row: 0, field: "file", reason: `Invalid iCalendar: ${reason}` }] };
  }
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const result: ParsedChangeWindows = { windows: [], rejected: [] };
  calendar.getAllSubcomponents("vevent").forEach((component, index) => {
    const row = index + 1;
    const event = new ICAL.Event(component);
    const occurrences = event.isRecurring() && event.startDate ? expandOccurrences(event) : [{ start: event.startDate, end: event.endDate }];
    if (occurrences === null) {
      result.rejected.push({
        file,
        row,
        field: "RRULE",
        reason:
          `The event repeats more than ${MAX_OCCURRENCES} times; ` +
          "end its rule earlier (COUNT or UNTIL) or export the occurrences as single events",
      });
      return;
    }
    for (const occurrence of occurrences) {
      const read = readEvent(file, row, event, occurrence);
      if ("reason" in read) {
        result.rejected.push(read);
      } else {
        result.windows.push({ ...read, row });
      }
    }
  });
  return result;
}

/** Most occurrences read from one recurring event: a weekly window for almost ten years. */
const MAX_OCCURRENCES = 500;

interface Occurrence {
  start: ICAL.Time | null;
  end: ICAL.Time | null;
}

/** Lists a recurring event's occurrences (RRULE, RDATE, less EXDATE), or null past MAX_OCCURRENCES. */
function expandOccurrences(event: ICAL.Event): Occurrence[] | null {
  const iterator = event.iterator();
  const occurrences: Occurrence[] = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (occurrences.length === MAX_OCCURRENCES) {
      return null;
    }
    const details = event.getOccurrenceDetails(next);
    occurrences.push({ start: details.startDate, end: details.endDate });
  }
  return occurrences;
}

function readEvent(
  file: string,
  row: number,
  event: ICAL.Event,
  occurrence: Occurrence,
): ImportRejection | ReturnType<typeof changeWindowInputSchema.parse> {
  const tzid = (name: string) => {
    const value = event.component.getFirstProperty(name)?.getParameter("tzid");
    return typeof value === "string" ? value : null;
  };
  const startDate = occurrence.start;
  const start = startDate ? toUtc(startDate, tzid("dtstart")) : null;
  if (!startDate || start === null) {
    return { file, row, field: "DTSTART", reason: startDate ? "The time zone is unknown" : "DTSTART is missing" };
  }
  let endTime: ICAL.Time | null = null;
  if (event.endDate) {
    endTime = occurrence.end;
  } else if (startDate.isDate) {
    endTime = dayAfter(startDate);
  }
  const end = endTime ? toUtc(endTime, tzid(event.endDate ? "dtend" : "dtstart")) : null;
  if (end === null) {
    return { file, row, field: "DTEND", reason: endTime ? "The time zone is unknown" : "DTEND is missing" };
  }
  const parsed = changeWindowInputSchema.safeParse({
    title: event.summary ?? "",
    startsAt: start,
    endsAt: end,
    reference: event.uid,
  });
  if (parsed.success) {
    return parsed.data;
  }
  const [issue] = parsed.error.issues;
  const field = { title: "SUMMARY", endsAt: "DTEND", startsAt: "DTSTART" }[String(issue?.path[0])] ?? "VEVENT";
  return { file, row, field, reason: field === "SUMMARY" ? "SUMMARY is missing" : (issue?.message ?? "Invalid value") };
}

function dayAfter(time: ICAL.Time): ICAL.Time {
  const next = time.clone();
  next.day += 1;
  return next;
}

/** Converts an iCalendar time to a UTC Date; null when its TZID names no known zone. */
function toUtc(time: ICAL.Time, tzid: string | null): Date | null {
  const wall = new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second));
  if (time.isDate) {
    return wall;
  }
  const zone = time.zone?.tzid;
  // UTC, or a zone defined by a VTIMEZONE in the file.
  if (zone && zone !== "floating") {
    return time.toJSDate();
  }
  // ical.js leaves a time whose TZID has no VTIMEZONE floating.
  return tzid ? zonedTimeToUtc(wall.getTime(), tzid) : wall;
}

/** Interprets a wall-clock time in an IANA zone, for a TZID the file gave no VTIMEZONE for. */
function zonedTimeToUtc(wall: number, zone: string): Date | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return null;
  }
  const offsetAt = (utc: number) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(utc)).map((part) => [part.type, part.value]));
    const shown = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    return shown - utc;
  };
  // Two rounds settle the offset on either side of a daylight-saving change.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}
