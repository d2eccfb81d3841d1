// The kanban board of one phase: columns with cards in rank order, filters (a GET form), a new-task
// form, and per card move buttons (they work without JavaScript) plus drag and drop (with it).
// Viewers only read. Leads rename and add columns. One action, one `intent` per form.
//
// Built for big boards (issue 4: 500 cards): each column shows its first CARDS_PER_COLUMN cards and
// a "Toon meer (n)" link (a URL parameter, see show.ts); every move button submits one shared form
// (its value carries the whole move), cards render from strings translated once per page, and the
// loader sends only what a card shows.
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { phaseFromParam } from "../../modules/programme/phase-param.server";
import { getFormProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useLocation, useNavigation, type useActionData } from "@remix-run/react";
import { Button, FormField, FormLabel, Heading1, Heading2, Paragraph, Select, SelectOption } from "@utrecht/component-library-react";
import { P } from "../../components/ui/plain-nlds";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { useHydrated } from "../../components/ui/use-hydrated";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { addColumn, createTask, listArchivedTasks, loadBoard, moveTask, renameColumn } from "../../modules/boards/boards.server";
import { formatMoment } from "../../modules/programme/format";
import { BoardDnd, placeMoved, SortableCard, SortableColumn, type DndColumn, type DndMove } from "../../modules/boards/components/board-dnd";
import { addColumnSchema, boardFilterSchema, createTaskSchema, moveTaskSchema, renameColumnSchema } from "../../modules/boards/schema";
import { CARDS_PER_COLUMN, MORE_CARDS, parseShown, searchShowing } from "../../modules/boards/show";
import { useStickyActionData } from "../../modules/boards/components/use-sticky-action-data";
import { useLiveBoard } from "../../modules/boards/use-live-board";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Takenbord fase ${data?.n ?? ""} · Koers` }];

const INTENTS = ["createTask", "moveTask", "renameColumn", "addColumn"] as const;
type Intent = (typeof INTENTS)[number];

const isIntent = (value: string): value is Intent => isOneOf(INTENTS, value);

const phaseOf = phaseFromParam;

/** The id of the one form every move button submits (buttons point at it with `form=`). */
const MOVE_FORM = "board-move";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseOf(params.phase);
  const url = new URL(request.url);
  const parsed = boardFilterSchema.safeParse({ mine: url.searchParams.get("mijn") ?? undefined, overdue: url.searchParams.get("telaat") ?? undefined, label: url.searchParams.get("label") ?? undefined });
  const filters = parsed.success ? parsed.data : {};
  const view = await loadBoard(member, n, filters, new Date(), { perColumn: CARDS_PER_COLUMN, columns: parseShown(url.searchParams) });
  if (!view) throw notFound();
  const archived = await listArchivedTasks(member, view.id);
  // Only what the page shows (and ranks, to place a card someone moves): no assignee ids.
  const board = {
    id: view.id,
    labels: view.labels,
    columns: view.columns.map((c) => ({
      id: c.id,
      name: c.name,
      total: c.total,
      nextHiddenId: c.nextHiddenId,
      cards: c.cards.map((card) => ({
        id: card.id,
        title: card.title,
        assignee: card.assignee?.name ?? null,
        dueDate: card.dueDate,
        overdue: card.overdue,
        labels: card.labels,
        rank: card.rank,
        checklist: card.checklist.total > 0 ? card.checklist : null,
        comments: card.comments,
      })),
    })),
  };
  return {
    n,
    cbsCode: member.cbsCode,
    board,
    filters: { mine: Boolean(filters.mine), overdue: Boolean(filters.overdue), label: filters.label ?? "" },
    canWork: can(member.role, { task: ["work"] }),
    lead: can(member.role, { task: ["manage"] }),
    archived: archived.map((a) => ({ id: a.id, title: a.title, column: a.columnName, archivedAt: a.archivedAt!.toISOString() })),
  };
}

type NoticeData = { key: string; values: Record<string, string | number> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: NoticeData | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: NoticeData | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

const statusOf = (error: string) => (error === "not_found" ? 404 : error === "not_allowed" ? 403 : 409);

/** A move in one value, as the move buttons and drag and drop send it: "taskId|columnId|beforeTaskId|afterTaskId". */
const moveValue = (taskId: string, columnId: string, beforeTaskId?: string | null, afterTaskId?: string | null) => `${taskId}|${columnId}|${beforeTaskId ?? ""}|${afterTaskId ?? ""}`;

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
      const move = formData.get("move");
      if (typeof move === "string") {
        const [taskId = "", columnId = "", beforeTaskId = "", afterTaskId = ""] = move.split("|");
        formData.set("taskId", taskId);
        formData.set("columnId", columnId);
        formData.set("beforeTaskId", beforeTaskId);
        formData.set("afterTaskId", afterTaskId);
      }
      const formId = formIdOf(intent, String(formData.get("taskId") ?? ""));
      const submission = parseWithZod(formData, { schema: moveTaskSchema });
      if (submission.status !== "success") return reply(formId, submission.reply({ formErrors: [refusal("not_found")] }), 400);
      const { taskId, ...placement } = submission.value;
      const outcome = await moveTask(member, taskId, placement);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
      return reply(formId, submission.reply(), 200, { key: "boards.move.moved", values: { title: outcome.title, column: outcome.columnName } });
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

const useLastResult = (formId: string) => resultFor(useStickyActionData<ActionData>(), formId);

const useSubmitting = (formId: string) => useFormSubmitting(formId, (intent) => (intent === "renameColumn" ? "columnId" : undefined));

/** A translation with one value left open, filled in per card without asking i18next again. */
function fill(text: string, mark: string) {
  const at = text.indexOf(mark);
  return (value: string) => (at < 0 ? text : text.slice(0, at) + value + text.slice(at + mark.length));
}

/** Every string a card or column needs, translated once per page rather than once per card. */
function useCardTexts() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const mark = "\u0001";
    const locale = language === "en" ? "en-GB" : "nl-NL";
    // As formatDay (programme/format.ts), with one formatter for all cards.
    const days = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    return {
      assignee: t("boards.card.assignee"),
      unassigned: t("boards.card.unassigned"),
      due: t("boards.card.due"),
      overdue: t("boards.card.overdue"),
      labels: t("boards.card.labels"),
      earlier: t("boards.move.earlier"),
      later: t("boards.move.later"),
      prevColumn: t("boards.move.prevColumn"),
      nextColumn: t("boards.move.nextColumn"),
      group: fill(t("boards.move.group", { title: mark }), mark),
      drag: fill(t("boards.move.drag", { title: mark }), mark),
      checklist: (c: { done: number; total: number }) => t("boards.card.checklist", c),
      count: (count: number) => t("boards.count", { count }),
      empty: t("boards.empty"),
      showMore: (count: number) => t("boards.showMore", { count }),
      showMoreColumn: (column: string) => t("boards.showMoreColumn", { column }),
      comments: (count: number) => t("boards.card.comments", { count }),
      day: (value: string) => {
        const [y, m, d] = value.split("-").map(Number);
        return y && m && d ? days.format(new Date(Date.UTC(y, m - 1, d))) : value;
      },
    };
  }, [t, language]);
}

type CardTexts = ReturnType<typeof useCardTexts>;

interface MoveButton {
  key: string;
  label: string;
  value: string;
  /** Where the form goes instead of this page: the same page showing one more card of a column, when the card lands just past what it shows. */
  formAction?: string;
}

/** Focus after "Toon meer": the first card that was not shown before. */
function useFocusFirstNew(cards: readonly Card[]) {
  const from = useRef<number | null>(null);
  useEffect(() => {
    const index = from.current;
    if (index === null || cards.length <= index) return;
    from.current = null;
    document.querySelector<HTMLElement>(`#card-${CSS.escape(cards[index]!.id)} h3 a`)?.focus();
  }, [cards]);
  return (shownBefore: number) => void (from.current = shownBefore);
}

export default function Board() {
  const { t, i18n } = useTranslation();
  const { n, cbsCode, board, filters, canWork, lead, archived } = useLoaderData<typeof loader>();
  const actionData = useStickyActionData<ActionData>();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const location = useLocation();
  const texts = useCardTexts();
  const boardPath = `/g/${cbsCode}/fase/${n}/bord`;

  // The order shown right after a drop, or a move someone else made, until the board reloads.
  const fetcher = useFetcher<typeof action>();
  const [moved, setMoved] = useState<DndColumn[] | null>(null);
  const cards = useMemo(() => new Map<string, Card>(board.columns.flatMap((c) => c.cards.map((card) => [card.id, card] as const))), [board]);
  const loaded = useMemo(() => board.columns.map((c): DndColumn => ({ id: c.id, name: c.name, cardIds: c.cards.map((card) => card.id) })), [board]);
  const dndColumns: DndColumn[] = moved ?? loaded;
  const titles = useMemo(() => Object.fromEntries([...cards.values()].map((c) => [c.id, c.title])), [cards]);
  function onMove(move: DndMove, next: DndColumn[]) {
    setMoved(next);
    fetcher.submit({ intent: "moveTask", move: moveValue(move.taskId, move.columnId, move.beforeTaskId, move.afterTaskId) }, { method: "post" });
  }
  // Live: a card moved elsewhere shows in its new place at once (by its rank); the reload follows.
  // Not with "te laat" on: a move to a done column takes a card out of that filter.
  const ranks = useRef(new Map<string, string>());
  useEffect(() => {
    setMoved(null);
    ranks.current.clear();
  }, [board]);
  const current = useRef({ loaded, cards, board, overdueOnly: filters.overdue });
  current.current = { loaded, cards, board, overdueOnly: filters.overdue };
  useLiveBoard(cbsCode, n, (move) => {
    const { loaded, cards, board, overdueOnly } = current.current;
    if (overdueOnly) return;
    const rankOf = (id: string) => ranks.current.get(id) ?? cards.get(id)?.rank;
    const hasHidden = (columnId: string) => Boolean(board.columns.find((c) => c.id === columnId)?.nextHiddenId);
    setMoved((shown) => {
      const next = placeMoved(shown ?? loaded, move, rankOf, hasHidden);
      if (!next) return shown;
      ranks.current.set(move.taskId, move.rank);
      return next;
    });
  });

  // The card whose move button was pressed, while its move is under way.
  const submittedMove = navigation.state === "submitting" ? navigation.formData?.get("move") : null;
  const movingId = typeof submittedMove === "string" ? submittedMove.split("|")[0] : undefined;
  const moveErrorOf = (cardId: string) => (actionData?.formId === formIdOf("moveTask", cardId) ? (actionData.result.error?.[""] ?? undefined) : undefined);

  const rendered = new Set<string>(["createTask", "addColumn"]);
  for (const c of board.columns) {
    rendered.add(formIdOf("renameColumn", c.id));
    for (const card of c.cards) rendered.add(formIdOf("moveTask", card.id));
  }
  const orphanErrors = actionData && !rendered.has(actionData.formId) ? actionData.result.error?.[""] : undefined;
  const fetcherErrors = fetcher.state === "idle" ? fetcher.data?.result.error?.[""] : undefined;
  const notice = actionData?.notice ?? (fetcher.state === "idle" ? fetcher.data?.notice : null);
  const filtered = filters.mine || filters.overdue || Boolean(filters.label);

  // Per column: this page with one more of its cards shown, for a move that lands just past its shown
  // cards (relative: "?…" keeps the path).
  const showingOneMore = new Map(board.columns.map((c) => [c.id, searchShowing(location.search, c.id, c.cards.length + 1) || "?"]));

  /** The move buttons of a card; a move to another column puts the card after that column's shown cards. */
  function movesOf(card: Card, column: Column, list: readonly Card[], i: number, index: number): MoveButton[] {
    const buttons: MoveButton[] = [];
    const prev = list[i - 1];
    const next = list[i + 1];
    if (prev) buttons.push({ key: "earlier", label: texts.earlier, value: moveValue(card.id, column.id, prev.id, null) });
    if (next) buttons.push({ key: "later", label: texts.later, value: moveValue(card.id, column.id, null, next.id) });
    else if (column.nextHiddenId) {
      buttons.push({ key: "later", label: texts.later, value: moveValue(card.id, column.id, null, column.nextHiddenId), formAction: showingOneMore.get(column.id) });
    }
    for (const [key, label, other] of [
      ["prev", texts.prevColumn, board.columns[index - 1]],
      ["next", texts.nextColumn, board.columns[index + 1]],
    ] as const) {
      if (!other) continue;
      if (other.nextHiddenId) buttons.push({ key, label, value: moveValue(card.id, other.id, other.nextHiddenId, null), formAction: showingOneMore.get(other.id) });
      else buttons.push({ key, label, value: moveValue(card.id, other.id, null, null) });
    }
    return buttons;
  }

  const firstCardId = board.columns.find((c) => c.cards.length > 0)?.cards[0]?.id;
  const columnsView = dndColumns.map((dc, index) => {
    const column = board.columns.find((c) => c.id === dc.id)!;
    const list = dc.cardIds.map((id) => cards.get(id)).filter((c): c is Card => Boolean(c));
    return (
      <BoardColumn key={dc.id} column={column} dndColumn={dc} list={list} hidden={column.total - column.cards.length} moreHref={`${boardPath}${searchShowing(location.search, column.id, column.cards.length + MORE_CARDS)}`} texts={texts}>
        {list.map((card, i) => (
          <SortableCard key={card.id} id={card.id} dragLabel={texts.drag(card.title)} hydrated={hydrated && canWork} className="koers-task-card">
            <CardBody card={card} href={`${boardPath}/taak/${card.id}`} discover={card.id === firstCardId} texts={texts} />
            {canWork ? <MoveButtons title={card.title} buttons={movesOf(card, column, list, i, index)} busy={movingId === card.id} errors={moveErrorOf(card.id)} texts={texts} /> : null}
          </SortableCard>
        ))}
      </BoardColumn>
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
          {filtered ? <Link to={boardPath}>{t("boards.filters.reset")}</Link> : null}
        </div>
        {filtered ? <Paragraph className="koers-muted">{t("boards.filters.active")}</Paragraph> : null}
      </Form>

      {/* The one form of all move buttons; stays on this page (and its scroll position) when JavaScript runs. */}
      {canWork ? (
        <Form method="post" id={MOVE_FORM} replace preventScrollReset>
          <input type="hidden" name="intent" value="moveTask" />
        </Form>
      ) : null}

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

      {archived.length > 0 ? (
        <details className="koers-section">
          <summary>{t("boards.archivedList.heading", { count: archived.length })}</summary>
          <Paragraph>{t("boards.archivedList.intro")}</Paragraph>
          <ul>
            {archived.map((a) => (
              <li key={a.id}>
                <Link to={`/g/${cbsCode}/fase/${n}/bord/taak/${a.id}`}>{a.title}</Link>{" "}
                <span className="koers-muted">({t("boards.archivedList.item", { column: a.column, date: formatMoment(a.archivedAt, i18n.language) ?? "" })})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <Paragraph>
        <Link to={`/g/${cbsCode}/fase/${n}`}>{t("boards.toPhase", { n })}</Link>
      </Paragraph>
    </>
  );
}

/** A column: heading, count, its shown cards and, when it has more, "Toon meer (n)". */
function BoardColumn({ column, dndColumn, list, hidden, moreHref, texts, children }: { column: Column; dndColumn: DndColumn; list: readonly Card[]; hidden: number; moreHref: string; texts: CardTexts; children: React.ReactNode }) {
  const focusFrom = useFocusFirstNew(column.cards);
  return (
    <section className="koers-board-column" aria-labelledby={`column-${column.id}`}>
      <Heading2 id={`column-${column.id}`} className="koers-board-column__title">
        {column.name}
      </Heading2>
      <Paragraph className="koers-muted">{texts.count(column.total)}</Paragraph>
      {/* With cards hidden below, a drop on the column's free space would land among them: only cards take drops then. */}
      <SortableColumn column={dndColumn} acceptsDrops={hidden === 0} className="koers-board-cards">
        {children}
      </SortableColumn>
      {list.length === 0 ? <Paragraph className="koers-muted">{texts.empty}</Paragraph> : null}
      {hidden > 0 ? (
        <Paragraph className="koers-show-more">
          <Link to={moreHref} preventScrollReset replace onClick={() => focusFrom(column.cards.length)}>
            {texts.showMore(hidden)}
            <span className="visually-hidden"> {texts.showMoreColumn(column.name)}</span>
          </Link>
        </Paragraph>
      ) : null}
    </section>
  );
}

/** A card's content. All task links lead to one route: one of them (`discover`) is enough for Remix to find it. */
function CardBody({ card, href, discover, texts }: { card: Card; href: string; discover: boolean; texts: CardTexts }) {
  return (
    <>
      <h3 className="koers-task-card__title">
        <Link to={href} discover={discover ? "render" : "none"}>
          {card.title}
        </Link>
      </h3>
      <dl className="koers-task-card__facts">
        <dt>{texts.assignee}</dt>
        <dd>{card.assignee ?? texts.unassigned}</dd>
        {card.dueDate ? (
          <>
            <dt>{texts.due}</dt>
            <dd>
              {texts.day(card.dueDate)}
              {card.overdue ? (
                <>
                  {" "}
                  <span className="koers-badge koers-badge--overdue">{texts.overdue}</span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {card.labels.length > 0 ? (
          <>
            <dt>{texts.labels}</dt>
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
      {card.checklist ? <P className="koers-muted">{texts.checklist(card.checklist)}</P> : null}
      {card.comments > 0 ? <P className="koers-muted">{texts.comments(card.comments)}</P> : null}
    </>
  );
}

/** The no-JavaScript (and keyboard) way to move a card: one button per direction that applies, all submitting the one move form. */
function MoveButtons({ title, buttons, busy, errors, texts }: { title: string; buttons: MoveButton[]; busy: boolean; errors?: string[]; texts: CardTexts }) {
  return (
    <div className="koers-move-form" role="group" aria-label={texts.group(title)}>
      {errors?.length ? <FormError errors={errors} /> : null}
      {buttons.map((b) => (
        // A button that names a form submits it (its type defaults to "submit").
        <button
          key={b.key}
          form={MOVE_FORM}
          name="move"
          value={b.value}
          formAction={b.formAction}
          className={`utrecht-button${busy ? " utrecht-button--busy" : ""} utrecht-button--submit utrecht-button--subtle`}
          aria-busy={busy || undefined}
        >
          {b.label}
        </button>
      ))}
    </div>
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
