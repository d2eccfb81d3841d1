// My account: interface language and two-factor sign-in (TOTP).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FormLabel, Heading2, Link, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { AuthPage } from "../components/ui/auth-page";
import { FormError, Notice } from "../components/ui/form-field";
import { requireUser } from "../modules/auth/guards.server";
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment, twoFactorRequiredBy } from "../modules/auth/two-factor.server";
import { listMunicipalitiesOf } from "../modules/municipalities/municipalities.server";

export const meta: MetaFunction = () => [{ title: "Mijn account · Koers" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = requireUser(request, context);
  const url = new URL(request.url);
  const requiredBy = await twoFactorRequiredBy(signedIn.user.id);
  const municipalities = await listMunicipalitiesOf(signedIn.user.id);
  return {
    name: signedIn.user.name,
    email: signedIn.user.email,
    twoFactorEnabled: signedIn.user.twoFactorEnabled,
    required: requiredBy.length > 0 && !signedIn.user.twoFactorEnabled,
    requiredByAny: requiredBy.length > 0,
    continueTo: url.searchParams.get("gemeente") ?? municipalities[0]?.cbsCode ?? null,
    notice: url.searchParams.get("melding"),
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enable"), password: z.string().min(1) }),
  z.object({ intent: z.literal("confirm"), code: z.string().trim().regex(/^\d{6}$/) }),
  z.object({ intent: z.literal("disable"), password: z.string().min(1) }),
]);

type ActionResult =
  | { step: "scan"; qrDataUrl: string; secret: string; backupCodes: string[]; error?: string }
  | { step: "error"; error: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = requireUser(request, context);
  const parsed = intentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const intent = parsed.error.issues[0]?.path[0] === "code" ? "auth.errors.codeFormat" : "auth.errors.passwordRequired";
    return data<ActionResult>({ step: "error", error: intent }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "enable") {
    const enrolment = await startTotpEnrolment(signedIn, input.password, request.headers);
    if (!enrolment.ok) return data<ActionResult>({ step: "error", error: "account.wrongPassword" }, { status: 400 });
    return data<ActionResult>({ step: "scan", qrDataUrl: enrolment.qrDataUrl, secret: enrolment.secret, backupCodes: enrolment.backupCodes });
  }
  if (input.intent === "confirm") {
    const outcome = await confirmTotpEnrolment(signedIn, input.code, request.headers, context.koers.clientIp);
    if (!outcome.ok) return data<ActionResult>({ step: "error", error: "auth.errors.codeInvalid" }, { status: 400 });
    return redirect("/account?melding=enabled", { headers: outcome.headers });
  }
  const outcome = await disableTotp(signedIn, input.password, request.headers, context.koers.clientIp);
  if (!outcome.ok) return data<ActionResult>({ step: "error", error: outcome.error === "required" ? "account.disableBlocked" : "account.wrongPassword" }, { status: 400 });
  return redirect("/account?melding=disabled", { headers: outcome.headers });
}

export default function Account() {
  const { t } = useTranslation();
  const account = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <AuthPage title={t("account.title")}>
      <Paragraph>
        {account.name} · {account.email}
      </Paragraph>
      {account.continueTo && !account.required ? (
        <Paragraph>
          <Link href={`/g/${account.continueTo}`}>{t("common.toHome")}</Link>
        </Paragraph>
      ) : null}
      {account.notice === "enabled" ? <Notice>{t("account.enabled")}</Notice> : null}
      {account.notice === "disabled" ? <Notice>{t("account.disabled")}</Notice> : null}
      <section className="koers-section" aria-labelledby="tfa-heading">
        <Heading2 id="tfa-heading">{t("account.twoFactor")}</Heading2>
        {account.required ? <Notice type="warning">{t("account.twoFactorRequired")}</Notice> : null}
        <Paragraph>{account.twoFactorEnabled ? t("account.twoFactorOn") : t("account.twoFactorOff")}</Paragraph>
        {result?.step === "error" ? <FormError errors={[result.error]} /> : null}
        {result?.step === "scan" || (result?.step === "error" && result.error.startsWith("auth.errors.code")) ? (
          <ScanStep result={result.step === "scan" ? result : null} busy={busy} />
        ) : account.twoFactorEnabled ? (
          account.requiredByAny ? (
            <Paragraph className="koers-muted">{t("account.disableBlocked")}</Paragraph>
          ) : (
            <PasswordForm intent="disable" label={t("account.disable")} busy={busy} />
          )
        ) : (
          <PasswordForm intent="enable" label={t("account.enable")} busy={busy} />
        )}
      </section>
    </AuthPage>
  );
}

function PasswordForm({ intent, label, busy }: { intent: "enable" | "disable"; label: string; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="koers-form">
      <input type="hidden" name="intent" value={intent} />
      <div>
        <FormLabel htmlFor={`${intent}-password`}>{t("account.confirmPassword")}</FormLabel>
        <Textbox id={`${intent}-password`} name="password" type="password" autoComplete="current-password" required />
      </div>
      <div>
        <Button type="submit" appearance={intent === "enable" ? "primary-action-button" : "secondary-action-button"} busy={busy}>
          {label}
        </Button>
      </div>
    </Form>
  );
}

function ScanStep({ result, busy }: { result: { qrDataUrl: string; secret: string; backupCodes: string[] } | null; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {result ? (
        <>
          <Paragraph>{t("account.scanQr")}</Paragraph>
          <p className="koers-qr">
            <img src={result.qrDataUrl} alt={t("account.scanQr")} width={200} height={200} />
          </p>
          <Paragraph>
            {t("account.secretManual")} <code className="koers-mono" data-testid="totp-secret">{result.secret}</code>
          </Paragraph>
          <Paragraph>{t("account.backupCodes")}</Paragraph>
          <ul className="koers-mono">
            {result.backupCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" className="koers-form">
        <input type="hidden" name="intent" value="confirm" />
        <div>
          <FormLabel htmlFor="totp-code">{t("auth.twoFactorCode")}</FormLabel>
          <Textbox id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
        </div>
        <div>
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t("account.confirmEnable")}
          </Button>
        </div>
      </Form>
    </>
  );
}
