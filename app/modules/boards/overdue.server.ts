// Overdue tasks of a municipality, for the programme overview: a due date before today (Amsterdam),
// in a column that is not a done column — the same rule loadBoard uses for its "te laat" badge.
import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { boardColumn, task } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { amsterdamDate } from "./due-dates";

export async function countOverdueTasks(actor: Pick<Member, "municipalityId">, now = new Date()): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(task)
    .innerJoin(boardColumn, eq(boardColumn.id, task.columnId))
    .where(
      and(
        eq(task.municipalityId, actor.municipalityId),
        eq(boardColumn.municipalityId, actor.municipalityId),
        eq(boardColumn.done, false),
        isNotNull(task.dueDate),
        isNull(task.archivedAt),
        lt(task.dueDate, amsterdamDate(now)),
      ),
    );
  return row?.n ?? 0;
}
