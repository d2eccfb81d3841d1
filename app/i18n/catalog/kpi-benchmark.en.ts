// English strings of the comparison with other municipalities; mirror kpi-benchmark.nl.ts exactly.
import type { kpiBenchmarkAuditNl, kpiBenchmarkNl } from "./kpi-benchmark.nl";

export const kpiBenchmarkEn: typeof kpiBenchmarkNl = {
  heading: "Compare with other municipalities",
  intro:
    "Municipalities that use the same KPI from the library can share their values with each other. Sharing is voluntary and reciprocal: you see others' values only while you share your own. Municipalities are anonymous unless they agree to be shown by name. Anonymous values appear only when there are at least {{min}} of them for a period, so nobody can single out one municipality.",
  notFromLibrary: "This KPI was not chosen from the library. Only KPIs with the same library definition compare fairly.",
  notShared: "This municipality does not share this KPI, so you see no values of other municipalities either.",
  notSharedReadOnly: "A programme lead can share this KPI to compare.",
  settingsLegend: "Sharing for comparison",
  share: "Share this KPI's values with municipalities that use the same KPI",
  named: "Show our municipality by name (otherwise anonymously)",
  save: "Save setting",
  saved: "The comparison setting is saved.",
  sharingNamed: "You share this KPI by name.",
  sharingAnonymous: "You share this KPI anonymously.",
  noPeriods: "There are no measurements to compare yet.",
  tableCaption: "Comparison per period: your value next to those of municipalities that share",
  period: "Period",
  own: "Our value",
  peers: "Municipalities",
  lowest: "Lowest",
  median: "Median",
  highest: "Highest",
  namedPeers: "By name",
  none: "–",
  withheld_one: "{{count}} municipality shares anonymously; too few to show.",
  withheld_other: "{{count}} municipalities share anonymously; too few to show.",
  tooFew: "too few",
  errors: { notFromLibrary: "Only KPIs from the library can be shared.", notAllowed: "Only a programme lead can set this." },
};

export const kpiBenchmarkAuditEn: typeof kpiBenchmarkAuditNl = {
  "kpi.benchmark_changed": "KPI sharing setting changed",
};
