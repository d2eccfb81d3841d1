// In-app notifications (task assigned, task due): written in the transaction of their cause,
// read per user and municipality.
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { notification } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";

export type NotificationKind = "task.assigned" | "task.due" | "document.mention" | "delivery.reminder" | "delivery.due" | "delivery.escalated"
  | "training.invited"
  | "training.updated"
  | "training.cancelled"
  | "training.seat"
  | "training.log_reminder"
  | "rules.published";

export async function recordNotification(
  tx: DbOrTx,
  input: { userId: string; municipalityId: string; kind: NotificationKind; payload: Record<string, unknown> },
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.insert(notification).values({ id, ...input });
  return id;
}

const mine = (actor: Pick<Member, "userId" | "municipalityId">) =>
  and(eq(notification.userId, actor.userId), eq(notification.municipalityId, actor.municipalityId));

export async function listNotifications(actor: Pick<Member, "userId" | "municipalityId">, options: { unreadOnly?: boolean; limit?: number } = {}) {
  return db()
    .select({ id: notification.id, kind: notification.kind, payload: notification.payload, readAt: notification.readAt, createdAt: notification.createdAt })
    .from(notification)
    .where(and(mine(actor), options.unreadOnly ? isNull(notification.readAt) : undefined))
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(options.limit ?? 50);
}

/** The query of the unread count; the page header runs it inside its one query. */
export function unreadCountQuery(actor: Pick<Member, "userId" | "municipalityId">) {
  return db().select({ n: count() }).from(notification).where(and(mine(actor), isNull(notification.readAt)));
}

export async function unreadCount(actor: Pick<Member, "userId" | "municipalityId">): Promise<number> {
  const [row] = await unreadCountQuery(actor);
  return row?.n ?? 0;
}

/** Marks the given notifications (or all) as read; ids of other users or municipalities are ignored. */
export async function markRead(actor: Pick<Member, "userId" | "municipalityId">, ids: string[] | "all", now = new Date()): Promise<number> {
  if (ids !== "all" && ids.length === 0) return 0;
  const updated = await db()
    .update(notification)
    .set({ readAt: now })
    .where(and(mine(actor), isNull(notification.readAt), ids === "all" ? undefined : inArray(notification.id, ids)))
    .returning({ id: notification.id });
  return updated.length;
}

/** Marks every unread notification of the member in this municipality as read. */
export async function markAllRead(actor: Pick<Member, "userId" | "municipalityId">, now = new Date()): Promise<number> {
  return markRead(actor, "all", now);
}
