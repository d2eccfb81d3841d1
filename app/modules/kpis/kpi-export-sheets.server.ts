// Which KPI export a user asked for, as one sheet. The dashboard sheet is built from the same
// `loadDashboard` the page uses, so the file says what the page says.
import type { Member } from "../auth/guards.server";
import type { ExportSheet } from "../exports/table-export.server";
import { loadDashboard } from "./dashboard.server";
import { definitionsSheet, measurementsSheet } from "./kpi-export.server";

export const EXPORT_KINDS = ["dashboard", "definitions", "measurements"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

type T = (key: string, options?: Record<string, unknown>) => string;

export async function dashboardSheet(member: Member, t: T, focusAreaId?: string): Promise<ExportSheet> {
  const dashboard = await loadDashboard(member, focusAreaId ? { focusAreaId } : {});
  return {
    name: t("kpiExport.sheets.dashboard"),
    columns: [
      { header: t("kpiExport.columns.name"), kind: "text", width: 40 },
      { header: t("kpiExport.columns.code"), kind: "text" },
      { header: t("kpiExport.columns.unit"), kind: "text", width: 30 },
      { header: t("kpiExport.columns.latestPeriod"), kind: "text" },
      { header: t("kpiExport.columns.latestValue"), kind: "number" },
      { header: t("kpiExport.columns.targetOfYear"), kind: "number" },
      { header: t("kpiExport.columns.greenFrom"), kind: "number" },
      { header: t("kpiExport.columns.amberFrom"), kind: "number" },
      { header: t("kpiExport.columns.trafficLight"), kind: "text" },
      { header: t("kpiExport.columns.direction"), kind: "text", width: 22 },
      { header: t("kpiExport.columns.frequency"), kind: "text" },
      { header: t("kpiExport.columns.missing"), kind: "text", width: 40 },
    ],
    rows: dashboard.kpis.map((k) => [
      k.name,
      k.templateCode ?? "",
      k.unit ?? "",
      k.latest?.period ?? "",
      k.latest?.value ?? null,
      k.target?.target ?? null,
      k.target?.greenFrom ?? null,
      k.target?.amberFrom ?? null,
      k.latest ? t(`kpiExport.light.${k.light ?? "none"}`) : "",
      k.direction ? t(`kpiExport.direction.${k.direction}`) : "",
      k.frequency ? t(`kpiExport.frequency.${k.frequency}`) : "",
      k.missing.map((part) => t(`kpiExport.parts.${part}`)).join(", "),
    ]),
    decimalsOf: (rowIndex, columnIndex) => (columnIndex >= 4 && columnIndex <= 7 ? dashboard.kpis[rowIndex]!.decimals : undefined),
  };
}

export async function buildKpiExport(member: Member, what: ExportKind, t: T, focusAreaId?: string): Promise<ExportSheet> {
  if (what === "definitions") return definitionsSheet(member, t);
  if (what === "measurements") return measurementsSheet(member, t);
  return dashboardSheet(member, t, focusAreaId);
}
