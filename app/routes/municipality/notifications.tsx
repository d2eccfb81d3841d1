// The member's notifications in this municipality, newest first: tasks assigned to them and tasks
// almost due. Each links to its task; read them one by one or all at once.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice } from "../../components/ui/form-field";
import { requireMember } from "../../modules/auth/guards.server";
import { listNotifications, markAllRead, markRead, unreadCount } from "../../modules/notifications/notifications.server";
import { markReadSchema } from "../../modules/notifications/schema";

export const meta: MetaFunction = () => [{ title: "Meldingen · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const [items, unread] = await Promise.all([listNotifications(member, { limit: 100 }), unreadCount(member)]);
  return {
    cbsCode: member.cbsCode,
    unread,
    items: items.map((n) => ({ id: n.id, kind: n.kind, payload: n.payload as Record<string, unknown>, read: n.readAt !== null, createdAt: n.createdAt.toISOString() })),
  };
}

interface ActionResult {
  notice?: string;
  error?: string;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "markAllRead") {
    await markAllRead(member);
    return data<ActionResult>({ notice: "notifications.markedAllRead" });
  }
  if (intent === "markRead") {
    const submission = parseWithZod(formData, { schema: markReadSchema });
    if (submission.status !== "success") return data<ActionResult>({ error: "notifications.errors.notFound" }, { status: 400 });
    const marked = await markRead(member, [submission.value.id]);
    // Already read (e.g. in another tab) counts as done; only an id that is not ours is an error.
    const mine = marked > 0 || (await listNotifications(member, { limit: 100 })).some((n) => n.id === submission.value.id);
    return mine ? data<ActionResult>({ notice: "notifications.markedRead" }) : data<ActionResult>({ error: "notifications.errors.notFound" }, { status: 404 });
  }
  throw new Response("Unknown intent", { status: 400 });
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const { cbsCode, unread, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const locale = i18n.language === "en" ? "en-GB" : "nl-NL";
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const formatDue = (value: unknown) => {
    const iso = text(value);
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateOnly.format(new Date(`${iso}T00:00:00Z`)) : iso;
  };

  const describe = (kind: string, payload: Record<string, unknown>) => {
    const title = text(payload.title);
    if (kind === "task.assigned") {
      const by = text(payload.byName) || t("notifications.someone");
      return payload.dueDate
        ? t("notifications.taskAssignedWithDue", { by, title, dueDate: formatDue(payload.dueDate) })
        : t("notifications.taskAssigned", { by, title });
    }
    if (kind === "task.due") return t("notifications.taskDue", { title, dueDate: formatDue(payload.dueDate) });
    if (kind === "document.mention") return t("notifications.documentMention", { by: text(payload.by) || t("notifications.someone"), title });
    if (kind.startsWith("training.")) {
      const startsAt = text(payload.startsAt);
      return t(`training.notifications.${kind.slice("training.".length)}`, { title, date: startsAt ? dateTime.format(new Date(startsAt)) : "" });
    }
    if (kind === "rules.published") return t("training.notifications.rulesPublished", { title });
    if (kind.startsWith("delivery.")) {
      const values = { reference: text(payload.reference), dataset: text(payload.dataset), period: text(payload.period), party: text(payload.party), dueDate: formatDue(payload.dueDate) };
      return t(`timeliness.notifications.${kind.slice("delivery.".length)}`, values);
    }
    return t("notifications.unknown");
  };

  return (
    <>
      <Heading1>{t("notifications.title")}</Heading1>
      <Paragraph>{t("notifications.intro")}</Paragraph>
      <div aria-live="polite">
        {actionData?.notice ? <Notice>{t(actionData.notice)}</Notice> : null}
        {actionData?.error ? <FormError errors={[actionData.error]} /> : null}
      </div>
      <Paragraph>{unread > 0 ? t("notifications.unreadSummary", { count: unread }) : items.length > 0 ? t("notifications.allReadSummary") : null}</Paragraph>
      {unread > 0 ? (
        <Form method="post" className="koers-inline-form">
          <input type="hidden" name="intent" value="markAllRead" />
          <Button type="submit" appearance="secondary-action-button" disabled={busy}>
            {t("notifications.markAllRead")}
          </Button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <Paragraph>{t("notifications.empty")}</Paragraph>
      ) : (
        <ul className="koers-notifications">
          {items.map((n) => {
            const taskId = text(n.payload.taskId);
            const phase = Number(n.payload.phaseNumber);
            const title = text(n.payload.title);
            const documentId = text(n.payload.documentId);
            const agreementId = text(n.payload.agreementId);
            const sessionId = text(n.payload.sessionId);
            const rules = n.kind === "rules.published";
            const href = rules
              ? `/g/${cbsCode}/training/spelregels`
              : sessionId
                ? `/g/${cbsCode}/training/sessies/${sessionId}${n.kind === "training.log_reminder" ? "/registreren" : ""}`
                : agreementId
              ? `/g/${cbsCode}/overeenkomsten/${agreementId}`
              : taskId && Number.isInteger(phase)
              ? `/g/${cbsCode}/fase/${phase}/bord/taak/${taskId}`
              : documentId
                ? `/g/${cbsCode}/documenten/${documentId}#opmerking-${text(n.payload.threadId)}`
                : null;
            return (
              <li key={n.id} className={n.read ? "koers-notification" : "koers-notification koers-notification--unread"}>
                <Paragraph>
                  {n.read ? null : <strong>{t("notifications.new")}: </strong>}
                  {describe(n.kind, n.payload)}
                </Paragraph>
                <Paragraph className="koers-muted">
                  {t("notifications.received", { date: dateTime.format(new Date(n.createdAt)) })}
                  {Number.isInteger(phase) ? ` · ${t("notifications.phase", { phase })}` : null}
                </Paragraph>
                <div className="koers-inline-actions">
                  {href ? (
                    <Link href={href}>
                      {rules ? t("training.notifications.openRules") : sessionId ? t("training.notifications.openSession") : agreementId ? t("timeliness.notifications.open") : documentId ? t("notifications.openDocument") : t("notifications.openTask")}
                      <span className="visually-hidden"> “{title}”</span>
                    </Link>
                  ) : null}
                  {n.read ? null : (
                    <Form method="post" className="koers-inline-form">
                      <input type="hidden" name="intent" value="markRead" />
                      <input type="hidden" name="id" value={n.id} />
                      <Button type="submit" appearance="subtle-button" disabled={busy}>
                        {t("notifications.markRead")}
                        <span className="visually-hidden"> “{title}”</span>
                      </Button>
                    </Form>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
