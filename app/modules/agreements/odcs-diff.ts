// What an ODCS import would change in a draft: datasets added, removed and changed (with their
// fields added, changed and removed, matched by name ignoring case) and which terms change.
// Shown as the preview before the user confirms; recorded in the audit event after.
import type { DraftDataset, DraftField, DraftTerms } from "./odcs-import";

export interface DatasetChange {
  name: string;
  fieldsAdded: string[];
  fieldsChanged: string[];
  fieldsRemoved: string[];
}

export interface DraftDiff {
  datasetsAdded: { name: string; fields: number }[];
  datasetsRemoved: { name: string; fields: number }[];
  datasetsChanged: DatasetChange[];
  datasetsUnchanged: string[];
  /** Keys under `agreementOdcs.terms` of the terms that change. */
  termsChanged: string[];
}

const key = (name: string) => name.normalize("NFC").toLowerCase();

function sameField(a: DraftField, b: DraftField): boolean {
  return (
    a.name === b.name &&
    (a.description ?? null) === (b.description ?? null) &&
    a.type === b.type &&
    (a.unit ?? null) === (b.unit ?? null) &&
    a.required === b.required &&
    a.isKey === b.isKey &&
    JSON.stringify(a.allowedValues ?? null) === JSON.stringify(b.allowedValues ?? null) &&
    (a.min ?? null) === (b.min ?? null) &&
    (a.max ?? null) === (b.max ?? null) &&
    (a.kpiId ?? null) === (b.kpiId ?? null) &&
    (a.aggregation ?? null) === (b.aggregation ?? null)
  );
}

/** JSON with sorted keys and no undefined, so equal terms compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

export function diffTerms(current: DraftTerms, next: DraftTerms): string[] {
  const changed: string[] = [];
  const compare = (name: string, a: unknown, b: unknown) => {
    if (stableJson(a ?? null) !== stableJson(b ?? null)) changed.push(name);
  };
  compare("title", current.title, next.title);
  compare("frequency", current.frequency, next.frequency);
  compare("deadline", current.deadlineWorkingDays, next.deadlineWorkingDays);
  compare("reminder", current.reminderWorkingDaysBefore, next.reminderWorkingDaysBefore);
  compare("grace", current.graceWorkingDays, next.graceWorkingDays);
  compare("formats", [...current.formats].sort(), [...next.formats].sort());
  compare("startDate", current.startDate, next.startDate);
  compare("endDate", current.endDate, next.endDate);
  compare("purpose", current.terms.purpose, next.terms.purpose);
  compare("notes", current.terms.notes, next.terms.notes);
  compare("contacts", current.terms.contacts, next.terms.contacts);
  compare("escalation", current.terms.escalation, next.terms.escalation);
  compare("personalData", current.terms.personalData, next.terms.personalData);
  compare("legalGround", current.terms.legalGround, next.terms.legalGround);
  compare("retention", current.terms.retention, next.terms.retention);
  compare("quality", current.terms.quality, next.terms.quality);
  return changed;
}

export function diffDraft(current: { datasets: readonly DraftDataset[]; terms: DraftTerms }, next: { datasets: readonly DraftDataset[]; terms: DraftTerms }): DraftDiff {
  const before = new Map(current.datasets.map((d) => [key(d.name), d]));
  const after = new Map(next.datasets.map((d) => [key(d.name), d]));
  const diff: DraftDiff = { datasetsAdded: [], datasetsRemoved: [], datasetsChanged: [], datasetsUnchanged: [], termsChanged: diffTerms(current.terms, next.terms) };
  for (const ds of next.datasets) {
    const old = before.get(key(ds.name));
    if (!old) {
      diff.datasetsAdded.push({ name: ds.name, fields: ds.fields.length });
      continue;
    }
    const oldFields = new Map(old.fields.map((f) => [key(f.name), f]));
    const newFields = new Set(ds.fields.map((f) => key(f.name)));
    const change: DatasetChange = { name: ds.name, fieldsAdded: [], fieldsChanged: [], fieldsRemoved: [] };
    for (const f of ds.fields) {
      const was = oldFields.get(key(f.name));
      if (!was) change.fieldsAdded.push(f.name);
      else if (!sameField(was, f)) change.fieldsChanged.push(f.name);
    }
    for (const f of old.fields) if (!newFields.has(key(f.name))) change.fieldsRemoved.push(f.name);
    // Order matters too: a delivery's columns are checked in the agreement's order.
    const reordered = stableJson(old.fields.map((f) => key(f.name))) !== stableJson(ds.fields.map((f) => key(f.name)));
    const touched = change.fieldsAdded.length + change.fieldsChanged.length + change.fieldsRemoved.length > 0 || reordered || old.name !== ds.name || (old.description ?? null) !== (ds.description ?? null);
    if (touched) diff.datasetsChanged.push(change);
    else diff.datasetsUnchanged.push(ds.name);
  }
  for (const ds of current.datasets) if (!after.has(key(ds.name))) diff.datasetsRemoved.push({ name: ds.name, fields: ds.fields.length });
  return diff;
}

export function hasChanges(diff: DraftDiff): boolean {
  return diff.datasetsAdded.length + diff.datasetsRemoved.length + diff.datasetsChanged.length + diff.termsChanged.length > 0;
}

/** Keys for new datasets: the draft's key when the name matches, else the file's key when free, else one made from the name. */
export function assignDatasetKeys(current: readonly { key: string; name: string }[], imported: readonly { name: string; physicalName: string | null }[]): string[] {
  const byName = new Map(current.map((d) => [key(d.name), d.key]));
  const kept = imported.map((d) => byName.get(key(d.name)));
  const used = new Set(kept.filter((k): k is string => Boolean(k)));
  return imported.map((d, i) => {
    const existing = kept[i];
    if (existing) return existing;
    const candidate = d.physicalName && /^[a-z0-9][a-z0-9_-]{0,62}$/.test(d.physicalName) && !used.has(d.physicalName) ? d.physicalName : undefined;
    const base = candidate ?? (d.name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50) || "dataset");
    let k = base;
    for (let n = 2; used.has(k); n++) k = `${base}-${n}`;
    used.add(k);
    return k;
  });
}
