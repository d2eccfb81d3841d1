// The ODCS journey's own municipality (tests/e2e/agreement-odcs.spec.ts), apart from the shared
// fixture municipality so its agreements cannot change what other journeys see there: a lead, a
// library KPI, a draft to import into and an active (frozen) agreement. Plain constants.
export const ODCS_MUNICIPALITY = { name: "Hengelo", cbsCode: "GM0164" } as const;
export const ODCS_LEAD = { email: "odcs-lead@e2e.koers.test", name: "Olga ODCS", password: "Zonnige-koers-naar-2027!" } as const;
export const ODCS_KPI = { templateCode: "KRS-BER-03", name: "Tevredenheid onderhoud wegen en fietspaden" } as const;
export const ODCS_DRAFT = { id: "e2e-odcs-draft-0001", reference: "GLO-E2E-101", title: "Meldingen openbare ruimte", dataset: "Meldingen per wijk" } as const;
export const ODCS_ACTIVE = { id: "e2e-odcs-active-0001", reference: "GLO-E2E-102", title: "Afvalinzameling" } as const;
export const ODCS_DEPARTMENT = "Beheer openbare ruimte";
