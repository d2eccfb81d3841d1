// Change a planned training session; registered people get an updated calendar invitation.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { SessionForm } from "../../components/training/session-form";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { instantToLocal } from "../../modules/training/local-time";
import { handleSessionForm, sessionFormOptions } from "../../modules/training/session-form.server";
import { getSession } from "../../modules/training/session-view.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Sessie wijzigen · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { training: ["log"] });
  const [session, options] = await Promise.all([getSession(member, params.sessionId ?? ""), sessionFormOptions(member)]);
  if (!session) throw notFound();
  const start = instantToLocal(session.startsAt);
  return {
    cbsCode: member.cbsCode,
    session: { id: session.id, title: session.title, status: session.status },
    options,
    defaultValue: {
      title: session.title,
      description: session.description ?? undefined,
      date: start.date,
      startTime: start.time,
      endTime: instantToLocal(session.endsAt).time,
      location: session.location ?? undefined,
      onlineUrl: session.onlineUrl ?? undefined,
      capacity: session.capacity,
      trainerUserId: session.trainer.userId,
      roles: session.audience.roles,
      departmentIds: session.audience.departments.map((d) => d.id),
      topicIds: session.topics.filter((tp) => tp.planned).map((tp) => tp.id),
      openForSignUp: session.openForSignUp,
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { training: ["log"] });
  return handleSessionForm(request, member, params.sessionId ?? "");
}

export default function EditSession() {
  const { t } = useTranslation();
  const { cbsCode, session, options, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <Paragraph>
        <Link to={`/g/${cbsCode}/training/sessies/${session.id}`}>← {session.title}</Link>
      </Paragraph>
      <Heading1>{t("training.form.editTitle", { title: session.title })}</Heading1>
      {session.status !== "planned" ? <Paragraph>{t("training.errors.not_planned")}</Paragraph> : null}
      <SessionForm options={options} defaultValue={defaultValue as never} lastResult={actionData?.result} submitting={navigation.state === "submitting"} />
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
