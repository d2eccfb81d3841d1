// Dutch strings of phase 3's timeliness: expected deliveries and their deadlines, reminders and
// escalation, data health per KPI, the phase-3 status per department and the gate.
export const timelinessNl = {
  health: {
    label: "Gegevenslevering",
    states: {
      missing: "Ontbreekt",
      late: "Te laat",
      on_time: "Op tijd",
      awaiting_first: "Wacht op eerste levering",
      unsigned: "Overeenkomst nog niet getekend",
      ended: "Overeenkomst verlopen of beëindigd",
      no_agreement: "Geen leveringsovereenkomst",
    },
    explain: {
      missing: "De laatste levering is na de termijn nog steeds niet (goedgekeurd) binnen.",
      late: "De laatste levering kwam na de termijn binnen.",
      on_time: "De laatste levering kwam op tijd binnen.",
      awaiting_first: "De overeenkomst geldt, maar er is nog geen levering verschuldigd.",
      unsigned: "Er is een overeenkomst in voorbereiding (concept, in bespreking of wacht op handtekeningen).",
      ended: "De overeenkomst die deze KPI voedde, is verlopen, vervangen zonder deze KPI of beëindigd.",
      no_agreement: "Geen enkele leveringsovereenkomst levert gegevens voor deze KPI.",
    },
  },
  kpiPage: {
    heading: "Gegevenslevering",
    intro: "Los van het stoplicht: komen de gegevens voor deze KPI binnen zoals afgesproken?",
    state: "Stand",
    lastDelivered: "Laatst geleverd",
    lastDeliveredValue: "{{date}}, periode {{period}}, door {{party}}, onder overeenkomst {{reference}}",
    noDelivery: "Nog geen goedgekeurde levering.",
    agreements: "Overeenkomsten die deze KPI voeden",
    agreementLine: "{{reference}} versie {{version}}: {{title}} ({{party}}) · {{status}}",
    noAgreements: "Nog geen overeenkomst voedt deze KPI.",
  },
  overview: {
    heading: "Gegevenslevering van de KPI's",
    intro: "Per KPI: komen de gegevens binnen zoals afgesproken? {{total}} KPI's in totaal.",
    none: "Er zijn nog geen KPI's.",
    link: "Naar fase 3: leveringen per afdeling",
  },
  phase: {
    heading: "Leveringen per afdeling en bron",
    intro: "Per afdeling en externe bron: de leveringsovereenkomsten en hoe de verwachte leveringen van het afgelopen jaar gingen. Een levering is op tijd als zij uiterlijk op de termijndag is goedgekeurd; te laat als zij daarna binnenkwam; ontbreekt als de termijn voorbij is zonder goedgekeurde levering; afgekeurd als alleen afgekeurde pogingen binnen zijn.",
    gateHeading: "Stand van de fasepoort",
    kpisFed: "KPI's gevoed door een geldende overeenkomst",
    kpisFedValue: "{{fedKpis}} van {{kpis}}",
    firstOnTime: "Eerste leveringen op tijd (per dataset)",
    firstOnTimeValue: "{{firstOnTime}} van {{datasets}}",
    agreementsByStatus: "Overeenkomsten per status",
    noAgreementsAtAll: "Nog geen leveringsovereenkomsten.",
    noParties: "Er zijn nog geen afdelingen of externe bronnen.",
    kinds: { department: "Afdeling", external_source: "Externe bron" },
    agreements: "Overeenkomsten",
    noAgreements: "Geen overeenkomst.",
    deliveries: "Verwachte leveringen (afgelopen jaar)",
    countsCaption: "Verwachte leveringen van {{name}} per stand",
    problemsCaption: "Te late, ontbrekende en afgekeurde leveringen van {{name}}",
    noProblems: "Geen te late of ontbrekende leveringen.",
    columns: { agreement: "Overeenkomst", dataset: "Dataset", period: "Periode", dueOn: "Termijn", status: "Stand", received: "Binnen op" },
    notReceived: "–",
    allAgreements: "Alle overeenkomsten",
    deliveriesLink: "Alle leveringen",
  },
  expectationStatus: { open: "Nog niet verschuldigd", on_time: "Op tijd", late: "Te laat", missing: "Ontbreekt", rejected: "Afgekeurd" },
  agreementStatus: {
    draft: "Concept",
    in_review: "In bespreking",
    awaiting_signatures: "Wacht op handtekeningen",
    active: "Geldend",
    superseded: "Vervangen",
    terminated: "Beëindigd",
  },
  notifications: {
    reminder: "Herinnering: {{party}} levert “{{dataset}}” over {{period}} uiterlijk {{dueDate}} ({{reference}}).",
    due: "Vandaag is de termijn: {{party}} levert “{{dataset}}” over {{period}} uiterlijk vandaag, {{dueDate}} ({{reference}}).",
    escalated: "Escalatie: “{{dataset}}” over {{period}} van {{party}} ontbreekt nog; de termijn was {{dueDate}} ({{reference}}).",
    open: "Overeenkomst bekijken",
  },
  mail: {
    reminder: {
      subject: "Herinnering: levering “{{dataset}}” over {{period}} uiterlijk {{dueDate}}",
      body: "Volgens overeenkomst {{agreement}} levert {{party}} de gegevens “{{dataset}}” over {{period}} aan {{municipality}} uiterlijk op {{dueDate}}. Die levering is nog niet binnen.",
      button: "Naar de overeenkomst",
    },
    due: {
      subject: "Vandaag is de termijn: levering “{{dataset}}” over {{period}}",
      body: "Vandaag, {{dueDate}}, is de termijn voor de levering “{{dataset}}” over {{period}} door {{party}} aan {{municipality}} (overeenkomst {{agreement}}). De levering is nog niet binnen.",
      button: "Naar de overeenkomst",
    },
    escalation: {
      subject: "Escalatie: levering “{{dataset}}” over {{period}} ontbreekt",
      body: "De levering “{{dataset}}” over {{period}} door {{party}} aan {{municipality}} (overeenkomst {{agreement}}) moest uiterlijk {{dueDate}} binnen zijn en ontbreekt nog. Volgens de afspraken gaat dit nu naar de programmaleider.",
      button: "Naar de leveringen van fase 3",
    },
  },
};

export const timelinessAuditNl = {
  "delivery.expectations_planned": "verwachte leveringen gepland",
  "delivery.reminder_sent": "herinnering voor een levering verstuurd",
  "delivery.due_reminder_sent": "herinnering op de termijndag verstuurd",
  "delivery.escalated": "ontbrekende levering geëscaleerd naar de programmaleider",
};

export const timelinessAuditObjectsNl = { delivery_expectation: "verwachte levering", delivery_agreement: "leveringsovereenkomst" };
