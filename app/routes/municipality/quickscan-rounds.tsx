// The maturity quickscan: every member sees the rounds (status, response) and their own
// invitations with a link to answer; programme leads create a new round here.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, TextField } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { formatDay } from "../../modules/programme/format";
import { MIN_GROUP_SIZE } from "../../modules/strategy/quickscan/aggregate";
import { formatPercent } from "../../modules/strategy/quickscan/format";
import { canManageQuickscan, createRound, listRounds, myInvitations } from "../../modules/strategy/quickscan/rounds.server";
import { createRoundSchema } from "../../modules/strategy/quickscan/schema";
import styles from "../../styles/quickscan.css?url";

export const meta: MetaFunction = () => [{ title: "Quickscan · Koers" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const [rounds, invitations] = await Promise.all([listRounds(member), myInvitations(member)]);
  return {
    cbsCode: member.cbsCode,
    canManage: canManageQuickscan(member),
    rounds: rounds.map((r) => ({ id: r.id, name: r.name, status: r.status, dueOn: r.dueOn, invited: r.invited, submitted: r.submitted, createdAt: r.createdAt.toISOString() })),
    invitations: invitations.map((i) => ({ roundId: i.roundId, name: i.name, status: i.status, dueOn: i.dueOn, started: Boolean(i.startedAt), submitted: Boolean(i.submittedAt) })),
  };
}

type ActionPayload = { result: SubmissionResult<string[]> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  if (formData.get("intent") !== "createRound") throw new Response("Unknown intent", { status: 400 });
  if (!canManageQuickscan(member)) throw forbidden();
  const t = requestT(request);
  const submission = parseWithZod(formData, { schema: createRoundSchema });
  if (submission.status !== "success") return data<ActionPayload>({ result: submission.reply() }, { status: 400 });
  const outcome = await createRound(member, submission.value);
  if (!outcome.ok) {
    if (outcome.error === "nameTaken") {
      return data<ActionPayload>({ result: submission.reply({ fieldErrors: { name: [t("quickscan.errors.nameTaken", { name: outcome.name })] } }) }, { status: 409 });
    }
    throw forbidden();
  }
  return redirect(`/g/${member.cbsCode}/quickscan/${outcome.roundId}`);
}

export default function QuickscanRounds() {
  const { t, i18n } = useTranslation();
  const { cbsCode, canManage, rounds, invitations } = useLoaderData<typeof loader>();
  const base = `/g/${cbsCode}/quickscan`;
  return (
    <>
      <Heading1>{t("quickscan.title")}</Heading1>
      <Paragraph>{t("quickscan.intro", { min: MIN_GROUP_SIZE })}</Paragraph>

      <section className="koers-section" aria-labelledby="qs-mine-heading">
        <Heading2 id="qs-mine-heading">{t("quickscan.mine.heading")}</Heading2>
        {invitations.length === 0 ? (
          <Paragraph>{t("quickscan.mine.none")}</Paragraph>
        ) : (
          <Table className="koers-table">
            <TableCaption className="visually-hidden">{t("quickscan.mine.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("quickscan.rounds.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.rounds.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.rounds.dueOn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.mine.yourStatus")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invitations.map((i) => {
                const state = i.submitted ? "submitted" : i.status === "closed" ? "missed" : i.started ? "started" : "notStarted";
                const action = i.submitted || i.status === "closed" ? "view" : i.started ? "continue" : "answer";
                return (
                  <TableRow key={i.roundId}>
                    <TableHeaderCell scope="row">{i.name}</TableHeaderCell>
                    <TableCell>
                      <span className={`koers-badge koers-badge--${i.status}`}>{t(`quickscan.status.${i.status}`)}</span>
                    </TableCell>
                    <TableCell>{formatDay(i.dueOn, i18n.language) ?? t("quickscan.rounds.noDue")}</TableCell>
                    <TableCell>
                      {t(`quickscan.mine.${state}`)} —{" "}
                      <RemixLink to={`${base}/${i.roundId}/invullen`} aria-label={t("quickscan.mine.linkLabel", { action: t(`quickscan.mine.${action}`), round: i.name })}>
                        {t(`quickscan.mine.${action}`)}
                      </RemixLink>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </section>

      <section className="koers-section" aria-labelledby="qs-rounds-heading">
        <Heading2 id="qs-rounds-heading">{t("quickscan.rounds.heading")}</Heading2>
        {rounds.length === 0 ? (
          <Paragraph>{t("quickscan.rounds.none")}</Paragraph>
        ) : (
          <Table className="koers-table">
            <TableCaption className="visually-hidden">{t("quickscan.rounds.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("quickscan.rounds.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.rounds.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.rounds.dueOn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.rounds.response")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rounds.map((r) => (
                <TableRow key={r.id}>
                  <TableHeaderCell scope="row">
                    <RemixLink to={`${base}/${r.id}`}>{r.name}</RemixLink>
                  </TableHeaderCell>
                  <TableCell>
                    <span className={`koers-badge koers-badge--${r.status}`}>{t(`quickscan.status.${r.status}`)}</span>
                  </TableCell>
                  <TableCell>{formatDay(r.dueOn, i18n.language) ?? t("quickscan.rounds.noDue")}</TableCell>
                  <TableCell>
                    {r.invited > 0
                      ? t("quickscan.rounds.responseRate", { submitted: r.submitted, invited: r.invited, percent: formatPercent(r.submitted / r.invited, i18n.language) })
                      : t("quickscan.rounds.responseValue", { submitted: r.submitted, invited: r.invited })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canManage ? <CreateRound /> : null}
      </section>
    </>
  );
}

function CreateRound() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(createRoundSchema, { id: "createRound", lastResult: actionData?.result });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "createRound";
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="qs-create-heading">
      <h3 id="qs-create-heading" className="utrecht-heading-3">
        {t("quickscan.create.heading")}
      </h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="createRound" />
      <TextField field={fields.name} label={t("quickscan.create.name")} hint={t("quickscan.create.nameHint")} />
      <TextField field={fields.dueOn} type="date" label={t("quickscan.create.dueOn")} hint={t("quickscan.create.dueOnHint")} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("quickscan.create.submit")}
        </Button>
      </div>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
