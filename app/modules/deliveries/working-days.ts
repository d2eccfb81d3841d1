// Working days for delivery deadlines: Monday to Friday, minus the Dutch public holidays. The
// holidays are those of the Algemene termijnenwet (art. 3), which sets how Dutch legal and
// administrative deadlines are counted: date-holidays' public holidays for NL (New Year, Easter
// Sunday and Monday, King's Day, Ascension, Whit Sunday and Monday, Christmas and Boxing Day) plus
// Liberation Day (5 May) every year. Good Friday is a working day. Dates are calendar days
// ("YYYY-MM-DD") in the Netherlands; "today" and send times follow Europe/Amsterdam.
import Holidays from "date-holidays";

export const TIME_ZONE = "Europe/Amsterdam";

const holidayCache = new Map<number, ReadonlySet<string>>();
const calendar = new Holidays("NL");

/** The non-working holidays of a year, as "YYYY-MM-DD". */
export function dutchHolidays(year: number): ReadonlySet<string> {
  let days = holidayCache.get(year);
  if (!days) {
    const set = new Set<string>();
    for (const h of calendar.getHolidays(year)) if (h.type === "public") set.add(h.date.slice(0, 10));
    // Liberation Day counts every year under the Algemene termijnenwet (date-holidays lists it as a school holiday).
    set.add(`${year}-05-05`);
    days = set;
    holidayCache.set(year, days);
  }
  return days;
}

const toUtc = (isoDate: string) => {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};
const toIso = (date: Date) => date.toISOString().slice(0, 10);

export function addCalendarDays(isoDate: string, days: number): string {
  const date = toUtc(isoDate);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

export function isWorkingDay(isoDate: string): boolean {
  const weekday = toUtc(isoDate).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}

/**
 * The day `n` working days after (n > 0) or before (n < 0) the given day, not counting the day
 * itself; with n = 0, the day itself.
 */
export function addWorkingDays(isoDate: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`not a whole number of working days: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = isoDate;
  for (let left = Math.abs(n); left > 0; ) {
    day = addCalendarDays(day, step);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" });

/** The calendar day in Amsterdam at an instant, "YYYY-MM-DD". */
export function amsterdamDay(at: Date): string {
  return dayFormat.format(at);
}

function amsterdamOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = name.match(/GMT([+-])(\d{2}):(\d{2})/);
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The instant it is `hour`:00 in Amsterdam on the given day (summer and winter time alike). */
export function amsterdamTime(isoDate: string, hour: number): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const wallClockAsUtc = Date.UTC(y, m - 1, d, hour, 0, 0);
  const first = wallClockAsUtc - amsterdamOffsetMinutes(new Date(wallClockAsUtc)) * 60_000;
  // Near a clock change the offset at the guess may differ from the offset at the answer.
  return new Date(wallClockAsUtc - amsterdamOffsetMinutes(new Date(first)) * 60_000);
}
