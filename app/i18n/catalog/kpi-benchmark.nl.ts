// Dutch strings of the comparison with other municipalities (benchmark) on the KPI page.
export const kpiBenchmarkNl = {
  heading: "Vergelijken met andere gemeenten",
  intro:
    "Gemeenten die dezelfde KPI uit de bibliotheek gebruiken, kunnen hun waarden met elkaar delen. Delen is vrijwillig en wederkerig: u ziet de waarden van anderen alleen zolang u zelf deelt. Gemeenten zijn anoniem, tenzij ze ermee instemmen met naam te worden getoond. Anonieme waarden verschijnen alleen als er per periode minstens {{min}} zijn, zodat niemand één gemeente kan herkennen.",
  notFromLibrary: "Deze KPI is niet uit de bibliotheek gekozen. Alleen KPI's met dezelfde bibliotheekdefinitie zijn eerlijk te vergelijken.",
  notShared: "Deze gemeente deelt deze KPI niet; daarom ziet u ook geen waarden van andere gemeenten.",
  notSharedReadOnly: "Een programmaleider kan deze KPI delen om te vergelijken.",
  settingsLegend: "Delen voor vergelijking",
  share: "Deel de waarden van deze KPI met gemeenten die dezelfde KPI gebruiken",
  named: "Toon onze gemeente daarbij met naam (anders anoniem)",
  save: "Instelling opslaan",
  saved: "De instelling voor vergelijken is opgeslagen.",
  sharingNamed: "U deelt deze KPI met naam.",
  sharingAnonymous: "U deelt deze KPI anoniem.",
  noPeriods: "Er zijn nog geen metingen om te vergelijken.",
  tableCaption: "Vergelijking per periode: uw waarde naast die van gemeenten die delen",
  period: "Periode",
  own: "Onze waarde",
  peers: "Gemeenten",
  lowest: "Laagste",
  median: "Mediaan",
  highest: "Hoogste",
  namedPeers: "Met naam",
  none: "–",
  withheld_one: "{{count}} gemeente deelt anoniem; te weinig om te tonen.",
  withheld_other: "{{count}} gemeenten delen anoniem; te weinig om te tonen.",
  tooFew: "te weinig",
  errors: { notFromLibrary: "Alleen KPI's uit de bibliotheek kunnen worden gedeeld.", notAllowed: "Alleen een programmaleider kan dit instellen." },
};

export const kpiBenchmarkAuditNl = {
  "kpi.benchmark_changed": "deelinstelling van KPI gewijzigd",
};
