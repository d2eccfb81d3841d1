// Data of the delivery-timeliness journey (phase 3, part D), shared by its seed and its spec.
// Plain constants: importing this pulls in no database code.
export const TIMELINESS_MUNICIPALITY = { name: "Deventer", cbsCode: "GM0150" } as const;
export const TIMELINESS_LEAD = { email: "tessa@e2e.koers.test", name: "Tessa Tijdig", password: "Zonnige-koers-naar-2027!" } as const;
export const TIMELINESS_DEPARTMENT = "Stadsbeheer";
export const TIMELINESS_SOCIAL = "Sociaal domein";
export const TIMELINESS_SOURCE = "Kadaster";
/** Fed by Stadsbeheer's agreement: one quarter delivered late, later quarters missing. */
export const FED_KPI = "Meldingen openbare ruimte binnen termijn afgehandeld";
/** Fed by an agreement of Sociaal domein that awaits signatures. */
export const UNSIGNED_KPI = "Uitstroom uit de bijstand";
/** Fed by the Kadaster agreement, delivered on time. */
export const ON_TIME_KPI = "Nieuwbouwwoningen opgeleverd";
export const FED_REFERENCE = "GLO-2026-001";
export const FED_DATASET = "Meldingen per wijk";
