// Dutch UI strings for this feature (KPI-dashboard, KPI-pagina en metingen); spread into the main catalogue in ../nl.ts.
export const kpiDashboardNl = {
  title: "KPI-dashboard",
};

/** Labels of this feature's audit actions (logboek). */
export const kpiDashboardAuditNl = {};
