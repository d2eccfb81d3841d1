// Importing an ODCS v3.1.0 file into the draft version of an agreement (programme lead only).
// `previewOdcsImport` reads the file, checks it (YAML, official schema, Koers's own rules), maps it
// onto Koers and tells what would change; `applyOdcsImport` does it again inside one transaction
// with the version locked, and replaces the draft's datasets and fields and the terms the file
// carries, with its audit event. A frozen version is never touched (the triggers would refuse it
// too), and when the draft changed since the preview the user is asked to look again.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementField, agreementVersion, kpi, type AgreementStatus } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can, type Permission } from "../auth/roles";
import { isEditable } from "../../../workflows/agreement-lifecycle";
import { sha256Hex } from "./canonical-text";
import { assignDatasetKeys, diffDraft, stableJson, type DraftDiff } from "./odcs-diff";
import { draftTermsOf, findAgreement, findVersion, loadVersionDatasets, type VersionDataset, type VersionRow } from "./odcs-export.server";
import { mapOdcsToKoers, mergeTerms, type DraftTerms, type ImportedDataset } from "./odcs-import";
import { parseOdcsYaml } from "./odcs-parse";
import type { OdcsProblem } from "./odcs-problem";
import { validateOdcs } from "./odcs-schema.server";

/** Problems shown at most; the rest is counted ("en nog 12 problemen"). */
export const MAX_PROBLEMS_SHOWN = 100;

export interface OdcsImportTarget {
  agreementId: string;
  reference: string;
  version: number;
  status: AgreementStatus;
  title: string;
  editable: boolean;
  datasets: VersionDataset[];
  /** Every version, newest first, for the download links. */
  versions: { version: number; status: AgreementStatus }[];
}

export type OdcsImportOutcome =
  | { ok: false; error: "notFound" | "forbidden" | "changed" }
  | { ok: false; error: "notDraft"; version: number; status: AgreementStatus }
  | { ok: false; error: "invalid"; problems: OdcsProblem[]; more: number }
  | { ok: true; diff: DraftDiff; warnings: OdcsProblem[]; fingerprint: string; fileSha256: string };

const MANAGE: Permission = { agreement: ["manage"] };

/** The agreement's current version as the import page shows it; undefined when not the member's. */
export async function loadOdcsImportTarget(member: Pick<Member, "municipalityId">, agreementId: string): Promise<OdcsImportTarget | undefined> {
  const agreement = await findAgreement(db(), member.municipalityId, agreementId);
  if (!agreement) return undefined;
  const v = await findVersion(db(), member.municipalityId, agreement);
  if (!v) return undefined;
  return {
    agreementId: agreement.id,
    reference: agreement.reference,
    version: v.version,
    status: v.status,
    title: v.title,
    editable: isEditable(v.status) && v.canonicalText === null,
    datasets: await loadVersionDatasets(db(), member.municipalityId, v.id),
    versions: await db()
      .select({ version: agreementVersion.version, status: agreementVersion.status })
      .from(agreementVersion)
      .where(and(eq(agreementVersion.agreementId, agreement.id), eq(agreementVersion.municipalityId, member.municipalityId)))
      .orderBy(desc(agreementVersion.version)),
  };
}

/** What the draft is now, as a hash: the preview's changes hold only while it is unchanged. */
function fingerprintOf(v: VersionRow, datasets: readonly VersionDataset[]): string {
  const content = datasets.map(({ id: _id, fields, ...d }) => ({ ...d, fields: fields.map(({ kpi: _kpi, ...f }) => f) }));
  return sha256Hex(stableJson({ id: v.id, terms: draftTermsOf(v), datasets: content }));
}

type Prepared =
  | Exclude<OdcsImportOutcome, { ok: true }>
  | { ok: true; version: VersionRow; current: VersionDataset[]; datasets: ImportedDataset[]; terms: DraftTerms; diff: DraftDiff; warnings: OdcsProblem[]; fingerprint: string; fileSha256: string; reference: string };

function invalid(problems: OdcsProblem[]): Exclude<OdcsImportOutcome, { ok: true }> {
  return { ok: false, error: "invalid", problems: problems.slice(0, MAX_PROBLEMS_SHOWN), more: Math.max(0, problems.length - MAX_PROBLEMS_SHOWN) };
}

async function prepare(tx: DbOrTx, member: Member, agreementId: string, file: Uint8Array, lock: boolean): Promise<Prepared> {
  if (!can(member.role, MANAGE)) return { ok: false, error: "forbidden" };
  const agreement = await findAgreement(tx, member.municipalityId, agreementId);
  if (!agreement) return { ok: false, error: "notFound" };
  let v = await findVersion(tx, member.municipalityId, agreement);
  if (!v) return { ok: false, error: "notFound" };
  if (lock) [v] = await tx.select().from(agreementVersion).where(eq(agreementVersion.id, v.id)).for("update");
  if (!v || !isEditable(v.status) || v.canonicalText !== null) return { ok: false, error: "notDraft", version: v?.version ?? 0, status: v?.status ?? "draft" };

  const parsed = parseOdcsYaml(file);
  if (!parsed.ok) return invalid(parsed.problems);
  const schemaProblems = validateOdcs(parsed.document);
  if (schemaProblems.length > 0) return invalid(schemaProblems);
  const kpis = await tx
    .select({ id: kpi.id, name: kpi.name, templateCode: kpi.templateCode })
    .from(kpi)
    .where(and(eq(kpi.municipalityId, member.municipalityId), isNull(kpi.retiredAt)));
  const mapping = mapOdcsToKoers(parsed.document, kpis);
  const current = await loadVersionDatasets(tx, member.municipalityId, v.id);
  const merged = mergeTerms(draftTermsOf(v), mapping);
  const errors = [...mapping.errors, ...merged.errors];
  if (errors.length > 0) return invalid(errors);
  return {
    ok: true,
    version: v,
    current,
    datasets: mapping.datasets,
    terms: merged.terms,
    diff: diffDraft({ datasets: current, terms: draftTermsOf(v) }, { datasets: mapping.datasets, terms: merged.terms }),
    warnings: mapping.warnings,
    fingerprint: fingerprintOf(v, current),
    fileSha256: sha256Hex(file),
    reference: agreement.reference,
  };
}

/** Checks the file and says what importing it would change; writes nothing. */
export async function previewOdcsImport(member: Member, agreementId: string, file: Uint8Array): Promise<OdcsImportOutcome> {
  const prepared = await prepare(db(), member, agreementId, file, false);
  if (!prepared.ok) return prepared;
  const { diff, warnings, fingerprint, fileSha256 } = prepared;
  return { ok: true, diff, warnings, fingerprint, fileSha256 };
}

/**
 * Replaces the draft's datasets and fields (a dataset whose name matches keeps its key) and the
 * terms the file carries, in one transaction with its audit event. `fingerprint` is the preview's:
 * if the draft changed in between, nothing is written and the outcome is "changed".
 */
export async function applyOdcsImport(member: Member, agreementId: string, file: Uint8Array, fingerprint: string): Promise<OdcsImportOutcome> {
  return db().transaction(async (tx) => {
    const prepared = await prepare(tx, member, agreementId, file, true);
    if (!prepared.ok) return prepared;
    if (prepared.fingerprint !== fingerprint) return { ok: false, error: "changed" } as const;
    const { version: v, current, datasets, terms, diff } = prepared;
    const keys = assignDatasetKeys(current, datasets);

    // Fields go with their dataset (on delete cascade).
    await tx.delete(agreementDataset).where(and(eq(agreementDataset.versionId, v.id), eq(agreementDataset.municipalityId, member.municipalityId)));
    for (const [i, ds] of datasets.entries()) {
      const datasetId = crypto.randomUUID();
      await tx.insert(agreementDataset).values({ id: datasetId, municipalityId: member.municipalityId, versionId: v.id, key: keys[i]!, name: ds.name, description: ds.description, position: i });
      if (ds.fields.length === 0) continue;
      await tx.insert(agreementField).values(
        ds.fields.map((f, position) => ({
          id: crypto.randomUUID(),
          municipalityId: member.municipalityId,
          datasetId,
          name: f.name,
          description: f.description,
          type: f.type,
          unit: f.unit,
          required: f.required,
          isKey: f.isKey,
          allowedValues: f.allowedValues,
          min: f.min,
          max: f.max,
          kpiId: f.kpiId,
          aggregation: f.aggregation,
          position,
        })),
      );
    }
    await tx
      .update(agreementVersion)
      .set({
        title: terms.title,
        frequency: terms.frequency,
        deadlineWorkingDays: terms.deadlineWorkingDays,
        reminderWorkingDaysBefore: terms.reminderWorkingDaysBefore,
        graceWorkingDays: terms.graceWorkingDays,
        formats: terms.formats,
        startDate: terms.startDate,
        endDate: terms.endDate,
        // Through JSON: drops the keys an import cleared (undefined), as jsonb would.
        terms: JSON.parse(JSON.stringify(terms.terms)),
        updatedAt: new Date(),
      })
      .where(eq(agreementVersion.id, v.id));
    await recordAudit(tx, {
      municipalityId: member.municipalityId,
      actor: actorOf(member),
      action: "agreement.odcs_imported",
      objectType: "agreement",
      objectId: agreementId,
      origin: member.origin,
      details: {
        reference: prepared.reference,
        version: v.version,
        fileSha256: prepared.fileSha256,
        datasetsAdded: diff.datasetsAdded.map((d) => d.name),
        datasetsRemoved: diff.datasetsRemoved.map((d) => d.name),
        datasetsChanged: diff.datasetsChanged.map((d) => d.name),
        termsChanged: diff.termsChanged,
        warnings: prepared.warnings.length,
      },
    });
    return { ok: true, diff, warnings: prepared.warnings, fingerprint: prepared.fingerprint, fileSha256: prepared.fileSha256 } as const;
  });
}
