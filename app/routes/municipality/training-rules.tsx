// The rules of use (spelregels) as published: the text of the approved version of the rules-of-use
// document, a button to acknowledge having read it (per version), and for leads and trainers who
// acknowledged it. Editing happens in the live document itself.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { TrainingNav } from "../../components/training/training-nav";
import { FormError, Notice } from "../../components/ui/form-field";
import { DocumentContent } from "../../modules/documents/history/document-content";
import { requireMember } from "../../modules/auth/guards.server";
import { versionContent } from "../../modules/documents/versions.server";
import { acknowledgeRules, rulesStatus } from "../../modules/training/rules.server";
import { acknowledgeRulesSchema } from "../../modules/training/schema";
import { parseWithZod } from "@conform-to/zod/v4";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Spelregels · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const status = await rulesStatus(member);
  const content = status.rules ? await versionContent(member, status.rules.documentId, status.rules.versionId) : null;
  return { cbsCode: member.cbsCode, status, content: content?.content ?? null };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const submission = parseWithZod(await request.formData(), { schema: acknowledgeRulesSchema });
  if (submission.status !== "success") return data({ error: "training.errors.no_rules", notice: null }, { status: 400 });
  const outcome = await acknowledgeRules(member, submission.value.versionId);
  if (!outcome.ok) return data({ error: `training.errors.${outcome.error}`, notice: null }, { status: 409 });
  return data({ error: null, notice: "training.rules.acknowledgedNotice" });
}

export default function TrainingRules() {
  const { t, i18n } = useTranslation();
  const { cbsCode, status, content } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const day = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  const rules = status.rules;
  const acknowledged = status.members?.filter((m) => m.acknowledgedAt).length ?? 0;
  return (
    <>
      <Heading1>{t("training.rules.heading")}</Heading1>
      <TrainingNav cbsCode={cbsCode} />
      <Paragraph>{t("training.rules.intro")}</Paragraph>
      <div aria-live="polite">
        {actionData?.notice ? <Notice>{t(actionData.notice)}</Notice> : null}
        <FormError errors={actionData?.error ? [actionData.error] : null} />
      </div>
      {!rules ? (
        <Paragraph>{t("training.rules.none")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {t("training.rules.version", { date: day.format(new Date(rules.publishedAt)) })} {rules.revising ? t("training.rules.revising") : null}{" "}
            <Link to={`/g/${cbsCode}/documenten/${rules.documentId}`}>{t("training.rules.document")}</Link>
          </Paragraph>
          {content ? <DocumentContent content={content} label={rules.title} /> : null}
          <section className="koers-section" aria-labelledby="acknowledge-heading">
            <Heading2 id="acknowledge-heading">{t("training.rules.acknowledge")}</Heading2>
            {status.acknowledgedAt ? (
              <Paragraph>
                <span aria-hidden="true">✓ </span>
                {t("training.rules.acknowledged", { date: day.format(new Date(status.acknowledgedAt)) })}
              </Paragraph>
            ) : (
              <Form method="post" className="koers-form">
                <Paragraph>{t("training.rules.pending")}</Paragraph>
                <input type="hidden" name="versionId" value={rules.versionId} />
                <Paragraph className="koers-muted">{t("training.rules.acknowledgeHint")}</Paragraph>
                <div>
                  <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
                    {t("training.rules.acknowledge")}
                  </Button>
                </div>
              </Form>
            )}
          </section>
          {status.members ? (
            <section className="koers-section" aria-labelledby="who-heading">
              <Heading2 id="who-heading">{t("training.rules.who")}</Heading2>
              <Paragraph>{t("training.rules.count", { count: acknowledged, total: status.members.length })}</Paragraph>
              <Table className="koers-table">
                <TableCaption>{t("training.rules.whoCaption")}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t("training.session.columns.name")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("training.coverage.filterRole")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("training.rules.who")}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {status.members.map((m) => (
                    <TableRow key={m.userId}>
                      <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                      <TableCell>{t(`roles.${m.role}`, { defaultValue: m.role })}</TableCell>
                      <TableCell>{m.acknowledgedAt ? day.format(new Date(m.acknowledgedAt)) : t("training.rules.notYet")}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
