// English UI strings for this feature; mirror kpi-dashboard.nl.ts exactly.
import type { kpiDashboardAuditNl, kpiDashboardNl } from "./kpi-dashboard.nl";

export const kpiDashboardEn: typeof kpiDashboardNl = {
  title: "KPI dashboard",
};

export const kpiDashboardAuditEn: typeof kpiDashboardAuditNl = {};
