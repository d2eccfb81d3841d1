// Task boards (kanban), one per phase of a municipality: columns, cards (tasks) with labels,
// checklist items, comments and typed links to what they concern; plus in-app notifications.
import { boolean, customType, date, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, integer } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organization, user } from "./auth";

/**
 * Fractional rank (fractional-indexing keys). Collated "C" so the database orders by byte value,
 * the order the keys are generated in; a locale collation would sort "a" before "B".
 */
const rank = customType<{ data: string; driverData: string }>({
  dataType: () => 'text collate "C"',
});

export const board = pgTable(
  "board",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    phaseNumber: integer("phase_number").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("board_municipality_phase_uq").on(t.municipalityId, t.phaseNumber)],
);

export const boardColumn = pgTable(
  "board_column",
  {
    id: text("id").primaryKey(),
    boardId: text("board_id")
      .notNull()
      .references(() => board.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    name: text("name").notNull(),
    rank: rank("rank").notNull(),
    /** Cards in a done column are finished: never overdue, no due reminder. */
    done: boolean("done").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("board_column_rank_uq").on(t.boardId, t.rank), index("board_column_municipality_idx").on(t.municipalityId)],
);

export const task = pgTable(
  "task",
  {
    id: text("id").primaryKey(),
    boardId: text("board_id")
      .notNull()
      .references(() => board.id, { onDelete: "cascade" }),
    columnId: text("column_id")
      .notNull()
      .references(() => boardColumn.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Set for tasks that came from the model's phase template. */
    templateKey: text("template_key"),
    assigneeUserId: text("assignee_user_id").references(() => user.id, { onDelete: "set null" }),
    dueDate: date("due_date"),
    rank: rank("rank").notNull(),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Archived tasks (a template task that does not apply, a duplicate) leave the board but keep
     * their place, comments and history; restoring brings them back where they were.
     */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    archivedByUserId: text("archived_by_user_id").references(() => user.id, { onDelete: "set null" }),
  },
  (t) => [
    // One rank per column: a lost or duplicated position cannot be stored.
    uniqueIndex("task_column_rank_uq").on(t.columnId, t.rank),
    index("task_board_idx").on(t.boardId),
    index("task_archived_idx").on(t.boardId).where(sql`${t.archivedAt} is not null`),
    index("task_municipality_assignee_idx").on(t.municipalityId, t.assigneeUserId),
  ],
);

export const taskLabel = pgTable(
  "task_label",
  {
    taskId: text("task_id")
      .notNull()
      .references(() => task.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    label: text("label").notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.label] }), index("task_label_municipality_idx").on(t.municipalityId, t.label)],
);

export const taskChecklistItem = pgTable(
  "task_checklist_item",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id")
      .notNull()
      .references(() => task.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    text: text("text").notNull(),
    done: boolean("done").notNull().default(false),
    doneByUserId: text("done_by_user_id").references(() => user.id, { onDelete: "set null" }),
    doneAt: timestamp("done_at", { withTimezone: true }),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("task_checklist_item_task_idx").on(t.taskId, t.position)],
);

export const taskComment = pgTable(
  "task_comment",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id")
      .notNull()
      .references(() => task.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    authorUserId: text("author_user_id").references(() => user.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("task_comment_task_idx").on(t.taskId, t.createdAt)],
);

export const TASK_LINK_KINDS = ["document", "kpi", "agreement", "training_session"] as const;
export type TaskLinkKind = (typeof TASK_LINK_KINDS)[number];

/** What a task concerns, by kind and id; the targets' tables do not exist yet, so no foreign key. */
export const taskLink = pgTable(
  "task_link",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id")
      .notNull()
      .references(() => task.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    targetKind: text("target_kind", { enum: TASK_LINK_KINDS }).notNull(),
    targetId: text("target_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("task_link_target_uq").on(t.taskId, t.targetKind, t.targetId), index("task_link_target_idx").on(t.municipalityId, t.targetKind, t.targetId)],
);

export const notification = pgTable(
  "notification",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notification_user_idx").on(t.userId, t.municipalityId, t.createdAt)],
);
