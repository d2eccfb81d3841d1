// Data of the deliveries journey (tests/e2e/deliveries.spec.ts), seeded by seed-deliveries.ts.
export const DELIVERIES_FIXTURE = {
  reference: "GLO-E2E-001",
  title: "Meldingen openbare ruimte",
  department: "Stadsbeheer (leveringen)",
  kpiName: "Meldingen openbare ruimte per kwartaal",
  datasetName: "Meldingen openbare ruimte per wijk",
} as const;
