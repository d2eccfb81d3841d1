// The mail catalogue: each template turns typed props into subject, HTML and plain text, in the
// recipient's language.
import { render } from "@react-email/render";
import { z } from "zod";
import { toLocale, translator, type Locale } from "../app/i18n/i18n";
import { ActionMail } from "./action-mail";
import { formatSessionTime } from "../app/modules/training/local-time";

const linkProps = z.object({ name: z.string(), url: z.string().url() });
const invitationProps = z.object({
  url: z.string().url(),
  municipality: z.string(),
  inviter: z.string(),
  role: z.string(),
});
const taskAssignedProps = z.object({
  name: z.string(),
  url: z.string().url(),
  title: z.string(),
  municipality: z.string(),
  assigner: z.string(),
});
const taskDueProps = z.object({
  name: z.string(),
  url: z.string().url(),
  title: z.string(),
  municipality: z.string(),
  /** ISO date (YYYY-MM-DD); shown in the recipient's language. */
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

const commentMentionProps = z.object({
  name: z.string(),
  url: z.string().url(),
  author: z.string(),
  document: z.string(),
  municipality: z.string(),
  excerpt: z.string(),
});

/** A maturity quickscan round to answer (invitation and reminder). */
const scanInvitationProps = z.object({
  name: z.string(),
  url: z.string().url(),
  municipality: z.string(),
  round: z.string(),
  inviter: z.string(),
  /** ISO date (YYYY-MM-DD) to answer by, if the round has one. */
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/** An agreement version that asks for the recipient's signature. */
const agreementSignatureProps = z.object({
  name: z.string(),
  url: z.string().url(),
  reference: z.string(),
  title: z.string(),
  version: z.string(),
  municipality: z.string(),
  requester: z.string(),
});

/** An expected delivery: reminder before and on its due day, escalation after it (app/modules/deliveries). */
const deliveryReminderProps = z.object({
  name: z.string(),
  url: z.string().url(),
  municipality: z.string(),
  /** Reference and title: "GLO-2026-003 — Meldingen openbare ruimte". */
  agreement: z.string(),
  dataset: z.string(),
  period: z.string(),
  /** The supplying department or external source. */
  party: z.string(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** A data-delivery agreement version is signed by both parties and in force. */
const agreementActiveProps = z.object({
  name: z.string(),
  url: z.string().url(),
  reference: z.string(),
  title: z.string(),
  version: z.string(),
  party: z.string(),
  municipality: z.string(),
});

/** A training session: invitation, change, cancellation, a seat from the waiting list, the trainer's log reminder. */
const trainingSessionProps = z.object({
  name: z.string(),
  url: z.string().url(),
  municipality: z.string(),
  title: z.string(),
  /** ISO instants; shown in the recipient's language, in Dutch time. */
  startsAt: z.string().datetime(),
  endsAt: z.string().datetime(),
  place: z.string(),
  trainer: z.string(),
});

export const templates = {
  "verify-email": { props: linkProps, keys: "mail.verify" },
  "reset-password": { props: linkProps, keys: "mail.reset" },
  invitation: { props: invitationProps, keys: "mail.invitation" },
  "task-assigned": { props: taskAssignedProps, keys: "mail.taskAssigned" },
  "task-due": { props: taskDueProps, keys: "mail.taskDue" },
  "comment-mention": { props: commentMentionProps, keys: "mail.commentMention" },
  "scan-invitation": { props: scanInvitationProps, keys: "quickscan.mail.invitation" },
  "scan-reminder": { props: scanInvitationProps, keys: "quickscan.mail.reminder" },
  "agreement-signature-request": { props: agreementSignatureProps, keys: "agreements.mail.signatureRequest" },
  "delivery-reminder": { props: deliveryReminderProps, keys: "timeliness.mail.reminder" },
  "delivery-due": { props: deliveryReminderProps, keys: "timeliness.mail.due" },
  "delivery-escalation": { props: deliveryReminderProps, keys: "timeliness.mail.escalation" },
  "agreement-active": { props: agreementActiveProps, keys: "agreementSigning.mail.active" },
  "training-invitation": { props: trainingSessionProps, keys: "training.mail.invitation" },
  "training-updated": { props: trainingSessionProps, keys: "training.mail.updated" },
  "training-cancelled": { props: trainingSessionProps, keys: "training.mail.cancelled" },
  "training-seat": { props: trainingSessionProps, keys: "training.mail.seat" },
  "training-log-reminder": { props: trainingSessionProps, keys: "training.mail.logReminder" },
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateProps<T extends TemplateName> = z.infer<(typeof templates)[T]["props"]>;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

function formatDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

export async function renderMail<T extends TemplateName>(template: T, props: TemplateProps<T>, localeInput?: string | null): Promise<RenderedMail> {
  const locale: Locale = toLocale(localeInput);
  const t = translator(locale);
  const spec = templates[template];
  const parsed = spec.props.parse(props) as Record<string, string>;
  const vars: Record<string, string> = { ...parsed };
  if (template === "invitation") vars.role = t(`roles.${parsed.role}`, { defaultValue: parsed.role });
  if (template === "task-due" || template.startsWith("delivery-")) vars.dueDate = formatDate(parsed.dueDate!, locale);
  if (template.startsWith("training-")) vars.when = formatSessionTime(new Date(parsed.startsAt!), new Date(parsed.endsAt!), locale);
  if (template === "scan-invitation" || template === "scan-reminder") {
    vars.due = parsed.dueDate ? t("quickscan.mail.due", { dueDate: formatDate(parsed.dueDate, locale) }) : "";
  }
  const greeting = "name" in parsed ? t("mail.greeting", { name: parsed.name }) : t("mail.greeting", { name: "" }).replace(/\s+,/, ",");
  const element = (
    <ActionMail
      lang={locale}
      greeting={greeting}
      body={t(`${spec.keys}.body`, vars)}
      button={t(`${spec.keys}.button`, vars)}
      url={vars.url ?? ""}
      footer={t("mail.footer")}
    />
  );
  return {
    subject: t(`${spec.keys}.subject`, vars),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
