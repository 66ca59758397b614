/**
 * Formats a duration in seconds for reports: `35 s`, `13 min 15 s`,
 * `2 h 5 min`, `3 d 4 h`. Negative values are formatted by their magnitude
 * with a leading minus sign.
 */
export function formatDurationText(seconds: number): string {
  if (seconds < 0) {
    return `-${formatDurationText(-seconds)}`;
  }
  const whole = Math.round(seconds);
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (days > 0) {
    return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  if (minutes > 0) {
    return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  return `${rest} s`;
}

/**
 * Formats a duration in whole elapsed minutes, the way responders quote it:
 * 13 min 15 s is "13 minutes". Under a minute it gives the seconds.
 */
export function formatElapsedMinutes(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(0, Math.floor(seconds));
    return whole === 1 ? "1 second" : `${whole} seconds`;
  }
  const minutes = Math.floor(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** `2026-11-17T02:14:40.512Z` as `02:14`, the UTC hour and minute. */
export function formatClockMinute(iso: string): string {
  return iso.slice(11, 16);
}

/** `2026-11-17T02:14:40.512Z` as `2026-11-17 02:14:40`, in UTC. */
export function formatUtcSecond(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
