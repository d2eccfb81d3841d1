// Version history of a document: name the current text as a version, view an old version, compare
// it with the current text, and restore it (a new edit, after a backup version; nothing is lost).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { compareDocs } from "../../modules/documents/compare";
import { getDocument } from "../../modules/documents/documents.server";
import { CompareView } from "../../modules/documents/history/compare-view";
import { DocumentContent } from "../../modules/documents/history/document-content";
import { nameVersionSchema, restoreVersionSchema } from "../../modules/documents/history/schema";
import { createNamedVersion, currentContent, listVersions, restoreVersion, versionContent } from "../../modules/documents/versions.server";

export const meta: MetaFunction = () => [{ title: "Versiegeschiedenis · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const doc = await getDocument(member, params.documentId ?? "");
  if (!doc) throw notFound();
  const versions = (await listVersions(member, doc.id)) ?? [];
  const url = new URL(request.url);
  const selectedId = url.searchParams.get("versie");
  const mode = url.searchParams.get("weergave") === "vergelijken" ? "compare" : "view";
  let selected = null;
  if (selectedId) {
    const version = await versionContent(member, doc.id, selectedId);
    if (!version) throw notFound();
    if (mode === "compare") {
      const current = await currentContent(member, doc.id);
      selected = { version: version.version, mode, content: null, changes: compareDocs(version.content, current ?? { type: "doc", content: [] }) };
    } else {
      selected = { version: version.version, mode, content: version.content, changes: null };
    }
  }
  return { cbsCode: member.cbsCode, doc, versions, selected };
}

type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: string | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: string | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { document: ["edit"] });
  const doc = await getDocument(member, params.documentId ?? "");
  if (!doc) throw notFound();
  const t = requestT(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "nameVersion") {
    const submission = parseWithZod(formData, { schema: nameVersionSchema });
    if (submission.status !== "success") return reply(intent, submission.reply(), 400);
    const outcome = await createNamedVersion(member, doc.id, submission.value.name);
    if (!outcome.ok) return reply(intent, submission.reply({ formErrors: [t("documentHistory.errors.notAllowed")] }), 403);
    return reply(intent, submission.reply({ resetForm: true }), 200, "documentHistory.saved");
  }
  if (intent === "restore") {
    const submission = parseWithZod(formData, { schema: restoreVersionSchema });
    if (submission.status !== "success") return reply(intent, submission.reply(), 400);
    if (!doc.writable) return reply(intent, submission.reply({ formErrors: [t("documentHistory.errors.readOnly")] }), 409);
    const outcome = await restoreVersion(member, doc.id, submission.value.versionId);
    if (!outcome.ok) {
      const key = outcome.error === "not_draft" ? "documentHistory.errors.readOnly" : outcome.error === "not_allowed" ? "documentHistory.errors.notAllowed" : "documentHistory.errors.versionNotFound";
      return reply(intent, submission.reply({ formErrors: [t(key)] }), outcome.error === "not_found" ? 404 : 409);
    }
    throw redirect(`/g/${member.cbsCode}/documenten/${doc.id}?hersteld=1`);
  }
  throw forbidden();
}

function useResult(formId: string) {
  const actionData = useActionData<typeof action>();
  return actionData?.formId === formId ? actionData : undefined;
}

export default function DocumentHistory() {
  const { cbsCode, doc, versions, selected } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const nameResult = useResult("nameVersion");
  const restoreResult = useResult("restore");
  const [form, fields] = useKoersForm(nameVersionSchema, { id: "nameVersion", lastResult: nameResult?.result });
  const dateTime = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  const base = `/g/${cbsCode}/documenten/${doc.id}`;
  const label = (v: { kind: string; name: string | null }) => v.name ?? t(`documentHistory.kinds.${v.kind as "auto"}`);

  return (
    <>
      <Paragraph>
        <RemixLink to={base}>{t("documentHistory.back", { title: doc.title })}</RemixLink>
      </Paragraph>
      <Heading1>{t("documentHistory.title", { title: doc.title })}</Heading1>
      <Paragraph>{t("documentHistory.intro")}</Paragraph>
      <div aria-live="polite">
        {nameResult?.notice ? <Notice>{t(nameResult.notice)}</Notice> : null}
        <FormError errors={restoreResult?.result.error?.[""] ?? null} />
      </div>

      {doc.writable ? (
        <Form method="post" {...getFormProps(form)} className="koers-inline-form">
          <input type="hidden" name="intent" value="nameVersion" />
          <TextField field={fields.name} label={t("documentHistory.nameLabel")} hint={t("documentHistory.nameHint")} />
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {t("documentHistory.nameSubmit")}
          </Button>
        </Form>
      ) : null}

      <Table>
        <TableCaption>{t("documentHistory.caption")}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("documentHistory.columns.version")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("documentHistory.columns.date")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("documentHistory.columns.by")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("documentHistory.columns.words")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("documentHistory.columns.actions")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {versions.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5}>{t("documentHistory.empty")}</TableCell>
            </TableRow>
          ) : null}
          {versions.map((v) => (
            <TableRow key={v.id}>
              <TableCell>{label(v)}</TableCell>
              <TableCell>{dateTime.format(new Date(v.createdAt))}</TableCell>
              <TableCell>{v.createdByName ?? t("documentHistory.system")}</TableCell>
              <TableCell>{v.wordCount}</TableCell>
              <TableCell>
                <div className="koers-inline-actions">
                  <RemixLink to={`?versie=${v.id}`}>
                    {t("documentHistory.view")}
                    <span className="visually-hidden"> {label(v)}</span>
                  </RemixLink>
                  <RemixLink to={`?versie=${v.id}&weergave=vergelijken`}>
                    {t("documentHistory.compare")}
                    <span className="visually-hidden"> {label(v)}</span>
                  </RemixLink>
                  {doc.writable ? (
                    <Form method="post" className="koers-inline-form">
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="versionId" value={v.id} />
                      <Button type="submit" appearance="secondary-action-button" disabled={busy}>
                        {t("documentHistory.restore")}
                        <span className="visually-hidden"> {label(v)}</span>
                      </Button>
                    </Form>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {doc.writable ? <Paragraph className="koers-muted">{t("documentHistory.restoreHint")}</Paragraph> : null}

      {selected ? (
        <section aria-labelledby="selected-version">
          <Heading2 id="selected-version">
            {selected.mode === "compare" ? t("documentHistory.compareHeading", { version: label(selected.version) }) : t("documentHistory.viewHeading", { version: label(selected.version) })}
          </Heading2>
          <Paragraph className="koers-inline-actions">
            <a href={`${base}/export/pdf?versie=${selected.version.id}`}>{t("documentHistory.exportPdf")}</a>
            <a href={`${base}/export/md?versie=${selected.version.id}`}>{t("documentHistory.exportMarkdown")}</a>
          </Paragraph>
          {selected.content ? <DocumentContent content={selected.content} label={t("documentHistory.contentLabel", { version: label(selected.version) })} /> : null}
          {selected.changes ? <CompareView changes={selected.changes} /> : null}
        </section>
      ) : null}
    </>
  );
}
