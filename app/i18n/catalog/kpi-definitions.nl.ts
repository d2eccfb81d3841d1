// Dutch UI strings for this feature (KPI-definities, bibliotheek en relaties); spread into the main catalogue in ../nl.ts.
export const kpiDefinitionsNl = {
  title: "KPI-bibliotheek",
};

/** Labels of this feature's audit actions (logboek). */
export const kpiDefinitionsAuditNl = {};
