import type { EvidenceLink } from "./checklist-types";

/** `2026-11-17 02:16:31`, in UTC like every time on Watchfloor's pages. */
export function formatTime(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 19).replace("T", " ");
}

/** `5 min 16 s`, `2 h 3 min`, `4 d 2 h`. */
export function formatSpan(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) {
    return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  if (minutes > 0) {
    return seconds % 60 > 0 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  }
  return `${seconds} s`;
}

/** Link to the raw record page of an event, a GuardDuty finding or a flow record. */
export function eventLink(event: { source: string; naturalId: string; eventTime: Date }, label: string): EvidenceLink {
  return {
    label,
    href: `/events/${event.source}/${encodeURIComponent(event.naturalId)}`,
    at: event.eventTime.toISOString(),
  };
}

/** Joins `a`, `a and b`, `a, b and c`. */
export function listText(values: readonly string[]): string {
  if (values.length <= 1) {
    return values[0] ?? "";
  }
  return `${values.slice(0, -1).join(", ")} and ${values.at(-1)}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralForm}`;
}
