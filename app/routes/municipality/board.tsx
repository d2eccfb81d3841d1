// The kanban board of one phase: columns with cards in rank order, filters (a GET form), a new-task
// form, and per card a small move form (works without JavaScript) plus drag and drop (with it).
// Viewers only read. Leads rename and add columns. One action, one `intent` per form.
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { phaseFromParam } from "../../modules/programme/phase-param.server";
import { getFormProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FormField, FormLabel, Heading1, Heading2, Paragraph, Select, SelectOption } from "@utrecht/component-library-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { useHydrated } from "../../components/ui/use-hydrated";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { addColumn, createTask, loadBoard, moveTask, renameColumn, type CardView } from "../../modules/boards/boards.server";
import { BoardDnd, SortableCard, SortableColumn, type DndColumn, type DndMove } from "../../modules/boards/components/board-dnd";
import { addColumnSchema, boardFilterSchema, createTaskSchema, moveTaskSchema, renameColumnSchema } from "../../modules/boards/schema";
import { useStickyActionData } from "../../modules/boards/components/use-sticky-action-data";
import { useLiveBoard } from "../../modules/boards/use-live-board";
import { formatDay } from "../../modules/programme/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Takenbord fase ${data?.n ?? ""} · Koers` }];

const INTENTS = ["createTask", "moveTask", "renameColumn", "addColumn"] as const;
type Intent = (typeof INTENTS)[number];

const isIntent = (value: string): value is Intent => isOneOf(INTENTS, value);

const phaseOf = phaseFromParam;


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseOf(params.phase);
  const url = new URL(request.url);
  const parsed = boardFilterSchema.safeParse({ mine: url.searchParams.get("mijn") ?? undefined, overdue: url.searchParams.get("telaat") ?? undefined, label: url.searchParams.get("label") ?? undefined });
  const filters = parsed.success ? parsed.data : {};
  const board = await loadBoard(member, n, filters);
  if (!board) throw notFound();
  return {
    n,
    cbsCode: member.cbsCode,
    board,
    filters: { mine: Boolean(filters.mine), overdue: Boolean(filters.overdue), label: filters.label ?? "" },
    canWork: can(member.role, { task: ["work"] }),
    lead: can(member.role, { task: ["manage"] }),
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
  const t = requestT(request);
  const refusal = (error: string) => t(`boards.errors.${error}`);

  switch (intent) {
    case "createTask": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: createTaskSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await createTask(member, n, submission.value);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply({ resetForm: true }), 200, { key: "boards.newTask.created", values: { title: submission.value.title } });
    }
    case "moveTask": {
      const formId = formIdOf(intent, String(formData.get("taskId") ?? ""));
      // The move buttons carry their whole target in one value: "columnId|beforeTaskId|afterTaskId".
      const target = formData.get("target");
      if (typeof target === "string") {
        const [columnId = "", beforeTaskId = "", afterTaskId = ""] = target.split("|");
        formData.set("columnId", columnId);
        formData.set("beforeTaskId", beforeTaskId);
        formData.set("afterTaskId", afterTaskId);
      }
      const submission = parseWithZod(formData, { schema: moveTaskSchema });
      if (submission.status !== "success") return reply(formId, submission.reply({ formErrors: [refusal("not_found")] }), 400);
      const { taskId, ...move } = submission.value;
      const outcome = await moveTask(member, taskId, move);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      const board = await loadBoard(member, n);
      const column = board?.columns.find((c) => c.id === move.columnId);
      const title = column?.cards.find((c) => c.id === taskId)?.title ?? "";
      return reply(formId, submission.reply(), 200, { key: "boards.move.moved", values: { title, column: column?.name ?? "" } });
    }
    case "renameColumn": {
      const formId = formIdOf(intent, String(formData.get("columnId") ?? ""));
      const submission = parseWithZod(formData, { schema: renameColumnSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await renameColumn(member, submission.value.columnId, submission.value.name);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply(), 200, { key: "boards.columns.renamed", values: { name: submission.value.name } });
    }
    case "addColumn": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: addColumnSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await addColumn(member, n, submission.value);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply({ resetForm: true }), 200, { key: "boards.columns.added", values: { name: submission.value.name } });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;
type Column = LoaderData["board"]["columns"][number];
type Card = Column["cards"][number];

function useLastResult(formId: string) {
  const actionData = useStickyActionData<ActionData>();
  return actionData?.formId === formId ? actionData.result : undefined;
}

function useSubmitting(formId: string) {
  const navigation = useNavigation();
  const submitted = navigation.formData;
  if (navigation.state !== "submitting" || !submitted) return false;
  const intent = String(submitted.get("intent") ?? "");
  if (!isIntent(intent)) return false;
  const row = intent === "moveTask" ? submitted.get("taskId") : intent === "renameColumn" ? submitted.get("columnId") : null;
  return formIdOf(intent, row ? String(row) : undefined) === formId;
}

export default function Board() {
  const { t } = useTranslation();
  const { n, cbsCode, board, filters, canWork, lead } = useLoaderData<typeof loader>();
  const actionData = useStickyActionData<ActionData>();
  const hydrated = useHydrated();
  useLiveBoard(cbsCode, n);

  // Drag and drop: the order shown right after a drop, until the board reloads.
  const fetcher = useFetcher<typeof action>();
  const [dropped, setDropped] = useState<DndColumn[] | null>(null);
  useEffect(() => setDropped(null), [board]);
  const cards = useMemo(() => new Map<string, Card>(board.columns.flatMap((c) => c.cards.map((card) => [card.id, card] as const))), [board]);
  const dndColumns: DndColumn[] = dropped ?? board.columns.map((c) => ({ id: c.id, name: c.name, cardIds: c.cards.map((card) => card.id) }));
  const titles = Object.fromEntries([...cards.values()].map((c) => [c.id, c.title]));
  function onMove(move: DndMove, next: DndColumn[]) {
    setDropped(next);
    fetcher.submit({ intent: "moveTask", taskId: move.taskId, columnId: move.columnId, beforeTaskId: move.beforeTaskId ?? "", afterTaskId: move.afterTaskId ?? "" }, { method: "post" });
  }

  const rendered = new Set<string>(["createTask", "addColumn"]);
  for (const c of board.columns) {
    rendered.add(formIdOf("renameColumn", c.id));
    for (const card of c.cards) rendered.add(formIdOf("moveTask", card.id));
  }
  const orphanErrors = actionData && !rendered.has(actionData.formId) ? actionData.result.error?.[""] : undefined;
  const fetcherErrors = fetcher.state === "idle" ? fetcher.data?.result.error?.[""] : undefined;
  const notice = actionData?.notice ?? (fetcher.state === "idle" ? fetcher.data?.notice : null);
  const filtered = filters.mine || filters.overdue || Boolean(filters.label);

  const columnsView = dndColumns.map((dc, index) => {
    const column = board.columns.find((c) => c.id === dc.id)!;
    const list = dc.cardIds.map((id) => cards.get(id)).filter((c): c is Card => Boolean(c));
    return (
      <section key={dc.id} className="koers-board-column" aria-labelledby={`column-${dc.id}`}>
        <Heading2 id={`column-${dc.id}`} className="koers-board-column__title">
          {column.name}
        </Heading2>
        <Paragraph className="koers-muted">{t("boards.count", { count: list.length })}</Paragraph>
        <SortableColumn column={dc} className="koers-board-cards">
          {list.map((card, i) => (
            <SortableCard key={card.id} id={card.id} title={card.title} hydrated={hydrated && canWork} className="koers-task-card">
              <CardBody card={card} cbsCode={cbsCode} n={n} />
              {canWork ? (
                <MoveForm card={card} columnId={dc.id} prev={list[i - 1]} next={list[i + 1]} prevColumnId={dndColumns[index - 1]?.id} nextColumnId={dndColumns[index + 1]?.id} />
              ) : null}
            </SortableCard>
          ))}
        </SortableColumn>
        {list.length === 0 ? <Paragraph className="koers-muted">{t("boards.empty")}</Paragraph> : null}
      </section>
    );
  });

  return (
    <>
      <Heading1>{t("boards.title", { n })}</Heading1>
      <div aria-live="polite">{notice ? <Notice>{t(notice.key, { ...notice.values, interpolation: { escapeValue: false } })}</Notice> : null}</div>
      <FormError errors={orphanErrors ?? fetcherErrors} />
      <Paragraph>{canWork ? t("boards.intro") : t("boards.readOnly")}</Paragraph>

      <Form method="get" className="koers-board-filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="utrecht-heading-3">
          {t("boards.filters.legend")}
        </h2>
        <div className="koers-form-row">
          <span className="koers-check">
            <input type="checkbox" id="filter-mine" name="mijn" value="1" defaultChecked={filters.mine} className="utrecht-checkbox utrecht-checkbox--html-input" />
            <label htmlFor="filter-mine">{t("boards.filters.mine")}</label>
          </span>
          <span className="koers-check">
            <input type="checkbox" id="filter-overdue" name="telaat" value="1" defaultChecked={filters.overdue} className="utrecht-checkbox utrecht-checkbox--html-input" />
            <label htmlFor="filter-overdue">{t("boards.filters.overdue")}</label>
          </span>
          <span className="koers-check">
            <label htmlFor="filter-label">{t("boards.filters.label")}</label>{" "}
            <Select id="filter-label" name="label" defaultValue={filters.label}>
              <SelectOption value="">{t("boards.filters.anyLabel")}</SelectOption>
              {board.labels.map((l) => (
                <SelectOption key={l} value={l}>
                  {l}
                </SelectOption>
              ))}
            </Select>
          </span>
          <Button type="submit" appearance="secondary-action-button">
            {t("boards.filters.apply")}
          </Button>
          {filtered ? <Link to={`/g/${cbsCode}/fase/${n}/bord`}>{t("boards.filters.reset")}</Link> : null}
        </div>
        {filtered ? <Paragraph className="koers-muted">{t("boards.filters.active")}</Paragraph> : null}
      </Form>

      {/* Scrolls sideways on narrow screens: focusable, so keyboard users can scroll it (even when filtered empty). */}
      <div className="koers-board" tabIndex={0} role="group" aria-label={t("boards.columnsLabel", { n })}>
        {canWork ? (
          <BoardDnd id={`board-${board.id}`} columns={dndColumns} titles={titles} onMove={onMove}>
            {columnsView}
          </BoardDnd>
        ) : (
          columnsView
        )}
      </div>

      {canWork ? <NewTaskForm columns={board.columns} /> : null}
      {lead ? (
        <details className="koers-section" open={Boolean(actionData && (actionData.formId === "addColumn" || actionData.formId.startsWith("renameColumn")))}>
          <summary>{t("boards.columns.heading")}</summary>
          {board.columns.map((c) => (
            <RenameColumnForm key={`${c.id}:${c.name}`} column={c} />
          ))}
          <AddColumnForm />
        </details>
      ) : null}

      <Paragraph>
        <Link to={`/g/${cbsCode}/fase/${n}`}>{t("boards.toPhase", { n })}</Link>
      </Paragraph>
    </>
  );
}

function CardBody({ card, cbsCode, n }: { card: Card | CardView; cbsCode: string; n: number }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3 className="koers-task-card__title">
        <Link to={`/g/${cbsCode}/fase/${n}/bord/taak/${card.id}`}>{card.title}</Link>
      </h3>
      <dl className="koers-task-card__facts">
        <dt>{t("boards.card.assignee")}</dt>
        <dd>{card.assignee?.name ?? t("boards.card.unassigned")}</dd>
        {card.dueDate ? (
          <>
            <dt>{t("boards.card.due")}</dt>
            <dd>
              {formatDay(card.dueDate, i18n.language)}
              {card.overdue ? (
                <>
                  {" "}
                  <span className="koers-badge koers-badge--overdue">{t("boards.card.overdue")}</span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {card.labels.length > 0 ? (
          <>
            <dt>{t("boards.card.labels")}</dt>
            <dd>
              <ul className="koers-labels">
                {card.labels.map((l) => (
                  <li key={l} className="koers-label">
                    {l}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      {card.checklist.total > 0 ? <Paragraph className="koers-muted">{t("boards.card.checklist", card.checklist)}</Paragraph> : null}
      {card.comments > 0 ? <Paragraph className="koers-muted">{t("boards.card.comments", { count: card.comments })}</Paragraph> : null}
    </>
  );
}

/** The no-JavaScript (and keyboard) way to move a card: one button per direction that applies. */
function MoveForm({ card, columnId, prev, next, prevColumnId, nextColumnId }: { card: Card; columnId: string; prev?: Card; next?: Card; prevColumnId?: string; nextColumnId?: string }) {
  const { t } = useTranslation();
  const formId = formIdOf("moveTask", card.id);
  const lastResult = useLastResult(formId);
  const submitting = useSubmitting(formId);
  // Each button carries its target as "columnId|beforeTaskId|afterTaskId"; a new column means its end.
  const buttons: { key: string; label: string; target: string }[] = [];
  if (prev) buttons.push({ key: "earlier", label: t("boards.move.earlier"), target: `${columnId}|${prev.id}|` });
  if (next) buttons.push({ key: "later", label: t("boards.move.later"), target: `${columnId}||${next.id}` });
  if (prevColumnId) buttons.push({ key: "prev", label: t("boards.move.prevColumn"), target: `${prevColumnId}||` });
  if (nextColumnId) buttons.push({ key: "next", label: t("boards.move.nextColumn"), target: `${nextColumnId}||` });
  return (
    <Form method="post" id={formId} className="koers-move-form" role="group" aria-label={t("boards.move.group", { title: card.title })}>
      <FormError errors={lastResult?.error?.[""]} />
      <input type="hidden" name="intent" value="moveTask" />
      <input type="hidden" name="taskId" value={card.id} />
      {buttons.map((b) => (
        <Button key={b.key} type="submit" name="target" value={b.target} appearance="subtle-button" busy={submitting}>
          {b.label}
        </Button>
      ))}
    </Form>
  );
}

function NewTaskForm({ columns }: { columns: Column[] }) {
  const { t } = useTranslation();
  const formId = formIdOf("createTask");
  const [form, fields] = useKoersForm(createTaskSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  const { key: selectKey, ...selectProps } = getSelectProps(fields.columnId as never);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form koers-section" aria-labelledby={`${formId}-heading`}>
      <Heading2 id={`${formId}-heading`}>{t("boards.newTask.heading")}</Heading2>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="createTask" />
      <TextField field={fields.title} label={t("boards.newTask.title")} />
      <FormField type="select">
        <Paragraph className="utrecht-form-field__label">
          <FormLabel htmlFor={fields.columnId.id}>{t("boards.newTask.column")}</FormLabel>
        </Paragraph>
        <Select key={selectKey} {...selectProps}>
          {columns.map((c) => (
            <SelectOption key={c.id} value={c.id}>
              {c.name}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("boards.newTask.submit")}
        </Button>
      </div>
    </Form>
  );
}

function RenameColumnForm({ column }: { column: Column }) {
  const { t } = useTranslation();
  const formId = formIdOf("renameColumn", column.id);
  const [form, fields] = useKoersForm(renameColumnSchema, { id: formId, lastResult: useLastResult(formId), defaultValue: { columnId: column.id, name: column.name } });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form-row koers-column-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="renameColumn" />
      <input type="hidden" name="columnId" value={column.id} />
      <TextField field={fields.name} label={t("boards.columns.rename", { name: column.name })} />
      <Button type="submit" appearance="secondary-action-button" busy={submitting}>
        {t("boards.columns.renameSubmit")}
        <span className="visually-hidden">: {column.name}</span>
      </Button>
    </Form>
  );
}

function AddColumnForm() {
  const { t } = useTranslation();
  const formId = formIdOf("addColumn");
  const [form, fields] = useKoersForm(addColumnSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`} className="utrecht-heading-3">
        {t("boards.columns.add")}
      </h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="addColumn" />
      <TextField field={fields.name} label={t("boards.columns.newName")} />
      <span className="koers-check">
        <input type="checkbox" id={fields.done.id} name={fields.done.name} className="utrecht-checkbox utrecht-checkbox--html-input" />
        <label htmlFor={fields.done.id}>{t("boards.columns.done")}</label>
      </span>
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("boards.columns.add")}
        </Button>
      </div>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
