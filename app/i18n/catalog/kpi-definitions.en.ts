// English UI strings for this feature; mirror kpi-definitions.nl.ts exactly.
import type { kpiDefinitionsAuditNl, kpiDefinitionsNl } from "./kpi-definitions.nl";

export const kpiDefinitionsEn: typeof kpiDefinitionsNl = {
  title: "KPI library",
};

export const kpiDefinitionsAuditEn: typeof kpiDefinitionsAuditNl = {};
