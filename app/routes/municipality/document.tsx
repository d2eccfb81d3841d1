// One live document: the title, its status (concept or vastgesteld), the co-editing editor (a
// separate client chunk), comments, and the lead's approve / new-concept controls. Links to the
// history page and the PDF and Markdown exports. Readers (viewers, and everyone once approved) read.
// One action, one `intent` per form; each form validates with its own schema and shows its errors.
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { getFormProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link as RemixLink, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Heading1, Paragraph, Textarea } from "@utrecht/component-library-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can, type Permission } from "../../modules/auth/roles";
import { createThread, listThreads, replyToThread, setThreadResolved } from "../../modules/documents/comments.server";
import { CommentsPanel, type DocumentActionPayload, type ThreadData } from "../../modules/documents/components/CommentsPanel";
import type { EditorHandle } from "../../modules/documents/components/editor-handle";
import { LazyDocumentEditor } from "../../modules/documents/components/LazyDocumentEditor";
import { approveDocument, getDocument, renameDocument, reopenDocument, type DocumentError } from "../../modules/documents/documents.server";
import { approveSchema, commentSchema, renameDocumentSchema, reopenDocumentSchema, replySchema, threadSchema } from "../../modules/documents/schema";
import { formatMoment } from "../../modules/programme/format";

export const meta: MetaFunction<typeof loader> = ({ data: loaded, error }) => {
  if (error || !loaded) {
    const status = isRouteErrorResponse(error) ? error.status : 500;
    return [{ title: `${status === 404 ? "Pagina niet gevonden" : status === 403 ? "Geen toegang" : "Er ging iets mis"} · Koers` }];
  }
  return [{ title: `${loaded.document.title} · Koers` }];
};

const EDIT: Permission = { document: ["edit"] };
const APPROVE: Permission = { document: ["approve"] };
const PERMISSIONS = {
  comment: EDIT,
  reply: EDIT,
  resolve: EDIT,
  reopenThread: EDIT,
  rename: EDIT,
  approve: APPROVE,
  reopenDocument: APPROVE,
} satisfies Record<string, Permission>;
const INTENTS = Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[];
type Intent = keyof typeof PERMISSIONS;
const FETCHER_INTENTS = new Set<string>(["comment", "reply", "resolve", "reopenThread"]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const doc = await getDocument(member, params.documentId ?? "");
  if (!doc) throw notFound();
  const threads = (await listThreads(member, doc.id)) ?? [];
  return {
    cbsCode: member.cbsCode,
    user: { id: member.userId, name: member.userName },
    document: {
      id: doc.id,
      title: doc.title,
      kind: doc.kind,
      phaseNumber: doc.phaseNumber,
      status: doc.status,
      approvedAt: doc.approvedAt?.toISOString() ?? null,
      approvedByName: doc.approvedByName,
    },
    /** Role may edit documents (reply, resolve, rename). */
    canEdit: can(member.role, EDIT),
    /** May change the text now: role and the document is a draft. */
    writable: doc.writable,
    canApprove: doc.canApprove,
    threads: threads.map(
      (th): ThreadData => ({
        id: th.id,
        authorName: th.authorName,
        body: th.body,
        createdAt: th.createdAt.toISOString(),
        quote: th.quote,
        resolvedAt: th.resolvedAt?.toISOString() ?? null,
        resolvedByName: th.resolvedByName,
        replies: th.replies.map((r) => ({ id: r.id, authorName: r.authorName, body: r.body, createdAt: r.createdAt.toISOString() })),
      }),
    ),
  };
}

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, extra: { notice?: string; threadId?: string } = {}) {
  return data<DocumentActionPayload>({ formId, result, notice: extra.notice ?? null, ...(extra.threadId ? { threadId: extra.threadId } : {}) }, { status });
}

const statusOf = (error: DocumentError) => (error === "not_found" ? 404 : error === "not_allowed" ? 403 : 409);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  // The document comes from the URL; another municipality's document is "not found" (404).
  const doc = await getDocument(member, params.documentId ?? "");
  if (!doc) throw notFound();
  const t = requestT(request);
  const refusal = (error: DocumentError) => t(`documents.errors.${error}`);
  if (!can(member.role, PERMISSIONS[intent as Intent])) {
    // Comment forms post through fetchers: answer in the form, so the page (and the editor) stays.
    if (FETCHER_INTENTS.has(intent)) {
      const threadId = String(formData.get("threadId") ?? "");
      return reply(intent === "comment" ? "comment" : formIdOf(intent, threadId), { status: "error", error: { "": [refusal("not_allowed")] } }, 403);
    }
    throw forbidden();
  }

  switch (intent as Intent) {
    case "comment": {
      const formId = "comment";
      const submission = parseWithZod(formData, { schema: commentSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      if (!doc.writable) return reply(formId, submission.reply({ formErrors: [refusal("not_draft")] }), 409);
      const outcome = await createThread(member, doc.id, submission.value);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply({ resetForm: true }), 200, { notice: "documents.comments.placed", threadId: outcome.threadId });
    }
    case "reply": {
      const formId = formIdOf("reply", String(formData.get("threadId") ?? ""));
      const submission = parseWithZod(formData, { schema: replySchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await replyToThread(member, doc.id, submission.value.threadId, submission.value.body);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply({ resetForm: true }), 200, { notice: "documents.comments.replied" });
    }
    case "resolve":
    case "reopenThread": {
      const formId = formIdOf(intent, String(formData.get("threadId") ?? ""));
      const submission = parseWithZod(formData, { schema: threadSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await setThreadResolved(member, doc.id, submission.value.threadId, intent === "resolve");
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply(), 200, { notice: intent === "resolve" ? "documents.comments.resolved" : "documents.comments.reopened" });
    }
    case "rename": {
      const formId = "rename";
      const submission = parseWithZod(formData, { schema: renameDocumentSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await renameDocument(member, doc.id, submission.value.title);
      if (!outcome.ok) {
        if (outcome.error === "title_taken") return reply(formId, submission.reply({ fieldErrors: { title: [t("documents.errors.title_taken", { title: submission.value.title })] } }), 409);
        return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      }
      return reply(formId, submission.reply(), 200, { notice: "documents.page.renamed" });
    }
    case "approve": {
      const formId = "approve";
      const submission = parseWithZod(formData, { schema: approveSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await approveDocument(member, doc.id);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply(), 200, { notice: "documents.page.approvedNotice" });
    }
    case "reopenDocument": {
      const formId = "reopenDocument";
      const submission = parseWithZod(formData, { schema: reopenDocumentSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await reopenDocument(member, doc.id, submission.value.reason);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply({ resetForm: true }), 200, { notice: "documents.page.reopenedNotice" });
    }
  }
}

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

const useSubmitting = (intent: Intent) => useFormSubmitting(intent);

function RenameForm({ title }: { title: string }) {
  const { t } = useTranslation();
  const lastResult = useLastResult("rename");
  const [form, fields] = useKoersForm(renameDocumentSchema, { id: "rename", lastResult, defaultValue: { title } });
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary>{t("documents.page.rename")}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="rename" />
        <TextField field={fields.title} label={t("documents.page.newTitle")} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={useSubmitting("rename")}>
            {t("documents.page.renameSubmit")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function ApproveForm() {
  const { t } = useTranslation();
  const lastResult = useLastResult("approve");
  const [form] = useKoersForm(approveSchema, { id: "approve", lastResult });
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary>{t("documents.page.approve")}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={Object.values(form.allErrors).flat()} />
        <Paragraph>{t("documents.page.approveIntro")}</Paragraph>
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="confirm" value="yes" />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={useSubmitting("approve")}>
            {t("documents.page.approveConfirm")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function ReopenForm() {
  const { t } = useTranslation();
  const lastResult = useLastResult("reopenDocument");
  const [form, fields] = useKoersForm(reopenDocumentSchema, { id: "reopenDocument", lastResult });
  const errors = fields.reason.errors?.map((e) => t(e, { defaultValue: e }));
  const hintId = `${fields.reason.id}-hint`;
  const { key, ...textareaProps } = getTextareaProps(fields.reason);
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary>{t("documents.page.reopen")}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="reopenDocument" />
        <FormField invalid={Boolean(errors?.length)} type="text">
          <Paragraph className="utrecht-form-field__label">
            <FormLabel htmlFor={fields.reason.id}>{t("documents.page.reopenReason")}</FormLabel>
          </Paragraph>
          <FormFieldDescription id={hintId}>{t("documents.page.reopenHint")}</FormFieldDescription>
          {errors?.length ? <FormFieldErrorMessage id={fields.reason.errorId}>{errors.join(" ")}</FormFieldErrorMessage> : null}
          <Textarea key={key} {...textareaProps} rows={3} invalid={Boolean(errors?.length)} aria-describedby={[hintId, errors?.length ? fields.reason.errorId : undefined].filter(Boolean).join(" ")} />
        </FormField>
        <div>
          <Button type="submit" appearance="primary-action-button" busy={useSubmitting("reopenDocument")}>
            {t("documents.page.reopenSubmit")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

export default function DocumentPage() {
  const { t, i18n } = useTranslation();
  const { cbsCode, user, document: doc, canEdit, writable, canApprove, threads } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const [handle, setHandle] = useState<EditorHandle | null>(null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const base = `/g/${cbsCode}/documenten`;
  const approved = doc.status === "approved";

  // Reload the page's data (status, comments) without leaving it, at most every second.
  const lastRevalidate = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const revalidate = useCallback(() => {
    clearTimeout(pending.current);
    const wait = Math.max(0, 1_000 - (Date.now() - lastRevalidate.current));
    pending.current = setTimeout(() => {
      lastRevalidate.current = Date.now();
      revalidator.revalidate();
    }, wait);
  }, [revalidator]);
  useEffect(() => () => clearTimeout(pending.current), []);

  const notice = actionData?.notice && actionData.result.status !== "error" ? actionData.notice : null;

  return (
    <>
      <Paragraph>
        <RemixLink to={base} className="utrecht-link">
          {t("documents.page.back")}
        </RemixLink>
      </Paragraph>
      <Heading1>{doc.title}</Heading1>
      <Paragraph className="koers-document-status">
        <span className={`koers-badge koers-badge--${doc.status}`} data-document-status={doc.status}>
          {approved ? t("documents.status.approved") : t("documents.status.draft")}
        </span>{" "}
        {approved && doc.approvedAt
          ? doc.approvedByName
            ? t("documents.status.approvedOnBy", { date: formatMoment(doc.approvedAt, i18n.language), name: doc.approvedByName })
            : t("documents.status.approvedOn", { date: formatMoment(doc.approvedAt, i18n.language) })
          : t("documents.page.phaseAndKind", { phase: doc.phaseNumber, kind: t(`documents.kinds.${doc.kind}`) })}
      </Paragraph>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      {approved ? <Notice type="info">{canApprove ? t("documents.page.approvedReadOnlyLead") : t("documents.page.approvedReadOnly")}</Notice> : !canEdit ? <Notice type="info">{t("documents.page.viewerReadOnly")}</Notice> : null}

      <nav className="koers-document-actions" aria-label={t("documents.page.actionsLabel")}>
        <ul>
          <li>
            <RemixLink to={`${base}/${doc.id}/geschiedenis`} className="utrecht-link">
              {t("documents.page.history")}
            </RemixLink>
          </li>
          <li>
            <a href={`${base}/${doc.id}/export/pdf`} className="utrecht-link" download>
              {t("documents.page.exportPdf")}
            </a>
          </li>
          <li>
            <a href={`${base}/${doc.id}/export/md`} className="utrecht-link" download>
              {t("documents.page.exportMarkdown")}
            </a>
          </li>
        </ul>
      </nav>
      {canEdit || canApprove ? (
        <div className="koers-document-controls">
          {canEdit ? <RenameForm key={doc.title} title={doc.title} /> : null}
          {canApprove && !approved ? <ApproveForm /> : null}
          {canApprove && approved ? <ReopenForm /> : null}
        </div>
      ) : null}

      <div className="koers-document-layout">
        <section className="koers-document-main" aria-labelledby="document-text-heading">
          <h2 id="document-text-heading" className="visually-hidden">
            {t("documents.editor.heading")}
          </h2>
          <LazyDocumentEditor
            key={doc.id}
            documentId={doc.id}
            user={user}
            writable={writable}
            canEdit={canEdit}
            knownThreadIds={threads.map((th) => th.id)}
            resolvedThreadIds={threads.filter((th) => th.resolvedAt !== null).map((th) => th.id)}
            activeThreadId={activeThreadId}
            onReady={setHandle}
            onActiveThread={setActiveThreadId}
            onServerClose={revalidate}
            onCommentsChanged={revalidate}
            onUnknownThreads={revalidate}
          />
        </section>
        <aside className="koers-document-aside" aria-labelledby="comments-heading">
          <CommentsPanel key={doc.id} threads={threads} canComment={canEdit} canAdd={writable} handle={handle} activeThreadId={activeThreadId} />
        </aside>
      </div>
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
