// The calendar invitation (.ics, RFC 5545) that goes with a session mail: one event per session,
// its UID stable and its SEQUENCE raised on every change, so Outlook and others update the same
// appointment; a cancellation carries METHOD:CANCEL.
import { createEvent, type EventAttributes } from "ics";

export interface SessionEvent {
  sessionId: string;
  sequence: number;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
  /** The session page in Koers. */
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  municipality: string;
}

export type SessionEventMethod = "REQUEST" | "CANCEL";

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8; method=REQUEST";

/** Builds the .ics text; throws when the library refuses the input (never silently a broken file). */
export function sessionIcs(event: SessionEvent, method: SessionEventMethod = "REQUEST"): string {
  const place = [event.location, event.onlineUrl].filter(Boolean).join(" · ");
  const attributes: EventAttributes = {
    productId: "koers/training",
    method,
    uid: `training-${event.sessionId}@koers`,
    sequence: event.sequence,
    title: event.title,
    description: [event.description, event.onlineUrl ? `Online: ${event.onlineUrl}` : null, `Koers: ${event.url}`].filter(Boolean).join("\n\n"),
    location: place || undefined,
    url: event.url,
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    organizer: { name: event.organizer.name, email: event.organizer.email },
    attendees: [{ name: event.attendee.name, email: event.attendee.email, rsvp: true, partstat: "NEEDS-ACTION", role: "REQ-PARTICIPANT" }],
    categories: [event.municipality, "Koers training"],
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error(`Could not build the calendar invitation: ${error?.message ?? "no output"}`);
  return value;
}

export function icsAttachment(ics: string, method: SessionEventMethod) {
  return {
    filename: method === "CANCEL" ? "training-geannuleerd.ics" : "training.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    contentBase64: Buffer.from(ics, "utf8").toString("base64"),
  };
}
