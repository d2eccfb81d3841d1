// Expected deliveries (delivery_expectation): for every agreement version in force, one row per
// dataset (its stable key) and period from the version's start up to the current period, with its
// due day. Planning is idempotent (a unique index on agreement, dataset key and period start), so
// it runs safely on activation, every day, and twice. Whether an expectation is fulfilled is read
// from the deliveries themselves too, so nothing depends on who called what first.
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementVersion, delivery, deliveryAgreement, deliveryExpectation } from "../../../db/schema/index";
import { enqueueJob } from "../../../workflows/scheduler";
import { recordAudit } from "../audit/audit.server";
import { periodsToPlan, REMINDER_HOUR, REMINDER_STAGES, reminderDays, type ReminderStage } from "./timeliness";
import { amsterdamDay, amsterdamTime } from "./working-days";

export const DELIVERY_REMINDER = "delivery.reminder";
export const reminderKey = (expectationId: string, stage: ReminderStage) => `delivery-reminder:${expectationId}:${stage}`;
/** Audit actor of what Koers does by itself (planning, reminders). */
export const SYSTEM_ACTOR = { userId: null, label: "Koers" } as const;

/**
 * Schedules the three reminder stages of one expectation (deduplicated, so asking twice is
 * harmless). A stage whose moment passed before `notBefore` (the version's activation) is not
 * scheduled: periods that were overdue before the agreement existed show as missing, but nobody
 * gets a pile of back-dated reminders.
 */
export async function scheduleReminders(
  tx: DbOrTx,
  e: { expectationId: string; municipalityId: string; dueOn: string; terms: { reminderWorkingDaysBefore: number; graceWorkingDays: number }; notBefore: Date },
): Promise<number> {
  const days = reminderDays(e.dueOn, e.terms);
  let created = 0;
  for (const stage of REMINDER_STAGES) {
    const runAt = amsterdamTime(days[stage], REMINDER_HOUR);
    if (runAt < e.notBefore) continue;
    const job = await enqueueJob(tx, { kind: DELIVERY_REMINDER, runAt, payload: { expectationId: e.expectationId, stage }, dedupeKey: reminderKey(e.expectationId, stage), municipalityId: e.municipalityId });
    if (job.created) created++;
  }
  return created;
}

/** Delivery statuses that were accepted once (a superseded delivery was accepted, then replaced). */
export const ACCEPTED_ONCE = ["accepted", "superseded"] as const;

export interface PlanReport {
  /** Expectations created now. */
  created: number;
  /** Reminder jobs scheduled now. */
  jobs: number;
}

/**
 * Plans the expected deliveries of an agreement's version(s) in force on `now` and schedules
 * their reminders. Call it in the transaction that activates a version, and daily.
 */
export async function planExpectations(tx: DbOrTx, agreementId: string, now: Date = new Date()): Promise<PlanReport> {
  const today = amsterdamDay(now);
  const versions = await tx
    .select({
      id: agreementVersion.id,
      municipalityId: agreementVersion.municipalityId,
      frequency: agreementVersion.frequency,
      startDate: agreementVersion.startDate,
      endDate: agreementVersion.endDate,
      deadlineWorkingDays: agreementVersion.deadlineWorkingDays,
      reminderWorkingDaysBefore: agreementVersion.reminderWorkingDaysBefore,
      graceWorkingDays: agreementVersion.graceWorkingDays,
      activatedAt: agreementVersion.activatedAt,
    })
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreementId), eq(agreementVersion.status, "active")))
    .orderBy(asc(agreementVersion.version));
  const report: PlanReport = { created: 0, jobs: 0 };
  for (const version of versions) {
    const datasets = await tx.select({ key: agreementDataset.key }).from(agreementDataset).where(eq(agreementDataset.versionId, version.id)).orderBy(asc(agreementDataset.position));
    const periods = periodsToPlan(version, today);
    if (datasets.length === 0 || periods.length === 0) continue;
    const rows = datasets.flatMap((ds) =>
      periods.map((p) => ({
        id: crypto.randomUUID(),
        municipalityId: version.municipalityId,
        agreementId,
        datasetKey: ds.key,
        period: p.period.label,
        periodStart: p.period.start,
        dueOn: p.dueOn,
      })),
    );
    const inserted = await tx.insert(deliveryExpectation).values(rows).onConflictDoNothing().returning({ id: deliveryExpectation.id });
    report.created += inserted.length;
    if (inserted.length > 0) {
      await recordAudit(tx, {
        municipalityId: version.municipalityId,
        actor: SYSTEM_ACTOR,
        action: "delivery.expectations_planned",
        objectType: "delivery_agreement",
        objectId: agreementId,
        details: { versionId: version.id, count: inserted.length, periods: [...new Set(rows.map((r) => r.period))] },
      });
    }
    await syncFulfilment(tx, eq(deliveryExpectation.agreementId, agreementId));
    // Reminders for every still-open expectation of this version's datasets (deduplicated per stage).
    const open = await tx
      .select({ id: deliveryExpectation.id, dueOn: deliveryExpectation.dueOn })
      .from(deliveryExpectation)
      .where(
        and(
          eq(deliveryExpectation.agreementId, agreementId),
          inArray(
            deliveryExpectation.datasetKey,
            datasets.map((d) => d.key),
          ),
          isNull(deliveryExpectation.fulfilledAt),
        ),
      );
    for (const e of open) report.jobs += await scheduleReminders(tx, { expectationId: e.id, municipalityId: version.municipalityId, dueOn: e.dueOn, terms: version, notBefore: version.activatedAt ?? now });
  }
  return report;
}

/** Plans every agreement with a version in force (the daily job; across municipalities). */
export async function planAllExpectations(tx: DbOrTx, now: Date = new Date()): Promise<PlanReport> {
  const agreements = await tx
    .selectDistinct({ id: agreementVersion.agreementId })
    .from(agreementVersion)
    .where(eq(agreementVersion.status, "active"));
  const total: PlanReport = { created: 0, jobs: 0 };
  for (const a of agreements) {
    const r = await planExpectations(tx, a.id, now);
    total.created += r.created;
    total.jobs += r.jobs;
  }
  return total;
}

export interface DeliveryForExpectation {
  id: string;
  agreementId: string;
  datasetKey: string;
  periodStart: string;
  status: string;
  receivedAt: Date;
}

/**
 * Records that an accepted delivery fulfils its expectation (the first accepted delivery counts;
 * its arrival decides on time or late). The ingest calls it in the transaction that accepts.
 */
export async function markExpectationFulfilled(tx: DbOrTx, d: DeliveryForExpectation): Promise<boolean> {
  if (d.status !== "accepted") return false;
  const updated = await tx
    .update(deliveryExpectation)
    .set({ fulfilledByDeliveryId: d.id, fulfilledAt: d.receivedAt })
    .where(
      and(
        eq(deliveryExpectation.agreementId, d.agreementId),
        eq(deliveryExpectation.datasetKey, d.datasetKey),
        eq(deliveryExpectation.periodStart, d.periodStart),
        isNull(deliveryExpectation.fulfilledAt),
      ),
    )
    .returning({ id: deliveryExpectation.id });
  return updated.length > 0;
}

/** Fills in fulfilment from accepted deliveries for expectations that lack it (first arrival wins). */
export async function syncFulfilment(tx: DbOrTx, where: SQL | undefined): Promise<void> {
  await tx
    .update(deliveryExpectation)
    .set({
      fulfilledByDeliveryId: sql`(${firstAccepted(sql`${delivery.id}`)})`,
      fulfilledAt: sql`(${firstAccepted(sql`${delivery.receivedAt}`)})`,
    })
    .where(and(where, isNull(deliveryExpectation.fulfilledAt), sql`exists (${firstAccepted(sql`1`)})`));
}

/** The first accepted delivery of an expectation's dataset and period (correlated on delivery_expectation). */
function firstAccepted(column: SQL) {
  return sql`select ${column} from ${delivery} where ${delivery.agreementId} = ${deliveryExpectation.agreementId} and ${delivery.datasetKey} = ${deliveryExpectation.datasetKey} and ${delivery.periodStart} = ${deliveryExpectation.periodStart} and ${delivery.status} in ('accepted', 'superseded') order by ${delivery.receivedAt} asc, ${delivery.id} asc limit 1`;
}

/** An expectation as the pages and checks read it: fulfilment derived from deliveries as well. */
export interface ExpectationRow {
  id: string;
  municipalityId: string;
  agreementId: string;
  datasetKey: string;
  period: string;
  periodStart: string;
  dueOn: string;
  fulfilledAt: Date | null;
  fulfilledByDeliveryId: string | null;
  rejectedAttempts: number;
  remindedBeforeAt: Date | null;
  remindedOnDueAt: Date | null;
  escalatedAt: Date | null;
}

export async function loadExpectations(database: DbOrTx, where: SQL | undefined): Promise<ExpectationRow[]> {
  const rows = await database
    .select({
      id: deliveryExpectation.id,
      municipalityId: deliveryExpectation.municipalityId,
      agreementId: deliveryExpectation.agreementId,
      datasetKey: deliveryExpectation.datasetKey,
      period: deliveryExpectation.period,
      periodStart: deliveryExpectation.periodStart,
      dueOn: deliveryExpectation.dueOn,
      fulfilledAt: sql<string | null>`coalesce(${deliveryExpectation.fulfilledAt}, (${firstAccepted(sql`${delivery.receivedAt}`)}))`,
      fulfilledByDeliveryId: sql<string | null>`coalesce(${deliveryExpectation.fulfilledByDeliveryId}, (${firstAccepted(sql`${delivery.id}`)}))`,
      rejectedAttempts: sql<number>`(select count(*)::int from ${delivery} where ${delivery.agreementId} = ${deliveryExpectation.agreementId} and ${delivery.datasetKey} = ${deliveryExpectation.datasetKey} and ${delivery.periodStart} = ${deliveryExpectation.periodStart} and ${delivery.status} = 'rejected')`,
      remindedBeforeAt: deliveryExpectation.remindedBeforeAt,
      remindedOnDueAt: deliveryExpectation.remindedOnDueAt,
      escalatedAt: deliveryExpectation.escalatedAt,
    })
    .from(deliveryExpectation)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, deliveryExpectation.agreementId))
    .where(where)
    .orderBy(asc(deliveryExpectation.periodStart), asc(deliveryExpectation.datasetKey));
  // Raw SQL timestamps come back as strings on some drivers; make them Dates.
  return rows.map((r) => ({ ...r, fulfilledAt: r.fulfilledAt === null ? null : new Date(r.fulfilledAt) }));
}
