// Reminders and escalation for expected deliveries, as durable jobs: a reminder some working days
// before the deadline, one on the deadline day, and an escalation to the programme lead(s) after the
// grace period — each only while the delivery is still missing, each sent once. Once is kept twice
// over: the job's dedupe key, and the stamp (reminded_before_at, reminded_on_due_at, escalated_at)
// written in the same transaction as the mail, the in-app notification and the audit event, under
// a lock on the expectation. A daily job plans new periods as time passes.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../../db/client";
import {
  agreementDataset,
  agreementVersion,
  deliveryAgreement,
  deliveryExpectation,
  department,
  departmentOwner,
  externalSource,
  member as memberTable,
  organization,
  user,
} from "../../../db/schema/index";
import { enqueueMail } from "../../../emails/outbox.server";
import type { TemplateName } from "../../../emails/templates";
import { enqueueJob, type JobHandlers } from "../../../workflows/scheduler";
import { baseUrl } from "../../config.server";
import { recordAudit } from "../audit/audit.server";
import { recordNotification, type NotificationKind } from "../notifications/notifications.server";
import { DELIVERY_REMINDER, planAllExpectations, syncFulfilment, SYSTEM_ACTOR } from "./expectations.server";
import { REMINDER_STAGES, type ReminderStage } from "./timeliness";
import { addCalendarDays, amsterdamDay, amsterdamTime } from "./working-days";

export { DELIVERY_REMINDER, reminderKey } from "./expectations.server";
export type { ReminderStage };
export const DELIVERY_PLAN_DAILY = "delivery.plan_daily";
export const dailyPlanKey = (day: string) => `delivery-plan:${day}`;
/** The daily planning runs at this hour (Amsterdam), before the reminders of the day. */
export const DAILY_PLAN_HOUR = 6;

const STAMP = {
  before: "remindedBeforeAt",
  on_due: "remindedOnDueAt",
  escalation: "escalatedAt",
} as const satisfies Record<ReminderStage, keyof typeof deliveryExpectation.$inferSelect>;

const MAIL: Record<ReminderStage, TemplateName> = { before: "delivery-reminder", on_due: "delivery-due", escalation: "delivery-escalation" };
const NOTIFICATION: Record<ReminderStage, NotificationKind> = { before: "delivery.reminder", on_due: "delivery.due", escalation: "delivery.escalated" };
const AUDIT: Record<ReminderStage, string> = { before: "delivery.reminder_sent", on_due: "delivery.due_reminder_sent", escalation: "delivery.escalated" };

/** Schedules today's planning run (deduplicated per day); the server and the job worker call it at start. */
export async function ensureDailyPlanning(tx: DbOrTx, now: Date = new Date()) {
  const day = amsterdamDay(now);
  return enqueueJob(tx, { kind: DELIVERY_PLAN_DAILY, runAt: amsterdamTime(day, DAILY_PLAN_HOUR), payload: { day }, dedupeKey: dailyPlanKey(day) });
}

interface Recipient {
  userId: string | null;
  email: string;
  name: string;
  locale: string | null;
}

async function programmeLeads(tx: Tx, municipalityId: string): Promise<Recipient[]> {
  return tx
    .select({ userId: user.id, email: user.email, name: user.name, locale: user.locale })
    .from(memberTable)
    .innerJoin(user, eq(user.id, memberTable.userId))
    .where(and(eq(memberTable.organizationId, municipalityId), eq(memberTable.role, "programme_lead")));
}

/** Owners of the department who are still members of the municipality. */
async function departmentOwners(tx: Tx, municipalityId: string, departmentId: string): Promise<Recipient[]> {
  return tx
    .select({ userId: user.id, email: user.email, name: user.name, locale: user.locale })
    .from(departmentOwner)
    .innerJoin(user, eq(user.id, departmentOwner.userId))
    .innerJoin(memberTable, and(eq(memberTable.userId, departmentOwner.userId), eq(memberTable.organizationId, municipalityId)))
    .where(eq(departmentOwner.departmentId, departmentId));
}

/** One of each address: a lead who also owns the department gets one mail. */
function unique(recipients: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of recipients) {
    const key = r.email.toLowerCase();
    if (!seen.has(key) || (seen.get(key)!.userId === null && r.userId !== null)) seen.set(key, r);
  }
  return [...seen.values()];
}

async function sendReminder(tx: Tx, expectationId: string, stage: ReminderStage, now: Date): Promise<void> {
  // Lock the expectation: two runners of the same stage (or a delivery arriving) wait here.
  const [e] = await tx.select().from(deliveryExpectation).where(eq(deliveryExpectation.id, expectationId)).for("update");
  if (!e || e[STAMP[stage]] !== null) return;
  await syncFulfilment(tx, eq(deliveryExpectation.id, e.id));
  const [fresh] = await tx.select({ fulfilledAt: deliveryExpectation.fulfilledAt }).from(deliveryExpectation).where(eq(deliveryExpectation.id, e.id));
  if (fresh?.fulfilledAt) return; // delivered: nothing to remind of

  const [context] = await tx
    .select({
      agreement: deliveryAgreement,
      municipality: organization.name,
      cbsCode: organization.cbsCode,
      departmentName: department.name,
      sourceName: externalSource.name,
    })
    .from(deliveryAgreement)
    .innerJoin(organization, eq(organization.id, deliveryAgreement.municipalityId))
    .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
    .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
    .where(and(eq(deliveryAgreement.id, e.agreementId), eq(deliveryAgreement.municipalityId, e.municipalityId)));
  if (!context) return;
  const today = amsterdamDay(now);
  // Only an agreement in force asks for data; a terminated or expired one no longer does.
  const [version] = await tx
    .select()
    .from(agreementVersion)
    .where(
      and(
        eq(agreementVersion.agreementId, e.agreementId),
        eq(agreementVersion.status, "active"),
        sql`(${agreementVersion.endDate} is null or ${agreementVersion.endDate} >= ${e.periodStart})`,
      ),
    )
    .limit(1);
  if (!version) return;
  const [dataset] = await tx
    .select({ name: agreementDataset.name })
    .from(agreementDataset)
    .innerJoin(agreementVersion, eq(agreementVersion.id, agreementDataset.versionId))
    .where(and(eq(agreementVersion.agreementId, e.agreementId), eq(agreementDataset.key, e.datasetKey)))
    .orderBy(sql`${agreementVersion.version} desc`)
    .limit(1);

  const leads = await programmeLeads(tx, e.municipalityId);
  let recipients: Recipient[];
  if (stage === "escalation") recipients = leads;
  else if (context.agreement.departmentId) recipients = await departmentOwners(tx, e.municipalityId, context.agreement.departmentId);
  else {
    // An external source has no members in Koers: its supplier contact(s) by mail, and the leads.
    const suppliers = version.terms.contacts
      .filter((c) => c.role === "supplier" && c.email)
      .map((c) => ({ userId: null, email: c.email!, name: c.name, locale: "nl" }));
    recipients = [...suppliers, ...leads];
  }
  recipients = unique(recipients);

  const party = context.departmentName ?? context.sourceName ?? "";
  const agreementLabel = `${context.agreement.reference} — ${version.title}`;
  const base = `${baseUrl()}/g/${context.cbsCode}`;
  for (const r of recipients) {
    const url = stage === "escalation" ? `${base}/fase/3` : `${base}/overeenkomsten/${e.agreementId}`;
    if (r.userId) {
      await recordNotification(tx, {
        userId: r.userId,
        municipalityId: e.municipalityId,
        kind: NOTIFICATION[stage],
        payload: { expectationId: e.id, agreementId: e.agreementId, title: context.agreement.reference, reference: context.agreement.reference, dataset: dataset?.name ?? e.datasetKey, period: e.period, dueDate: e.dueOn, party, phaseNumber: 3 },
      });
    }
    await enqueueMail(tx, {
      template: MAIL[stage],
      to: r.email,
      locale: r.locale,
      municipalityId: e.municipalityId,
      props: { name: r.name, url, municipality: context.municipality, agreement: agreementLabel, dataset: dataset?.name ?? e.datasetKey, period: e.period, party, dueDate: e.dueOn },
    });
  }
  await tx.update(deliveryExpectation).set({ [STAMP[stage]]: now }).where(eq(deliveryExpectation.id, e.id));
  await recordAudit(tx, {
    municipalityId: e.municipalityId,
    actor: SYSTEM_ACTOR,
    action: AUDIT[stage],
    objectType: "delivery_expectation",
    objectId: e.id,
    details: { agreementId: e.agreementId, reference: context.agreement.reference, dataset: e.datasetKey, period: e.period, dueOn: e.dueOn, today, recipients: recipients.map((r) => r.email) },
  });
}

export const deliveryJobHandlers: JobHandlers = {
  async [DELIVERY_REMINDER](tx, job) {
    const { expectationId, stage } = job.payload as { expectationId: string; stage: ReminderStage };
    if (!REMINDER_STAGES.includes(stage)) throw new Error(`unknown reminder stage: ${String(stage)}`);
    await sendReminder(tx, expectationId, stage, new Date(Math.max(Date.now(), job.runAt.getTime())));
  },
  async [DELIVERY_PLAN_DAILY](tx, job) {
    const { day } = job.payload as { day: string };
    // Plan as of the job's day (never before it), then book tomorrow's run.
    const now = new Date(Math.max(Date.now(), job.runAt.getTime()));
    await planAllExpectations(tx, now);
    const next = addCalendarDays(day, 1);
    await enqueueJob(tx, { kind: DELIVERY_PLAN_DAILY, runAt: amsterdamTime(next, DAILY_PLAN_HOUR), payload: { day: next }, dedupeKey: dailyPlanKey(next) });
  },
};

