/** Time formats that AWS writes into log files and object keys, all in UTC. */

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** Formats as `2026-11-17T02:14:05Z`, the form of CloudTrail's eventTime. */
export function formatIsoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Formats as `2026-11-17T02:14:40.512Z`, the form of GuardDuty's createdAt. */
export function formatIsoMillis(time: Date): string {
  return time.toISOString();
}

/** Formats as `20261117T0215Z`, the delivery time in a CloudTrail log file name. */
export function formatKeyMinute(time: Date): string {
  return (
    `${time.getUTCFullYear()}${pad(time.getUTCMonth() + 1)}${pad(time.getUTCDate())}` +
    `T${pad(time.getUTCHours())}${pad(time.getUTCMinutes())}Z`
  );
}

/** Formats as `20261117T020327Z`, the end time in a CloudTrail digest file name. */
export function formatKeySecond(time: Date): string {
  return formatKeyMinute(time).replace(/Z$/, `${pad(time.getUTCSeconds())}Z`);
}

/** Formats as `2026/11/17`, the date folder of an AWSLogs key. */
export function formatDatePath(time: Date): string {
  return `${time.getUTCFullYear()}/${pad(time.getUTCMonth() + 1)}/${pad(time.getUTCDate())}`;
}

/**
 * Formats as `Nov 17, 2026 2:16:31 AM`, the Java date format that IAM and STS
 * write into responseElements. STS records seen in 2024 have a comma after the year.
 */
export function formatJavaDateTime(time: Date, commaAfterYear = false): string {
  const hours = time.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const meridiem = hours < 12 ? "AM" : "PM";
  const date = `${MONTH_NAMES[time.getUTCMonth()]} ${time.getUTCDate()}, ${time.getUTCFullYear()}`;
  const clock = `${hour12}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} ${meridiem}`;
  return commaAfterYear ? `${date}, ${clock}` : `${date} ${clock}`;
}

export function addSeconds(time: Date, seconds: number): Date {
  return new Date(time.getTime() + seconds * 1000);
}

export function addMinutes(time: Date, minutes: number): Date {
  return addSeconds(time, minutes * 60);
}

/** Lists each UTC midnight from `start` up to and including the day of `end`. */
export function listDays(start: Date, end: Date): Date[] {
  const days: Date[] = [];
  let day = new Date(
    Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()),
  );
  while (day.getTime() <= end.getTime()) {
    days.push(day);
    day = addMinutes(day, 24 * 60);
  }
  return days;
}

export function isWeekday(day: Date): boolean {
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
