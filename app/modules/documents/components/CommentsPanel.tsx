// Comments on passages of the document: threads with the quoted passage, replies, resolve and
// reopen. A new comment is posted (fetcher, intent "comment") for the passage selected in the
// editor; once the server has stored it, the passage gets the `comment` mark with the new thread id.
// "@Naam" in a comment notifies that member (the server sends the mail and the notification).
// Readers see every comment but cannot add, reply or resolve. Rendered on the server too: the
// threads are readable before the editor has loaded, and #opmerking-<id> links land on their thread.
import { resultFor } from "../../../components/ui/form-state";
import { TextareaField } from "../../../components/ui/textarea-field";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { Button, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../../../i18n/use-translation";
import { FormError, Notice } from "../../../components/ui/form-field";
import { useKoersForm } from "../../../components/ui/use-koers-form";
import { formatMoment } from "../../programme/format";
import { commentSchema, replySchema } from "../schema";
import type { CommentAnchor, EditorHandle } from "./editor-handle";

export interface ReplyData {
  id: string;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface ThreadData extends ReplyData {
  quote: string | null;
  resolvedAt: string | null;
  resolvedByName: string | null;
  replies: ReplyData[];
}

/** What the document route's action answers (also to these fetchers). */
export interface DocumentActionPayload {
  formId: string;
  result: SubmissionResult<string[]>;
  notice: string | null;
  threadId?: string;
}

function NewCommentForm({ anchor, fetcher, onCancel }: { anchor: CommentAnchor; fetcher: ReturnType<typeof useFetcher<DocumentActionPayload>>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form, fields] = useKoersForm(commentSchema, { id: "comment", lastResult: resultFor(fetcher.data, "comment") });
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    body.current?.querySelector("textarea")?.focus();
  }, []);
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="koers-form koers-comment-form" aria-labelledby="new-comment-heading">
      <h3 id="new-comment-heading" className="utrecht-heading-3">
        {t("documents.comments.newHeading")}
      </h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name={fields.quote.name} value={anchor.quote} />
      <blockquote className="koers-thread__quote-text">“{anchor.quote}”</blockquote>
      <div ref={body}>
        <TextareaField field={fields.body} label={t("documents.comments.body")} hint={t("documents.comments.mentionHint")} />
      </div>
      <div className="koers-inline-actions">
        <Button type="submit" appearance="primary-action-button" busy={fetcher.state !== "idle"}>
          {t("documents.comments.submit")}
        </Button>
        <Button type="button" appearance="subtle-button" onClick={onCancel}>
          {t("documents.comments.cancel")}
        </Button>
      </div>
    </fetcher.Form>
  );
}

function ReplyForm({ thread }: { thread: ThreadData }) {
  const { t } = useTranslation();
  const formId = `reply-${thread.id}`;
  const fetcher = useFetcher<DocumentActionPayload>({ key: formId });
  const [form, fields] = useKoersForm(replySchema, { id: formId, lastResult: resultFor(fetcher.data, formId) });
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="koers-form koers-reply-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name={fields.threadId.name} value={thread.id} />
      <TextareaField field={fields.body} label={t("documents.comments.reply")} rows={2} />
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={fetcher.state !== "idle"}>
          {t("documents.comments.replySubmit")}
          <span className="visually-hidden"> {t("documents.comments.onThreadOf", { name: thread.authorName ?? t("documents.comments.unknownAuthor") })}</span>
        </Button>
      </div>
    </fetcher.Form>
  );
}

function ResolveForm({ thread }: { thread: ThreadData }) {
  const { t } = useTranslation();
  const resolved = thread.resolvedAt !== null;
  const intent = resolved ? "reopenThread" : "resolve";
  const fetcher = useFetcher<DocumentActionPayload>({ key: `${intent}-${thread.id}` });
  const errors = fetcher.data?.result.status === "error" ? (fetcher.data.result.error?.[""] ?? fetcher.data.result.error?.threadId) : undefined;
  return (
    <fetcher.Form method="post" className="koers-inline-form">
      <FormError errors={errors} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="threadId" value={thread.id} />
      <Button type="submit" appearance="subtle-button" busy={fetcher.state !== "idle"}>
        {resolved ? t("documents.comments.reopen") : t("documents.comments.resolve")}
        <span className="visually-hidden"> {t("documents.comments.onThreadOf", { name: thread.authorName ?? t("documents.comments.unknownAuthor") })}</span>
      </Button>
    </fetcher.Form>
  );
}

function Thread({ thread, canComment, handle, active }: { thread: ThreadData; canComment: boolean; handle: EditorHandle | null; active: boolean }) {
  const { t, i18n } = useTranslation();
  const [missing, setMissing] = useState(false);
  const author = thread.authorName ?? t("documents.comments.unknownAuthor");
  const resolved = thread.resolvedAt !== null;
  const headingId = `thread-${thread.id}-heading`;
  return (
    <article
      id={`opmerking-${thread.id}`}
      className={`koers-thread${active ? " koers-thread--active" : ""}${resolved ? " koers-thread--resolved" : ""}`}
      aria-labelledby={headingId}
      data-thread-id={thread.id}
    >
      <h3 id={headingId} className="koers-thread__heading">
        {t("documents.comments.threadBy", { name: author })}
      </h3>
      <Paragraph className="koers-muted koers-thread__meta">
        <time dateTime={thread.createdAt}>{formatMoment(thread.createdAt, i18n.language)}</time>
        {resolved ? ` · ${t("documents.comments.resolvedBy", { name: thread.resolvedByName ?? t("documents.comments.unknownAuthor"), date: formatMoment(thread.resolvedAt, i18n.language) })}` : null}
      </Paragraph>
      {thread.quote ? (
        <button
          type="button"
          className="koers-thread__quote"
          onClick={() => {
            const found = handle?.selectThread(thread.id) ?? false;
            setMissing(!found);
          }}
        >
          <span className="visually-hidden">{t("documents.comments.showInText")}: </span>“{thread.quote}”
        </button>
      ) : null}
      {missing ? (
        <Paragraph className="koers-muted" role="status">
          {handle ? t("documents.comments.anchorMissing") : t("documents.comments.editorNotReady")}
        </Paragraph>
      ) : null}
      <Paragraph className="koers-pre">{thread.body}</Paragraph>
      {thread.replies.length ? (
        <ol className="koers-thread__replies" aria-label={t("documents.comments.repliesLabel", { count: thread.replies.length })}>
          {thread.replies.map((r) => (
            <li key={r.id} className="koers-thread__reply">
              <Paragraph className="koers-thread__meta">
                <strong>{r.authorName ?? t("documents.comments.unknownAuthor")}</strong> ·{" "}
                <time dateTime={r.createdAt} className="koers-muted">
                  {formatMoment(r.createdAt, i18n.language)}
                </time>
              </Paragraph>
              <Paragraph className="koers-pre">{r.body}</Paragraph>
            </li>
          ))}
        </ol>
      ) : null}
      {canComment && !resolved ? <ReplyForm thread={thread} /> : null}
      {canComment ? <ResolveForm thread={thread} /> : null}
    </article>
  );
}

export function CommentsPanel({
  threads,
  canComment,
  canAdd,
  handle,
  activeThreadId,
}: {
  threads: ThreadData[];
  /** May reply and resolve (role). */
  canComment: boolean;
  /** May start a thread here now (role, and the document is a draft). */
  canAdd: boolean;
  handle: EditorHandle | null;
  activeThreadId: string | null;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<DocumentActionPayload>({ key: "comment" });
  const [anchor, setAnchor] = useState<CommentAnchor | null>(null);
  const [message, setMessage] = useState<{ key: string; type: "ok" | "info" | "warning" } | null>(null);
  const [userOpenedResolved, setUserOpenedResolved] = useState(false);
  const applied = useRef(new Set<string>());

  // Stored on the server: now anchor the thread in the text.
  useEffect(() => {
    const threadId = fetcher.data?.threadId;
    if (fetcher.state !== "idle" || !threadId || applied.current.has(threadId) || !anchor) return;
    applied.current.add(threadId);
    const anchored = handle?.applyComment(anchor, threadId) ?? false;
    setMessage(anchored ? { key: "documents.comments.placed", type: "ok" } : { key: "documents.comments.placedWithoutAnchor", type: "warning" });
    setAnchor(null);
  }, [fetcher.state, fetcher.data, anchor, handle]);

  const start = () => {
    setMessage(null);
    if (!handle) return setMessage({ key: "documents.comments.editorNotReady", type: "info" });
    if (!handle.isEditable()) return setMessage({ key: "documents.comments.notEditableNow", type: "info" });
    const captured = handle.captureSelection();
    if (!captured) return setMessage({ key: "documents.comments.selectFirst", type: "info" });
    setAnchor(captured);
  };

  const open = threads.filter((th) => th.resolvedAt === null);
  const resolved = threads.filter((th) => th.resolvedAt !== null);
  // Comments reload live (others reply and resolve): the resolved list stays as the user left it.
  const showResolved = userOpenedResolved || resolved.some((th) => th.id === activeThreadId);
  return (
    <div className="koers-comments-panel">
      <Heading2 id="comments-heading">{t("documents.comments.heading")}</Heading2>
      {canAdd ? (
        anchor ? (
          <NewCommentForm
            anchor={anchor}
            fetcher={fetcher}
            onCancel={() => {
              setAnchor(null);
              handle?.focus();
            }}
          />
        ) : (
          <div className="koers-comments-panel__start">
            <Button type="button" appearance="secondary-action-button" onMouseDown={(event) => event.preventDefault()} onClick={start}>
              {t("documents.comments.add")}
            </Button>
          </div>
        )
      ) : (
        <Paragraph className="koers-muted">{canComment ? t("documents.comments.closedApproved") : t("documents.comments.readOnly")}</Paragraph>
      )}
      {message ? <Notice type={message.type}>{t(message.key)}</Notice> : null}
      {open.length === 0 ? <Paragraph>{t("documents.comments.none")}</Paragraph> : null}
      {open.map((thread) => (
        <Thread key={thread.id} thread={thread} canComment={canComment} handle={handle} active={thread.id === activeThreadId} />
      ))}
      {resolved.length ? (
        <details className="koers-comments-panel__resolved" open={showResolved} onToggle={(event) => setUserOpenedResolved(event.currentTarget.open)}>
          <summary>{t("documents.comments.resolvedHeading", { count: resolved.length })}</summary>
          {resolved.map((thread) => (
            <Thread key={thread.id} thread={thread} canComment={canComment} handle={handle} active={thread.id === activeThreadId} />
          ))}
        </details>
      ) : null}
    </div>
  );
}
