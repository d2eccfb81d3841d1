// Data the e2e database gets before the server starts (tests/e2e/support/seed-fixtures.ts), shared
// with the journeys that use it. Plain constants: importing this pulls in no database code.

/** A municipality whose phase-1 strategy work (policy map, closed quickscan) is done, phases not started. */
export const PHASES_MUNICIPALITY = { name: "Enschede", cbsCode: "GM0153" } as const;
export const PHASES_LEAD = { email: "fenna@e2e.koers.test", name: "Fenna Faseleider", password: "Zonnige-koers-naar-2027!" } as const;
export const PHASES_FOCUS_AREA = { name: "De veilige stad", goal: "Minder woninginbraken", factor: "Buurtpreventie actief in elke wijk" } as const;
export const PHASES_SCAN_ROUND = "Nulmeting 2026";

/** KPI dashboard journey (part B): a fully defined KPI of the library in Enschede, no measurements yet. */
export const DASHBOARD_KPI = { templateCode: "KRS-BER-03", name: "Tevredenheid onderhoud wegen en fietspaden", unit: "Rapportcijfer 1-10", source: "Inwonerspanel" } as const;
/** KPI definitions (part A): a department and an external source of Enschede to choose as a KPI's source. */
export const KPI_DEFINITION_FIXTURES = { department: "Veiligheid en handhaving", externalSource: "Politie Oost-Nederland" } as const;
