// The KPI definitions and all measurements of a municipality as export tables (XLSX and CSV).
// Read-only and scoped to the member's municipality; the dashboard sheet comes from the same query
// the dashboard page uses, so a file never says something the page does not.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { department, externalSource, focusArea, kpi, kpiSuccessFactor, kpiTarget, measurement, strategicGoal, successFactor, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import type { ExportSheet } from "../exports/table-export.server";
import { amsterdamYear, loadDefinitionFacts } from "./gate-checks.server";

type T = (key: string, options?: Record<string, unknown>) => string;

/** One row per active KPI: its full definition, the target of the current year and what is missing. */
export async function definitionsSheet(member: Pick<Member, "municipalityId">, t: T, now = new Date()): Promise<ExportSheet> {
  const year = amsterdamYear(now);
  const rows = await db()
    .select({
      id: kpi.id,
      name: kpi.name,
      templateCode: kpi.templateCode,
      definition: kpi.definition,
      formula: kpi.formula,
      unit: kpi.unit,
      direction: kpi.direction,
      frequency: kpi.frequency,
      decimals: kpi.decimals,
      ownerUserId: kpi.ownerUserId,
      ownerName: user.name,
      dataNeeded: kpi.dataNeeded,
      sourceDepartmentId: kpi.sourceDepartmentId,
      sourceExternalSourceId: kpi.sourceExternalSourceId,
      departmentName: department.name,
      externalSourceName: externalSource.name,
      target: kpiTarget.target,
      greenFrom: kpiTarget.greenFrom,
      amberFrom: kpiTarget.amberFrom,
      hasTarget: sql<boolean>`${kpiTarget.id} is not null`,
      factors: sql<string | null>`(
        select string_agg(${focusArea.name} || ' › ' || ${strategicGoal.title} || ' › ' || ${successFactor.title}, '; ' order by ${focusArea.position}, ${strategicGoal.position}, ${successFactor.position})
        from ${kpiSuccessFactor}
        join ${successFactor} on ${successFactor.id} = ${kpiSuccessFactor.successFactorId} and ${successFactor.retiredAt} is null
        join ${strategicGoal} on ${strategicGoal.id} = ${successFactor.goalId}
        join ${focusArea} on ${focusArea.id} = ${strategicGoal.focusAreaId}
        where ${kpiSuccessFactor.kpiId} = ${kpi.id})`,
    })
    .from(kpi)
    .leftJoin(user, eq(user.id, kpi.ownerUserId))
    .leftJoin(department, and(eq(department.id, kpi.sourceDepartmentId), eq(department.municipalityId, member.municipalityId)))
    .leftJoin(externalSource, and(eq(externalSource.id, kpi.sourceExternalSourceId), eq(externalSource.municipalityId, member.municipalityId)))
    .leftJoin(kpiTarget, and(eq(kpiTarget.kpiId, kpi.id), eq(kpiTarget.year, year)))
    .where(and(eq(kpi.municipalityId, member.municipalityId), isNull(kpi.retiredAt)))
    .orderBy(asc(kpi.position), asc(kpi.name));
  // What is missing, exactly as the gate and the definition page count it.
  const facts = new Map((await loadDefinitionFacts(db(), member.municipalityId, { year })).map((f) => [f.id, f.missing]));
  const text = (value: string | null | undefined) => value ?? "";
  return {
    name: t("kpiExport.sheets.definitions"),
    columns: [
      { header: t("kpiExport.columns.name"), kind: "text", width: 40 },
      { header: t("kpiExport.columns.code"), kind: "text" },
      { header: t("kpiExport.columns.definition"), kind: "text", width: 50 },
      { header: t("kpiExport.columns.formula"), kind: "text", width: 40 },
      { header: t("kpiExport.columns.unit"), kind: "text", width: 30 },
      { header: t("kpiExport.columns.direction"), kind: "text", width: 22 },
      { header: t("kpiExport.columns.frequency"), kind: "text" },
      { header: t("kpiExport.columns.target", { year }), kind: "number" },
      { header: t("kpiExport.columns.greenFrom"), kind: "number" },
      { header: t("kpiExport.columns.amberFrom"), kind: "number" },
      { header: t("kpiExport.columns.owner"), kind: "text", width: 24 },
      { header: t("kpiExport.columns.source"), kind: "text", width: 28 },
      { header: t("kpiExport.columns.dataNeeded"), kind: "text", width: 40 },
      { header: t("kpiExport.columns.factors"), kind: "text", width: 60 },
      { header: t("kpiExport.columns.missing"), kind: "text", width: 40 },
    ],
    rows: rows.map((r) => {
      const missing = facts.get(r.id) ?? [];
      return [
        r.name,
        text(r.templateCode),
        text(r.definition),
        text(r.formula),
        text(r.unit),
        r.direction ? t(`kpiExport.direction.${r.direction}`) : "",
        r.frequency ? t(`kpiExport.frequency.${r.frequency}`) : "",
        r.hasTarget ? r.target : null,
        r.greenFrom,
        r.amberFrom,
        text(r.ownerName),
        text(r.departmentName ?? r.externalSourceName),
        text(r.dataNeeded),
        text(r.factors),
        missing.map((part) => t(`kpiExport.parts.${part}`)).join(", "),
      ];
    }),
    decimalsOf: (rowIndex, columnIndex) => (columnIndex >= 7 && columnIndex <= 9 ? rows[rowIndex]!.decimals : undefined),
  };
}

/** Every measurement of the active KPIs with its provenance, oldest first per KPI. */
export async function measurementsSheet(member: Pick<Member, "municipalityId">, t: T): Promise<ExportSheet> {
  const rows = await db()
    .select({
      kpiName: kpi.name,
      templateCode: kpi.templateCode,
      unit: kpi.unit,
      decimals: kpi.decimals,
      period: measurement.period,
      value: measurement.value,
      source: measurement.source,
      deliveryId: measurement.deliveryId,
      reason: measurement.reason,
      enteredBy: user.name,
      recordedAt: measurement.recordedAt,
    })
    .from(measurement)
    .innerJoin(kpi, and(eq(kpi.id, measurement.kpiId), eq(kpi.municipalityId, member.municipalityId), isNull(kpi.retiredAt)))
    .leftJoin(user, eq(user.id, measurement.enteredByUserId))
    .where(eq(measurement.municipalityId, member.municipalityId))
    .orderBy(asc(kpi.position), asc(kpi.name), asc(measurement.periodStart));
  return {
    name: t("kpiExport.sheets.measurements"),
    columns: [
      { header: t("kpiExport.columns.name"), kind: "text", width: 40 },
      { header: t("kpiExport.columns.code"), kind: "text" },
      { header: t("kpiExport.columns.period"), kind: "text" },
      { header: t("kpiExport.columns.value"), kind: "number" },
      { header: t("kpiExport.columns.unit"), kind: "text", width: 30 },
      { header: t("kpiExport.columns.provenance"), kind: "text", width: 22 },
      { header: t("kpiExport.columns.enteredBy"), kind: "text", width: 24 },
      { header: t("kpiExport.columns.recordedAt"), kind: "text", width: 20 },
      { header: t("kpiExport.columns.reason"), kind: "text", width: 50 },
    ],
    rows: rows.map((r) => [
      r.kpiName,
      r.templateCode ?? "",
      r.period,
      r.value,
      r.unit ?? "",
      r.source === "delivery" ? t("kpiExport.provenance.delivery", { id: r.deliveryId ?? "" }) : t("kpiExport.provenance.manual"),
      r.enteredBy ?? "",
      r.recordedAt.toISOString().slice(0, 16).replace("T", " "),
      r.reason ?? "",
    ]),
    decimalsOf: (rowIndex, columnIndex) => (columnIndex === 3 ? rows[rowIndex]!.decimals : undefined),
  };
}
