// Editing a draft agreement version: every term (parties' contacts, frequency and deadline in
// working days, formats, quality rules, AVG legal ground, retention, escalation ladder, start and
// end date) in one form, and the datasets with their fields (add, edit, remove, reorder). A frozen
// version is not editable: the page says so and offers a new version on the agreement's page.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Fieldset, FieldsetLegend, FormFieldCheckbox, Heading1, Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import type { z } from "zod";
import { DELIVERY_FORMATS, FIELD_TYPES, KPI_AGGREGATIONS } from "../../../db/schema/agreements";
import { KPI_FREQUENCIES } from "../../../db/schema/kpis";
import { FieldsTable } from "../../components/agreements/agreement-version";
import { SelectField } from "../../components/kpis/select-field";
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { TextareaField } from "../../components/ui/textarea-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import type { AgreementOutcome } from "../../modules/agreements/agreement-access.server";
import { loadAgreementEdit } from "../../modules/agreements/agreement-view.server";
import { updateTerms } from "../../modules/agreements/agreements.server";
import { moveDataset, moveField, removeDataset, removeField, saveDataset, saveField } from "../../modules/agreements/datasets.server";
import { refusalReply } from "../../modules/agreements/outcome-messages.server";
import { CONTACT_ROLES, datasetSchema, ESCALATION_STEPS, fieldSchema, moveSchema, removeSchema, termsSchema, termsToFormValues } from "../../modules/agreements/terms-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.agreement.reference ?? "Overeenkomst"} bewerken · Koers` }];

const MANAGE = { agreement: ["manage" as const] };
const INTENTS = ["terms", "saveDataset", "removeDataset", "moveDataset", "saveField", "removeField", "moveField"] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, MANAGE);
  const agreement = await loadAgreementEdit(member, params.agreementId ?? "");
  if (!agreement) throw notFound();
  const created = new URL(request.url).searchParams.get("nieuw");
  return { cbsCode: member.cbsCode, agreement, created: created && /^\d+$/.test(created) ? Number(created) : null };
}

const SCHEMAS: Record<Intent, z.ZodType<Record<string, unknown>>> = {
  terms: termsSchema,
  saveDataset: datasetSchema,
  removeDataset: removeSchema,
  moveDataset: moveSchema,
  saveField: fieldSchema,
  removeField: removeSchema,
  moveField: moveSchema,
};

/** A form's id: the intent plus the row (dataset or field) it is about. */
function formIdFor(intent: string, formData: FormData): string {
  const get = (name: string) => String(formData.get(name) ?? "");
  if (intent === "saveDataset") return formIdOf(intent, get("datasetId") || "new");
  if (intent === "saveField") return formIdOf(intent, get("fieldId") || `new-${get("datasetId")}`);
  if (intent === "removeDataset" || intent === "moveDataset" || intent === "removeField" || intent === "moveField") return formIdOf(intent, get("id"));
  return formIdOf(intent);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, MANAGE);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  const formId = formIdFor(intent, formData);
  const agreementId = params.agreementId ?? "";
  const submission = parseWithZod(formData, { schema: SCHEMAS[intent] });
  if (submission.status !== "success") return data({ formId, result: submission.reply() as SubmissionResult<string[]>, saved: false }, { status: 400 });
  // The module parses the raw form values again (it is the one place that decides).
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).map(String);
    raw[key] = key === "formats" ? all : all[0]!;
  }
  const v = submission.value as Record<string, string>;
  const outcome: AgreementOutcome = await {
    terms: () => updateTerms(member, agreementId, raw as never),
    saveDataset: () => saveDataset(member, agreementId, raw as never),
    removeDataset: () => removeDataset(member, agreementId, v.id!),
    moveDataset: () => moveDataset(member, agreementId, v.id!, v.direction as "up" | "down"),
    saveField: () => saveField(member, agreementId, raw as never),
    removeField: () => removeField(member, agreementId, v.id!),
    moveField: () => moveField(member, agreementId, v.id!, v.direction as "up" | "down"),
  }[intent]();
  if (outcome.ok) {
    const reset = (intent === "saveDataset" && !raw.datasetId) || (intent === "saveField" && !raw.fieldId);
    return data({ formId, result: submission.reply(reset ? { resetForm: true } : undefined) as SubmissionResult<string[]>, saved: outcome.changed });
  }
  const refusal = refusalReply(requestT(request) as TFunction, outcome);
  return data({ formId, result: submission.reply({ fieldErrors: refusal.fieldErrors, formErrors: refusal.formErrors }) as SubmissionResult<string[]>, saved: false }, { status: refusal.status });
}

type EditData = ReturnType<typeof useLoaderData<typeof loader>>["agreement"];
type DatasetData = EditData["version"]["datasets"][number];
type FieldData = DatasetData["fields"][number];
const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

export default function AgreementEditPage() {
  const { t } = useTranslation();
  const { cbsCode, agreement, created } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = agreement.version;
  const back = `/g/${cbsCode}/overeenkomsten/${agreement.id}`;
  return (
    <>
      <Paragraph>
        <RemixLink to={back} className="utrecht-link">
          {t("agreements.edit.back")}
        </RemixLink>
      </Paragraph>
      <Heading1>{t("agreements.edit.heading", { reference: agreement.reference, version: v.version })}</Heading1>
      <Paragraph className="koers-muted">
        {agreement.party.name} ({t(`agreements.partyKinds.${agreement.party.kind}`)}) · {t(`agreements.statuses.${v.status}`)}
      </Paragraph>
      <div aria-live="polite">
        {created !== null && !actionData ? <Notice>{t("agreements.notices.created", { reference: agreement.reference, count: created })}</Notice> : null}
        {actionData && actionData.saved ? <Notice>{t("agreements.notices.saved")}</Notice> : null}
      </div>
      {!agreement.editable ? (
        <Notice type="warning">{t("agreements.edit.frozen", { version: v.version, status: t(`agreements.statuses.${v.status}`).toLowerCase() })}</Notice>
      ) : (
        <>
          {agreement.gaps.length ? (
            <div className="utrecht-alert utrecht-alert--warning" role="region" aria-labelledby="gaps-heading">
              <div className="utrecht-alert__message">
                <Paragraph>
                  <strong id="gaps-heading">{t("agreements.detail.gapsHeading")}</strong>
                </Paragraph>
                <ul>
                  {agreement.gaps.map((g, i) => (
                    <li key={i}>{t(`agreements.gaps.${g.code}`, { dataset: g.dataset })}</li>
                  ))}
                </ul>
              </div>
            </div>
          ) : (
            <Paragraph>{t("agreements.detail.complete")}</Paragraph>
          )}
          <TermsForm key={v.updatedAt} />
          <section className="koers-section" aria-labelledby="datasets-edit-heading">
            <Heading2 id="datasets-edit-heading">{t("agreements.edit.datasetsHeading")}</Heading2>
            {v.datasets.map((ds, i) => (
              <DatasetEditor key={ds.id} dataset={ds} first={i === 0} last={i === v.datasets.length - 1} />
            ))}
            <Heading3>{t("agreements.edit.addDatasetHeading")}</Heading3>
            <DatasetForm />
          </section>
        </>
      )}
    </>
  );
}

function TermsForm() {
  const { t } = useTranslation();
  const { agreement } = useLoaderData<typeof loader>();
  const formId = formIdOf("terms");
  const [form, fields] = useKoersForm(termsSchema, { id: formId, lastResult: useLastResult(formId), defaultValue: termsToFormValues(agreement.version) as never });
  const submitting = useFormSubmitting(formId);
  const f = fields as unknown as Record<string, Parameters<typeof TextField>[0]["field"]>;
  const formats = new Set(agreement.version.formats);
  const grounds = t("agreements.legalGrounds", { returnObjects: true }) as string[];
  const formatErrors = fields.formats.errors?.map((k) => t(k));
  return (
    <section className="koers-section" aria-labelledby="terms-edit-heading">
      <Heading2 id="terms-edit-heading">{t("agreements.edit.termsHeading")}</Heading2>
      <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="terms-edit-heading" preventScrollReset>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="terms" />
        <TextField field={fields.title} label={t("agreements.edit.title")} />
        <TextareaField field={fields.purpose} label={t("agreements.edit.purpose")} hint={t("agreements.edit.purposeHint")} />
        <SelectField field={fields.frequency} label={t("agreements.edit.frequency")}>
          {KPI_FREQUENCIES.map((x) => (
            <option key={x} value={x}>
              {t(`agreements.frequencies.${x}`)}
            </option>
          ))}
        </SelectField>
        <TextField field={f.deadlineWorkingDays!} label={t("agreements.edit.deadlineWorkingDays")} />
        <TextField field={f.reminderWorkingDaysBefore!} label={t("agreements.edit.reminderWorkingDaysBefore")} />
        <TextField field={f.graceWorkingDays!} label={t("agreements.edit.graceWorkingDays")} />
        <Fieldset invalid={Boolean(formatErrors?.length)}>
          <FieldsetLegend>{t("agreements.edit.formats")}</FieldsetLegend>
          {formatErrors?.length ? <p className="utrecht-form-field-error-message">{formatErrors.join(" ")}</p> : null}
          {DELIVERY_FORMATS.map((x) => (
            <FormFieldCheckbox key={x} name="formats" value={x} defaultChecked={formats.has(x)} label={t(`agreements.formats.${x}`)} />
          ))}
        </Fieldset>
        <TextField field={fields.startDate} type="date" label={t("agreements.edit.startDate")} />
        <TextField field={f.endDate!} type="date" label={t("agreements.edit.endDate")} hint={t("agreements.edit.endDateHint")} />
        <Fieldset>
          <FieldsetLegend>{t("agreements.edit.qualityLegend")}</FieldsetLegend>
          <TextField field={f.completenessPct!} label={t("agreements.edit.completenessPct")} />
          <TextareaField field={fields.validity} label={t("agreements.edit.validity")} rows={2} />
          <TextareaField field={fields.timeliness} label={t("agreements.edit.timeliness")} rows={2} />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t("agreements.edit.privacyLegend")}</FieldsetLegend>
          <FormFieldCheckbox name="personalData" value="on" defaultChecked={agreement.version.terms.personalData} label={t("agreements.edit.personalData")} />
          <TextField field={fields.legalGround} label={t("agreements.edit.legalGround")} hint={t("agreements.edit.legalGroundHint")} list="legal-grounds" />
          <datalist id="legal-grounds">
            {grounds.map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
          <TextField field={fields.retention} label={t("agreements.edit.retention")} />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t("agreements.edit.contactsLegend")}</FieldsetLegend>
          {CONTACT_ROLES.map((role) => {
            const label = t(`agreements.contactRoles.${role}`);
            return (
              <div key={role} className="koers-form-row">
                <TextField field={f[`${role}Name`]!} label={t("agreements.edit.contactName", { role: label })} />
                <TextField field={f[`${role}Email`]!} type="email" label={t("agreements.edit.contactEmail", { role: label })} />
                <TextField field={f[`${role}Phone`]!} label={t("agreements.edit.contactPhone", { role: label })} />
              </div>
            );
          })}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t("agreements.edit.escalationLegend")}</FieldsetLegend>
          {Array.from({ length: ESCALATION_STEPS }, (_, i) => (
            <div key={i} className="koers-form-row">
              <TextField field={f[`escalation${i + 1}Days`]!} label={t("agreements.edit.escalationDays", { n: i + 1 })} />
              <TextField field={f[`escalation${i + 1}To`]!} label={t("agreements.edit.escalationTo", { n: i + 1 })} />
            </div>
          ))}
        </Fieldset>
        <TextareaField field={fields.notes} label={t("agreements.edit.notes")} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("agreements.edit.saveTerms")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function RowButton({ intent, id, direction, label, text }: { intent: "removeDataset" | "moveDataset" | "removeField" | "moveField"; id: string; direction?: "up" | "down"; label: string; text: string }) {
  const formId = formIdOf(intent, id);
  const lastResult = useLastResult(formId);
  const submitting = useFormSubmitting(formId, "id");
  const { t } = useTranslation();
  return (
    <Form method="post" className="koers-inline-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <Button type="submit" appearance="subtle-button" busy={submitting} aria-label={label}>
        {text}
      </Button>
      {lastResult?.error?.[""]?.length ? <span role="alert">{lastResult.error[""].map((e) => t(e, { defaultValue: e })).join(" ")}</span> : null}
    </Form>
  );
}

function DatasetEditor({ dataset, first, last }: { dataset: DatasetData; first: boolean; last: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="koers-card koers-section">
      <Heading3>{dataset.name}</Heading3>
      <Paragraph className="koers-muted">{t("agreements.detail.datasetKey", { key: dataset.key })}</Paragraph>
      <div className="koers-inline-actions">
        {!first ? <RowButton intent="moveDataset" id={dataset.id} direction="up" label={t("agreements.edit.moveDatasetUp", { name: dataset.name })} text={t("agreements.edit.moveUp")} /> : null}
        {!last ? <RowButton intent="moveDataset" id={dataset.id} direction="down" label={t("agreements.edit.moveDatasetDown", { name: dataset.name })} text={t("agreements.edit.moveDown")} /> : null}
        <RowButton intent="removeDataset" id={dataset.id} label={`${t("agreements.edit.removeDataset")}: ${dataset.name}`} text={t("agreements.edit.removeDataset")} />
      </div>
      <details>
        <summary>{t("agreements.edit.saveDataset")}</summary>
        <DatasetForm dataset={dataset} />
      </details>
      {dataset.fields.length ? (
        <FieldsTable
          name={dataset.name}
          fields={dataset.fields}
          actions={(field, i) => (
            <>
              <details>
                <summary>{t("agreements.edit.editField", { name: field.name })}</summary>
                <FieldForm datasetId={dataset.id} field={field} />
              </details>
              <div className="koers-inline-actions">
                {i > 0 ? <RowButton intent="moveField" id={field.id} direction="up" label={t("agreements.edit.moveFieldUp", { name: field.name })} text={t("agreements.edit.moveUp")} /> : null}
                {i < dataset.fields.length - 1 ? <RowButton intent="moveField" id={field.id} direction="down" label={t("agreements.edit.moveFieldDown", { name: field.name })} text={t("agreements.edit.moveDown")} /> : null}
                <RowButton intent="removeField" id={field.id} label={t("agreements.edit.removeField", { name: field.name })} text={t("agreements.edit.remove")} />
              </div>
            </>
          )}
        />
      ) : null}
      <details>
        <summary>{t("agreements.edit.addFieldHeading", { name: dataset.name })}</summary>
        <FieldForm datasetId={dataset.id} />
      </details>
    </div>
  );
}

function DatasetForm({ dataset }: { dataset?: DatasetData }) {
  const { t } = useTranslation();
  const formId = formIdOf("saveDataset", dataset?.id ?? "new");
  const [form, fields] = useKoersForm(datasetSchema, { id: formId, lastResult: useLastResult(formId), defaultValue: { name: dataset?.name ?? "", description: dataset?.description ?? "" } });
  const submitting = useFormSubmitting(formId, "datasetId");
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset aria-label={dataset ? `${t("agreements.edit.saveDataset")}: ${dataset.name}` : t("agreements.edit.addDatasetHeading")}>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="saveDataset" />
      {dataset ? <input type="hidden" name="datasetId" value={dataset.id} /> : null}
      <TextField field={fields.name} label={t("agreements.edit.datasetName")} />
      <TextareaField field={fields.description} label={t("agreements.edit.datasetDescription")} rows={2} />
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {dataset ? t("agreements.edit.saveDataset") : t("agreements.edit.addDataset")}
        </Button>
      </div>
    </Form>
  );
}

const decimal = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));

function FieldForm({ datasetId, field }: { datasetId: string; field?: FieldData }) {
  const { t } = useTranslation();
  const { agreement } = useLoaderData<typeof loader>();
  const formId = formIdOf("saveField", field?.id ?? `new-${datasetId}`);
  const [form, fields] = useKoersForm(fieldSchema, {
    id: formId,
    lastResult: useLastResult(formId),
    defaultValue: {
      datasetId,
      fieldId: field?.id ?? "",
      name: field?.name ?? "",
      description: field?.description ?? "",
      type: field?.type ?? "text",
      unit: field?.unit ?? "",
      allowedValues: field?.allowedValues?.join("\n") ?? "",
      min: decimal(field?.min ?? null),
      max: decimal(field?.max ?? null),
      kpiId: field?.kpiId ?? "",
      aggregation: field?.aggregation ?? "single",
    },
  });
  const submitting = useFormSubmitting(formId, (intent) => (intent === "saveField" ? "fieldId" : undefined));
  const f = fields as unknown as Record<string, Parameters<typeof TextField>[0]["field"]>;
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset aria-label={field ? t("agreements.edit.editField", { name: field.name }) : t("agreements.edit.addField")}>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="saveField" />
      <input type="hidden" name="datasetId" value={datasetId} />
      {field ? <input type="hidden" name="fieldId" value={field.id} /> : null}
      <TextField field={fields.name} label={t("agreements.edit.fieldName")} hint={t("agreements.edit.fieldNameHint")} />
      <TextareaField field={fields.description} label={t("agreements.edit.fieldDescription")} rows={2} />
      <SelectField field={fields.type} label={t("agreements.edit.fieldType")}>
        {FIELD_TYPES.map((x) => (
          <option key={x} value={x}>
            {t(`agreements.fieldTypes.${x}`)}
          </option>
        ))}
      </SelectField>
      <TextField field={fields.unit} label={t("agreements.edit.fieldUnit")} />
      <FormFieldCheckbox name="required" value="on" defaultChecked={field ? field.required : true} label={t("agreements.edit.fieldRequired")} />
      <FormFieldCheckbox name="isKey" value="on" defaultChecked={field?.isKey ?? false} label={t("agreements.edit.fieldIsKey")} />
      <TextareaField field={fields.allowedValues} label={t("agreements.edit.allowedValues")} rows={3} />
      <div className="koers-form-row">
        <TextField field={f.min!} label={t("agreements.edit.min")} />
        <TextField field={f.max!} label={t("agreements.edit.max")} />
      </div>
      <SelectField field={fields.kpiId} label={t("agreements.edit.kpi")}>
        <option value="">{t("agreements.edit.noKpi")}</option>
        {agreement.kpis.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.aggregation} label={t("agreements.edit.aggregation")}>
        {KPI_AGGREGATIONS.map((x) => (
          <option key={x} value={x}>
            {t(`agreements.aggregations.${x}`)}
          </option>
        ))}
      </SelectField>
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {field ? t("agreements.edit.saveField") : t("agreements.edit.addField")}
        </Button>
      </div>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
