// Dutch UI strings for this feature; spread into the main catalogue in ../nl.ts.
export const policyMapsNl = {
  title: "",
};

/** Labels of this feature's audit actions (merged into auditActions). */
export const policyMapsAuditNl = {} as Record<string, string>;
