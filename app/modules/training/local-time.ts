// Sessions are planned in Dutch local time (date + start and end time); stored as instants.
import { TZDate } from "@date-fns/tz";

export const TRAINING_TIME_ZONE = "Europe/Amsterdam";

/** "2026-12-08" + "09:30" in Europe/Amsterdam as an instant (summer and winter time alike). */
export function localToInstant(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, TRAINING_TIME_ZONE).getTime());
}

/** The instant as local date and time, for a form's default values. */
export function instantToLocal(instant: Date): { date: string; time: string } {
  const local = new TZDate(instant.getTime(), TRAINING_TIME_ZONE);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`, time: `${pad(local.getHours())}:${pad(local.getMinutes())}` };
}

/** "dinsdag 8 december 2026, 09:30–12:00" in the reader's language. */
export function formatSessionTime(startsAt: Date, endsAt: Date, locale: string): string {
  const tag = locale === "en" ? "en-GB" : "nl-NL";
  const day = new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: TRAINING_TIME_ZONE }).format(startsAt);
  const time = new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", timeZone: TRAINING_TIME_ZONE });
  return `${day}, ${time.format(startsAt)}–${time.format(endsAt)}`;
}
