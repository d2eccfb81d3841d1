// The documents of a municipality, per phase: mission and vision (phase 1), the rules of use of the
// dashboard (phase 4) and free documents. Each shows whether it is a concept or "vastgesteld", and
// when it was last edited. Members who may edit create free documents here.
import { getFormProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, TextField } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { createDocument, listDocuments } from "../../modules/documents/documents.server";
import { createDocumentSchema, PHASES } from "../../modules/documents/schema";
import { formatMoment } from "../../modules/programme/format";

export const meta: MetaFunction = () => [{ title: "Documenten · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const documents = await listDocuments(member);
  return {
    cbsCode: member.cbsCode,
    canCreate: can(member.role, { document: ["edit"] }),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      phaseNumber: d.phaseNumber,
      status: d.status,
      approvedAt: d.approvedAt?.toISOString() ?? null,
      lastEditedAt: d.lastEditedAt.toISOString(),
    })),
  };
}

type ActionPayload = { formId: string; result: SubmissionResult<string[]> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  if (formData.get("intent") !== "create") throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, { document: ["edit"] })) throw forbidden();
  const t = requestT(request);
  const submission = parseWithZod(formData, { schema: createDocumentSchema });
  if (submission.status !== "success") return data<ActionPayload>({ formId: "create", result: submission.reply() }, { status: 400 });
  const outcome = await createDocument(member, submission.value);
  if (!outcome.ok) {
    if (outcome.error === "title_taken") {
      return data<ActionPayload>(
        { formId: "create", result: submission.reply({ fieldErrors: { title: [t("documents.errors.title_taken", { title: submission.value.title })] } }) },
        { status: 409 },
      );
    }
    return data<ActionPayload>({ formId: "create", result: submission.reply({ formErrors: [t(`documents.errors.${outcome.error}`)] }) }, { status: 403 });
  }
  return redirect(`/g/${member.cbsCode}/documenten/${outcome.id}`);
}

type DocumentRow = ReturnType<typeof useLoaderData<typeof loader>>["documents"][number];

function StatusCell({ doc }: { doc: DocumentRow }) {
  const { t, i18n } = useTranslation();
  if (doc.status === "approved") {
    return (
      <>
        <span className="koers-badge koers-badge--approved">{t("documents.status.approved")}</span>{" "}
        {doc.approvedAt ? <span className="koers-muted">{t("documents.status.onDate", { date: formatMoment(doc.approvedAt, i18n.language) })}</span> : null}
      </>
    );
  }
  return <span className="koers-badge koers-badge--draft">{t("documents.status.draft")}</span>;
}

function PhaseDocuments({ phase, documents, base }: { phase: number; documents: DocumentRow[]; base: string }) {
  const { t, i18n } = useTranslation();
  const headingId = `phase-${phase}-documents`;
  return (
    <section className="koers-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t(`nav.phase${phase}`)}</Heading2>
      {documents.length === 0 ? (
        <Paragraph className="koers-muted">{t("documents.list.empty")}</Paragraph>
      ) : (
        <Table className="koers-table">
          <TableCaption className="visually-hidden">{t("documents.list.caption", { phase: t(`nav.phase${phase}`) })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("documents.list.columns.title")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("documents.list.columns.kind")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("documents.list.columns.status")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("documents.list.columns.lastEdited")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {documents.map((d) => (
              <TableRow key={d.id}>
                <TableHeaderCell scope="row">
                  <RemixLink to={`${base}/${d.id}`} className="utrecht-link" prefetch="intent">
                    {d.title}
                  </RemixLink>
                </TableHeaderCell>
                <TableCell>{t(`documents.kinds.${d.kind}`)}</TableCell>
                <TableCell>
                  <StatusCell doc={d} />
                </TableCell>
                <TableCell>
                  <time dateTime={d.lastEditedAt}>{formatMoment(d.lastEditedAt, i18n.language)}</time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function CreateDocument() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(createDocumentSchema, { id: "create", lastResult: actionData?.formId === "create" ? actionData.result : undefined });
  const phaseErrors = fields.phaseNumber.errors?.map((e) => t(e, { defaultValue: e }));
  const { key: phaseKey, ...phaseProps } = getSelectProps(fields.phaseNumber as never);
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  return (
    <section className="koers-section" aria-labelledby="create-document-heading">
      <Heading2 id="create-document-heading">{t("documents.create.heading")}</Heading2>
      <Paragraph>{t("documents.create.intro")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <TextField field={fields.title} label={t("documents.create.title")} />
        <FormField invalid={Boolean(phaseErrors?.length)} type="select">
          <Paragraph className="utrecht-form-field__label">
            <FormLabel htmlFor={fields.phaseNumber.id}>{t("documents.create.phase")}</FormLabel>
          </Paragraph>
          {phaseErrors?.length ? <FormFieldErrorMessage id={fields.phaseNumber.errorId}>{phaseErrors.join(" ")}</FormFieldErrorMessage> : null}
          <Select key={phaseKey} {...phaseProps} invalid={Boolean(phaseErrors?.length)} aria-describedby={phaseErrors?.length ? fields.phaseNumber.errorId : undefined}>
            <SelectOption value="">{t("documents.create.choosePhase")}</SelectOption>
            {PHASES.map((p) => (
              <SelectOption key={p} value={String(p)}>
                {t(`nav.phase${p}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <div>
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("documents.create.submit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

export default function Documents() {
  const { t } = useTranslation();
  const { cbsCode, canCreate, documents } = useLoaderData<typeof loader>();
  const base = `/g/${cbsCode}/documenten`;
  return (
    <>
      <Heading1>{t("documents.title")}</Heading1>
      <Paragraph>{t("documents.intro")}</Paragraph>
      {!canCreate ? <Paragraph className="koers-muted">{t("documents.list.readOnly")}</Paragraph> : null}
      {PHASES.map((phase) => (
        <PhaseDocuments key={phase} phase={phase} base={base} documents={documents.filter((d) => d.phaseNumber === phase)} />
      ))}
      {canCreate ? <CreateDocument /> : null}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
