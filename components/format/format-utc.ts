/**
 * Formats an ISO 8601 time as `2026-11-17 02:21:47` in UTC. The output does
 * not depend on the browser's locale or time zone, so server and client
 * render the same text.
 */
export function formatUtc(iso: string | null, options: { milliseconds?: boolean } = {}): string {
  if (!iso) {
    return "—";
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const text = date.toISOString().replace("T", " ");
  return options.milliseconds ? text.slice(0, 23) : text.slice(0, 19);
}

/** Formats the time between two ISO times as `1h 13m` or `47s`. */
export function formatDuration(fromIso: string, toIso: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [
    days > 0 ? `${days}d` : "",
    hours > 0 ? `${hours}h` : "",
    minutes > 0 ? `${minutes}m` : "",
    days === 0 && hours === 0 ? `${seconds % 60}s` : "",
  ];
  return parts.filter(Boolean).join(" ");
}
