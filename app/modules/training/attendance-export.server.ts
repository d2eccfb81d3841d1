// Attendance lists to XLSX: one session (for the sign-in sheet or the archive) or every logged
// session of the municipality. Registered people appear as present, absent or not yet logged.
import { and, asc, eq, inArray } from "drizzle-orm";
import { trainingAttendance, trainingRegistration, trainingSession, trainingSessionTopic, trainingTopic, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import type { ExportSheet } from "../exports/table-export.server";
import { departmentsOfMembers } from "./member-departments.server";
import { TRAINING_TIME_ZONE } from "./local-time";

type T = (key: string, options?: Record<string, unknown>) => string;

export async function attendanceSheets(actor: Member, t: T, sessionId?: string): Promise<ExportSheet[] | null> {
  const sessions = await db()
    .select({ s: trainingSession, trainerName: user.name })
    .from(trainingSession)
    .innerJoin(user, eq(user.id, trainingSession.trainerUserId))
    .where(and(eq(trainingSession.municipalityId, actor.municipalityId), sessionId ? eq(trainingSession.id, sessionId) : undefined))
    .orderBy(asc(trainingSession.startsAt));
  if (sessionId && sessions.length === 0) return null;
  const ids = sessions.map((r) => r.s.id);
  const [attendance, registrations, topics, departments] = await Promise.all([
    ids.length ? db().select({ sessionId: trainingAttendance.sessionId, userId: trainingAttendance.userId, attended: trainingAttendance.attended }).from(trainingAttendance).where(inArray(trainingAttendance.sessionId, ids)) : [],
    ids.length
      ? db()
          .select({ sessionId: trainingRegistration.sessionId, userId: trainingRegistration.userId, status: trainingRegistration.status })
          .from(trainingRegistration)
          .where(and(inArray(trainingRegistration.sessionId, ids), inArray(trainingRegistration.status, ["registered", "waitlisted"])))
      : [],
    ids.length
      ? db()
          .select({ sessionId: trainingSessionTopic.sessionId, title: trainingTopic.title, covered: trainingSessionTopic.covered })
          .from(trainingSessionTopic)
          .innerJoin(trainingTopic, eq(trainingTopic.id, trainingSessionTopic.topicId))
          .where(inArray(trainingSessionTopic.sessionId, ids))
          .orderBy(asc(trainingTopic.position))
      : [],
    departmentsOfMembers(actor.municipalityId),
  ]);
  const userIds = [...new Set([...attendance.map((a) => a.userId), ...registrations.map((r) => r.userId)])];
  const people = userIds.length ? await db().select({ id: user.id, name: user.name, email: user.email }).from(user).where(inArray(user.id, userIds)) : [];
  const personOf = new Map(people.map((p) => [p.id, p]));
  const dateTime = new Intl.DateTimeFormat("nl-NL", { dateStyle: "short", timeStyle: "short", timeZone: TRAINING_TIME_ZONE });

  const rows: (string | number | null)[][] = [];
  for (const { s, trainerName } of sessions) {
    const logged = attendance.filter((a) => a.sessionId === s.id);
    const covered = topics.filter((tp) => tp.sessionId === s.id && (s.status === "logged" ? tp.covered : true)).map((tp) => tp.title).join("; ");
    const listed = new Map<string, string>();
    for (const r of registrations.filter((r) => r.sessionId === s.id)) listed.set(r.userId, r.status === "waitlisted" ? "waitlisted" : "registered");
    for (const a of logged) listed.set(a.userId, a.attended ? "present" : "absent");
    for (const [userId, state] of [...listed.entries()].sort((a, b) => (personOf.get(a[0])?.name ?? "").localeCompare(personOf.get(b[0])?.name ?? "", "nl"))) {
      const p = personOf.get(userId);
      rows.push([
        s.title,
        dateTime.format(s.startsAt),
        dateTime.format(s.endsAt),
        [s.location, s.onlineUrl].filter(Boolean).join(" · "),
        trainerName,
        t(`training.sessionStatus.${s.status}`),
        p?.name ?? "",
        p?.email ?? "",
        departments.get(userId)?.name ?? "",
        t(`training.export.states.${state}`),
        covered,
      ]);
    }
  }
  const h = (key: string) => t(`training.export.columns.${key}`);
  return [
    {
      name: t("training.export.sheet"),
      columns: [
        { header: h("session"), kind: "text", width: 32 },
        { header: h("starts"), kind: "text", width: 18 },
        { header: h("ends"), kind: "text", width: 18 },
        { header: h("place"), kind: "text", width: 28 },
        { header: h("trainer"), kind: "text", width: 22 },
        { header: h("sessionStatus"), kind: "text", width: 14 },
        { header: h("name"), kind: "text", width: 24 },
        { header: h("email"), kind: "text", width: 28 },
        { header: h("department"), kind: "text", width: 22 },
        { header: h("attendance"), kind: "text", width: 16 },
        { header: h("topics"), kind: "text", width: 40 },
      ],
      rows,
    },
  ];
}
