// The phase-3 page's status: per department and external source, its agreements (by status) and
// how its expected deliveries of the recent periods went — on time, late, missing, rejected, still
// open — with the late and missing ones listed. Read for the acting member's municipality only.
import { and, asc, desc, eq, gte } from "drizzle-orm";
import { agreementDataset, agreementVersion, deliveryAgreement, deliveryExpectation, department, externalSource, type AgreementStatus } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { statusOf } from "./data-health.server";
import { loadExpectations } from "./expectations.server";
import { phaseThreeGateCounts, type PhaseThreeGateCounts } from "./gate-checks.server";
import { EXPECTATION_STATUSES, type ExpectationStatus } from "./timeliness";
import { addCalendarDays, amsterdamDay } from "./working-days";

/** "Recent": expected deliveries of periods that began within this many days. */
export const RECENT_DAYS = 366;

export interface PartyAgreement {
  id: string;
  reference: string;
  title: string;
  /** Active when a version is in force; otherwise the newest version's status. */
  status: AgreementStatus;
}

export interface ExpectationItem {
  id: string;
  agreementId: string;
  reference: string;
  dataset: string;
  period: string;
  dueOn: string;
  status: ExpectationStatus;
  /** When the first accepted delivery came in (ISO), if it did. */
  fulfilledAt: string | null;
}

export interface PartyStatus {
  kind: "department" | "external_source";
  id: string;
  name: string;
  agreements: PartyAgreement[];
  counts: Record<ExpectationStatus, number>;
  /** Late, missing and rejected deliveries, newest period first. */
  problems: ExpectationItem[];
}

export interface PhaseThreeSummary {
  today: string;
  parties: PartyStatus[];
  agreementsByStatus: Partial<Record<AgreementStatus, number>>;
  totals: Record<ExpectationStatus, number>;
  gate: PhaseThreeGateCounts;
}

const zero = () => Object.fromEntries(EXPECTATION_STATUSES.map((s) => [s, 0])) as Record<ExpectationStatus, number>;

export async function loadPhaseThreeSummary(actor: Pick<Member, "municipalityId">, now: Date = new Date()): Promise<PhaseThreeSummary> {
  const m = actor.municipalityId;
  const today = amsterdamDay(now);
  const [departments, sources, versions, datasets, expectations, gate] = await Promise.all([
    db().select({ id: department.id, name: department.name }).from(department).where(eq(department.municipalityId, m)).orderBy(asc(department.name)),
    db().select({ id: externalSource.id, name: externalSource.name }).from(externalSource).where(eq(externalSource.municipalityId, m)).orderBy(asc(externalSource.name)),
    db()
      .select({
        agreementId: deliveryAgreement.id,
        reference: deliveryAgreement.reference,
        departmentId: deliveryAgreement.departmentId,
        externalSourceId: deliveryAgreement.externalSourceId,
        version: agreementVersion.version,
        title: agreementVersion.title,
        status: agreementVersion.status,
      })
      .from(deliveryAgreement)
      .innerJoin(agreementVersion, eq(agreementVersion.agreementId, deliveryAgreement.id))
      .where(and(eq(deliveryAgreement.municipalityId, m), eq(agreementVersion.municipalityId, m)))
      .orderBy(asc(deliveryAgreement.reference), desc(agreementVersion.version)),
    db()
      .select({ agreementId: agreementVersion.agreementId, version: agreementVersion.version, key: agreementDataset.key, name: agreementDataset.name })
      .from(agreementDataset)
      .innerJoin(agreementVersion, eq(agreementVersion.id, agreementDataset.versionId))
      .where(eq(agreementDataset.municipalityId, m))
      .orderBy(desc(agreementVersion.version)),
    loadExpectations(db(), and(eq(deliveryExpectation.municipalityId, m), gte(deliveryExpectation.periodStart, addCalendarDays(today, -RECENT_DAYS)))),
    phaseThreeGateCounts(db(), m, now),
  ]);

  // One line per agreement: the version in force, else the newest (rows come newest version first).
  const agreements = new Map<string, PartyAgreement & { partyKey: string }>();
  for (const v of versions) {
    const seen = agreements.get(v.agreementId);
    if (seen && !(v.status === "active" && seen.status !== "active")) continue;
    agreements.set(v.agreementId, {
      id: v.agreementId,
      reference: v.reference,
      title: v.title,
      status: v.status,
      partyKey: v.departmentId ? `department:${v.departmentId}` : `external_source:${v.externalSourceId}`,
    });
  }
  const datasetName = new Map<string, string>();
  for (const d of datasets) if (!datasetName.has(`${d.agreementId}:${d.key}`)) datasetName.set(`${d.agreementId}:${d.key}`, d.name);

  const parties = new Map<string, PartyStatus>();
  for (const d of departments) parties.set(`department:${d.id}`, { kind: "department", id: d.id, name: d.name, agreements: [], counts: zero(), problems: [] });
  for (const s of sources) parties.set(`external_source:${s.id}`, { kind: "external_source", id: s.id, name: s.name, agreements: [], counts: zero(), problems: [] });
  const agreementsByStatus: Partial<Record<AgreementStatus, number>> = {};
  for (const a of agreements.values()) {
    const { partyKey, ...rest } = a;
    parties.get(partyKey)?.agreements.push(rest);
    agreementsByStatus[a.status] = (agreementsByStatus[a.status] ?? 0) + 1;
  }
  const totals = zero();
  for (const e of expectations) {
    const agreement = agreements.get(e.agreementId);
    const party = agreement ? parties.get(agreement.partyKey) : undefined;
    if (!agreement || !party) continue;
    const status = statusOf(e, today);
    party.counts[status]++;
    totals[status]++;
    if (status === "late" || status === "missing" || status === "rejected") {
      party.problems.push({
        id: e.id,
        agreementId: e.agreementId,
        reference: agreement.reference,
        dataset: datasetName.get(`${e.agreementId}:${e.datasetKey}`) ?? e.datasetKey,
        period: e.period,
        dueOn: e.dueOn,
        status,
        fulfilledAt: e.fulfilledAt?.toISOString() ?? null,
      });
    }
  }
  for (const p of parties.values()) p.problems.sort((a, b) => b.dueOn.localeCompare(a.dueOn) || a.reference.localeCompare(b.reference));
  return { today, parties: [...parties.values()], agreementsByStatus, totals, gate };
}
