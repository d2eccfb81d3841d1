// The rules of timeliness, pure: which periods an active agreement version expects a delivery for,
// when each is due, when its reminders and escalation go out, and the status of one expected
// delivery. The planner and the pages call these; nothing here touches the database.
import type { KpiFrequency } from "../../../db/schema/kpis";
import { periodOf, shiftPeriod, type Period } from "../kpis/periods";
import { addCalendarDays, addWorkingDays } from "./working-days";

export const EXPECTATION_STATUSES = ["open", "on_time", "late", "missing", "rejected"] as const;
export type ExpectationStatus = (typeof EXPECTATION_STATUSES)[number];

/** Reminders and escalations go out at this hour (Amsterdam) on their day. */
export const REMINDER_HOUR = 8;

/** The last day of a period, "YYYY-MM-DD". */
export function periodEnd(period: Period): string {
  return addCalendarDays(shiftPeriod(period, 1).start, -1);
}

/** The day a period's delivery is due: `deadlineWorkingDays` working days after the period ends. */
export function dueOnFor(period: Period, deadlineWorkingDays: number): string {
  return addWorkingDays(periodEnd(period), deadlineWorkingDays);
}

export interface PlannableVersion {
  frequency: KpiFrequency;
  /** "YYYY-MM-DD". */
  startDate: string;
  endDate: string | null;
  deadlineWorkingDays: number;
}

export interface PlannedPeriod {
  period: Period;
  dueOn: string;
}

/**
 * The periods a version expects deliveries for on `today`: from the period holding its start date
 * up to and including the current period, never one that begins after its end date.
 */
export function periodsToPlan(version: PlannableVersion, today: string): PlannedPeriod[] {
  const first = periodOf(version.frequency, new Date(`${version.startDate}T00:00:00Z`));
  const current = periodOf(version.frequency, new Date(`${today}T00:00:00Z`));
  const out: PlannedPeriod[] = [];
  for (let p = first; p.start <= current.start; p = shiftPeriod(p, 1)) {
    if (version.endDate !== null && p.start > version.endDate) break;
    out.push({ period: p, dueOn: dueOnFor(p, version.deadlineWorkingDays) });
  }
  return out;
}

export const REMINDER_STAGES = ["before", "on_due", "escalation"] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/** The day each reminder stage goes out for a due day. */
export function reminderDays(dueOn: string, terms: { reminderWorkingDaysBefore: number; graceWorkingDays: number }): Record<ReminderStage, string> {
  return {
    before: addWorkingDays(dueOn, -terms.reminderWorkingDaysBefore),
    on_due: dueOn,
    escalation: addWorkingDays(dueOn, terms.graceWorkingDays),
  };
}

export interface ExpectationFacts {
  dueOn: string;
  /** The Amsterdam day the first accepted delivery came in, if any. */
  fulfilledOn: string | null;
  /** Deliveries for this period that were rejected. */
  rejectedAttempts: number;
}

/**
 * One expected delivery's status on `today` (Amsterdam day). Delivered on or before its due day:
 * on time; after: late. Not delivered: open until the due day has passed, then missing — unless
 * every attempt so far was rejected, which says more ("rejected").
 */
export function expectationStatus(facts: ExpectationFacts, today: string): ExpectationStatus {
  if (facts.fulfilledOn !== null) return facts.fulfilledOn <= facts.dueOn ? "on_time" : "late";
  if (facts.rejectedAttempts > 0) return "rejected";
  return today > facts.dueOn ? "missing" : "open";
}

/** Whether the expectation still needs its data: not delivered (rejected attempts do not count). */
export const isUnfulfilled = (facts: Pick<ExpectationFacts, "fulfilledOn">) => facts.fulfilledOn === null;
