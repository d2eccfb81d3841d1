// An agreement version as an Open Data Contract Standard v3.1.0 document: pure, from the same
// input the canonical text is built from (plus id, status and creation time). The standard's own
// fields carry what they can; Koers's other terms go into customProperties (odcs-vocabulary.ts).
// The caller validates the result against the official JSON schema before serving it.
import { stringify } from "yaml";
import type { AgreementStatus } from "../../../db/schema/agreements";
import type { CanonicalAgreementInput, CanonicalField } from "./canonical-text";
import { CUSTOM, DATE_FORMAT, DEADLINE_SLA, FREQUENCY_SLA, LOGICAL_TYPE, ODCS_API_VERSION, ODCS_KIND, ODCS_STATUS, PERIOD_PATTERN, retentionToSla } from "./odcs-vocabulary";

export interface OdcsExportInput extends CanonicalAgreementInput {
  agreementId: string;
  status: AgreementStatus;
  createdAt: Date;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type OdcsDocument = { [key: string]: Json };
type CustomProperty = { property: string; value: Json };

const FREQUENCY_NL = { month: "per maand", quarter: "per kwartaal", year: "per jaar" } as const;

function custom(entries: [string, Json | undefined][]): CustomProperty[] {
  return entries.filter((e): e is [string, Json] => e[1] !== undefined && e[1] !== null && e[1] !== "").map(([property, value]) => ({ property, value }));
}

/** Drops keys whose value is undefined or an empty list, so the document has no noise. */
function compact<T extends Record<string, Json | undefined>>(value: T): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as { [key: string]: Json };
}

const text = (value: string | null | undefined) => (value && value.trim() ? value.trim() : undefined);

export function odcsVersion(version: number): string {
  return `${version}.0.0`;
}

function odcsProperty(field: CanonicalField, keyPosition: number | null): { [key: string]: Json } {
  const numeric = field.type === "integer" || field.type === "decimal";
  let options: { [key: string]: Json } | undefined;
  if (numeric) options = compact({ minimum: field.min ?? undefined, maximum: field.max ?? undefined });
  else if (field.type === "date") options = { format: DATE_FORMAT };
  else if (field.type === "period") options = { pattern: PERIOD_PATTERN };
  const quality: Json[] = [];
  if (field.allowedValues && field.allowedValues.length > 0) {
    quality.push({ type: "library", metric: "invalidValues", arguments: { validValues: [...field.allowedValues] }, mustBe: 0, description: "Alleen de toegestane waarden." });
  }
  return compact({
    name: field.name,
    logicalType: LOGICAL_TYPE[field.type],
    physicalType: field.type,
    description: text(field.description),
    required: field.required,
    primaryKey: keyPosition === null ? undefined : true,
    primaryKeyPosition: keyPosition ?? undefined,
    logicalTypeOptions: options && Object.keys(options).length > 0 ? options : undefined,
    quality,
    customProperties: custom([
      [CUSTOM.unit, text(field.unit)],
      // A range on a non-numeric field has no place in logicalTypeOptions; keep it anyway.
      [CUSTOM.minimum, numeric ? undefined : (field.min ?? undefined)],
      [CUSTOM.maximum, numeric ? undefined : (field.max ?? undefined)],
      [CUSTOM.kpiCode, field.kpi?.templateCode ?? undefined],
      [CUSTOM.kpiName, field.kpi?.name],
      [CUSTOM.aggregation, field.kpi ? (field.aggregation ?? "single") : undefined],
    ]),
  });
}

export function buildOdcsContract(input: OdcsExportInput): OdcsDocument {
  const { terms } = input;
  const kpis = new Map<string, string>();
  for (const ds of input.datasets) for (const f of ds.fields) if (f.kpi) kpis.set(f.kpi.name, f.kpi.templateCode ? `${f.kpi.name} [${f.kpi.templateCode}]` : f.kpi.name);
  const usage = kpis.size > 0 ? `Levert de gegevens voor de KPI's: ${[...kpis.keys()].sort((a, b) => a.localeCompare(b, "nl")).map((k) => kpis.get(k)).join("; ")}.` : undefined;
  const description = compact({ purpose: text(terms.purpose), usage, limitations: text(terms.notes) });

  const schema: Json[] = input.datasets.map((ds) => {
    let position = 0;
    return compact({
      name: ds.name,
      physicalName: ds.key,
      physicalType: "table",
      logicalType: "object",
      description: text(ds.description),
      properties: ds.fields.map((f) => odcsProperty(f, f.isKey ? ++position : null)),
    });
  });

  const members: Json[] = terms.contacts.map((c) =>
    compact({ username: c.email?.trim() || c.name, name: c.name, role: c.role, customProperties: custom([[CUSTOM.phone, text(c.phone)]]) }),
  );
  const support: Json[] = terms.contacts
    .filter((c) => c.email?.trim())
    .map((c) => ({ channel: `${c.role}: ${c.name}`, tool: "email", url: `mailto:${c.email!.trim()}`, scope: c.role === "technical" ? "issues" : "interactive" }));

  const frequency = FREQUENCY_SLA[input.frequency];
  const sla: Json[] = [
    { property: "frequency", value: frequency.value, unit: frequency.unit, description: `Levering ${FREQUENCY_NL[input.frequency]}.` },
    {
      property: DEADLINE_SLA,
      value: input.deadlineWorkingDays,
      unit: "d",
      driver: "operational",
      description: `Uiterlijk ${input.deadlineWorkingDays} werkdagen na het einde van elke periode geleverd (werkdagen, zonder weekend en feestdagen).`,
    },
    { property: "generalAvailability", value: input.startDate, description: "Ingangsdatum van de overeenkomst." },
  ];
  if (input.endDate) sla.push({ property: "endOfLife", value: input.endDate, description: "Einddatum van de overeenkomst." });
  if (text(terms.retention)) {
    const r = retentionToSla(terms.retention!);
    sla.push(compact({ property: "retention", value: r.value, unit: r.unit, description: "Bewaartermijn van de geleverde gegevens." }));
  }

  const party = input.party.name;
  return compact({
    apiVersion: ODCS_API_VERSION,
    kind: ODCS_KIND,
    id: input.agreementId,
    name: input.title,
    version: odcsVersion(input.version),
    status: ODCS_STATUS[input.status],
    tenant: input.municipality.name,
    domain: party,
    dataProduct: input.reference,
    description: Object.keys(description).length > 0 ? description : undefined,
    schema,
    team: compact({ name: party, members }),
    support,
    slaProperties: sla,
    customProperties: custom([
      [CUSTOM.reference, input.reference],
      [CUSTOM.status, input.status],
      [CUSTOM.municipalityCode, input.municipality.cbsCode ?? undefined],
      [CUSTOM.formats, [...input.formats]],
      [CUSTOM.reminder, input.reminderWorkingDaysBefore],
      [CUSTOM.grace, input.graceWorkingDays],
      [CUSTOM.escalation, terms.escalation.map((s) => ({ afterWorkingDays: s.afterWorkingDays, to: s.to }))],
      [CUSTOM.personalData, terms.personalData],
      [CUSTOM.legalGround, text(terms.legalGround)],
      [CUSTOM.completeness, terms.quality.completenessPct],
      [CUSTOM.validity, text(terms.quality.validity)],
      [CUSTOM.timeliness, text(terms.quality.timeliness)],
    ]),
    contractCreatedTs: input.createdAt.toISOString(),
  });
}

/** The document as YAML: block style, no line folding (long descriptions stay one line), no anchors. */
export function odcsYaml(document: OdcsDocument): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}
