// An invitation link from the mail: shows whom it invites where, and lets the right user accept it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../i18n/use-translation";
import { AuthPage } from "../components/ui/auth-page";
import { FormError } from "../components/ui/form-field";
import { requireUser } from "../modules/auth/guards.server";
import { acceptInvitation, findOpenInvitation } from "../modules/members/members.server";

export const meta: MetaFunction = () => [{ title: "Uitnodiging · Koers" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.invitationId ?? "");
  if (!invitation) return data({ invitation: null, signedInAs: null }, { status: 404 });
  const signedIn = context.koers.signedIn;
  return data({
    invitation: { id: invitation.id, email: invitation.email, role: invitation.role, municipality: invitation.municipality, inviter: invitation.inviter },
    signedInAs: signedIn ? signedIn.user.email : null,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireUser(request, context);
  const outcome = await acceptInvitation({ userId: user.id, name: user.name, email: user.email }, params.invitationId ?? "", context.koers.clientIp);
  if (outcome.ok) return redirect(`/g/${outcome.cbsCode}`);
  return data({ error: outcome.error === "wrongUser" ? "members.acceptWrongUser" : "members.acceptInvalid" }, { status: outcome.error === "wrongUser" ? 403 : 404 });
}

export default function Invitation() {
  const { t } = useTranslation();
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();

  if (!invitation) {
    return (
      <AuthPage title={t("members.acceptInvalidTitle")}>
        <Paragraph>{t("members.acceptInvalid")}</Paragraph>
        <Paragraph>{t("members.acceptInvalidHelp")}</Paragraph>
        <Paragraph>
          <Link href="/">{t("common.toHome")}</Link>
        </Paragraph>
      </AuthPage>
    );
  }

  const here = `/uitnodiging/${invitation.id}`;
  // "/" and "@" may stand unencoded in a query; it keeps the links readable.
  const readable = (value: string) => encodeURIComponent(value).replace(/%2F/g, "/").replace(/%40/g, "@");
  const query = `?redirectTo=${readable(here)}&email=${readable(invitation.email)}`;
  const wrongUser = signedInAs !== null && signedInAs.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <AuthPage title={t("members.acceptTitle", { municipality: invitation.municipality })}>
      <Paragraph>
        {t("members.acceptIntro", { inviter: invitation.inviter, role: t(`roles.${invitation.role}`, { defaultValue: invitation.role }), municipality: invitation.municipality })}
      </Paragraph>
      {actionData?.error && !wrongUser ? (
        <FormError errors={[t(actionData.error, { email: invitation.email, current: signedInAs ?? "" })]} />
      ) : null}
      {signedInAs === null ? (
        <>
          <Paragraph>{t("members.acceptSignIn", { email: invitation.email })}</Paragraph>
          <Paragraph>
            <Link href={`/inloggen${query}`}>{t("auth.signIn")}</Link>
          </Paragraph>
          <Paragraph>
            {t("auth.noAccount")} <Link href={`/registreren${query}`}>{t("auth.signUp")}</Link>
          </Paragraph>
        </>
      ) : wrongUser ? (
        <>
          <Paragraph>{t("members.acceptWrongUser", { email: invitation.email, current: signedInAs })}</Paragraph>
          <Form method="post" action="/uitloggen">
            <Button type="submit" appearance="secondary-action-button">
              {t("nav.signOut")}
            </Button>
          </Form>
        </>
      ) : (
        <Form method="post">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("members.accept")}
          </Button>
        </Form>
      )}
    </AuthPage>
  );
}
