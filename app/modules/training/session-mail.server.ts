// Mails about a session, each with its calendar file: the invitation (and a seat from the waiting
// list) as METHOD:REQUEST, a change with a raised SEQUENCE, a cancellation as METHOD:CANCEL. Written
// to the outbox in the caller's transaction, with an in-app notification beside each.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { organization, trainingSession, user } from "../../../db/schema/index";
import { enqueueMail } from "../../../emails/outbox.server";
import { baseUrl } from "../../config.server";
import { recordNotification, type NotificationKind } from "../notifications/notifications.server";
import { icsAttachment, sessionIcs } from "./ics";

type Session = typeof trainingSession.$inferSelect;
export type SessionMailKind = "invitation" | "updated" | "cancelled" | "seat";

const TEMPLATE = { invitation: "training-invitation", updated: "training-updated", cancelled: "training-cancelled", seat: "training-seat" } as const;
const NOTIFICATION: Record<SessionMailKind, NotificationKind> = {
  invitation: "training.invited",
  updated: "training.updated",
  cancelled: "training.cancelled",
  seat: "training.seat",
};

export const sessionUrl = (cbsCode: string, sessionId: string) => `${baseUrl()}/g/${cbsCode}/training/sessies/${sessionId}`;
export const placeOf = (s: Pick<Session, "location" | "onlineUrl">) => [s.location, s.onlineUrl ? `online: ${s.onlineUrl}` : null].filter(Boolean).join(" · ");

export async function sessionContext(tx: DbOrTx, session: Session) {
  const [[trainer], [municipality]] = await Promise.all([
    tx.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, session.trainerUserId)),
    tx.select({ name: organization.name, cbsCode: organization.cbsCode }).from(organization).where(eq(organization.id, session.municipalityId)),
  ]);
  return { trainer: trainer ?? { name: "", email: "" }, municipality: municipality ?? { name: "", cbsCode: "" } };
}

/** Mails (with .ics) and notifies each recipient about the session. */
export async function mailSession(tx: DbOrTx, session: Session, kind: SessionMailKind, recipients: { userId: string; name: string; email: string; locale: string | null }[]): Promise<void> {
  if (recipients.length === 0) return;
  const { trainer, municipality } = await sessionContext(tx, session);
  const url = sessionUrl(municipality.cbsCode, session.id);
  const method = kind === "cancelled" ? "CANCEL" : "REQUEST";
  for (const r of recipients) {
    const ics = sessionIcs(
      {
        sessionId: session.id,
        sequence: session.sequence,
        title: session.title,
        description: session.description,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        location: session.location,
        onlineUrl: session.onlineUrl,
        url,
        organizer: trainer,
        attendee: { name: r.name, email: r.email },
        municipality: municipality.name,
      },
      method,
    );
    await enqueueMail(tx, {
      template: TEMPLATE[kind],
      to: r.email,
      locale: r.locale,
      municipalityId: session.municipalityId,
      props: mailProps(session, { name: r.name, url, municipality: municipality.name, trainer: trainer.name }),
      attachments: [icsAttachment(ics, method)],
    });
    await notify(tx, session, r.userId, NOTIFICATION[kind]);
  }
}

/** What every session mail says: the session's title, time and place, for whom, with a link. */
function mailProps(session: Session, to: { name: string; url: string; municipality: string; trainer: string }) {
  return { ...to, title: session.title, startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString(), place: placeOf(session) };
}

async function notify(tx: DbOrTx, session: Session, userId: string, kind: NotificationKind) {
  await recordNotification(tx, { userId, municipalityId: session.municipalityId, kind, payload: { sessionId: session.id, title: session.title, startsAt: session.startsAt.toISOString() } });
}

/** Reminds the trainer to log a session that ended (no calendar file: nothing to put in a calendar). */
export async function mailTrainerLogReminder(tx: DbOrTx, session: Session, trainer: { userId: string; name: string; email: string; locale: string | null }): Promise<void> {
  const { municipality } = await sessionContext(tx, session);
  const url = `${sessionUrl(municipality.cbsCode, session.id)}/registreren`;
  await enqueueMail(tx, {
    template: "training-log-reminder",
    to: trainer.email,
    locale: trainer.locale,
    municipalityId: session.municipalityId,
    props: mailProps(session, { name: trainer.name, url, municipality: municipality.name, trainer: trainer.name }),
  });
  await notify(tx, session, trainer.userId, "training.log_reminder");
}
