// Templates per common source (code data): terms and reference datasets that agreements with KvK,
// Kadaster/BAG, the police, CBS or an internal department usually have. A new draft starts from
// one; the author adjusts everything. The texts are the agreement's own (Dutch) content, so they
// are not in the UI catalogues; only the template names are.
import type { AgreementTerms, DeliveryFormat } from "../../../db/schema/agreements";
import type { ProposedDataset } from "./proposal";

export const TEMPLATE_KEYS = ["internal", "kvk", "kadaster_bag", "politie", "cbs"] as const;
export type AgreementTemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface AgreementTemplate {
  key: AgreementTemplateKey;
  /** Which party it fits: an internal department, or an external source whose name matches. */
  party: "department" | "external_source";
  sourceNamePattern?: RegExp;
  formats: DeliveryFormat[];
  deadlineWorkingDays?: number;
  terms: AgreementTerms;
  /** Datasets besides the KPI values proposed from the chosen KPIs. */
  datasets: ProposedDataset[];
}

const ESCALATION_INTERNAL = [
  { afterWorkingDays: 0, to: "Contactpersoon van de leverende afdeling (herinnering)" },
  { afterWorkingDays: 3, to: "Eigenaar van de afdeling" },
  { afterWorkingDays: 5, to: "Programmaleider" },
];
const ESCALATION_EXTERNAL = [
  { afterWorkingDays: 0, to: "Contactpersoon bij de bron (herinnering)" },
  { afterWorkingDays: 5, to: "Accountmanager bij de bron" },
  { afterWorkingDays: 10, to: "Programmaleider" },
];

const field = (name: string, type: ProposedDataset["fields"][number]["type"], over: Partial<ProposedDataset["fields"][number]> = {}): ProposedDataset["fields"][number] => ({
  name,
  description: null,
  type,
  unit: null,
  required: true,
  isKey: false,
  allowedValues: null,
  min: null,
  max: null,
  kpiId: null,
  aggregation: null,
  ...over,
});

export const AGREEMENT_TEMPLATES: Readonly<Record<AgreementTemplateKey, AgreementTemplate>> = {
  internal: {
    key: "internal",
    party: "department",
    formats: ["csv", "xlsx"],
    terms: {
      purpose: "Sturen op de KPI's van het programma: de afdeling levert de gegevens waaruit de KPI-waarden worden berekend.",
      contacts: [],
      quality: { completenessPct: 100, validity: "Waarden volgen de veldregels van deze overeenkomst.", timeliness: "Binnen de termijn na het einde van elke periode." },
      escalation: ESCALATION_INTERNAL,
      personalData: false,
      retention: "7 jaar na het einde van de periode (Archiefwet)",
    },
    datasets: [],
  },
  kvk: {
    key: "kvk",
    party: "external_source",
    sourceNamePattern: /\bkvk\b|kamer van koophandel/i,
    formats: ["csv", "api"],
    terms: {
      purpose: "Economische KPI's: vestigingen en werkgelegenheid in de gemeente uit het Handelsregister.",
      contacts: [],
      quality: { completenessPct: 98, validity: "KvK-nummers van 8 cijfers; SBI-codes volgens de SBI-lijst van het CBS.", timeliness: "Stand per de eerste dag na de periode." },
      escalation: ESCALATION_EXTERNAL,
      legalGround: "Art. 6 lid 1 sub e AVG: taak van algemeen belang (Handelsregisterwet 2007)",
      personalData: true,
      retention: "2 jaar; daarna alleen geaggregeerde cijfers",
    },
    datasets: [
      {
        key: "vestigingen",
        name: "Vestigingen",
        description: "Ingeschreven vestigingen in de gemeente aan het einde van de periode.",
        fields: [
          field("kvk_nummer", "text", { isKey: true, description: "KvK-nummer (8 cijfers)" }),
          field("vestigingsnummer", "text", { isKey: true, description: "Vestigingsnummer (12 cijfers)" }),
          field("sbi_code", "text", { description: "Hoofdactiviteit volgens de SBI" }),
          field("werkzame_personen", "integer", { min: 0, unit: "personen" }),
        ],
      },
    ],
  },
  kadaster_bag: {
    key: "kadaster_bag",
    party: "external_source",
    sourceNamePattern: /kadaster|\bbag\b/i,
    formats: ["csv", "api"],
    terms: {
      purpose: "Wonen en ruimte: woningvoorraad en nieuwbouw uit de Basisregistratie Adressen en Gebouwen.",
      contacts: [],
      quality: { completenessPct: 100, validity: "Identificaties volgens de BAG; status volgens de BAG-catalogus.", timeliness: "Stand per de eerste dag na de periode." },
      escalation: ESCALATION_EXTERNAL,
      legalGround: "Art. 6 lid 1 sub e AVG: taak van algemeen belang (Wet basisregistratie adressen en gebouwen)",
      personalData: false,
      retention: "Zolang de KPI bestaat",
    },
    datasets: [
      {
        key: "verblijfsobjecten",
        name: "Verblijfsobjecten",
        description: "Verblijfsobjecten met een woonfunctie in de gemeente.",
        fields: [
          field("verblijfsobject_id", "text", { isKey: true, description: "BAG-identificatie (16 cijfers)" }),
          field("status", "text", { allowedValues: ["Verblijfsobject in gebruik", "Verblijfsobject gevormd", "Verblijfsobject buiten gebruik"] }),
          field("oppervlakte", "integer", { min: 1, unit: "m²" }),
          field("bouwjaar", "integer", { min: 1000, max: 2100 }),
        ],
      },
    ],
  },
  politie: {
    key: "politie",
    party: "external_source",
    sourceNamePattern: /politie/i,
    formats: ["csv", "xlsx"],
    terms: {
      purpose: "Veiligheid: geregistreerde misdrijven en meldingen in de gemeente, per wijk.",
      contacts: [],
      quality: { completenessPct: 95, validity: "Misdrijfsoorten volgens de indeling van de politie.", timeliness: "Binnen de termijn na het einde van elke periode." },
      escalation: ESCALATION_EXTERNAL,
      personalData: false,
      retention: "5 jaar",
      notes: "Alleen geaggregeerde aantallen per wijk; geen gegevens over personen.",
    },
    datasets: [
      {
        key: "misdrijven-per-wijk",
        name: "Misdrijven per wijk",
        description: "Aantal geregistreerde misdrijven per wijk en soort.",
        fields: [
          field("wijkcode", "text", { isKey: true, description: "CBS-wijkcode (WK…)" }),
          field("soort", "text", { isKey: true }),
          field("aantal", "integer", { min: 0 }),
        ],
      },
    ],
  },
  cbs: {
    key: "cbs",
    party: "external_source",
    sourceNamePattern: /\bcbs\b|statistiek/i,
    formats: ["csv", "api"],
    terms: {
      purpose: "Vergelijkbare kerncijfers van de gemeente uit de statistieken van het CBS (StatLine).",
      contacts: [],
      quality: { completenessPct: 100, validity: "Cijfers zoals gepubliceerd op StatLine; voorlopige cijfers gemarkeerd.", timeliness: "Zodra het CBS de periode publiceert." },
      escalation: ESCALATION_EXTERNAL,
      personalData: false,
      retention: "Zolang de KPI bestaat",
    },
    datasets: [],
  },
};

/** The template that fits a party: the internal one for a department, by name for an external source (none if no name matches). */
export function suggestTemplate(party: { kind: "department" | "external_source"; name: string }): AgreementTemplateKey | null {
  if (party.kind === "department") return "internal";
  return TEMPLATE_KEYS.find((key) => AGREEMENT_TEMPLATES[key].sourceNamePattern?.test(party.name)) ?? null;
}
