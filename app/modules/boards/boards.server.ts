// Task boards (kanban), one per phase: columns and cards in fractional-rank order. Every command
// takes the acting member, scopes by its municipality, and audits in the same transaction.
// Moves and inserts lock the board row, so ranks are computed from neighbours no one else changes.
import { and, asc, desc, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../../../db/client";
import { board, boardColumn, member as memberTable, task, taskChecklistItem, taskComment, taskLabel, taskLink, user, type TaskLinkKind } from "../../../db/schema/index";
import { PHASE_NUMBERS, type PhaseNumber } from "../../../workflows/phase-gate";
import { baseUrl } from "../../config.server";
import { db } from "../../db.server";
import { enqueueMail } from "../../../emails/outbox.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { recordNotification } from "../notifications/notifications.server";
import { amsterdamDate } from "./due-dates";
import { publishBoardChange, type BoardChange } from "./live.server";
import { initialRanks, rankFor, type Placement } from "./ranks";
import { scheduleDueReminder } from "./task-reminders.server";
import { findLinkTarget } from "./task-links.server";
import { DEFAULT_COLUMNS, PHASE_TASK_TEMPLATES } from "./templates";

export type BoardError = "not_allowed" | "not_found" | "not_member" | "archived" | "not_archived" | "link_target_not_found";
export type BoardOutcome<T extends object = object> = ({ ok: true } & T) | { ok: false; error: BoardError };
const fail = (error: BoardError) => ({ ok: false, error }) as const;

/** Leads manage boards (columns, any task); department owners, staff and trainers work tasks. */
const mayManage = (actor: Member) => can(actor.role, { task: ["manage"] });
const mayWork = (actor: Member) => can(actor.role, { task: ["work"] });

/** The absolute address of a task's detail page, for mails. */
export const taskUrl = (cbsCode: string, phaseNumber: number, taskId: string) => `${baseUrl()}/g/${cbsCode}/fase/${phaseNumber}/bord/taak/${taskId}`;

type Changed = (phaseNumber: number, change: BoardChange) => void;

/**
 * Runs a command's transaction; the board changes it reports are published to live boards only
 * once the transaction has committed and the command succeeded.
 */
async function committing<T extends { ok: boolean }>(actor: Pick<Member, "municipalityId">, run: (tx: Tx, changed: Changed) => Promise<T>): Promise<T> {
  const changes: [number, BoardChange][] = [];
  const result = await db().transaction((tx) => run(tx, (phaseNumber, change) => void changes.push([phaseNumber, change])));
  if (result.ok && changes.length > 0) {
    for (const [phaseNumber, change] of changes) publishBoardChange(actor.municipalityId, phaseNumber, change);
    // Let the open live streams write the change out before the caller goes on: on PGlite every
    // query runs synchronously on this thread, so the page the caller renders next would hold it back.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return result;
}

/** Creates the four phase boards with default columns and the model's tasks; a no-op where they exist. */
export async function ensureBoardsFor(tx: Tx, municipalityId: string): Promise<void> {
  for (const phaseNumber of PHASE_NUMBERS) {
    const boardId = crypto.randomUUID();
    const created = await tx
      .insert(board)
      .values({ id: boardId, municipalityId, phaseNumber })
      .onConflictDoNothing({ target: [board.municipalityId, board.phaseNumber] })
      .returning({ id: board.id });
    if (created.length === 0) continue;
    const columnRanks = initialRanks(DEFAULT_COLUMNS.length);
    const columns = DEFAULT_COLUMNS.map((c, i) => ({ id: crypto.randomUUID(), boardId, municipalityId, name: c.name, done: c.done, rank: columnRanks[i]! }));
    await tx.insert(boardColumn).values(columns);
    const templates = PHASE_TASK_TEMPLATES[phaseNumber];
    const taskRanks = initialRanks(templates.length);
    await tx.insert(task).values(
      templates.map((t, i) => ({ id: crypto.randomUUID(), boardId, columnId: columns[0]!.id, municipalityId, title: t.title, templateKey: t.key, rank: taskRanks[i]! })),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

/** A card as the board shows it (the task page has the rest: description, checklist items, links). */
export interface CardView {
  id: string;
  title: string;
  rank: string;
  assignee: { id: string; name: string } | null;
  dueDate: string | null;
  overdue: boolean;
  labels: string[];
  checklist: { done: number; total: number };
  comments: number;
}

export interface ColumnView {
  id: string;
  name: string;
  rank: string;
  done: boolean;
  /** The column's first cards in rank order that pass the filters: all, or as many as the limit allows. */
  cards: CardView[];
  /** How many cards of the column pass the filters, shown or not. */
  total: number;
  /** The first card that passes the filters but is not in `cards`; null when all are shown. */
  nextHiddenId: string | null;
}

export interface BoardView {
  id: string;
  phaseNumber: PhaseNumber;
  columns: ColumnView[];
  /** Every label in use on the board, for the label filter. */
  labels: string[];
}

export interface BoardFilters {
  mine?: boolean;
  overdue?: boolean;
  label?: string | null;
}

export interface BoardLimits {
  /** At most this many cards per column (default: all of them). */
  perColumn?: number;
  /** Column id → another maximum for that column (a column the reader asked to see more of). */
  columns?: Record<string, number>;
}

type Actor = Pick<Member, "municipalityId" | "userId">;

/** Who archived a task (a second join on the users). */
const archiver = alias(user, "archiver");

/**
 * The board of a phase: its columns in order, per column the first cards (rank order) that pass the
 * filters, with counts. Three queries whatever the board's size: per column the cards are read in
 * index order (column, rank) up to the limit, and the per-card label, checklist and comment
 * aggregates run for the shown cards only.
 */
export async function loadBoard(actor: Actor, phaseNumber: number, filters: BoardFilters = {}, now = new Date(), limits: BoardLimits = {}): Promise<BoardView | null> {
  const database = db();
  const today = amsterdamDate(now);
  // This municipality's board of the phase, and its columns.
  const ofBoard = and(eq(board.municipalityId, actor.municipalityId), eq(board.phaseNumber, phaseNumber), eq(boardColumn.municipalityId, actor.municipalityId));

  // The cards of the column `boardColumn` (the outer query's row, one of this municipality's board)
  // that pass the filters. By column only, so the (column, rank) index serves it in rank order: a
  // condition on the task's municipality too would lure the planner (PGlite has no statistics)
  // into reading the municipality's every task per column.
  const passes = and(
    eq(task.columnId, boardColumn.id),
    isNull(task.archivedAt),
    filters.mine ? eq(task.assigneeUserId, actor.userId) : undefined,
    filters.overdue ? and(eq(boardColumn.done, false), sql`${task.dueDate} < ${today}::date`) : undefined,
    filters.label ? sql`exists (select 1 from ${taskLabel} where ${taskLabel.taskId} = ${task.id} and ${taskLabel.label} = ${filters.label})` : undefined,
  );
  // One more than shown per column: the first hidden card. Columns shown further read as far as the furthest.
  const limitOf = (columnId: string) => limits.columns?.[columnId] ?? limits.perColumn ?? Number.POSITIVE_INFINITY;
  const furthest = limits.perColumn === undefined ? undefined : Math.max(limits.perColumn, ...Object.values(limits.columns ?? {})) + 1;
  const firstCards = database
    .select({ id: task.id, title: task.title, rank: task.rank, assigneeUserId: task.assigneeUserId, dueDate: task.dueDate })
    .from(task)
    .where(passes)
    .orderBy(asc(task.rank));
  const cards = (furthest === undefined ? firstCards : firstCards.limit(furthest)).as("cards");

  const [[b], columns, rows] = await Promise.all([
    database
      .select({
        id: board.id,
        phaseNumber: board.phaseNumber,
        // Written out: a query on one table renders drizzle's columns unqualified, and "id" would be the task's.
        labels: sql<string[]>`array(select distinct l.label from ${taskLabel} l inner join ${task} t on t.id = l.task_id where l.municipality_id = ${actor.municipalityId} and t.board_id = "board"."id" and t.archived_at is null)`,
      })
      .from(board)
      .where(and(eq(board.municipalityId, actor.municipalityId), eq(board.phaseNumber, phaseNumber))),
    database
      .select({ column: boardColumn, total: sql<number>`(select count(*)::int from ${task} where ${passes})` })
      .from(boardColumn)
      .innerJoin(board, eq(board.id, boardColumn.boardId))
      .where(ofBoard)
      .orderBy(asc(boardColumn.rank)),
    // One row per column with its cards as JSON, in rank order: four rows to decode instead of one
    // per card (row decoding is most of the database time on PGlite).
    database
      .select({
        columnId: boardColumn.id,
        cards: sql<string>`json_agg(json_build_array(${cards.id}, ${cards.title}, ${cards.rank}, ${cards.assigneeUserId}, ${user.name}, ${cards.dueDate},
          array(select ${taskLabel.label} from ${taskLabel} where ${taskLabel.taskId} = ${cards.id} order by ${taskLabel.label}),
          (select count(*)::int from ${taskChecklistItem} where ${taskChecklistItem.taskId} = ${cards.id}),
          (select count(*)::int from ${taskChecklistItem} where ${taskChecklistItem.taskId} = ${cards.id} and ${taskChecklistItem.done}),
          (select count(*)::int from ${taskComment} where ${taskComment.taskId} = ${cards.id})) order by ${cards.rank})::text`,
      })
      .from(boardColumn)
      .innerJoin(board, eq(board.id, boardColumn.boardId))
      .innerJoinLateral(cards, sql`true`)
      .leftJoin(user, eq(user.id, cards.assigneeUserId))
      .where(ofBoard)
      .groupBy(boardColumn.id),
  ]);
  if (!b) return null;

  type CardRow = { id: string; title: string; rank: string; assigneeUserId: string | null; assigneeName: string | null; dueDate: string | null; labels: string[]; checklistTotal: number; checklistDone: number; comments: number };
  const byColumn = new Map<string, CardRow[]>();
  for (const row of rows) {
    const list = JSON.parse(row.cards) as [string, string, string, string | null, string | null, string | null, string[], number, number, number][];
    byColumn.set(
      row.columnId,
      list.map(([id, title, rank, assigneeUserId, assigneeName, dueDate, labels, checklistTotal, checklistDone, comments]) => ({ id, title, rank, assigneeUserId, assigneeName, dueDate, labels, checklistTotal, checklistDone, comments })),
    );
  }
  return {
    id: b.id,
    phaseNumber: b.phaseNumber as PhaseNumber,
    columns: columns.map(({ column: c, total }) => {
      const list = byColumn.get(c.id) ?? [];
      const shown = list.slice(0, limitOf(c.id));
      return {
        id: c.id,
        name: c.name,
        rank: c.rank,
        done: c.done,
        total,
        nextHiddenId: list[shown.length]?.id ?? null,
        cards: shown.map(
          (t): CardView => ({
            id: t.id,
            title: t.title,
            rank: t.rank,
            assignee: t.assigneeUserId ? { id: t.assigneeUserId, name: t.assigneeName ?? "" } : null,
            dueDate: t.dueDate,
            overdue: !c.done && t.dueDate !== null && t.dueDate < today,
            labels: t.labels,
            checklist: { done: t.checklistDone, total: t.checklistTotal },
            comments: t.comments,
          }),
        ),
      };
    }),
    labels: [...b.labels].sort(),
  };
}

/** One card with its checklist, comments and links, for the card's detail view. */
export async function loadTask(actor: Actor, taskId: string) {
  const database = db();
  const [row] = await database
    .select({ task, assigneeName: user.name, columnName: boardColumn.name, phaseNumber: board.phaseNumber, archivedByName: archiver.name })
    .from(task)
    .innerJoin(board, eq(board.id, task.boardId))
    .innerJoin(boardColumn, eq(boardColumn.id, task.columnId))
    .leftJoin(user, eq(user.id, task.assigneeUserId))
    .leftJoin(archiver, eq(archiver.id, task.archivedByUserId))
    .where(and(eq(task.id, taskId), eq(task.municipalityId, actor.municipalityId)));
  if (!row) return null;
  const [labels, checklist, comments, links] = await Promise.all([
    database.select({ label: taskLabel.label }).from(taskLabel).where(eq(taskLabel.taskId, taskId)).orderBy(asc(taskLabel.label)),
    database.select().from(taskChecklistItem).where(eq(taskChecklistItem.taskId, taskId)).orderBy(asc(taskChecklistItem.position)),
    database
      .select({ id: taskComment.id, body: taskComment.body, createdAt: taskComment.createdAt, authorId: taskComment.authorUserId, authorName: user.name })
      .from(taskComment)
      .leftJoin(user, eq(user.id, taskComment.authorUserId))
      .where(eq(taskComment.taskId, taskId))
      .orderBy(asc(taskComment.createdAt), asc(taskComment.id)),
    database.select({ id: taskLink.id, kind: taskLink.targetKind, targetId: taskLink.targetId }).from(taskLink).where(eq(taskLink.taskId, taskId)).orderBy(asc(taskLink.createdAt)),
  ]);
  const t = row.task;
  return {
    id: t.id,
    phaseNumber: row.phaseNumber as PhaseNumber,
    columnId: t.columnId,
    columnName: row.columnName,
    title: t.title,
    description: t.description,
    assignee: t.assigneeUserId ? { id: t.assigneeUserId, name: row.assigneeName ?? "" } : null,
    dueDate: t.dueDate,
    labels: labels.map((l) => l.label),
    checklist: checklist.map((i) => ({ id: i.id, text: i.text, done: i.done, doneAt: i.doneAt })),
    comments,
    links,
    archived: t.archivedAt ? { at: t.archivedAt, byName: row.archivedByName } : null,
  };
}

/** The archived tasks of a board, most recently archived first (for the board page). */
export async function listArchivedTasks(actor: Actor, boardId: string) {
  return db()
    .select({ id: task.id, title: task.title, archivedAt: task.archivedAt, columnName: boardColumn.name })
    .from(task)
    .innerJoin(boardColumn, eq(boardColumn.id, task.columnId))
    .where(and(eq(task.boardId, boardId), eq(task.municipalityId, actor.municipalityId), isNotNull(task.archivedAt)))
    .orderBy(desc(task.archivedAt), asc(task.id));
}

// ---------------------------------------------------------------------------------------------
// Scope helpers (inside a transaction)

/** The board of a phase, locked: inserts and moves on one board run one after another. */
async function lockBoardOfPhase(tx: Tx, actor: Actor, phaseNumber: number) {
  const [b] = await tx
    .select()
    .from(board)
    .where(and(eq(board.municipalityId, actor.municipalityId), eq(board.phaseNumber, phaseNumber)))
    .for("no key update");
  return b;
}

async function lockBoard(tx: Tx, actor: Actor, boardId: string) {
  const [b] = await tx.select().from(board).where(and(eq(board.id, boardId), eq(board.municipalityId, actor.municipalityId))).for("no key update");
  return b;
}

/** The task, locked; an archived one only when asked for (every other command leaves it alone). */
async function taskInScope(tx: Tx, actor: Actor, taskId: string, options: { archived?: boolean } = {}) {
  const [row] = await tx
    .select({ task, phaseNumber: board.phaseNumber })
    .from(task)
    .innerJoin(board, eq(board.id, task.boardId))
    .where(and(eq(task.id, taskId), eq(task.municipalityId, actor.municipalityId), options.archived ? undefined : isNull(task.archivedAt)))
    .for("update", { of: task });
  return row;
}

async function isMember(tx: Tx, municipalityId: string, userId: string): Promise<boolean> {
  const [m] = await tx.select({ id: memberTable.id }).from(memberTable).where(and(eq(memberTable.organizationId, municipalityId), eq(memberTable.userId, userId)));
  return Boolean(m);
}

async function replaceLabels(tx: Tx, municipalityId: string, taskId: string, labels: readonly string[]) {
  await tx.delete(taskLabel).where(eq(taskLabel.taskId, taskId));
  const unique = [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
  if (unique.length > 0) await tx.insert(taskLabel).values(unique.map((label) => ({ taskId, municipalityId, label })));
}

function audit(tx: Tx, actor: Member, action: string, objectType: "task" | "board_column", objectId: string, details: Record<string, unknown>) {
  return recordAudit(tx, { municipalityId: actor.municipalityId, actor: actorOf(actor), action, objectType, objectId, origin: actor.origin, details });
}

// ---------------------------------------------------------------------------------------------
// Task commands

export interface NewTask {
  columnId?: string | null;
  title: string;
  description?: string;
  dueDate?: string | null;
  labels?: string[];
}

export async function createTask(actor: Member, phaseNumber: number, input: NewTask): Promise<BoardOutcome<{ taskId: string }>> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const b = await lockBoardOfPhase(tx, actor, phaseNumber);
    if (!b) return fail("not_found");
    const columns = await tx.select().from(boardColumn).where(eq(boardColumn.boardId, b.id)).orderBy(asc(boardColumn.rank));
    const column = input.columnId ? columns.find((c) => c.id === input.columnId) : columns[0];
    if (!column) return fail("not_found");
    const siblings = await tx.select({ id: task.id, rank: task.rank }).from(task).where(eq(task.columnId, column.id));
    const id = crypto.randomUUID();
    const values = { id, boardId: b.id, columnId: column.id, municipalityId: actor.municipalityId, title: input.title, description: input.description ?? "", dueDate: input.dueDate ?? null };
    await tx.insert(task).values({ ...values, rank: rankFor(siblings), createdByUserId: actor.userId });
    await replaceLabels(tx, actor.municipalityId, id, input.labels ?? []);
    changed(phaseNumber, { kind: "task.created", taskId: id });
    await audit(tx, actor, "task.created", "task", id, { phase: phaseNumber, title: input.title, column: column.name, dueDate: values.dueDate, labels: input.labels ?? [] });
    return { ok: true, taskId: id } as const;
  });
}

export interface TaskChanges {
  title: string;
  description: string;
  dueDate: string | null;
  labels: string[];
}

/** Leads edit any task; those who work tasks edit the ones they created or are assigned to. */
export async function updateTask(actor: Member, taskId: string, input: TaskChanges): Promise<BoardOutcome> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const row = await taskInScope(tx, actor, taskId);
    if (!row) return fail("not_found");
    const t = row.task;
    if (!mayManage(actor) && t.createdByUserId !== actor.userId && t.assigneeUserId !== actor.userId) return fail("not_allowed");
    const currentLabels = (await tx.select({ label: taskLabel.label }).from(taskLabel).where(eq(taskLabel.taskId, taskId))).map((l) => l.label).sort();
    const nextLabels = [...new Set(input.labels.map((l) => l.trim()).filter(Boolean))].sort();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of ["title", "description", "dueDate"] as const) {
      if (t[key] !== input[key]) {
        before[key] = t[key];
        after[key] = input[key];
      }
    }
    if (currentLabels.join("\n") !== nextLabels.join("\n")) {
      before.labels = currentLabels;
      after.labels = nextLabels;
    }
    if (Object.keys(after).length === 0) return { ok: true } as const;
    await tx.update(task).set({ title: input.title, description: input.description, dueDate: input.dueDate, updatedAt: new Date() }).where(eq(task.id, taskId));
    if ("labels" in after) await replaceLabels(tx, actor.municipalityId, taskId, nextLabels);
    if ("dueDate" in after) await scheduleDueReminder(tx, { ...t, dueDate: input.dueDate });
    changed(row.phaseNumber, { kind: "task.updated", taskId });
    await audit(tx, actor, "task.updated", "task", taskId, { phase: row.phaseNumber, before, after });
    return { ok: true } as const;
  });
}

/**
 * Leads assign anyone; those who work tasks may take a task themselves or hand back their own.
 * Another assignee than oneself gets an in-app notification and a mail; with a due date, one due reminder.
 */
export async function assignTask(actor: Member, taskId: string, assigneeUserId: string | null): Promise<BoardOutcome> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const row = await taskInScope(tx, actor, taskId);
    if (!row) return fail("not_found");
    const t = row.task;
    const selfService = assigneeUserId === actor.userId || (assigneeUserId === null && t.assigneeUserId === actor.userId);
    if (!mayManage(actor) && !selfService) return fail("not_allowed");
    if (assigneeUserId && !(await isMember(tx, actor.municipalityId, assigneeUserId))) return fail("not_member");
    if (t.assigneeUserId === assigneeUserId) return { ok: true } as const;
    await tx.update(task).set({ assigneeUserId, updatedAt: new Date() }).where(eq(task.id, taskId));
    if (assigneeUserId && assigneeUserId !== actor.userId) {
      await recordNotification(tx, {
        userId: assigneeUserId,
        municipalityId: actor.municipalityId,
        kind: "task.assigned",
        payload: { taskId, title: t.title, phaseNumber: row.phaseNumber, dueDate: t.dueDate, byUserId: actor.userId, byName: actor.userName },
      });
      const [assignee] = await tx.select({ email: user.email, name: user.name, locale: user.locale }).from(user).where(eq(user.id, assigneeUserId));
      if (assignee) {
        await enqueueMail(tx, {
          template: "task-assigned",
          to: assignee.email,
          locale: assignee.locale,
          municipalityId: actor.municipalityId,
          props: {
            name: assignee.name,
            url: taskUrl(actor.cbsCode, row.phaseNumber, taskId),
            title: t.title,
            municipality: actor.municipalityName,
            assigner: actor.userName,
          },
        });
      }
    }
    await scheduleDueReminder(tx, { ...t, assigneeUserId });
    changed(row.phaseNumber, { kind: "task.assigned", taskId });
    await audit(tx, actor, "task.assigned", "task", taskId, { phase: row.phaseNumber, title: t.title, before: t.assigneeUserId, after: assigneeUserId });
    return { ok: true } as const;
  });
}

export interface TaskMove {
  columnId: string;
  /** Place the card directly before this card of the target column. */
  beforeTaskId?: string | null;
  /** Place the card directly after this card of the target column (wins over beforeTaskId). */
  afterTaskId?: string | null;
}

/**
 * Moves a card within or across columns of its board. A neighbour that moved away in the meantime
 * puts the card at the end of the column rather than failing the drop.
 */
export async function moveTask(actor: Member, taskId: string, move: TaskMove): Promise<BoardOutcome<{ rank: string; title: string; columnName: string }>> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    // The task's board, locked (found through the task, in one query).
    const [b] = await tx
      .select({ id: board.id, phaseNumber: board.phaseNumber })
      .from(board)
      .innerJoin(task, eq(task.boardId, board.id))
      .where(and(eq(task.id, taskId), eq(task.municipalityId, actor.municipalityId), eq(board.municipalityId, actor.municipalityId), isNull(task.archivedAt)))
      .for("no key update", { of: board });
    if (!b) return fail("not_found");
    // Read after the lock: a move committed while we waited is now visible.
    const [[current], columns] = await Promise.all([
      tx.select({ columnId: task.columnId, title: task.title }).from(task).where(and(eq(task.id, taskId), isNull(task.archivedAt))),
      tx.select({ id: boardColumn.id, name: boardColumn.name }).from(boardColumn).where(eq(boardColumn.boardId, b.id)),
    ]);
    const target = columns.find((c) => c.id === move.columnId);
    if (!current || !target) return fail("not_found");
    const siblings = await tx.select({ id: task.id, rank: task.rank }).from(task).where(and(eq(task.columnId, target.id), ne(task.id, taskId)));
    const placement: Placement = { afterId: move.afterTaskId, beforeId: move.beforeTaskId };
    const rank = rankFor(siblings, placement);
    await tx.update(task).set({ columnId: target.id, rank, updatedAt: new Date() }).where(eq(task.id, taskId));
    const from = columns.find((c) => c.id === current.columnId);
    changed(b.phaseNumber, { kind: "task.moved", taskId, to: { columnId: target.id, rank } });
    await audit(tx, actor, "task.moved", "task", taskId, { phase: b.phaseNumber, title: current.title, from: from?.name ?? null, to: target.name });
    return { ok: true, rank, title: current.title, columnName: target.name } as const;
  });
}

/**
 * Archives a task (leads): it leaves the board, the filters, the overdue count and the reminders,
 * but keeps its comments, links and place; restoring puts it back where it was.
 */
export async function setTaskArchived(actor: Member, taskId: string, archived: boolean, now = new Date()): Promise<BoardOutcome> {
  if (!mayManage(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const row = await taskInScope(tx, actor, taskId, { archived: true });
    if (!row) return fail("not_found");
    if ((row.task.archivedAt !== null) === archived) return fail(archived ? "archived" : "not_archived");
    await tx
      .update(task)
      .set({ archivedAt: archived ? now : null, archivedByUserId: archived ? actor.userId : null, updatedAt: now })
      .where(eq(task.id, taskId));
    // A restored task with an assignee and a due date is reminded again (once per due date, as ever).
    if (!archived) await scheduleDueReminder(tx, row.task);
    changed(row.phaseNumber, { kind: archived ? "task.archived" : "task.restored", taskId });
    await audit(tx, actor, archived ? "task.archived" : "task.restored", "task", taskId, { phase: row.phaseNumber, title: row.task.title, templateKey: row.task.templateKey });
    return { ok: true } as const;
  });
}

export async function addChecklistItem(actor: Member, taskId: string, text: string): Promise<BoardOutcome<{ itemId: string }>> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const row = await taskInScope(tx, actor, taskId);
    if (!row) return fail("not_found");
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${taskChecklistItem.position}) + 1, 0)::int` })
      .from(taskChecklistItem)
      .where(eq(taskChecklistItem.taskId, taskId));
    const id = crypto.randomUUID();
    await tx.insert(taskChecklistItem).values({ id, taskId, municipalityId: actor.municipalityId, text, position: next });
    changed(row.phaseNumber, { kind: "task.checklist", taskId });
    await audit(tx, actor, "task.checklist_item_added", "task", taskId, { phase: row.phaseNumber, itemId: id, text });
    return { ok: true, itemId: id } as const;
  });
}

export async function toggleChecklistItem(actor: Member, itemId: string, done: boolean): Promise<BoardOutcome> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const [found] = await tx
      .select({ item: taskChecklistItem, phaseNumber: board.phaseNumber })
      .from(taskChecklistItem)
      .innerJoin(task, eq(task.id, taskChecklistItem.taskId))
      .innerJoin(board, eq(board.id, task.boardId))
      .where(and(eq(taskChecklistItem.id, itemId), eq(taskChecklistItem.municipalityId, actor.municipalityId), isNull(task.archivedAt)))
      .for("update", { of: taskChecklistItem });
    if (!found) return fail("not_found");
    const item = found.item;
    if (item.done === done) return { ok: true } as const;
    await tx
      .update(taskChecklistItem)
      .set({ done, doneByUserId: done ? actor.userId : null, doneAt: done ? new Date() : null })
      .where(eq(taskChecklistItem.id, itemId));
    changed(found.phaseNumber, { kind: "task.checklist", taskId: item.taskId });
    await audit(tx, actor, done ? "task.checklist_item_checked" : "task.checklist_item_unchecked", "task", item.taskId, { itemId, text: item.text });
    return { ok: true } as const;
  });
}

export async function addComment(actor: Member, taskId: string, body: string): Promise<BoardOutcome<{ commentId: string }>> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const row = await taskInScope(tx, actor, taskId);
    if (!row) return fail("not_found");
    const id = crypto.randomUUID();
    await tx.insert(taskComment).values({ id, taskId, municipalityId: actor.municipalityId, authorUserId: actor.userId, body });
    changed(row.phaseNumber, { kind: "task.commented", taskId });
    await audit(tx, actor, "task.commented", "task", taskId, { phase: row.phaseNumber, commentId: id });
    return { ok: true, commentId: id } as const;
  });
}

/** Links a task to what it concerns: a document, KPI, agreement or training session of the same municipality. */
export async function addLink(actor: Member, taskId: string, input: { targetKind: TaskLinkKind; targetId: string }): Promise<BoardOutcome<{ linkId: string }>> {
  if (!mayWork(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const row = await taskInScope(tx, actor, taskId);
    if (!row) return fail("not_found");
    if (!(await findLinkTarget(actor.municipalityId, input.targetKind, input.targetId, tx))) return fail("link_target_not_found");
    const id = crypto.randomUUID();
    const inserted = await tx
      .insert(taskLink)
      .values({ id, taskId, municipalityId: actor.municipalityId, ...input })
      .onConflictDoNothing({ target: [taskLink.taskId, taskLink.targetKind, taskLink.targetId] })
      .returning({ id: taskLink.id });
    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ id: taskLink.id })
        .from(taskLink)
        .where(and(eq(taskLink.taskId, taskId), eq(taskLink.targetKind, input.targetKind), eq(taskLink.targetId, input.targetId)));
      return { ok: true, linkId: existing!.id } as const;
    }
    changed(row.phaseNumber, { kind: "task.linked", taskId });
    await audit(tx, actor, "task.link_added", "task", taskId, { phase: row.phaseNumber, ...input });
    return { ok: true, linkId: id } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Column commands (leads only)

export async function renameColumn(actor: Member, columnId: string, name: string): Promise<BoardOutcome> {
  if (!mayManage(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const [found] = await tx
      .select({ column: boardColumn, phaseNumber: board.phaseNumber })
      .from(boardColumn)
      .innerJoin(board, eq(board.id, boardColumn.boardId))
      .where(and(eq(boardColumn.id, columnId), eq(boardColumn.municipalityId, actor.municipalityId)))
      .for("update", { of: boardColumn });
    if (!found) return fail("not_found");
    const column = found.column;
    if (column.name === name) return { ok: true } as const;
    await tx.update(boardColumn).set({ name }).where(eq(boardColumn.id, columnId));
    changed(found.phaseNumber, { kind: "column.changed", taskId: null });
    await audit(tx, actor, "board.column_renamed", "board_column", columnId, { before: column.name, after: name });
    return { ok: true } as const;
  });
}

export async function addColumn(actor: Member, phaseNumber: number, input: { name: string; done?: boolean }): Promise<BoardOutcome<{ columnId: string }>> {
  if (!mayManage(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const b = await lockBoardOfPhase(tx, actor, phaseNumber);
    if (!b) return fail("not_found");
    const siblings = await tx.select({ id: boardColumn.id, rank: boardColumn.rank }).from(boardColumn).where(eq(boardColumn.boardId, b.id));
    const id = crypto.randomUUID();
    await tx.insert(boardColumn).values({ id, boardId: b.id, municipalityId: actor.municipalityId, name: input.name, done: input.done ?? false, rank: rankFor(siblings) });
    changed(phaseNumber, { kind: "column.changed", taskId: null });
    await audit(tx, actor, "board.column_added", "board_column", id, { phase: phaseNumber, name: input.name });
    return { ok: true, columnId: id } as const;
  });
}

export async function moveColumn(actor: Member, columnId: string, placement: { beforeColumnId?: string | null; afterColumnId?: string | null }): Promise<BoardOutcome> {
  if (!mayManage(actor)) return fail("not_allowed");
  return committing(actor, async (tx, changed) => {
    const [found] = await tx.select({ boardId: boardColumn.boardId }).from(boardColumn).where(and(eq(boardColumn.id, columnId), eq(boardColumn.municipalityId, actor.municipalityId)));
    if (!found) return fail("not_found");
    const b = await lockBoard(tx, actor, found.boardId);
    if (!b) return fail("not_found");
    const columns = await tx.select({ id: boardColumn.id, rank: boardColumn.rank, name: boardColumn.name }).from(boardColumn).where(eq(boardColumn.boardId, b.id));
    const siblings = columns.filter((c) => c.id !== columnId);
    const rank = rankFor(siblings, { afterId: placement.afterColumnId, beforeId: placement.beforeColumnId });
    await tx.update(boardColumn).set({ rank }).where(eq(boardColumn.id, columnId));
    changed(b.phaseNumber, { kind: "column.changed", taskId: null });
    await audit(tx, actor, "board.column_moved", "board_column", columnId, { phase: b.phaseNumber, name: columns.find((c) => c.id === columnId)?.name });
    return { ok: true } as const;
  });
}
