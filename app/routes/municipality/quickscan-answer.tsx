// The respondent's own questionnaire: per dimension a fieldset, per statement a radio group 1–5
// plus "Weet niet" with the scale's labels. Works without JavaScript. "Opslaan en later verder"
// keeps what is filled in; "Versturen" needs every statement answered and fixes the answers.
// After submitting (or once the round closed) the respondent sees their own answers, read-only;
// nobody else can open them.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useMemo } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { formatDay, formatMoment } from "../../modules/programme/format";
import { MIN_GROUP_SIZE } from "../../modules/strategy/quickscan/aggregate";
import { getOwnResponse, saveAnswers, submitResponse } from "../../modules/strategy/quickscan/answers.server";
import { DONT_KNOW, referenceInstrument, scaleValues, statementKey, type QuickscanInstrument } from "../../modules/strategy/quickscan/instrument";
import { answersSchema } from "../../modules/strategy/quickscan/schema";
import styles from "../../styles/quickscan.css?url";

export const meta: MetaFunction<typeof loader> = ({ data: loaded, error }) => {
  if (error || !loaded) {
    const status = isRouteErrorResponse(error) ? error.status : 500;
    return [{ title: `${status === 404 ? "Pagina niet gevonden" : status === 403 ? "Geen toegang" : "Er ging iets mis"} · Koers` }];
  }
  return [{ title: `${loaded.state === "answer" ? `Quickscan: ${loaded.round.name}` : "Quickscan"} · Koers` }];
};
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const ANSWER = { quickscan: ["answer" as const] };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, ANSWER);
  const own = await getOwnResponse(member, params.roundId ?? "");
  if (!own.ok) {
    if (own.error === "notFound") throw notFound();
    // Invited to nothing here, or not yet opened: say so plainly (403 / 409 for the status line).
    return data({ state: own.error, cbsCode: member.cbsCode } as const, { status: own.error === "notInvited" ? 403 : 409 });
  }
  const { round, response, answers, answered, total } = own.value;
  return {
    state: "answer" as const,
    cbsCode: member.cbsCode,
    round: { id: round.id, name: round.name, status: round.status, dueOn: round.dueOn, instrument: round.instrument },
    submittedAt: response.submittedAt?.toISOString() ?? null,
    answers: Object.fromEntries(answers.map((a) => [statementKey(a.dimensionKey, a.statementIndex), a.value === null ? DONT_KNOW : String(a.value)])),
    answered,
    total,
  };
}

type ActionPayload = { result: SubmissionResult<string[]>; notice: string | null };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, ANSWER);
  const own = await getOwnResponse(member, params.roundId ?? "");
  if (!own.ok && own.error === "notFound") throw notFound();
  const t = requestT(request);
  const formData = await request.formData();
  if (!own.ok) {
    return data<ActionPayload>({ result: { status: "error", error: { "": [t(`quickscan.errors.${own.error === "notInvited" ? "notInvited" : "notOpen"}`)] } }, notice: null }, { status: 409 });
  }
  const instrument = own.value.round.instrument;
  const submission = parseWithZod(formData, { schema: answersSchema(instrument) });
  if (submission.status !== "success") return data<ActionPayload>({ result: submission.reply(), notice: null }, { status: 400 });
  const { intent, answers } = submission.value;
  const outcome = intent === "submit" ? await submitResponse(member, own.value.round.id, answers) : await saveAnswers(member, own.value.round.id, answers);
  if (!outcome.ok) {
    if (outcome.error === "incomplete") {
      const fieldErrors = Object.fromEntries(outcome.missing.map((m) => [`answers.${statementKey(m.dimensionKey, m.statementIndex)}`, [t("quickscan.errors.answerRequired")]]));
      return data<ActionPayload>({ result: submission.reply({ formErrors: [t("quickscan.errors.incomplete", { count: outcome.missing.length })], fieldErrors }), notice: null }, { status: 400 });
    }
    const status = outcome.error === "notAllowed" ? 403 : outcome.error === "invalidAnswer" ? 400 : 409;
    return data<ActionPayload>({ result: submission.reply({ formErrors: [t(`quickscan.errors.${outcome.error}`)] }), notice: null }, { status });
  }
  const notice = intent === "submit" ? t("quickscan.answer.submitted") : t("quickscan.answer.saved", { answered: outcome.answered, total: outcome.total });
  return data<ActionPayload>({ result: submission.reply(), notice });
}

export default function QuickscanAnswer() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = `/g/${loaded.cbsCode}/quickscan`;
  if (loaded.state !== "answer") {
    const key = loaded.state === "notInvited" ? "notInvited" : "notOpen";
    return (
      <>
        <Heading1>{t(`quickscan.answer.${key}Title`)}</Heading1>
        <div role="alert">
          <Paragraph>{t(`quickscan.answer.${key}`)}</Paragraph>
        </div>
        <Paragraph>
          <RemixLink to={back}>{t("quickscan.answer.back")}</RemixLink>
        </Paragraph>
      </>
    );
  }
  const readOnly = loaded.submittedAt !== null || loaded.round.status !== "open";
  return (
    <>
      <Paragraph>
        <RemixLink to={back}>{t("quickscan.answer.back")}</RemixLink>
      </Paragraph>
      <Heading1>{t("quickscan.answer.title", { round: loaded.round.name })}</Heading1>
      <div aria-live="polite">{actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}</div>
      {readOnly ? <OwnAnswers /> : <AnswerForm />}
    </>
  );
}

type AnswerData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: "answer" }>;

function useAnswerData(): AnswerData {
  return useLoaderData<typeof loader>() as AnswerData;
}

function scaleLabel(instrument: QuickscanInstrument, value: number): string {
  return instrument.scaleLabels?.[String(value)] ?? referenceInstrument().scaleLabels?.[String(value)] ?? String(value);
}

function dontKnowLabel(instrument: QuickscanInstrument): string {
  return instrument.dontKnowLabel ?? referenceInstrument().dontKnowLabel ?? "Weet niet";
}

function AnswerForm() {
  const { t, i18n } = useTranslation();
  const { round, answers, total } = useAnswerData();
  const instrument = round.instrument;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = useMemo(() => answersSchema(instrument), [instrument]);
  const [form, fields] = useKoersForm(schema, { id: "answers", lastResult: actionData?.result, defaultValue: { answers } });
  const answerFields = fields.answers.getFieldset();
  const current = (form.value?.answers ?? answers) as Record<string, string | undefined>;
  const answeredNow = Object.values(current).filter(Boolean).length;
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : "";
  const values = scaleValues(instrument);
  return (
    <>
      <Paragraph>{t("quickscan.answer.intro")}</Paragraph>
      <Paragraph>{t("quickscan.answer.privacy", { min: MIN_GROUP_SIZE })}</Paragraph>
      {round.dueOn ? <Paragraph>{t("quickscan.answer.dueOn", { date: formatDay(round.dueOn, i18n.language) })}</Paragraph> : null}
      <div className="koers-qs-progress">
        <label htmlFor="qs-progress">{t("quickscan.answer.progressLabel")}</label>
        <progress id="qs-progress" max={total} value={answeredNow} aria-valuetext={t("quickscan.answer.progress", { answered: answeredNow, total })} />
        <span>{t("quickscan.answer.progress", { answered: answeredNow, total })}</span>
      </div>
      <Form method="post" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        {instrument.dimensions.map((dimension, dIndex) => (
          <fieldset key={dimension.key} className="koers-qs-dimension">
            <legend>
              <Heading2>{t("quickscan.answer.dimension", { number: dIndex + 1, total: instrument.dimensions.length, name: dimension.name })}</Heading2>
            </legend>
            {dimension.statements.map((statement, sIndex) => {
              const key = statementKey(dimension.key, sIndex);
              const field = answerFields[key]!;
              const errors = field.errors?.map((e) => t(e, { defaultValue: e }));
              const invalid = Boolean(errors?.length);
              const chosen = typeof field.initialValue === "string" ? field.initialValue : undefined;
              const legendId = `${field.id}-legend`;
              return (
                <fieldset
                  key={key}
                  className={`koers-qs-statement${invalid ? " koers-qs-statement--invalid" : ""}`}
                  aria-describedby={invalid ? field.errorId : undefined}
                  aria-invalid={invalid || undefined}
                >
                  <legend id={legendId}>
                    <span className="visually-hidden">{t("quickscan.answer.statement", { number: sIndex + 1 })}: </span>
                    {statement}
                  </legend>
                  {invalid ? (
                    <p id={field.errorId} className="koers-qs-error">
                      {errors!.join(" ")}
                    </p>
                  ) : null}
                  <ul className="koers-qs-options">
                    {[...values.map(String), DONT_KNOW].map((value) => {
                      const id = `${field.id}-${value}`;
                      const label = value === DONT_KNOW ? dontKnowLabel(instrument) : t("quickscan.answer.scaleValue", { value, label: scaleLabel(instrument, Number(value)) });
                      return (
                        <li key={value}>
                          <label className="koers-qs-option" htmlFor={id}>
                            <input type="radio" id={id} name={field.name} value={value} defaultChecked={chosen === value} />
                            <span>{label}</span>
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              );
            })}
          </fieldset>
        ))}
        <Paragraph>{t("quickscan.answer.submitHint")}</Paragraph>
        <div className="koers-qs-actions">
          <Button type="submit" name="intent" value="save" appearance="secondary-action-button" busy={busy === "save"} formNoValidate>
            {t("quickscan.answer.save")}
          </Button>
          <Button type="submit" name="intent" value="submit" appearance="primary-action-button" busy={busy === "submit"}>
            {t("quickscan.answer.submit")}
          </Button>
        </div>
      </Form>
    </>
  );
}

function OwnAnswers() {
  const { t, i18n } = useTranslation();
  const { round, answers, submittedAt } = useAnswerData();
  const instrument = round.instrument;
  return (
    <>
      {submittedAt ? (
        <Paragraph>{t("quickscan.answer.submittedOn", { date: formatMoment(submittedAt, i18n.language) })}</Paragraph>
      ) : (
        <Notice type="warning">{t("quickscan.answer.closedNotSubmitted")}</Notice>
      )}
      <Heading2>{t("quickscan.answer.ownAnswers")}</Heading2>
      {instrument.dimensions.map((dimension) => (
        <Table key={dimension.key} className="koers-table koers-section">
          <TableCaption>{t("quickscan.answer.ownCaption", { name: dimension.name })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("quickscan.answer.statementColumn")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("quickscan.answer.answerColumn")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {dimension.statements.map((statement, sIndex) => {
              const value = answers[statementKey(dimension.key, sIndex)];
              return (
                <TableRow key={sIndex}>
                  <TableHeaderCell scope="row">{statement}</TableHeaderCell>
                  <TableCell>
                    {value === undefined
                      ? t("quickscan.answer.unanswered")
                      : value === DONT_KNOW
                        ? dontKnowLabel(instrument)
                        : t("quickscan.answer.scaleValue", { value, label: scaleLabel(instrument, Number(value)) })}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ))}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
