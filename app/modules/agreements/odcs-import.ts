// An ODCS v3.1.0 contract (already parsed and valid against the schema) mapped onto Koers: the
// datasets and fields of a draft version, the KPIs they feed, and the terms ODCS carries. Pure:
// the municipality's current KPIs come in as a list. Errors block the import; warnings say what
// Koers could not take over, and the import goes on without it.
import { DELIVERY_FORMATS, FIELD_TYPES, KPI_AGGREGATIONS, type AgreementTerms, type DeliveryFormat, type FieldType, type KpiAggregation } from "../../../db/schema/agreements";
import type { KpiFrequency } from "../../../db/schema/kpis";
import type { OdcsProblem } from "./odcs-problem";
import { contactRoleFrom, CUSTOM, DEADLINE_SLA, fieldTypeFits, frequencyFromSla, retentionFromSla } from "./odcs-vocabulary";

export interface KpiOption {
  id: string;
  name: string;
  templateCode: string | null;
}

export interface DraftField {
  name: string;
  description: string | null;
  type: FieldType;
  unit: string | null;
  required: boolean;
  isKey: boolean;
  allowedValues: string[] | null;
  min: number | null;
  max: number | null;
  kpiId: string | null;
  aggregation: KpiAggregation | null;
}

export interface DraftDataset {
  name: string;
  description: string | null;
  fields: DraftField[];
}

export interface ImportedDataset extends DraftDataset {
  /** The dataset's key in the file (`physicalName`), used for a new dataset when it is free. */
  physicalName: string | null;
}

/** The version-level terms Koers keeps; an import changes those the file carries. */
export interface DraftTerms {
  title: string;
  frequency: KpiFrequency;
  deadlineWorkingDays: number;
  reminderWorkingDaysBefore: number;
  graceWorkingDays: number;
  formats: DeliveryFormat[];
  startDate: string;
  endDate: string | null;
  terms: AgreementTerms;
}

export interface OdcsMapping {
  datasets: ImportedDataset[];
  /** Only what the file says; merged over the draft's terms by `mergeTerms`. */
  terms: Partial<Omit<DraftTerms, "terms">> & { terms: Partial<AgreementTerms> };
  /**
   * Written by Koers (it names its Koers reference): a term it leaves out is empty, not unknown,
   * so the import clears it. A file from elsewhere only changes the terms it names.
   */
  complete: boolean;
  errors: OdcsProblem[];
  warnings: OdcsProblem[];
}

export const LIMITS = { name: 200, description: 4000, datasets: 50, fields: 300, values: 200 } as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The custom properties of a node by name, with their index for error paths (first one wins). */
function customOf(node: Obj): Map<string, { value: unknown; index: number }> {
  const map = new Map<string, { value: unknown; index: number }>();
  list(node.customProperties).forEach((cp, index) => {
    if (isObj(cp) && typeof cp.property === "string" && !map.has(cp.property)) map.set(cp.property, { value: cp.value, index });
  });
  return map;
}

function wholeNumber(value: unknown, min: number, max: number): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function fieldType(prop: Obj, at: string, errors: OdcsProblem[], warnings: OdcsProblem[]): FieldType | undefined {
  const logical = typeof prop.logicalType === "string" ? prop.logicalType : undefined;
  const physical = typeof prop.physicalType === "string" ? prop.physicalType.trim().toLowerCase() : undefined;
  if (logical === "object" || logical === "array" || prop.properties !== undefined || prop.items !== undefined) {
    errors.push({ path: `${at}.logicalType`, code: "nestedNotSupported" });
    return undefined;
  }
  if (physical && (FIELD_TYPES as readonly string[]).includes(physical) && fieldTypeFits(physical as FieldType, logical)) return physical as FieldType;
  switch (logical) {
    case "string":
      return "text";
    case "integer":
      return "integer";
    case "number":
      return "decimal";
    case "date":
      return "date";
    case "boolean":
      return "boolean";
    case "timestamp":
      warnings.push({ path: `${at}.logicalType`, code: "timestampAsDate" });
      return "date";
    case "time":
      warnings.push({ path: `${at}.logicalType`, code: "timeAsText" });
      return "text";
    default:
      warnings.push({ path: `${at}.logicalType`, code: "noTypeAsText" });
      return "text";
  }
}

function kpiFor(code: string | undefined, name: string | undefined, kpis: readonly KpiOption[]): KpiOption | undefined {
  const byCode = code ? kpis.find((k) => k.templateCode && k.templateCode.toLowerCase() === code.toLowerCase()) : undefined;
  if (byCode) return byCode;
  const wanted = name?.normalize("NFC").toLowerCase();
  return wanted ? kpis.find((k) => k.name.normalize("NFC").toLowerCase() === wanted) : undefined;
}

function mapField(prop: Obj, at: string, kpis: readonly KpiOption[], errors: OdcsProblem[], warnings: OdcsProblem[]): DraftField | undefined {
  const name = str(prop.name);
  if (!name) {
    errors.push({ path: `${at}.name`, code: "nameEmpty" });
    return undefined;
  }
  if (name.length > LIMITS.name) errors.push({ path: `${at}.name`, code: "tooLong", values: { max: LIMITS.name } });
  const description = str(prop.description) ?? null;
  if (description && description.length > LIMITS.description) errors.push({ path: `${at}.description`, code: "tooLong", values: { max: LIMITS.description } });
  const type = fieldType(prop, at, errors, warnings);
  if (!type) return undefined;
  const custom = customOf(prop);
  const customPath = (key: string) => `${at}.customProperties[${custom.get(key)!.index}].value`;

  let min: number | null = null;
  let max: number | null = null;
  const options = isObj(prop.logicalTypeOptions) ? prop.logicalTypeOptions : {};
  if (type === "integer" || type === "decimal") {
    if (typeof options.minimum === "number") min = options.minimum;
    if (typeof options.maximum === "number") max = options.maximum;
    for (const key of ["exclusiveMinimum", "exclusiveMaximum", "multipleOf"]) if (options[key] !== undefined) warnings.push({ path: `${at}.logicalTypeOptions.${key}`, code: "optionIgnored" });
  } else {
    for (const [key, set] of [
      [CUSTOM.minimum, (v: number) => (min = v)],
      [CUSTOM.maximum, (v: number) => (max = v)],
    ] as const) {
      const entry = custom.get(key);
      if (entry === undefined) continue;
      if (typeof entry.value === "number" && Number.isFinite(entry.value)) set(entry.value);
      else errors.push({ path: customPath(key), code: "mustBeNumber" });
    }
  }
  if (min !== null && max !== null && min > max) errors.push({ path: `${at}.logicalTypeOptions`, code: "rangeOrder", values: { min, max } });

  let allowedValues: string[] | null = null;
  list(prop.quality).forEach((q, i) => {
    const rule = isObj(q) ? q : {};
    const validValues = isObj(rule.arguments) ? rule.arguments.validValues : undefined;
    if (rule.metric === "invalidValues" && Array.isArray(validValues)) {
      const values = validValues.filter((v) => ["string", "number", "boolean"].includes(typeof v)).map((v) => String(v).trim()).filter(Boolean);
      if (values.length !== validValues.length) errors.push({ path: `${at}.quality[${i}].arguments.validValues`, code: "validValuesScalar" });
      else if (values.length > LIMITS.values) errors.push({ path: `${at}.quality[${i}].arguments.validValues`, code: "tooMany", values: { max: LIMITS.values } });
      else allowedValues = [...new Set([...(allowedValues ?? []), ...values])];
    } else warnings.push({ path: `${at}.quality[${i}]`, code: "qualityIgnored" });
  });

  const unitEntry = custom.get(CUSTOM.unit);
  const unit = unitEntry ? str(unitEntry.value) ?? null : null;
  if (unitEntry && typeof unitEntry.value !== "string") errors.push({ path: customPath(CUSTOM.unit), code: "mustBeText" });

  let kpiId: string | null = null;
  let aggregation: KpiAggregation | null = null;
  const code = str(custom.get(CUSTOM.kpiCode)?.value);
  const kpiName = str(custom.get(CUSTOM.kpiName)?.value);
  const aggregationEntry = custom.get(CUSTOM.aggregation);
  if (aggregationEntry && !(KPI_AGGREGATIONS as readonly unknown[]).includes(aggregationEntry.value)) {
    errors.push({ path: customPath(CUSTOM.aggregation), code: "enum", values: { allowed: KPI_AGGREGATIONS.join(", ") } });
  }
  if (code || kpiName) {
    const found = kpiFor(code, kpiName, kpis);
    if (found) {
      kpiId = found.id;
      aggregation = (KPI_AGGREGATIONS as readonly unknown[]).includes(aggregationEntry?.value) ? (aggregationEntry!.value as KpiAggregation) : "single";
    } else {
      const label = kpiName && code ? `${kpiName} [${code}]` : (kpiName ?? code!);
      warnings.push({ path: `${at}.customProperties`, code: "kpiUnknown", values: { kpi: label, field: name } });
    }
  }

  return {
    name,
    description,
    type,
    unit,
    required: prop.required === true,
    isKey: prop.primaryKey === true,
    allowedValues,
    min,
    max,
    kpiId,
    aggregation,
  };
}

function mapDatasets(doc: Obj, kpis: readonly KpiOption[], errors: OdcsProblem[], warnings: OdcsProblem[]): ImportedDataset[] {
  const objects = list(doc.schema);
  if (objects.length === 0) {
    errors.push({ path: "schema", code: "noDatasets" });
    return [];
  }
  if (objects.length > LIMITS.datasets) errors.push({ path: "schema", code: "tooMany", values: { max: LIMITS.datasets } });
  const names = new Set<string>();
  const datasets: ImportedDataset[] = [];
  objects.forEach((node, i) => {
    const at = `schema[${i}]`;
    const obj = isObj(node) ? node : {};
    const name = str(obj.name);
    if (!name) return errors.push({ path: `${at}.name`, code: "nameEmpty" });
    if (name.length > LIMITS.name) errors.push({ path: `${at}.name`, code: "tooLong", values: { max: LIMITS.name } });
    if (names.has(name.toLowerCase())) errors.push({ path: `${at}.name`, code: "datasetDuplicate", values: { name } });
    names.add(name.toLowerCase());
    const props = list(obj.properties);
    if (props.length === 0) errors.push({ path: `${at}.properties`, code: "noFields", values: { name } });
    if (props.length > LIMITS.fields) errors.push({ path: `${at}.properties`, code: "tooMany", values: { max: LIMITS.fields } });
    const fieldNames = new Set<string>();
    const fields: DraftField[] = [];
    props.forEach((p, j) => {
      const field = mapField(isObj(p) ? p : {}, `${at}.properties[${j}]`, kpis, errors, warnings);
      if (!field) return;
      if (fieldNames.has(field.name.toLowerCase())) errors.push({ path: `${at}.properties[${j}].name`, code: "fieldDuplicate", values: { name: field.name } });
      fieldNames.add(field.name.toLowerCase());
      fields.push(field);
    });
    const description = str(obj.description) ?? null;
    if (description && description.length > LIMITS.description) errors.push({ path: `${at}.description`, code: "tooLong", values: { max: LIMITS.description } });
    datasets.push({ name, description, physicalName: str(obj.physicalName) ?? null, fields });
  });
  return datasets;
}

function mapSla(doc: Obj, out: OdcsMapping["terms"], errors: OdcsProblem[], warnings: OdcsProblem[]): void {
  const seen = new Set<string>();
  list(doc.slaProperties).forEach((node, i) => {
    const sla = isObj(node) ? node : {};
    const property = String(sla.property);
    const at = `slaProperties[${i}].value`;
    if (seen.has(property)) return warnings.push({ path: `slaProperties[${i}]`, code: "duplicateIgnored" });
    seen.add(property);
    const unit = typeof sla.unit === "string" ? sla.unit : undefined;
    switch (property) {
      case "frequency": {
        const frequency = frequencyFromSla(sla.value, unit);
        if (frequency) out.frequency = frequency;
        else errors.push({ path: at, code: "frequencyUnsupported" });
        break;
      }
      case DEADLINE_SLA: {
        const days = wholeNumber(sla.value, 0, 60);
        if (days === undefined || (unit !== undefined && !["d", "day", "days"].includes(unit.toLowerCase()))) errors.push({ path: at, code: "deadlineDays", values: { max: 60 } });
        else out.deadlineWorkingDays = days;
        break;
      }
      case "generalAvailability":
      case "endOfLife": {
        const date = typeof sla.value === "string" ? sla.value.slice(0, 10) : "";
        if (!validDate(date)) errors.push({ path: at, code: "formatDate" });
        else if (property === "generalAvailability") out.startDate = date;
        else out.endDate = date;
        break;
      }
      case "retention": {
        const retention = retentionFromSla(sla.value, unit);
        if (retention) out.terms.retention = retention;
        else warnings.push({ path: at, code: "retentionIgnored" });
        break;
      }
      default:
        warnings.push({ path: `slaProperties[${i}].property`, code: "slaIgnored", values: { property } });
    }
  });
}

function mapContacts(doc: Obj, out: OdcsMapping["terms"], errors: OdcsProblem[], warnings: OdcsProblem[]): void {
  if (!isObj(doc.team) || !Array.isArray(doc.team.members)) return;
  const contacts: AgreementTerms["contacts"] = [];
  doc.team.members.forEach((node, i) => {
    const m = isObj(node) ? node : {};
    const at = `team.members[${i}]`;
    const username = str(m.username) ?? "";
    const email = EMAIL.test(username) ? username : undefined;
    const name = str(m.name) ?? (email ? undefined : username || undefined);
    if (!name) return errors.push({ path: `${at}.name`, code: "contactName" });
    let role = contactRoleFrom(str(m.role));
    if (!role) {
      warnings.push({ path: `${at}.role`, code: "contactRole", values: { role: String(m.role ?? "") } });
      role = "supplier";
    }
    const phone = str(customOf(m).get(CUSTOM.phone)?.value);
    contacts.push({ role, name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) });
  });
  out.terms.contacts = contacts;
}

function mapCustom(doc: Obj, out: OdcsMapping["terms"], errors: OdcsProblem[]): void {
  const custom = customOf(doc);
  const at = (key: string) => `customProperties[${custom.get(key)!.index}].value`;
  const read = <T>(key: string, parse: (v: unknown) => T | undefined, code: string, values?: OdcsProblem["values"]): T | undefined => {
    const entry = custom.get(key);
    if (!entry) return undefined;
    const value = parse(entry.value);
    if (value === undefined) errors.push({ path: at(key), code, values });
    return value;
  };
  const formats = read(CUSTOM.formats, (v) => (Array.isArray(v) && v.length > 0 && v.every((f) => (DELIVERY_FORMATS as readonly unknown[]).includes(f)) ? [...new Set(v as DeliveryFormat[])] : undefined), "formats", { allowed: DELIVERY_FORMATS.join(", ") });
  if (formats) out.formats = formats;
  const reminder = read(CUSTOM.reminder, (v) => wholeNumber(v, 0, 30), "wholeNumber", { min: 0, max: 30 });
  if (reminder !== undefined) out.reminderWorkingDaysBefore = reminder;
  const grace = read(CUSTOM.grace, (v) => wholeNumber(v, 0, 60), "wholeNumber", { min: 0, max: 60 });
  if (grace !== undefined) out.graceWorkingDays = grace;
  const ladder = read(
    CUSTOM.escalation,
    (v) => {
      if (!Array.isArray(v)) return undefined;
      const steps = v.map((s) => (isObj(s) && wholeNumber(s.afterWorkingDays, 0, 120) !== undefined && str(s.to) ? { afterWorkingDays: s.afterWorkingDays as number, to: str(s.to)! } : undefined));
      return steps.every(Boolean) ? (steps as AgreementTerms["escalation"]) : undefined;
    },
    "escalation",
  );
  if (ladder) out.terms.escalation = ladder;
  const personalData = read(CUSTOM.personalData, (v) => (typeof v === "boolean" ? v : undefined), "typeBoolean");
  if (personalData !== undefined) out.terms.personalData = personalData;
  const text = (key: string, target: "legalGround" | "validity" | "timeliness") => {
    const value = read(key, (v) => (typeof v === "string" ? v.trim() : undefined), "typeString");
    if (value === undefined) return;
    if (target === "legalGround") out.terms.legalGround = value || undefined;
    else out.terms.quality = { ...out.terms.quality, [target]: value || undefined };
  };
  text(CUSTOM.legalGround, "legalGround");
  text(CUSTOM.validity, "validity");
  text(CUSTOM.timeliness, "timeliness");
  const completeness = read(CUSTOM.completeness, (v) => (typeof v === "number" && v >= 0 && v <= 100 ? v : undefined), "percentage");
  if (completeness !== undefined) out.terms.quality = { ...out.terms.quality, completenessPct: completeness };
}

export function mapOdcsToKoers(doc: Obj, kpis: readonly KpiOption[]): OdcsMapping {
  const errors: OdcsProblem[] = [];
  const warnings: OdcsProblem[] = [];
  const complete = customOf(doc).has(CUSTOM.reference);
  const terms: OdcsMapping["terms"] = complete
    ? { endDate: null, terms: { purpose: undefined, notes: undefined, retention: undefined, legalGround: undefined, quality: {}, escalation: [], contacts: [] } }
    : { terms: {} };
  const title = str(doc.name);
  if (title) {
    if (title.length > LIMITS.name) errors.push({ path: "name", code: "tooLong", values: { max: LIMITS.name } });
    terms.title = title;
  }
  if (isObj(doc.description)) {
    const purpose = str(doc.description.purpose);
    const limitations = str(doc.description.limitations);
    if (purpose) terms.terms.purpose = purpose;
    if (limitations) terms.terms.notes = limitations;
  }
  const datasets = mapDatasets(doc, kpis, errors, warnings);
  mapSla(doc, terms, errors, warnings);
  mapContacts(doc, terms, errors, warnings);
  mapCustom(doc, terms, errors);
  return { datasets, terms, complete, errors, warnings };
}

/** The draft's terms with the file's over them; checks that only hold for the whole (dates, AVG). */
export function mergeTerms(current: DraftTerms, mapping: Pick<OdcsMapping, "terms" | "complete">): { terms: DraftTerms; errors: OdcsProblem[] } {
  const { terms: importedTerms, ...version } = mapping.terms;
  const merged: DraftTerms = {
    ...current,
    ...version,
    terms: {
      ...current.terms,
      ...importedTerms,
      quality: mapping.complete ? { ...importedTerms.quality } : { ...current.terms.quality, ...importedTerms.quality },
    },
  };
  const errors: OdcsProblem[] = [];
  if (merged.endDate && merged.endDate < merged.startDate) errors.push({ path: "slaProperties", code: "endBeforeStart", values: { start: merged.startDate, end: merged.endDate } });
  if (merged.terms.personalData && !merged.terms.legalGround?.trim()) errors.push({ path: "customProperties", code: "legalGroundRequired" });
  return { terms: merged, errors };
}
