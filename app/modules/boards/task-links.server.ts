// What a task can link to — the municipality's documents, KPIs, delivery agreements and training
// sessions — and how a link shows: the target's current name and its page, or "removed" when it is
// gone. Every read is scoped to the acting member's municipality.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { agreementVersion, deliveryAgreement, document, kpi, trainingSession, type TaskLinkKind } from "../../../db/schema/index";
import { db } from "../../db.server";

export interface LinkTarget {
  kind: TaskLinkKind;
  id: string;
  label: string;
  /** The target's page, relative to the municipality (`/g/<code>` + path). */
  path: string;
}

const PATHS: Record<TaskLinkKind, (id: string) => string> = {
  document: (id) => `/documenten/${id}`,
  kpi: (id) => `/kpis/${id}`,
  agreement: (id) => `/overeenkomsten/${id}`,
  training_session: (id) => `/training/sessies/${id}`,
};

const UUID = /^[0-9a-f-]{36}$/i;

/** The named targets of the given kinds and ids (all of the municipality's when ids is undefined). */
async function targets(municipalityId: string, ids: Partial<Record<TaskLinkKind, string[]>> | undefined, database: DbOrTx): Promise<LinkTarget[]> {
  const want = (kind: TaskLinkKind) => (ids === undefined ? undefined : (ids[kind] ?? []).filter((id) => UUID.test(id)));
  const skip = (kind: TaskLinkKind) => ids !== undefined && want(kind)!.length === 0;
  const byIds = (column: AnyPgColumn, kind: TaskLinkKind) => (ids === undefined ? undefined : inArray(column, want(kind)!));
  const [documents, kpis, agreements, sessions] = await Promise.all([
    skip("document")
      ? []
      : database
          .select({ id: document.id, label: document.title })
          .from(document)
          .where(and(eq(document.municipalityId, municipalityId), isNull(document.archivedAt), byIds(document.id, "document")))
          .orderBy(asc(document.title)),
    skip("kpi")
      ? []
      : database
          .select({ id: kpi.id, label: kpi.name })
          .from(kpi)
          .where(and(eq(kpi.municipalityId, municipalityId), byIds(kpi.id, "kpi")))
          .orderBy(asc(kpi.name)),
    skip("agreement")
      ? []
      : database
          .select({ id: deliveryAgreement.id, reference: deliveryAgreement.reference, title: agreementVersion.title })
          .from(deliveryAgreement)
          .innerJoin(agreementVersion, eq(agreementVersion.id, deliveryAgreement.currentVersionId))
          .where(and(eq(deliveryAgreement.municipalityId, municipalityId), byIds(deliveryAgreement.id, "agreement")))
          .orderBy(asc(deliveryAgreement.reference)),
    skip("training_session")
      ? []
      : database
          .select({ id: trainingSession.id, label: trainingSession.title, startsAt: trainingSession.startsAt })
          .from(trainingSession)
          .where(and(eq(trainingSession.municipalityId, municipalityId), byIds(trainingSession.id, "training_session")))
          .orderBy(asc(trainingSession.startsAt)),
  ]);
  const day = new Intl.DateTimeFormat("nl-NL", { dateStyle: "medium", timeZone: "Europe/Amsterdam" });
  return [
    ...documents.map((d) => ({ kind: "document" as const, id: d.id, label: d.label, path: PATHS.document(d.id) })),
    ...kpis.map((k) => ({ kind: "kpi" as const, id: k.id, label: k.label, path: PATHS.kpi(k.id) })),
    ...agreements.map((a) => ({ kind: "agreement" as const, id: a.id, label: `${a.reference} — ${a.title}`, path: PATHS.agreement(a.id) })),
    ...sessions.map((s) => ({ kind: "training_session" as const, id: s.id, label: `${s.label} (${day.format(s.startsAt)})`, path: PATHS.training_session(s.id) })),
  ];
}

/** Everything a task of this municipality can link to, per kind, for the link form. */
export async function listLinkTargets(municipalityId: string): Promise<LinkTarget[]> {
  return targets(municipalityId, undefined, db());
}

/** The target if it exists in the municipality (checked before a link is stored). */
export async function findLinkTarget(municipalityId: string, kind: TaskLinkKind, id: string, database: DbOrTx = db()): Promise<LinkTarget | null> {
  const [found] = await targets(municipalityId, { [kind]: [id] }, database);
  return found ?? null;
}

/** The task's links with their targets' current names and pages; `target` null when it is gone. */
export async function resolveTaskLinks<L extends { kind: TaskLinkKind; targetId: string }>(municipalityId: string, links: L[]): Promise<(L & { target: LinkTarget | null })[]> {
  if (links.length === 0) return [];
  const ids: Partial<Record<TaskLinkKind, string[]>> = {};
  for (const l of links) (ids[l.kind] ??= []).push(l.targetId);
  const found = await targets(municipalityId, ids, db());
  return links.map((l) => ({ ...l, target: found.find((t) => t.kind === l.kind && t.id === l.targetId) ?? null }));
}
