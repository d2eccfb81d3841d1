// The due reminder: scheduled as a durable job when a task has both an assignee and a due date,
// sent once per (task, due date) to whoever is assigned when it runs.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { board, boardColumn, member as memberTable, organization, task, user } from "../../../db/schema/index";
import { enqueueMail } from "../../../emails/outbox.server";
import { enqueueJob, type JobHandlers } from "../../../workflows/scheduler";
import { recordNotification } from "../notifications/notifications.server";
import { baseUrl } from "../../config.server";
import { dueReminderAt } from "./due-dates";

export const TASK_DUE_REMINDER = "task.due_reminder";

export const dueReminderKey = (taskId: string, dueDate: string) => `task-due:${taskId}:${dueDate}`;

export async function scheduleDueReminder(tx: DbOrTx, t: { id: string; municipalityId: string; dueDate: string | null; assigneeUserId: string | null }) {
  if (!t.dueDate || !t.assigneeUserId) return null;
  return enqueueJob(tx, {
    kind: TASK_DUE_REMINDER,
    runAt: dueReminderAt(t.dueDate),
    payload: { taskId: t.id, dueDate: t.dueDate },
    dedupeKey: dueReminderKey(t.id, t.dueDate),
    municipalityId: t.municipalityId,
  });
}

export const boardJobHandlers: JobHandlers = {
  async [TASK_DUE_REMINDER](tx, job) {
    const { taskId, dueDate } = job.payload as { taskId: string; dueDate: string };
    const [row] = await tx
      .select({ task, done: boardColumn.done, phaseNumber: board.phaseNumber })
      .from(task)
      .innerJoin(boardColumn, eq(boardColumn.id, task.columnId))
      .innerJoin(board, eq(board.id, task.boardId))
      .where(eq(task.id, taskId));
    // Nothing to remind of: the task is gone, finished, archived, unassigned, or its due date moved
    // (the new date has its own job).
    if (!row || row.done || row.task.archivedAt || !row.task.assigneeUserId || row.task.dueDate !== dueDate) return;
    const [stillMember] = await tx
      .select({ id: memberTable.id })
      .from(memberTable)
      .where(and(eq(memberTable.organizationId, row.task.municipalityId), eq(memberTable.userId, row.task.assigneeUserId)));
    if (!stillMember) return;
    await recordNotification(tx, {
      userId: row.task.assigneeUserId,
      municipalityId: row.task.municipalityId,
      kind: "task.due",
      payload: { taskId, title: row.task.title, dueDate, phaseNumber: row.phaseNumber },
    });
    const [recipient] = await tx
      .select({ email: user.email, name: user.name, locale: user.locale, municipality: organization.name, cbsCode: organization.cbsCode })
      .from(user)
      .innerJoin(organization, eq(organization.id, row.task.municipalityId))
      .where(eq(user.id, row.task.assigneeUserId));
    if (recipient) {
      await enqueueMail(tx, {
        template: "task-due",
        to: recipient.email,
        locale: recipient.locale,
        municipalityId: row.task.municipalityId,
        props: {
          name: recipient.name,
          url: `${baseUrl()}/g/${recipient.cbsCode}/fase/${row.phaseNumber}/bord/taak/${taskId}`,
          title: row.task.title,
          municipality: recipient.municipality,
          dueDate,
        },
      });
    }
  },
};
