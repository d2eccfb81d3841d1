// Whether a draft agreement version is complete enough to go to review and to signatures, and what
// is still missing. The edit page lists the gaps; the lifecycle's `incomplete` reads the same list,
// so the page and the refusal never disagree.
import type { AgreementTerms, DeliveryFormat } from "../../../db/schema/agreements";

export const AGREEMENT_GAPS = [
  "title",
  "no_formats",
  "no_datasets",
  "empty_dataset",
  "no_kpi_field",
  "supplier_contact",
  "legal_ground",
  "end_before_start",
  "escalation",
] as const;
export type AgreementGapCode = (typeof AGREEMENT_GAPS)[number];

/** One gap; `dataset` names the dataset it is about (for empty_dataset). */
export interface AgreementGap {
  code: AgreementGapCode;
  dataset?: string;
}

export interface CompletenessFacts {
  title: string;
  formats: readonly DeliveryFormat[];
  /** ISO dates (yyyy-mm-dd). */
  startDate: string;
  endDate: string | null;
  terms: Pick<AgreementTerms, "contacts" | "personalData" | "legalGround" | "escalation">;
  datasets: readonly { name: string; fields: readonly { kpiId: string | null }[] }[];
}

const blank = (value: string | null | undefined) => !value || value.trim() === "";

export function agreementGaps(facts: CompletenessFacts): AgreementGap[] {
  const gaps: AgreementGap[] = [];
  if (blank(facts.title)) gaps.push({ code: "title" });
  if (facts.formats.length === 0) gaps.push({ code: "no_formats" });
  if (facts.datasets.length === 0) gaps.push({ code: "no_datasets" });
  for (const ds of facts.datasets) if (ds.fields.length === 0) gaps.push({ code: "empty_dataset", dataset: ds.name });
  if (!facts.datasets.some((ds) => ds.fields.some((f) => f.kpiId))) gaps.push({ code: "no_kpi_field" });
  if (!facts.terms.contacts.some((c) => c.role === "supplier" && !blank(c.name) && (!blank(c.email) || !blank(c.phone)))) gaps.push({ code: "supplier_contact" });
  if (facts.terms.personalData && blank(facts.terms.legalGround)) gaps.push({ code: "legal_ground" });
  // ISO dates compare as text.
  if (facts.endDate && facts.endDate <= facts.startDate) gaps.push({ code: "end_before_start" });
  if (facts.terms.escalation.length === 0) gaps.push({ code: "escalation" });
  return gaps;
}

/** The gaps as the lifecycle's `incomplete` list ("empty_dataset:Meldingen"). */
export function gapKeys(gaps: readonly AgreementGap[]): string[] {
  return gaps.map((g) => (g.dataset ? `${g.code}:${g.dataset}` : g.code));
}
