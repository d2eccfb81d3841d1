// The model's default training checklist: topics and the roles that need them. Every municipality
// starts with these (trainers rename, add, retire and re-assign them); the key keeps the link.
import type { Role } from "../auth/roles";

export interface DefaultTopic {
  key: string;
  title: string;
  description: string;
  roles: Role[];
}

export const DEFAULT_TOPICS: readonly DefaultTopic[] = [
  {
    key: "dashboard-read",
    title: "Dashboard lezen",
    description: "KPI-kaarten, stoplicht en gegevenslevering lezen; trend, prognose en vergelijking met andere gemeenten duiden.",
    roles: ["programme_lead", "department_owner", "staff", "trainer", "viewer"],
  },
  {
    key: "rules-of-use",
    title: "Spelregels kennen",
    description: "Welke cijfers leidend zijn, wie een KPI mag wijzigen en hoe vaak de gegevens ververst worden.",
    roles: ["programme_lead", "department_owner", "staff", "trainer", "viewer"],
  },
  {
    key: "delivery-upload",
    title: "Levering uploaden",
    description: "Een CSV- of XLSX-levering aanleveren, het foutenrapport lezen en een levering opnieuw aanleveren.",
    roles: ["programme_lead", "department_owner", "staff"],
  },
  {
    key: "kpi-definition-change",
    title: "KPI-definitie wijzigen",
    description: "Een KPI definiëren of wijzigen: formule, eenheid, streefwaarde en normen, frequentie, eigenaar en bron.",
    roles: ["programme_lead", "department_owner"],
  },
  {
    key: "agreement-sign",
    title: "Leveringsafspraak beoordelen en ondertekenen",
    description: "Een gegevensleveringsovereenkomst bespreken, ondertekenen en een nieuwe versie aanvragen.",
    roles: ["programme_lead", "department_owner"],
  },
];
