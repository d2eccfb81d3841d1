// One task of a phase board: edit its title, description, due date and labels; assign it (leads
// anyone, others only themselves); its checklist, comments and links. Viewers read only.
// One action, one `intent` per form; every refusal becomes a Dutch message.
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { phaseFromParam } from "../../modules/programme/phase-param.server";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, FormField, FormFieldErrorMessage, FormLabel, Heading1, Heading2, Paragraph, Select, SelectOption, Textarea, Textbox } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { TASK_LINK_KINDS } from "../../../db/schema/boards";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { useHydrated } from "../../components/ui/use-hydrated";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { addChecklistItem, addComment, addLink, assignTask, loadTask, setTaskArchived, toggleChecklistItem, updateTask } from "../../modules/boards/boards.server";
import { addChecklistItemSchema, addCommentSchema, addLinkSchema, assignTaskSchema, toggleChecklistItemSchema, updateTaskSchema } from "../../modules/boards/schema";
import { listMembers } from "../../modules/members/members.server";
import { listLinkTargets, resolveTaskLinks } from "../../modules/boards/task-links.server";
import { formatDay, formatMoment } from "../../modules/programme/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.task.title ?? "Taak"} · Koers` }];

const INTENTS = ["updateTask", "assignTask", "addChecklistItem", "toggleChecklistItem", "addComment", "addLink", "archiveTask", "restoreTask"] as const;
type Intent = (typeof INTENTS)[number];

const isIntent = (value: string): value is Intent => isOneOf(INTENTS, value);

const phaseOf = phaseFromParam;


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseOf(params.phase);
  const task = await loadTask(member, params.taskId ?? "");
  if (!task || task.phaseNumber !== n) throw notFound();
  const lead = can(member.role, { task: ["manage"] });
  // An archived task is read-only until a lead restores it.
  const canWork = can(member.role, { task: ["work"] }) && !task.archived;
  const members = lead
    ? (await listMembers(member)).map((m) => ({ userId: m.userId, name: m.name, email: m.email }))
    : [{ userId: member.userId, name: member.userName, email: member.email }];
  const [links, targets] = await Promise.all([resolveTaskLinks(member.municipalityId, task.links), canWork ? listLinkTargets(member.municipalityId) : Promise.resolve([])]);
  const linked = new Set(links.map((l) => `${l.kind}:${l.targetId}`));
  return {
    n,
    cbsCode: member.cbsCode,
    task: { ...task, links },
    lead,
    canWork,
    members,
    userId: member.userId,
    linkTargets: targets.filter((tg) => !linked.has(`${tg.kind}:${tg.id}`)).map((tg) => ({ value: `${tg.kind}:${tg.id}`, kind: tg.kind, label: tg.label })),
  };
}

type NoticeData = { key: string; values: Record<string, string | number> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: NoticeData | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: NoticeData | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

const statusOf = (error: string) => (error === "not_found" ? 404 : error === "not_allowed" ? 403 : 409);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseOf(params.phase);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isIntent(intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, { task: ["work"] })) throw forbidden();
  const task = await loadTask(member, params.taskId ?? "");
  if (!task || task.phaseNumber !== n) throw notFound();
  // The task comes from the URL, never from the form.
  formData.set("taskId", task.id);
  const t = requestT(request);
  const refusal = (error: string) => t(`boards.errors.${error}`);

  switch (intent) {
    case "archiveTask":
    case "restoreTask": {
      const formId = formIdOf(intent);
      const archive = intent === "archiveTask";
      const outcome = await setTaskArchived(member, task.id, archive);
      const empty = { status: "success", initialValue: {} } as SubmissionResult<string[]>;
      if (!outcome.ok) return reply(formId, { ...empty, status: "error", error: { "": [refusal(outcome.error)] } }, statusOf(outcome.error));
      return reply(formId, empty, 200, { key: archive ? "boards.task.archivedNotice" : "boards.task.restoredNotice", values: { title: task.title } });
    }
    case "updateTask": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: updateTaskSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const { taskId, ...changes } = submission.value;
      const outcome = await updateTask(member, taskId, changes);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply(), 200, { key: "boards.task.saved", values: {} });
    }
    case "assignTask": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: assignTaskSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await assignTask(member, submission.value.taskId, submission.value.assigneeUserId);
      if (!outcome.ok) {
        if (outcome.error === "not_member") return reply(formId, submission.reply({ fieldErrors: { assigneeUserId: [refusal("not_member")] } }), 400);
        return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      }
      return reply(formId, submission.reply(), 200, { key: "boards.task.assigned", values: {} });
    }
    case "addChecklistItem": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: addChecklistItemSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await addChecklistItem(member, submission.value.taskId, submission.value.text);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply({ resetForm: true }), 200, { key: "boards.task.checklistAdded", values: { text: submission.value.text } });
    }
    case "toggleChecklistItem": {
      const formId = formIdOf(intent, String(formData.get("itemId") ?? ""));
      const submission = parseWithZod(formData, { schema: toggleChecklistItemSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const item = task.checklist.find((i) => i.id === submission.value.itemId);
      if (!item) return reply(formId, submission.reply({ formErrors: [refusal("not_found")] }), 404);
      const outcome = await toggleChecklistItem(member, item.id, submission.value.done);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply(), 200, { key: submission.value.done ? "boards.task.checklistChecked" : "boards.task.checklistUnchecked", values: { text: item.text } });
    }
    case "addComment": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: addCommentSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await addComment(member, submission.value.taskId, submission.value.body);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply({ resetForm: true }), 200, { key: "boards.task.commentAdded", values: {} });
    }
    case "addLink": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: addLinkSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await addLink(member, submission.value.taskId, submission.value.target);
      if (!outcome.ok) {
        if (outcome.error === "link_target_not_found") return reply(formId, submission.reply({ fieldErrors: { target: [refusal(outcome.error)] } }), 400);
        return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      }
      return reply(formId, submission.reply({ resetForm: true }), 200, { key: "boards.task.linkAdded", values: {} });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type TaskData = LoaderData["task"];
type ItemData = TaskData["checklist"][number];

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

const useSubmitting = (formId: string) => useFormSubmitting(formId, (intent) => (intent === "toggleChecklistItem" ? "itemId" : undefined));

/** The task the form is about (the action takes it from the URL; client validation wants it too). */
function TaskIdInput() {
  const { task } = useLoaderData<typeof loader>();
  return <input type="hidden" name="taskId" value={task.id} />;
}

/** A select wired to Conform with its label and error, like TextField. */
function SelectField({ field, label, hint, children }: { field: FieldMetadata<unknown>; label: string; hint?: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const errors = field.errors?.map((e) => t(e, { defaultValue: e }));
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getSelectProps(field as FieldMetadata<string>);
  return (
    <FormField invalid={Boolean(errors?.length)} type="select">
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </Paragraph>
      {hint ? <Paragraph id={hintId} className="utrecht-form-field-description">{hint}</Paragraph> : null}
      {errors?.length ? <FormFieldErrorMessage id={field.errorId}>{errors.join(" ")}</FormFieldErrorMessage> : null}
      <Select key={key} {...props} invalid={Boolean(errors?.length)} aria-describedby={[hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}>
        {children}
      </Select>
    </FormField>
  );
}

export default function Task() {
  const { t, i18n } = useTranslation();
  const { n, cbsCode, task, canWork, lead } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rendered = new Set<string>(canWork ? ["updateTask", "assignTask", "addChecklistItem", "addComment", "addLink"] : []);
  if (lead) rendered.add(task.archived ? "restoreTask" : "archiveTask");
  if (canWork) for (const i of task.checklist) rendered.add(formIdOf("toggleChecklistItem", i.id));
  const orphanErrors = actionData && !rendered.has(actionData.formId) ? actionData.result.error?.[""] : undefined;
  const boardUrl = `/g/${cbsCode}/fase/${n}/bord`;
  const lang = i18n.language;
  return (
    <>
      <Paragraph>
        <Link to={boardUrl}>{t("boards.task.backToBoard")}</Link>
      </Paragraph>
      <Heading1>{task.title}</Heading1>
      <div aria-live="polite">{actionData?.notice ? <Notice>{t(actionData.notice.key, { ...actionData.notice.values, interpolation: { escapeValue: false } })}</Notice> : null}</div>
      <FormError errors={orphanErrors} />
      {task.archived ? (
        // A lasting state, not news: no live region (the notice above announces the change itself).
        <div className="utrecht-alert utrecht-alert--warning">
          <div className="utrecht-alert__message">
            <Paragraph>{t("boards.task.archived", { date: formatMoment(task.archived.at, lang) ?? "", name: task.archived.byName ?? "?" })}</Paragraph>
          </div>
        </div>
      ) : !canWork ? (
        <Paragraph className="koers-muted">{t("boards.task.readOnly")}</Paragraph>
      ) : null}
      {lead ? <ArchiveForm archived={Boolean(task.archived)} /> : null}
      <dl className="koers-facts">
        <dt>{t("boards.task.column")}</dt>
        <dd>{task.columnName}</dd>
        <dt>{t("boards.task.assignee")}</dt>
        <dd>{task.assignee?.name ?? t("boards.task.nobody")}</dd>
        <dt>{t("boards.task.dueDate")}</dt>
        <dd>{formatDay(task.dueDate, lang) ?? "–"}</dd>
        <dt>{t("boards.task.labels")}</dt>
        <dd>{task.labels.length ? task.labels.join(", ") : "–"}</dd>
      </dl>
      {task.description ? <Paragraph className="koers-pre">{task.description}</Paragraph> : null}

      {canWork ? (
        <>
          <EditForm key={`${task.title}:${task.description}:${task.dueDate}:${task.labels.join(",")}`} task={task} />
          <AssignForm key={`assign:${task.assignee?.id ?? ""}`} task={task} />
        </>
      ) : null}

      <section className="koers-section" aria-labelledby="checklist-heading">
        <Heading2 id="checklist-heading">{t("boards.task.checklist")}</Heading2>
        {task.checklist.length === 0 ? (
          <Paragraph>{t("boards.task.checklistEmpty")}</Paragraph>
        ) : (
          <ul className="koers-checklist">
            {task.checklist.map((item) => (
              <ChecklistItem key={`${item.id}:${item.done}`} item={item} editable={canWork} />
            ))}
          </ul>
        )}
        {canWork ? <AddChecklistItemForm /> : null}
      </section>

      <section className="koers-section" aria-labelledby="comments-heading">
        <Heading2 id="comments-heading">{t("boards.task.comments")}</Heading2>
        {task.comments.length === 0 ? (
          <Paragraph>{t("boards.task.commentsEmpty")}</Paragraph>
        ) : (
          <ul className="koers-comments">
            {task.comments.map((c) => (
              <li key={c.id} className="koers-comment">
                <Paragraph className="koers-muted">{t("boards.task.commentBy", { name: c.authorName ?? "?", date: formatMoment(c.createdAt, lang) ?? "" })}</Paragraph>
                <Paragraph className="koers-pre">{c.body}</Paragraph>
              </li>
            ))}
          </ul>
        )}
        {canWork ? <AddCommentForm /> : null}
      </section>

      <section className="koers-section" aria-labelledby="links-heading">
        <Heading2 id="links-heading">{t("boards.task.links")}</Heading2>
        {task.links.length === 0 ? (
          <Paragraph>{t("boards.task.linksEmpty")}</Paragraph>
        ) : (
          <ul>
            {task.links.map((l) => (
              <li key={l.id}>
                {t(`boards.task.linkKinds.${l.kind}`)}:{" "}
                {l.target ? <Link to={`/g/${cbsCode}${l.target.path}`}>{l.target.label}</Link> : <span className="koers-muted">{t("boards.task.linkGone")}</span>}
              </li>
            ))}
          </ul>
        )}
        {canWork ? <AddLinkForm /> : null}
      </section>

      <Paragraph>
        <Link to={boardUrl}>{t("boards.task.backToBoard")}</Link>
      </Paragraph>
    </>
  );
}

function ArchiveForm({ archived }: { archived: boolean }) {
  const { t } = useTranslation();
  const intent = archived ? "restoreTask" : "archiveTask";
  const lastResult = useLastResult(intent);
  const submitting = useSubmitting(intent);
  const button = (
    <Button type="submit" appearance={archived ? "primary-action-button" : "secondary-action-button"} busy={submitting}>
      {archived ? t("boards.task.restore") : t("boards.task.archive")}
    </Button>
  );
  return (
    <Form method="post" className="koers-form koers-section">
      <FormError errors={lastResult?.error?.[""]} />
      <input type="hidden" name="intent" value={intent} />
      {archived ? (
        <div>{button}</div>
      ) : (
        <details>
          <summary>{t("boards.task.archive")}</summary>
          <Paragraph>{t("boards.task.archiveHint")}</Paragraph>
          <div>{button}</div>
        </details>
      )}
    </Form>
  );
}

function EditForm({ task }: { task: TaskData }) {
  const { t } = useTranslation();
  const formId = formIdOf("updateTask");
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(updateTaskSchema, {
    id: formId,
    lastResult,
    defaultValue: { taskId: task.id, title: task.title, description: task.description, dueDate: task.dueDate ?? "", labels: task.labels.join(", ") } as never,
  });
  const submitting = useSubmitting(formId);
  const descriptionErrors = fields.description.errors?.map((e) => t(e, { defaultValue: e }));
  const { key: descriptionKey, ...descriptionProps } = getTextareaProps(fields.description);
  return (
    <details className="koers-section" open={lastResult?.status === "error"}>
      <summary>{t("boards.task.edit")}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="updateTask" />
        <TaskIdInput />
        <TextField field={fields.title} label={t("boards.task.title")} />
        <FormField invalid={Boolean(descriptionErrors?.length)} type="text">
          <Paragraph className="utrecht-form-field__label">
            <FormLabel htmlFor={fields.description.id}>{t("boards.task.description")}</FormLabel>
          </Paragraph>
          {descriptionErrors?.length ? <FormFieldErrorMessage id={fields.description.errorId}>{descriptionErrors.join(" ")}</FormFieldErrorMessage> : null}
          <Textarea key={descriptionKey} {...descriptionProps} rows={4} invalid={Boolean(descriptionErrors?.length)} aria-describedby={descriptionErrors?.length ? fields.description.errorId : undefined} />
        </FormField>
        <TextField field={fields.dueDate as unknown as FieldMetadata<string | undefined>} type="date" label={t("boards.task.dueDate")} />
        <TextField field={fields.labels as unknown as FieldMetadata<string | undefined>} label={t("boards.task.labels")} hint={t("boards.task.labelsHint")} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("boards.task.save")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function AssignForm({ task }: { task: TaskData }) {
  const { t } = useTranslation();
  const { lead, members } = useLoaderData<typeof loader>();
  const formId = formIdOf("assignTask");
  const [form, fields] = useKoersForm(assignTaskSchema, { id: formId, lastResult: useLastResult(formId), defaultValue: { taskId: task.id, assigneeUserId: task.assignee?.id ?? "" } as never });
  const submitting = useSubmitting(formId);
  // Others than leads may only take a task themselves or hand it back; keep the current assignee visible.
  const options = [...members];
  if (task.assignee && !options.some((m) => m.userId === task.assignee!.id)) options.push({ userId: task.assignee.id, name: task.assignee.name, email: "" });
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form koers-section" aria-labelledby={`${formId}-heading`}>
      <Heading2 id={`${formId}-heading`}>{t("boards.task.assign")}</Heading2>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="assignTask" />
      <TaskIdInput />
      <SelectField field={fields.assigneeUserId as FieldMetadata<unknown>} label={t("boards.task.assignee")} hint={lead ? undefined : t("boards.task.assignHint")}>
        <SelectOption value="">{t("boards.task.nobody")}</SelectOption>
        {options.map((m) => (
          <SelectOption key={m.userId} value={m.userId}>
            {m.email ? `${m.name} (${m.email})` : m.name}
          </SelectOption>
        ))}
      </SelectField>
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("boards.task.assignSubmit")}
        </Button>
      </div>
    </Form>
  );
}

function ChecklistItem({ item, editable }: { item: ItemData; editable: boolean }) {
  const { t } = useTranslation();
  const formId = formIdOf("toggleChecklistItem", item.id);
  const lastResult = useLastResult(formId);
  const submitting = useSubmitting(formId);
  const hydrated = useHydrated();
  if (!editable) {
    return (
      <li className="koers-checklist-item">
        {item.text} <span className={`koers-badge koers-badge--${item.done ? "done" : "not_started"}`}>{item.done ? "✓" : "–"}</span>
      </li>
    );
  }
  return (
    <li className="koers-checklist-item">
      <Form method="post" id={formId} className="koers-inline-form" onChange={(e) => e.currentTarget.requestSubmit()}>
        <input type="hidden" name="intent" value="toggleChecklistItem" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="checkbox" id={`${formId}-done`} name="done" defaultChecked={item.done} className="utrecht-checkbox utrecht-checkbox--html-input" />
        <label htmlFor={`${formId}-done`}>{item.text}</label>
        {hydrated ? null : (
          <Button type="submit" appearance="subtle-button" busy={submitting}>
            {t("boards.task.checklistSave")}
            <span className="visually-hidden">: {item.text}</span>
          </Button>
        )}
      </Form>
      <FormError errors={lastResult?.error?.[""]} />
    </li>
  );
}

function AddChecklistItemForm() {
  const { t } = useTranslation();
  const formId = formIdOf("addChecklistItem");
  const [form, fields] = useKoersForm(addChecklistItemSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="addChecklistItem" />
      <TaskIdInput />
      <TextField field={fields.text} label={t("boards.task.checklistNew")} />
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("boards.task.checklistAdd")}
        </Button>
      </div>
    </Form>
  );
}

function AddCommentForm() {
  const { t } = useTranslation();
  const formId = formIdOf("addComment");
  const [form, fields] = useKoersForm(addCommentSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  const errors = fields.body.errors?.map((e) => t(e, { defaultValue: e }));
  const { key, ...props } = getTextareaProps(fields.body);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="addComment" />
      <TaskIdInput />
      <FormField invalid={Boolean(errors?.length)} type="text">
        <Paragraph className="utrecht-form-field__label">
          <FormLabel htmlFor={fields.body.id}>{t("boards.task.commentNew")}</FormLabel>
        </Paragraph>
        {errors?.length ? <FormFieldErrorMessage id={fields.body.errorId}>{errors.join(" ")}</FormFieldErrorMessage> : null}
        <Textarea key={key} {...props} rows={3} invalid={Boolean(errors?.length)} aria-describedby={errors?.length ? fields.body.errorId : undefined} />
      </FormField>
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("boards.task.commentAdd")}
        </Button>
      </div>
    </Form>
  );
}

function AddLinkForm() {
  const { t } = useTranslation();
  const { linkTargets } = useLoaderData<typeof loader>();
  const formId = formIdOf("addLink");
  const [form, fields] = useKoersForm(addLinkSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  if (linkTargets.length === 0) return <Paragraph className="koers-muted">{t("boards.task.linkNothing")}</Paragraph>;
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="addLink" />
      <TaskIdInput />
      <SelectField field={fields.target as FieldMetadata<unknown>} label={t("boards.task.linkTarget")} hint={t("boards.task.linkTargetHint")}>
        <SelectOption value="">{t("boards.task.linkChoose")}</SelectOption>
        {TASK_LINK_KINDS.map((kind) => {
          const options = linkTargets.filter((o) => o.kind === kind);
          return options.length === 0 ? null : (
            <optgroup key={kind} label={t(`boards.task.linkKinds.${kind}`)}>
              {options.map((o) => (
                <SelectOption key={o.value} value={o.value}>
                  {o.label}
                </SelectOption>
              ))}
            </optgroup>
          );
        })}
      </SelectField>
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("boards.task.linkAdd")}
        </Button>
      </div>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
