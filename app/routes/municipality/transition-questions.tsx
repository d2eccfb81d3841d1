// The transition questions of phase 1, answered by the team. Every member reads; members who may
// edit the strategy (lead, department owner, staff) save or clear one answer per form, so saving
// one never touches another. A save over a teammate's newer answer is refused and shows their text
// next to the user's own, which stays in the field. Other phases have no transition questions (404).
import { useFormSubmitting } from "../../components/ui/form-state";
import { getFormProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Heading1, Heading2, Paragraph, Textarea } from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can, type Permission } from "../../modules/auth/roles";
import { formatMoment } from "../../modules/programme/format";
import { phaseFromParam } from "../../modules/programme/phase-param.server";
import { clearTransitionAnswer, hasTransitionQuestions, loadTransitionAnswers, saveTransitionAnswer, type TransitionOutcome } from "../../modules/strategy/transition.server";
import { clearTransitionAnswerSchema, saveTransitionAnswerSchema, type TransitionQuestionKey } from "../../modules/strategy/transition-schema";

export const meta: MetaFunction = () => [{ title: "Transitievragen · Koers" }];

const INTENTS = ["saveAnswer", "clearAnswer"] as const;
type Intent = (typeof INTENTS)[number];
const EDIT: Permission = { strategy: ["edit"] };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseFromParam(params.phase);
  if (!hasTransitionQuestions(n)) throw notFound();
  const view = await loadTransitionAnswers(member, n);
  if (!view) throw notFound();
  return {
    n,
    cbsCode: member.cbsCode,
    canEdit: can(member.role, EDIT),
    phaseStatus: view.phaseStatus,
    answered: view.answered,
    total: view.total,
    questions: view.questions,
  };
}

/** The teammate's saved state a refused save found (dates as ISO strings). */
interface ConflictData {
  answer: string;
  version: number;
  updatedByName: string | null;
  updatedAt: string | null;
}

interface ActionPayload {
  formId: string;
  questionKey: string;
  result: SubmissionResult<string[]>;
  /** The version the form continues from after this reply (saved, or the teammate's on a conflict). */
  version: number | null;
  notice: { key: string; question: string } | null;
  conflict: ConflictData | null;
}

function reply(payload: Omit<ActionPayload, "version" | "notice" | "conflict"> & Partial<ActionPayload>, status = 200) {
  return data<ActionPayload>({ version: null, notice: null, conflict: null, ...payload }, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseFromParam(params.phase);
  if (!hasTransitionQuestions(n)) throw notFound();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, EDIT)) throw forbidden();
  const t = requestT(request);
  const questionKey = String(formData.get("questionKey") ?? "");
  const formId = formIdOf(intent, questionKey);
  const question = t(`transition.questions.${questionKey}.title`, { defaultValue: questionKey });

  const submission =
    intent === "saveAnswer" ? parseWithZod(formData, { schema: saveTransitionAnswerSchema }) : parseWithZod(formData, { schema: clearTransitionAnswerSchema });
  if (submission.status !== "success") return reply({ formId, questionKey, result: submission.reply() }, 400);

  const outcome: TransitionOutcome =
    intent === "saveAnswer"
      ? await saveTransitionAnswer(member, submission.value as { questionKey: string; version: number; answer: string })
      : await clearTransitionAnswer(member, submission.value);
  if (outcome.ok) {
    const key = !outcome.changed ? "transition.notices.unchanged" : intent === "saveAnswer" ? "transition.notices.saved" : "transition.notices.cleared";
    return reply({ formId, questionKey, result: submission.reply(), version: outcome.version, notice: { key, question } });
  }
  if (outcome.error === "conflict") {
    const c = outcome.current;
    // Nothing is reset: the user's own text comes back in the field, the teammate's beside it.
    return reply(
      {
        formId,
        questionKey,
        result: submission.reply(),
        version: c.version,
        conflict: { answer: c.answer, version: c.version, updatedByName: c.updatedByName, updatedAt: c.updatedAt?.toISOString() ?? null },
      },
      409,
    );
  }
  if (outcome.error === "notAllowed") throw forbidden();
  const status = outcome.error === "notFound" ? 404 : outcome.error === "unknownQuestion" ? 400 : 409;
  return reply({ formId, questionKey, result: submission.reply({ formErrors: [t(`transition.errors.${outcome.error}`)] }) }, status);
}

/** After any save, reload the answers (also after a refusal) so "last changed by" is current. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod.toUpperCase() !== "GET" ? true : defaultShouldRevalidate;

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type QuestionData = LoaderData["questions"][number];

/** The action's reply, if it belongs to this question (either of its forms). */
function useReplyFor(questionKey: string) {
  const actionData = useActionData<typeof action>();
  return actionData?.questionKey === questionKey ? actionData : undefined;
}

const useSubmitting = (formId: string) => useFormSubmitting(formId, "questionKey");

export default function TransitionQuestions() {
  const { t } = useTranslation();
  const { n, cbsCode, canEdit, phaseStatus, answered, total, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = phaseStatus === "done";
  const editable = canEdit && !done;
  // A reply for a question that is not on the page (an unknown key) has no form to show it at.
  const orphan = actionData && !questions.some((q) => q.key === actionData.questionKey) ? actionData.result.error : undefined;
  const orphanErrors = orphan ? Object.values(orphan).flatMap((e) => e ?? []) : undefined;
  return (
    <>
      <Heading1>{t("transition.title")}</Heading1>
      <FormError errors={orphanErrors} />
      <Paragraph>{t("transition.intro")}</Paragraph>
      <Paragraph>
        <strong>{t("transition.progress", { answered, total })}</strong>
      </Paragraph>
      {done ? <Paragraph className="koers-muted">{t("transition.phaseDone")}</Paragraph> : !canEdit ? <Paragraph className="koers-muted">{t("transition.readOnly")}</Paragraph> : null}
      {questions.map((q, index) => (
        <QuestionSection key={q.key} question={q} number={index + 1} editable={editable} />
      ))}
      <Paragraph>
        <Link to={`/g/${cbsCode}/fase/${n}`}>{t("transition.toPhase")}</Link>
      </Paragraph>
    </>
  );
}

function LastChanged({ question }: { question: QuestionData }) {
  const { t, i18n } = useTranslation();
  if (!question.updatedBy || !question.updatedAt) return <Paragraph className="koers-muted">{t("transition.notAnswered")}</Paragraph>;
  const name = question.updatedBy.name ?? t("transition.unknownUser");
  const date = formatMoment(question.updatedAt, i18n.language);
  return <Paragraph className="koers-muted">{t(question.answer === "" ? "transition.clearedBy" : "transition.lastChanged", { name, date })}</Paragraph>;
}

function QuestionSection({ question, number, editable }: { question: QuestionData; number: number; editable: boolean }) {
  const { t } = useTranslation();
  const key = question.key as TransitionQuestionKey;
  const title = t(`transition.questions.${key}.title`);
  const headingId = `question-${key}`;
  const helpId = `question-${key}-help`;
  const replyData = useReplyFor(key);
  // The version this user's text started from: the one loaded, then whatever their own saves (or a
  // refusal they have now seen) moved it to. Reloads after other forms do not move it, so a
  // teammate's newer answer is never overwritten unseen.
  const [baseVersion, setBaseVersion] = useState(question.version);
  // The user's own successful "clear" empties the field too: once the reloaded answers include it
  // (the action's reply arrives before them), the form is mounted afresh from the empty answer.
  const [clearedVersion, setClearedVersion] = useState<number | null>(null);
  useEffect(() => {
    if (!replyData || replyData.version === null) return;
    setBaseVersion(replyData.version);
    if (replyData.formId === formIdOf("clearAnswer", key) && !replyData.conflict) setClearedVersion(replyData.version);
  }, [replyData, key]);
  const formKey = clearedVersion !== null && question.version >= clearedVersion ? `cleared-${clearedVersion}` : "loaded";
  const newer = editable && question.version > baseVersion && !replyData?.conflict;
  return (
    <section className="koers-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>
        {number}. {title}
      </Heading2>
      <Paragraph id={helpId}>{t(`transition.questions.${key}.help`)}</Paragraph>
      <LastChanged question={question} />
      {replyData?.notice ? <Notice>{t(replyData.notice.key, { question: replyData.notice.question })}</Notice> : null}
      {replyData?.conflict ? <ConflictMessage conflict={replyData.conflict} clearing={replyData.formId === formIdOf("clearAnswer", key)} /> : null}
      {newer ? (
        <Notice type="warning">{t("transition.newerVersion", { name: question.updatedBy?.name ?? t("transition.unknownUser") })}</Notice>
      ) : null}
      {editable ? (
        <>
          <SaveAnswerForm key={formKey} question={question} title={title} helpId={helpId} baseVersion={baseVersion} />
          {question.answer !== "" ? <ClearAnswerForm question={question} title={title} baseVersion={baseVersion} /> : null}
        </>
      ) : question.answer === "" ? null : (
        <div className="koers-pre">{question.answer}</div>
      )}
    </section>
  );
}

function ConflictMessage({ conflict, clearing }: { conflict: ConflictData; clearing: boolean }) {
  const { t, i18n } = useTranslation();
  const name = conflict.updatedByName ?? t("transition.unknownUser");
  const date = formatMoment(conflict.updatedAt, i18n.language) ?? "";
  return (
    <div role="alert" className="utrecht-alert utrecht-alert--warning">
      <div className="utrecht-alert__message">
        <Paragraph>
          <strong>{t("transition.conflict.title", { name, date })}</strong>
        </Paragraph>
        {clearing ? null : <Paragraph>{t("transition.conflict.yours")}</Paragraph>}
        {conflict.answer === "" ? (
          <Paragraph>{t("transition.conflict.theirsEmpty", { name })}</Paragraph>
        ) : (
          <>
            <Paragraph>{t("transition.conflict.theirs", { name })}</Paragraph>
            <blockquote className="koers-pre">{conflict.answer}</blockquote>
          </>
        )}
        <Paragraph>{clearing ? t("transition.conflict.nextClear") : t("transition.conflict.next")}</Paragraph>
      </div>
    </div>
  );
}

function SaveAnswerForm({ question, title, helpId, baseVersion }: { question: QuestionData; title: string; helpId: string; baseVersion: number }) {
  const { t } = useTranslation();
  const formId = formIdOf("saveAnswer", question.key);
  const replyData = useReplyFor(question.key);
  const lastResult = replyData?.formId === formId ? replyData.result : undefined;
  const [form, fields] = useKoersForm(saveTransitionAnswerSchema, {
    id: formId,
    lastResult,
    defaultValue: { questionKey: question.key as TransitionQuestionKey, answer: question.answer },
  });
  const submitting = useSubmitting(formId);
  const errors = fields.answer.errors?.map((e) => t(e, { defaultValue: e }));
  const invalid = Boolean(errors?.length);
  const { key: textareaKey, ...textareaProps } = getTextareaProps(fields.answer);
  const hintId = `${fields.answer.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="saveAnswer" />
      <input type="hidden" name="questionKey" value={question.key} />
      <input type="hidden" name="version" value={baseVersion} />
      <FormField invalid={invalid} type="text">
        <Paragraph className="utrecht-form-field__label">
          <FormLabel htmlFor={fields.answer.id}>
            {t("transition.answerLabel")}
            <span className="visually-hidden">: {title}</span>
          </FormLabel>
        </Paragraph>
        <FormFieldDescription id={hintId}>{t("transition.answerHint")}</FormFieldDescription>
        {invalid ? <FormFieldErrorMessage id={fields.answer.errorId}>{errors!.join(" ")}</FormFieldErrorMessage> : null}
        <Textarea
          key={textareaKey}
          {...textareaProps}
          rows={6}
          invalid={invalid}
          aria-describedby={[helpId, hintId, invalid ? fields.answer.errorId : undefined].filter(Boolean).join(" ")}
        />
      </FormField>
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("transition.save")}
          <span className="visually-hidden">: {title}</span>
        </Button>
      </div>
    </Form>
  );
}

function ClearAnswerForm({ question, title, baseVersion }: { question: QuestionData; title: string; baseVersion: number }) {
  const { t } = useTranslation();
  const formId = formIdOf("clearAnswer", question.key);
  const replyData = useReplyFor(question.key);
  const lastResult = replyData?.formId === formId ? replyData.result : undefined;
  const submitting = useSubmitting(formId);
  return (
    <details open={lastResult?.status === "error"}>
      <summary>
        {t("transition.clear")}
        <span className="visually-hidden">: {title}</span>
      </summary>
      <Form method="post" id={formId} className="koers-form">
        <FormError errors={lastResult?.error?.[""]} />
        <Paragraph>{t("transition.clearIntro")}</Paragraph>
        <input type="hidden" name="intent" value="clearAnswer" />
        <input type="hidden" name="questionKey" value={question.key} />
        <input type="hidden" name="version" value={baseVersion} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("transition.clearConfirm")}
            <span className="visually-hidden">: {title}</span>
          </Button>
        </div>
      </Form>
    </details>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
