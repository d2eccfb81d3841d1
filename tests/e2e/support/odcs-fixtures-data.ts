// The ODCS journey's agreements in Enschede (tests/e2e/agreement-odcs.spec.ts): a draft to import
// into and an active (frozen) one that refuses imports. Plain constants, no database code.
export const ODCS_DRAFT = { id: "e2e-odcs-draft-0001", reference: "GLO-E2E-101", title: "Meldingen openbare ruimte", dataset: "Meldingen per wijk" } as const;
export const ODCS_ACTIVE = { id: "e2e-odcs-active-0001", reference: "GLO-E2E-102", title: "Afvalinzameling" } as const;
export const ODCS_DEPARTMENT = "Beheer openbare ruimte";
