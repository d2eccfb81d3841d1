// What every phase board starts with: the default columns and the model's tasks per phase.
// Names are stored as data (users rename columns and edit tasks); the template key stays.
import type { PhaseNumber } from "../../../workflows/phase-gate";

export const DEFAULT_COLUMNS: readonly { name: string; done: boolean }[] = [
  { name: "Te doen", done: false },
  { name: "Bezig", done: false },
  { name: "Review", done: false },
  { name: "Klaar", done: true },
];

export const PHASE_TASK_TEMPLATES: Record<PhaseNumber, readonly { key: string; title: string }[]> = {
  1: [
    { key: "vision", title: "Visie opstellen" },
    { key: "quickscan", title: "Quickscan uitzetten" },
    { key: "policy-maps", title: "Beleidskaarten per aandachtsgebied" },
  ],
  2: [
    { key: "kpi-choose", title: "KPI's kiezen uit de bibliotheek" },
    { key: "kpi-define", title: "KPI's definiëren" },
    { key: "kpi-owners", title: "Eigenaren per KPI vastleggen" },
  ],
  3: [
    { key: "agreements-draft", title: "Leveringsovereenkomsten opstellen" },
    { key: "agreements-sign", title: "Overeenkomsten laten ondertekenen" },
    { key: "first-deliveries", title: "Eerste leveringen controleren" },
  ],
  4: [
    { key: "rules", title: "Spelregels opstellen" },
    { key: "training-plan", title: "Trainingen plannen" },
    { key: "go-live", title: "Ingebruikname voorbereiden" },
  ],
};
