// The trainer's reminder for a session that ended without a log: a durable job per (session,
// end time), sent once by mail and in-app notification; nothing when the session was logged,
// cancelled or moved meanwhile (the new end time has its own job).
import { and, eq } from "drizzle-orm";
import { member as memberTable, trainingSession, user } from "../../../db/schema/index";
import type { JobHandlers } from "../../../workflows/scheduler";
import { recordAudit } from "../audit/audit.server";
import { LOG_REMINDER_JOB } from "./sessions.server";
import { mailTrainerLogReminder } from "./session-mail.server";

export const trainingJobHandlers: JobHandlers = {
  async [LOG_REMINDER_JOB](tx, job) {
    const { sessionId, endsAt } = job.payload as { sessionId: string; endsAt: string };
    const [session] = await tx.select().from(trainingSession).where(eq(trainingSession.id, sessionId)).for("update");
    if (!session || session.status !== "planned" || session.endsAt.toISOString() !== endsAt) return;
    const [trainer] = await tx
      .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale })
      .from(memberTable)
      .innerJoin(user, eq(user.id, memberTable.userId))
      .where(and(eq(memberTable.organizationId, session.municipalityId), eq(memberTable.userId, session.trainerUserId)));
    if (!trainer) return;
    await mailTrainerLogReminder(tx, session, trainer);
    await recordAudit(tx, {
      municipalityId: session.municipalityId,
      actor: { userId: null, label: "Koers (planner)" },
      action: "training.log_reminder_sent",
      objectType: "training_session",
      objectId: sessionId,
      details: { name: session.title, email: trainer.email, endsAt },
    });
  },
};
