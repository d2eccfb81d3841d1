// Plan a training session (trainers and programme leads).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { SessionForm } from "../../components/training/session-form";
import { requireMember } from "../../modules/auth/guards.server";
import { handleSessionForm, sessionFormOptions } from "../../modules/training/session-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Sessie plannen · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { training: ["log"] });
  return { cbsCode: member.cbsCode, trainerUserId: member.userId, options: await sessionFormOptions(member) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { training: ["log"] });
  return handleSessionForm(request, member);
}

export default function NewSession() {
  const { t } = useTranslation();
  const { cbsCode, trainerUserId, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <Paragraph>
        <Link to={`/g/${cbsCode}/training`}>← {t("training.title")}</Link>
      </Paragraph>
      <Heading1>{t("training.form.newTitle")}</Heading1>
      <SessionForm
        options={options}
        defaultValue={{ trainerUserId, capacity: 12, openForSignUp: true, startTime: "09:30", endTime: "11:00" }}
        lastResult={actionData?.result}
        submitting={navigation.state === "submitting"}
      />
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
