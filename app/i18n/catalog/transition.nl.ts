// Dutch UI strings for this feature; spread into the main catalogue in ../nl.ts.
// The transition questions of phase 1 and the "Strategische focus" section of the phase-1 page.
export const transitionNl = {
  title: "Transitievragen",
  intro:
    "Vijf vragen die het team samen beantwoordt: waar beginnen we, hoe staat de organisatie ervoor en wat is er nodig om te gaan sturen op prestaties en gegevens. Elk antwoord slaat u apart op. Heeft een teamgenoot een antwoord intussen gewijzigd, dan ziet u dat eerst; er wordt niets ongezien overschreven.",
  progress: "{{answered}} van {{total}} vragen beantwoord",
  toPhase: "Terug naar fase 1",
  readOnly: "U kunt de antwoorden lezen, maar niet wijzigen.",
  phaseDone: "Fase 1 is afgerond; de antwoorden liggen vast. Een programmaleider kan de fase heropenen om ze te wijzigen.",
  questionLabel: "Vraag {{n}}",
  answerLabel: "Antwoord van het team",
  answerHint: "Maximaal 5000 tekens.",
  notAnswered: "Nog niet beantwoord.",
  lastChanged: "Laatst gewijzigd door {{name}} op {{date}}.",
  clearedBy: "Antwoord gewist door {{name}} op {{date}}.",
  unknownUser: "een voormalig lid",
  save: "Antwoord opslaan",
  clear: "Antwoord wissen",
  clearIntro: "Het antwoord wordt voor het hele team leeggemaakt. De vraag telt dan niet meer als beantwoord.",
  clearConfirm: "Ja, antwoord wissen",
  newerVersion: "Let op: {{name}} heeft dit antwoord gewijzigd nadat u het formulier opende. Slaat u op, dan ziet u eerst beide teksten.",
  notices: {
    saved: "Antwoord opgeslagen: {{question}}",
    cleared: "Antwoord gewist: {{question}}",
    unchanged: "Het antwoord was al zo opgeslagen: {{question}}",
  },
  conflict: {
    title: "Niet opgeslagen: {{name}} heeft dit antwoord intussen gewijzigd (op {{date}}).",
    yours: "Uw eigen tekst is niet verloren: die staat nog in het invoerveld.",
    theirs: "De tekst die nu is opgeslagen, van {{name}}:",
    theirsEmpty: "{{name}} heeft het antwoord gewist; er is nu geen tekst opgeslagen.",
    next: "Vergelijk beide teksten, neem in het invoerveld over wat u wilt bewaren en sla daarna opnieuw op.",
    nextClear: "Wilt u het antwoord nog steeds wissen, kies dan opnieuw 'Antwoord wissen'.",
  },
  errors: {
    answerRequired: "Vul een antwoord in. Wilt u het opgeslagen antwoord leegmaken, gebruik dan 'Antwoord wissen'.",
    answerTooLong: "Het antwoord mag maximaal 5000 tekens lang zijn.",
    unknownQuestion: "Deze vraag bestaat niet. Vernieuw de pagina.",
    versionInvalid: "Dit formulier is verouderd. Vernieuw de pagina en probeer het opnieuw.",
    phaseDone: "Fase 1 is afgerond; de antwoorden liggen vast. Een programmaleider kan de fase heropenen om ze te wijzigen.",
    notFound: "Deze gemeente heeft geen fase 1. Vernieuw de pagina.",
    notAllowed: "U mag de transitievragen niet beantwoorden.",
  },
  questions: {
    domains_first: {
      title: "Met welke domeinen of aandachtsgebieden beginnen we, en waarom juist daarmee?",
      help: "Denk groot, begin klein. Kies één of twee domeinen waar bestuurlijke urgentie is, waar de gegevens al redelijk op orde zijn en waar een afdeling graag wil beginnen. Noem ook wat bewust later komt.",
    },
    readiness: {
      title: "Hoe groot is de bereidheid om te veranderen, en waar verwachten we weerstand?",
      help: "Hoe kijken college, directie, leidinggevenden en medewerkers aan tegen sturen op prestaties en cijfers? Waar is steun, waar twijfel? Wat leerden eerdere pogingen, zoals een vorige planning-en-controlcyclus of een dashboard dat niet werd gebruikt?",
    },
    culture: {
      title: "Welke cultuur willen we, en wat moet daarvoor veranderen?",
      help: "Beschrijf het gedrag dat hoort bij sturen op informatie: open zijn over tegenvallende cijfers, leren in plaats van afrekenen, eigenaarschap bij afdelingen. Wat verandert er in overleggen, rapportages aan college en raad en de rol van leidinggevenden?",
    },
    expertise: {
      title: "Welke kennis en vaardigheden hebben we nodig, en hoe komen we daaraan?",
      help: "Denk aan data-analyse, informatiebeheer, het formuleren van doelen en KPI's, privacy en visualisatie. Wat is er al in huis? Regelen we de rest met training, nieuwe functies, inhuur of samenwerking in de regio?",
    },
    data_ict: {
      title: "Aan welke voorwaarden moeten gegevens en ICT voldoen?",
      help: "Welke bronnen en systemen zijn nodig (zaaksysteem, financiële administratie, basisregistraties, externe bronnen zoals CBS of politie)? Wie is eigenaar van de gegevens? Wat regelen we voor kwaliteit, privacy (AVG) en informatiebeveiliging (BIO), en wat vraagt dit van de ICT-afdeling of leveranciers?",
    },
  },
  summary: {
    title: "Strategische focus",
    intro: "Hoe ver de gemeente is met de onderdelen van deze fase. De fasepoort hieronder leest dezelfde gegevens.",
    focusAreas: "Aandachtsgebieden",
    focusAreasValue: "{{chosen}} gekozen, waarvan {{complete}} met een volledige beleidskaart (minstens één doelstelling met een kritieke succesfactor).",
    focusAreasNone: "Nog geen aandachtsgebieden gekozen.",
    focusAreasLink: "Naar aandachtsgebieden en beleidskaarten",
    quickscan: "Quickscan",
    quickscanValue: "Laatste ronde: {{name}} ({{status}}). Respons: {{submitted}} van {{invited}} ingevuld ({{rate}}%).",
    quickscanNoInvitees: "Laatste ronde: {{name}} ({{status}}). Nog niemand uitgenodigd.",
    quickscanNone: "Nog geen quickscanronde.",
    quickscanLink: "Naar de quickscan",
    roundStatus: { draft: "concept", open: "open", closed: "gesloten" },
    transition: "Transitievragen",
    transitionValue: "{{answered}} van {{total}} beantwoord.",
    transitionLink: "Naar de transitievragen",
  },
};

/** Labels of this feature's audit actions (merged into auditActions). */
export const transitionAuditNl = {
  "transition.answer_saved": "transitievraag beantwoord",
  "transition.answer_cleared": "antwoord op transitievraag gewist",
  "gate.criterion_now_computed": "criterium wordt voortaan automatisch berekend",
} as Record<string, string>;
