// Import an ODCS v3.1.0 file into the draft of an agreement (programme lead). Two steps: "check"
// uploads the file and shows what would change (or every problem, with its place in the file, at
// the file field); "apply" sends the same bytes back with the draft's fingerprint and replaces the
// draft's datasets and fields in one transaction. A version that is not a draft is never changed.
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import { z } from "zod";
import { OdcsPanel } from "../../components/agreements/odcs-panel";
import { FormError, Notice } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { applyOdcsImport, loadOdcsImportTarget, previewOdcsImport, type OdcsImportOutcome } from "../../modules/agreements/odcs-import.server";
import { describeProblem } from "../../modules/agreements/odcs-problem";
import { ODCS_MAX_BYTES } from "../../modules/agreements/odcs-vocabulary";
import { notFound, requireMember } from "../../modules/auth/guards.server";

const MANAGE = { agreement: ["manage" as const] };
const MAX_KB = Math.round(ODCS_MAX_BYTES / 1024);
/** The confirm form carries the file as base64: 4/3 of the bytes, plus the other fields. */
const MAX_PART_BYTES = Math.ceil((ODCS_MAX_BYTES * 4) / 3) + 1024;

const checkSchema = z.object({
  intent: z.literal("check"),
  file: z.instanceof(File, { message: "agreementOdcs.import.fileMissing" }).refine((f) => f.size > 0, "agreementOdcs.import.fileMissing"),
});
const applySchema = z.object({ intent: z.literal("apply"), document: z.string().min(1).max(MAX_PART_BYTES), fingerprint: z.string().regex(/^[0-9a-f]{64}$/) });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "ODCS"} · Koers` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, MANAGE);
  const target = await loadOdcsImportTarget(member, params.agreementId ?? "");
  if (!target) throw notFound();
  const t = requestT(request);
  return {
    title: t("agreementOdcs.import.title", { reference: target.reference }),
    cbsCode: member.cbsCode,
    target,
    imported: new URL(request.url).searchParams.get("geimporteerd") === "1",
  };
}

type Preview = Extract<OdcsImportOutcome, { ok: true }> & { document: string };
type ActionPayload = { formId: "check" | "apply"; result: SubmissionResult<string[]>; preview: Preview | null };

function reply(formId: ActionPayload["formId"], result: SubmissionResult<string[]>, status = 200, preview: Preview | null = null) {
  return data<ActionPayload>({ formId, result, preview }, { status });
}

/** A refusal as the form's errors: the file's problems at the file field, the rest for the whole form. */
function refusal(t: TFunction, outcome: Exclude<OdcsImportOutcome, { ok: true }>): { fieldErrors?: Record<string, string[]>; formErrors?: string[]; status: number } {
  switch (outcome.error) {
    case "invalid": {
      const lines = outcome.problems.map((p) => describeProblem(t as never, p));
      if (outcome.more > 0) lines.push(t("agreementOdcs.import.moreProblems", { count: outcome.more }));
      return { fieldErrors: { file: lines }, status: 400 };
    }
    case "notDraft":
      return { formErrors: [t("agreementOdcs.import.notDraft", { version: outcome.version, status: t(`agreementOdcs.statuses.${outcome.status}`) })], status: 409 };
    case "changed":
      return { formErrors: [t("agreementOdcs.import.changed")], status: 409 };
    case "notFound":
      return { formErrors: [t("agreementOdcs.import.notFound")], status: 404 };
    case "forbidden":
      throw new Response("Forbidden", { status: 403 });
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, MANAGE);
  const agreementId = params.agreementId ?? "";
  const t = requestT(request) as TFunction;
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PART_BYTES }));
  } catch (err) {
    if (!(err instanceof Error && err.name === "MaxPartSizeExceededError") && !/exceeded upload size/.test(String(err))) throw err;
    const sizeKb = Math.ceil(Number(request.headers.get("content-length") ?? MAX_PART_BYTES) / 1024);
    const message = t("agreementOdcs.problems.tooLarge", { sizeKb, maxKb: MAX_KB });
    return reply("check", { status: "error", initialValue: null, error: { file: [message] } } as SubmissionResult<string[]>, 413);
  }

  if (formData.get("intent") === "apply") {
    const submission = parseWithZod(formData, { schema: applySchema });
    if (submission.status !== "success") return reply("apply", submission.reply(), 400);
    const bytes = Uint8Array.from(Buffer.from(submission.value.document, "base64"));
    const outcome = await applyOdcsImport(member, agreementId, bytes, submission.value.fingerprint);
    if (outcome.ok) throw redirect(`/g/${member.cbsCode}/overeenkomsten/${encodeURIComponent(agreementId)}/odcs-import?geimporteerd=1`);
    const { status, ...errors } = refusal(t, outcome);
    return reply("apply", submission.reply({ formErrors: errors.formErrors ?? Object.values(errors.fieldErrors ?? {}).flat() }), status);
  }

  const submission = parseWithZod(formData, { schema: checkSchema });
  if (submission.status !== "success") return reply("check", submission.reply(), 400);
  const bytes = new Uint8Array(await submission.value.file.arrayBuffer());
  const outcome = await previewOdcsImport(member, agreementId, bytes);
  if (!outcome.ok) {
    const { status, ...errors } = refusal(t, outcome);
    return reply("check", submission.reply(errors), status);
  }
  return reply("check", submission.reply(), 200, { ...outcome, document: Buffer.from(bytes).toString("base64") });
}

export default function OdcsImportPage() {
  const { t } = useTranslation();
  const { cbsCode, target, imported } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const status = t(`agreementOdcs.statuses.${target.status}`);
  const agreementUrl = `/g/${cbsCode}/overeenkomsten/${encodeURIComponent(target.agreementId)}`;
  return (
    <>
      <Paragraph>
        <RemixLink to={agreementUrl} className="utrecht-link">
          {t("agreementOdcs.import.back")}
        </RemixLink>
      </Paragraph>
      <Heading1>{t("agreementOdcs.import.heading", { reference: target.reference })}</Heading1>
      <Paragraph className="koers-muted">{t("agreementOdcs.import.versionLine", { version: target.version, title: target.title, status })}</Paragraph>
      {imported ? <Notice>{t("agreementOdcs.import.imported", { version: target.version })}</Notice> : null}
      {target.editable ? (
        <>
          <Paragraph>{t("agreementOdcs.import.intro")}</Paragraph>
          <CheckForm />
          {actionData?.preview ? <PreviewSection preview={actionData.preview} /> : null}
          {actionData?.formId === "apply" ? <FormError errors={actionData.result.error?.[""]} /> : null}
        </>
      ) : (
        <Notice type="warning">
          {t("agreementOdcs.import.notDraft", { version: target.version, status })}{" "}
          <RemixLink to={agreementUrl} className="utrecht-link">
            {t("agreementOdcs.import.notDraftLink")}
          </RemixLink>
        </Notice>
      )}
      <CurrentDatasets />
      <OdcsPanel cbsCode={cbsCode} agreementId={target.agreementId} versions={target.versions} current={null} mayImport={false} />
    </>
  );
}

function CheckForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lastResult = actionData?.formId === "check" ? actionData.result : undefined;
  const [form, fields] = useKoersForm(checkSchema, { id: "check", lastResult });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "check";
  const errors = fields.file.errors?.map((key) => t(key, { defaultValue: key }));
  const hintId = `${fields.file.id}-hint`;
  const { key, ...inputProps } = getInputProps(fields.file, { type: "file" });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="koers-form" aria-label={t("agreementOdcs.import.check")}>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="check" />
      <FormField invalid={Boolean(errors?.length)} type="text">
        <Paragraph className="utrecht-form-field__label">
          <FormLabel htmlFor={fields.file.id}>{t("agreementOdcs.import.fileLabel")}</FormLabel>
        </Paragraph>
        <FormFieldDescription id={hintId}>{t("agreementOdcs.import.fileHint", { maxKb: MAX_KB })}</FormFieldDescription>
        {errors?.length ? (
          <FormFieldErrorMessage id={fields.file.errorId}>
            {errors.length > 1 ? <Paragraph>{t("agreementOdcs.import.problemsHeading", { count: errors.length })}</Paragraph> : null}
            <ul className="koers-odcs-problems">
              {errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </FormFieldErrorMessage>
        ) : null}
        <input key={key} {...inputProps} accept=".yaml,.yml,application/yaml,text/yaml" className="utrecht-textbox" aria-describedby={[hintId, errors?.length ? fields.file.errorId : undefined].filter(Boolean).join(" ")} />
      </FormField>
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("agreementOdcs.import.check")}
        </Button>
      </div>
    </Form>
  );
}

function PreviewSection({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const { target } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "apply";
  const { diff } = preview;
  const names = (list: string[]) => list.join(", ");
  const nothing = diff.datasetsAdded.length + diff.datasetsRemoved.length + diff.datasetsChanged.length + diff.termsChanged.length === 0;
  return (
    <section className="koers-section" aria-labelledby="odcs-preview-heading">
      <Heading2 id="odcs-preview-heading">{t("agreementOdcs.import.previewHeading")}</Heading2>
      <Paragraph>{nothing ? t("agreementOdcs.import.noChanges") : t("agreementOdcs.import.previewIntro", { version: target.version })}</Paragraph>
      <ul>
        {diff.datasetsAdded.map((d) => (
          <li key={`a-${d.name}`}>{t("agreementOdcs.import.datasetAdded", { name: d.name, count: d.fields })}</li>
        ))}
        {diff.datasetsChanged.map((d) => (
          <li key={`c-${d.name}`}>
            {t("agreementOdcs.import.datasetChanged", { name: d.name })}
            <ul>
              {d.fieldsAdded.length ? <li>{t("agreementOdcs.import.fieldsAdded", { names: names(d.fieldsAdded) })}</li> : null}
              {d.fieldsChanged.length ? <li>{t("agreementOdcs.import.fieldsChanged", { names: names(d.fieldsChanged) })}</li> : null}
              {d.fieldsRemoved.length ? <li>{t("agreementOdcs.import.fieldsRemoved", { names: names(d.fieldsRemoved) })}</li> : null}
              {d.fieldsAdded.length + d.fieldsChanged.length + d.fieldsRemoved.length === 0 ? <li>{t("agreementOdcs.import.fieldsReordered")}</li> : null}
            </ul>
          </li>
        ))}
        {diff.datasetsRemoved.map((d) => (
          <li key={`r-${d.name}`}>{t("agreementOdcs.import.datasetRemoved", { name: d.name, count: d.fields })}</li>
        ))}
        {diff.datasetsUnchanged.map((name) => (
          <li key={`u-${name}`}>{t("agreementOdcs.import.datasetUnchanged", { name })}</li>
        ))}
        {diff.termsChanged.length ? <li>{t("agreementOdcs.import.termsChanged", { names: diff.termsChanged.map((k) => t(`agreementOdcs.terms.${k}`)).join(", ") })}</li> : null}
      </ul>
      {preview.warnings.length ? (
        <div role="status" className="utrecht-alert utrecht-alert--warning">
          <div className="utrecht-alert__message">
            <Heading3>{t("agreementOdcs.import.warningsHeading")}</Heading3>
            <ul>
              {preview.warnings.map((w, i) => (
                <li key={i}>{describeProblem(t as never, w)}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="koers-form" aria-label={t("agreementOdcs.import.confirm")}>
        <input type="hidden" name="intent" value="apply" />
        <input type="hidden" name="document" value={preview.document} />
        <input type="hidden" name="fingerprint" value={preview.fingerprint} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("agreementOdcs.import.confirm")}
          </Button>{" "}
          <RemixLink to="." className="utrecht-link">
            {t("agreementOdcs.import.cancel")}
          </RemixLink>
        </div>
      </Form>
    </section>
  );
}

function CurrentDatasets() {
  const { t } = useTranslation();
  const { target } = useLoaderData<typeof loader>();
  const yes = t("common.yes");
  const range = (min: number | null, max: number | null) => (min === null && max === null ? "" : `${min ?? "…"} – ${max ?? "…"}`);
  return (
    <section className="koers-section" aria-labelledby="odcs-current-heading">
      <Heading2 id="odcs-current-heading">{t("agreementOdcs.import.currentHeading", { version: target.version })}</Heading2>
      {target.datasets.length === 0 ? <Paragraph className="koers-muted">{t("agreementOdcs.import.noDatasets")}</Paragraph> : null}
      {target.datasets.map((ds) => (
        <Table key={ds.id}>
          <TableCaption>{t("agreementOdcs.import.fieldsCaption", { name: ds.name })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("agreementOdcs.import.columns.name")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreementOdcs.import.columns.type")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreementOdcs.import.columns.required")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreementOdcs.import.columns.key")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreementOdcs.import.columns.values")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreementOdcs.import.columns.kpi")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {ds.fields.map((f) => (
              <TableRow key={f.name}>
                <TableHeaderCell scope="row">{f.name}</TableHeaderCell>
                <TableCell>
                  {t(`agreementOdcs.fieldTypes.${f.type}`)}
                  {f.unit ? ` (${f.unit})` : ""}
                </TableCell>
                <TableCell>{f.required ? yes : ""}</TableCell>
                <TableCell>{f.isKey ? yes : ""}</TableCell>
                <TableCell>{f.allowedValues?.length ? f.allowedValues.join(", ") : range(f.min, f.max)}</TableCell>
                <TableCell>{f.kpi ? `${f.kpi.name}${f.kpi.templateCode ? ` [${f.kpi.templateCode}]` : ""}` : ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ))}
    </section>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
