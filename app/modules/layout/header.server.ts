// What the header of every municipality page needs beyond the member itself — the unread
// notifications, whether there are rules of use to read, and whether the user works in more than
// one municipality — in one query: each lookup is tiny, and on PGlite the fixed cost of a query
// is most of its time. The conditions stay with their modules (notifications, training rules, municipalities).
import { sql } from "drizzle-orm";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { membershipCountQuery } from "../municipalities/municipalities.server";
import { unreadCountQuery } from "../notifications/notifications.server";
import { rulesPendingQuery } from "../training/rules.server";

export interface HeaderSummary {
  unreadNotifications: number;
  rulesToRead: boolean;
  /** In how many municipalities the user is a member (more than one: the switch link shows). */
  municipalityCount: number;
}

export async function loadHeaderSummary(member: Pick<Member, "userId" | "municipalityId">): Promise<HeaderSummary> {
  const result = (await db().execute(sql`select
      (${unreadCountQuery(member)})::int as unread,
      exists(${rulesPendingQuery(member)}) as rules,
      (${membershipCountQuery(member.userId)})::int as municipalities`)) as unknown as {
    rows: { unread: number | string; rules: boolean; municipalities: number | string }[];
  };
  const row = result.rows[0];
  return { unreadNotifications: Number(row?.unread ?? 0), rulesToRead: Boolean(row?.rules), municipalityCount: Number(row?.municipalities ?? 0) };
}
