// Due dates are calendar days in the Netherlands; "overdue" and the reminder time follow
// Amsterdam time, whatever the server's time zone.
export const TIME_ZONE = "Europe/Amsterdam";
/** Reminders go out at 08:00 on the morning after the due date. */
export const REMINDER_HOUR = 8;

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" });

/** Today's date in Amsterdam as YYYY-MM-DD. */
export function amsterdamDate(now: Date): string {
  return dayFormat.format(now);
}

export function isOverdue(dueDate: string | null, now: Date): boolean {
  return dueDate !== null && dueDate < amsterdamDate(now);
}

/** Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = name.match(/GMT([+-])(\d{2}):(\d{2})/);
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The instant the due reminder for a YYYY-MM-DD due date is sent. */
export function dueReminderAt(dueDate: string): Date {
  const [y, m, d] = dueDate.split("-").map(Number) as [number, number, number];
  const wallClockAsUtc = Date.UTC(y, m - 1, d + 1, REMINDER_HOUR, 0, 0);
  return new Date(wallClockAsUtc - amsterdamOffsetMinutes(new Date(wallClockAsUtc)) * 60_000);
}
