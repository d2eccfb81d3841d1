// One of the four phases: its status, planning, owner and gate (a checklist of exit criteria).
// Every member reads; programme leads plan the phase, tick and add criteria, start the phase,
// close its gate and reopen it. One action, one `intent` per form; refusals become Dutch messages.
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { phaseFromParam } from "../../modules/programme/phase-param.server";
import { useHydrated } from "../../components/ui/use-hydrated";
import { getFormProps, getSelectProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, FormField, FormFieldErrorMessage, FormLabel, Heading1, Heading2, Paragraph, Select, SelectOption } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { listDocuments } from "../../modules/documents/documents.server";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { can, type Permission } from "../../modules/auth/roles";
import { listMembers } from "../../modules/members/members.server";
import { criterionLabel, formatDay, formatMoment } from "../../modules/programme/format";
import { addCriterion, closeGate, loadProgramme, removeCriterion, reopenPhase, setCriterionChecked, startPhase, updatePhasePlan } from "../../modules/programme/programme.server";
import { addCriterionSchema, phasePlanSchema, phaseTransitionSchema, removeCriterionSchema, reopenSchema, setCriterionSchema } from "../../modules/programme/schema";
import { loadPhaseOneSummary, type PhaseOneSummary } from "../../modules/strategy/phase-one-summary.server";
import { KpiPhaseSummary } from "../../components/kpis/kpi-phase-summary";
import { loadPhaseTwoSummary } from "../../modules/kpis/gate-checks.server";
import { DeliveryPhaseSummary } from "../../components/deliveries/delivery-phase-summary";
import { loadPhaseThreeSummary } from "../../modules/deliveries/timeliness.server";
import { TrainingPhaseSummary } from "../../components/training/training-phase-summary";
import { loadPhaseFourSummary } from "../../modules/training/phase-summary.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Fase ${data?.n ?? ""} · Koers` }];

const INTENTS = ["startPhase", "closeGate", "reopenPhase", "updatePlan", "setCriterion", "addCriterion", "removeCriterion"] as const;
type Intent = (typeof INTENTS)[number];
const MANAGE: Permission = { programme: ["update"] };
/** Phases whose own pages all exist (the rest say they are still being built). */
const BUILT_PHASES = new Set([1, 2, 3, 4]);

const isIntent = (value: string): value is Intent => isOneOf(INTENTS, value);

const phaseOf = phaseFromParam;


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseOf(params.phase);
  const lead = can(member.role, MANAGE);
  const [programme, members, documents, strategy, kpis, deliveries, training] = await Promise.all([
    loadProgramme(member),
    lead ? listMembers(member) : Promise.resolve([]),
    listDocuments(member),
    n === 1 ? loadPhaseOneSummary(member) : Promise.resolve(null),
    n === 2 ? loadPhaseTwoSummary(member) : Promise.resolve(null),
    n === 3 ? loadPhaseThreeSummary(member) : Promise.resolve(null),
    n === 4 ? loadPhaseFourSummary(member) : Promise.resolve(null),
  ]);
  const phase = programme?.phases.find((p) => p.number === n) ?? null;
  return {
    n,
    cbsCode: member.cbsCode,
    lead,
    phase,
    members: members.map((m) => ({ userId: m.userId, name: m.name, email: m.email })),
    documents: documents.filter((d) => d.phaseNumber === n).map((d) => ({ id: d.id, title: d.title, status: d.status })),
    strategy,
    kpis,
    deliveries,
    training,
  };
}

type Notice = { key: string; values: Record<string, string | number> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: Notice | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: Notice | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = phaseOf(params.phase);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isIntent(intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, MANAGE)) throw forbidden();
  const t = requestT(request);
  const label = (c: { templateKey: string | null; label: string | null }) => criterionLabel(c, t as never);

  /** The criterion a form is about, for its label in messages (null when it is gone). */
  async function criterion(id: string) {
    const programme = await loadProgramme(member);
    for (const p of programme?.phases ?? []) for (const c of p.criteria) if (c.id === id) return c;
    return null;
  }

  /** The message for a refused transition; for open criteria, which ones are still open. */
  async function refusalMessage(error: string) {
    if (error === "criteria_open") {
      const programme = await loadProgramme(member);
      const open = programme?.phases.find((p) => p.number === n)?.criteria.filter((c) => !c.met) ?? [];
      return t("programme.errors.criteria_open", { open: open.map(label).join("; "), interpolation: { escapeValue: false } });
    }
    return t(`programme.errors.${error}`);
  }

  switch (intent) {
    case "startPhase":
    case "closeGate": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: phaseTransitionSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = intent === "startPhase" ? await startPhase(member, n) : await closeGate(member, n);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [await refusalMessage(outcome.error)] }), outcome.error === "not_found" ? 404 : 409);
      return reply(formId, submission.reply(), 200, { key: intent === "startPhase" ? "programme.notices.started" : "programme.notices.gateClosed", values: { n } });
    }
    case "reopenPhase": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: reopenSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await reopenPhase(member, n, submission.value.reason);
      if (!outcome.ok) {
        if (outcome.error === "reason_required") return reply(formId, submission.reply({ fieldErrors: { reason: [t("programme.errors.reason_required")] } }), 400);
        return reply(formId, submission.reply({ formErrors: [await refusalMessage(outcome.error)] }), outcome.error === "not_found" ? 404 : 409);
      }
      return reply(formId, submission.reply({ resetForm: true }), 200, { key: "programme.notices.reopened", values: { n } });
    }
    case "updatePlan": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: phasePlanSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await updatePhasePlan(member, n, submission.value);
      if (!outcome.ok) {
        if (outcome.error === "owner_not_member") return reply(formId, submission.reply({ fieldErrors: { ownerUserId: [t("programme.errors.owner_not_member")] } }), 400);
        return reply(formId, submission.reply({ formErrors: [t("programme.errors.not_found")] }), 404);
      }
      return reply(formId, submission.reply(), 200, { key: "programme.notices.planSaved", values: { n } });
    }
    case "setCriterion": {
      const formId = formIdOf(intent, String(formData.get("criterionId") ?? ""));
      const submission = parseWithZod(formData, { schema: setCriterionSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const before = await criterion(submission.value.criterionId);
      const outcome = await setCriterionChecked(member, submission.value.criterionId, submission.value.checked);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [t(`gate.errors.${outcome.error}`)] }), outcome.error === "not_found" ? 404 : 409);
      return reply(formId, submission.reply(), 200, { key: submission.value.checked ? "gate.notices.checked" : "gate.notices.unchecked", values: { label: before ? label(before) : "" } });
    }
    case "addCriterion": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: addCriterionSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await addCriterion(member, n, submission.value.label);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [t(`gate.errors.${outcome.error}`)] }), outcome.error === "not_found" ? 404 : 409);
      return reply(formId, submission.reply({ resetForm: true }), 200, { key: "gate.notices.added", values: { label: submission.value.label } });
    }
    case "removeCriterion": {
      const formId = formIdOf(intent, String(formData.get("criterionId") ?? ""));
      const submission = parseWithZod(formData, { schema: removeCriterionSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const before = await criterion(submission.value.criterionId);
      const outcome = await removeCriterion(member, submission.value.criterionId);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [t(`gate.errors.${outcome.error}`)] }), outcome.error === "not_found" ? 404 : 409);
      return reply(formId, submission.reply(), 200, { key: "gate.notices.removed", values: { label: before ? label(before) : "" } });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type PhaseData = NonNullable<LoaderData["phase"]>;
type CriterionData = PhaseData["criteria"][number];
type MemberOption = LoaderData["members"][number];

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

const useSubmitting = (formId: string) => useFormSubmitting(formId, (intent) => (intent === "setCriterion" || intent === "removeCriterion" ? "criterionId" : undefined));

export default function Phase() {
  const { t, i18n } = useTranslation();
  const { n, cbsCode, lead, phase, members, documents, strategy, kpis, deliveries, training } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rendered = new Set<string>(["updatePlan", "addCriterion"]);
  if (phase?.status === "not_started") rendered.add("startPhase");
  if (phase?.status === "active") rendered.add("closeGate");
  if (phase?.status === "done") rendered.add("reopenPhase");
  for (const c of phase?.criteria ?? []) for (const intent of ["setCriterion", "removeCriterion"] as const) rendered.add(formIdOf(intent, c.id));
  const orphanErrors = actionData && !rendered.has(actionData.formId) ? actionData.result.error?.[""] : undefined;
  const editable = lead && phase !== null && phase.status !== "done";
  const lang = i18n.language;
  return (
    <>
      <Heading1>
        {t("overview.phase", { n })}: {t(`phases.${n}.title`)}
      </Heading1>
      {actionData?.notice ? <Notice>{t(actionData.notice.key, { ...actionData.notice.values, interpolation: { escapeValue: false } })}</Notice> : null}
      <FormError errors={orphanErrors} />
      {BUILT_PHASES.has(n) ? null : <Paragraph>{t("phases.notBuilt")}</Paragraph>}
      <Paragraph>{t(`phases.${n}.body`)}</Paragraph>
      <Paragraph>
        <Link to={`/g/${cbsCode}/fase/${n}/bord`}>{t("boards.link")}</Link>
      </Paragraph>

      <section className="koers-section" aria-labelledby="documents-heading">
        <Heading2 id="documents-heading">{t("phaseDocuments.title")}</Heading2>
        {documents.length === 0 ? (
          <Paragraph>{t("phaseDocuments.none")}</Paragraph>
        ) : (
          <ul>
            {documents.map((d) => (
              <li key={d.id}>
                <Link to={`/g/${cbsCode}/documenten/${d.id}`}>{d.title}</Link> · {t(`phaseDocuments.status.${d.status}`)}
              </li>
            ))}
          </ul>
        )}
        <Paragraph>
          <Link to={`/g/${cbsCode}/documenten`}>{t("phaseDocuments.all")}</Link>
        </Paragraph>
      </section>

      {strategy ? <StrategySummary summary={strategy} cbsCode={cbsCode} /> : null}
      {kpis ? <KpiPhaseSummary counts={kpis} cbsCode={cbsCode} /> : null}
      {deliveries ? <DeliveryPhaseSummary summary={deliveries} cbsCode={cbsCode} /> : null}
      {training ? <TrainingPhaseSummary summary={training} cbsCode={cbsCode} /> : null}

      {phase ? (
        <>
          <section className="koers-section" aria-labelledby="details-heading">
            <Heading2 id="details-heading">{t("programme.details")}</Heading2>
            {!lead ? <Paragraph className="koers-muted">{t("programme.readOnly")}</Paragraph> : null}
            <dl className="koers-facts">
              <dt>{t("programme.statusLabel")}</dt>
              <dd>
                <span className={`koers-badge koers-badge--${phase.status}`}>{t(`programme.status.${phase.status}`)}</span>
              </dd>
              <dt>{t("programme.plannedStart")}</dt>
              <dd>{formatDay(phase.plannedStart, lang) ?? t("programme.notSet")}</dd>
              <dt>{t("programme.plannedEnd")}</dt>
              <dd>{formatDay(phase.plannedEnd, lang) ?? t("programme.notSet")}</dd>
              <dt>{t("programme.startedAt")}</dt>
              <dd>{formatMoment(phase.startedAt, lang) ?? t("programme.notYet")}</dd>
              <dt>{t("programme.finishedAt")}</dt>
              <dd>{formatMoment(phase.finishedAt, lang) ?? t("programme.notYet")}</dd>
              <dt>{t("programme.owner")}</dt>
              <dd>{phase.owner?.name ?? t("programme.noOwner")}</dd>
            </dl>
            {lead ? <PlanForm key={`${phase.plannedStart}:${phase.plannedEnd}:${phase.owner?.id}`} phase={phase} members={members} /> : null}
          </section>

          <section className="koers-section" aria-labelledby="gate-heading">
            <Heading2 id="gate-heading">{t("gate.title")}</Heading2>
            <Paragraph>{t("gate.intro")}</Paragraph>
            {phase.criteria.length === 0 ? (
              <Paragraph>{t("gate.none")}</Paragraph>
            ) : (
              <>
                <Paragraph>{t("gate.progress", { met: phase.criteria.filter((c) => c.met).length, total: phase.criteria.length })}</Paragraph>
                <ul className="koers-checklist">
                  {phase.criteria.map((c) => (
                    <CriterionItem key={`${c.id}:${c.met}`} criterion={c} editable={editable} />
                  ))}
                </ul>
              </>
            )}
            {editable ? <AddCriterion /> : null}
          </section>

          {lead ? (
            <section className="koers-section" aria-labelledby="steer-heading">
              <Heading2 id="steer-heading">{t("programme.steer")}</Heading2>
              {phase.status === "not_started" ? <TransitionForm intent="startPhase" label={t("programme.start")} intro={phase.number === 1 ? t("programme.startIntroFirst") : t("programme.startIntro")} /> : null}
              {phase.status === "active" ? <TransitionForm intent="closeGate" label={t("programme.closeGate")} intro={t("programme.closeGateIntro")} /> : null}
              {phase.status === "done" ? <ReopenForm /> : null}
            </section>
          ) : null}
        </>
      ) : null}

      <Paragraph>
        <Link to={`/g/${cbsCode}`}>{t("common.toHome")}</Link>
      </Paragraph>
    </>
  );
}

/** Phase 1: where the strategic focus stands, each line with a link to the page where it is done. */
function StrategySummary({ summary, cbsCode }: { summary: PhaseOneSummary; cbsCode: string }) {
  const { t } = useTranslation();
  const { focusAreas, quickscan, transition } = summary;
  const base = `/g/${cbsCode}`;
  return (
    <section className="koers-section" aria-labelledby="strategy-heading">
      <Heading2 id="strategy-heading">{t("transition.summary.title")}</Heading2>
      <Paragraph>{t("transition.summary.intro")}</Paragraph>
      <dl className="koers-facts">
        <dt>{t("transition.summary.focusAreas")}</dt>
        <dd>
          {focusAreas.chosen === 0 ? t("transition.summary.focusAreasNone") : t("transition.summary.focusAreasValue", focusAreas)}{" "}
          <Link to={`${base}/aandachtsgebieden`}>{t("transition.summary.focusAreasLink")}</Link>
        </dd>
        <dt>{t("transition.summary.quickscan")}</dt>
        <dd>
          {quickscan === null
            ? t("transition.summary.quickscanNone")
            : t(quickscan.invited === 0 ? "transition.summary.quickscanNoInvitees" : "transition.summary.quickscanValue", {
                name: quickscan.name,
                status: t(`transition.summary.roundStatus.${quickscan.status}`),
                submitted: quickscan.submitted,
                invited: quickscan.invited,
                rate: quickscan.invited === 0 ? 0 : Math.round((quickscan.submitted / quickscan.invited) * 100),
              })}{" "}
          <Link to={`${base}/quickscan`}>{t("transition.summary.quickscanLink")}</Link>
        </dd>
        <dt>{t("transition.summary.transition")}</dt>
        <dd>
          {t("transition.summary.transitionValue", transition)} <Link to={`${base}/fase/1/transitievragen`}>{t("transition.summary.transitionLink")}</Link>
        </dd>
      </dl>
    </section>
  );
}

function CriterionItem({ criterion: c, editable }: { criterion: CriterionData; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const label = criterionLabel(c, t as never);
  const toggleId = formIdOf("setCriterion", c.id);
  const removeId = formIdOf("removeCriterion", c.id);
  const toggleResult = useLastResult(toggleId);
  const removeResult = useLastResult(removeId);
  const toggling = useSubmitting(toggleId);
  const removing = useSubmitting(removeId);
  const pendingModule = c.computedKey && !c.computed ? c.computedKey.split(".")[0] : null;
  const checkedAt = formatMoment(c.checkedAt, i18n.language);
  const manual = editable && !c.computed;
  const hydrated = useHydrated();
  return (
    <li className="koers-checklist-item">
      {manual ? (
        <Form
          method="post"
          id={toggleId}
          className="koers-inline-form"
          // With JavaScript, ticking the box saves it; without, the button next to it does.
          onChange={(e) => e.currentTarget.requestSubmit()}
        >
          <input type="hidden" name="intent" value="setCriterion" />
          <input type="hidden" name="criterionId" value={c.id} />
          <input type="checkbox" id={`${toggleId}-checked`} name="checked" defaultChecked={c.met} className="utrecht-checkbox utrecht-checkbox--html-input" />
          <label htmlFor={`${toggleId}-checked`} className="koers-criterion-label">
            {label}
          </label>
          {hydrated ? null : (
            <Button type="submit" appearance="subtle-button" busy={toggling}>
              {t("gate.saveCriterion")}
              <span className="visually-hidden">: {label}</span>
            </Button>
          )}
        </Form>
      ) : (
        <span className="koers-criterion-label">{label}</span>
      )}{" "}
      <span className={`koers-badge koers-badge--${c.met ? "done" : "not_started"}`}>{c.met ? t("gate.met") : t("gate.notMet")}</span>
      {c.met && c.checkedBy && checkedAt ? <Paragraph className="koers-muted">{t("gate.checkedBy", { name: c.checkedBy, date: checkedAt })}</Paragraph> : null}
      {c.computed ? <Paragraph className="koers-muted">{t("gate.computedAuto")}</Paragraph> : null}
      {pendingModule ? (
        <Paragraph className="koers-muted">{t("gate.computedPending", { module: t(`gate.modules.${pendingModule}`, { defaultValue: pendingModule }) })}</Paragraph>
      ) : null}
      <FormError errors={toggleResult?.error?.[""]} />
      {editable ? (
        <Form method="post" id={removeId} className="koers-inline-form">
          <FormError errors={removeResult?.error?.[""]} />
          <input type="hidden" name="intent" value="removeCriterion" />
          <input type="hidden" name="criterionId" value={c.id} />
          <Button type="submit" appearance="subtle-button" busy={removing}>
            {t("gate.remove")}
            <span className="visually-hidden">: {label}</span>
          </Button>
        </Form>
      ) : null}
    </li>
  );
}

function AddCriterion() {
  const { t } = useTranslation();
  const formId = formIdOf("addCriterion");
  const [form, fields] = useKoersForm(addCriterionSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`} className="utrecht-heading-3">
        {t("gate.add")}
      </h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="addCriterion" />
      <TextField field={fields.label} label={t("gate.newLabel")} />
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("gate.add")}
        </Button>
      </div>
    </Form>
  );
}

/** The plan schema preprocesses "" to null, so Conform types its fields as unknown; they are strings. */
type DateField = FieldMetadata<string | undefined>;

function PlanForm({ phase, members }: { phase: PhaseData; members: MemberOption[] }) {
  const { t } = useTranslation();
  const formId = formIdOf("updatePlan");
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(phasePlanSchema, {
    id: formId,
    lastResult,
    defaultValue: { plannedStart: phase.plannedStart ?? "", plannedEnd: phase.plannedEnd ?? "", ownerUserId: phase.owner?.id ?? "" },
  });
  const submitting = useSubmitting(formId);
  const ownerErrors = fields.ownerUserId.errors?.map((e) => t(e, { defaultValue: e }));
  const { key: selectKey, ...selectProps } = getSelectProps(fields.ownerUserId);
  return (
    <details open={lastResult?.status === "error"}>
      <summary>{t("programme.plan")}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <Paragraph>{t("programme.planIntro")}</Paragraph>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="updatePlan" />
        <TextField field={fields.plannedStart as unknown as DateField} type="date" label={t("programme.plannedStart")} />
        <TextField field={fields.plannedEnd as unknown as DateField} type="date" label={t("programme.plannedEnd")} />
        <FormField invalid={Boolean(ownerErrors?.length)} type="select">
          <Paragraph className="utrecht-form-field__label">
            <FormLabel htmlFor={fields.ownerUserId.id}>{t("programme.owner")}</FormLabel>
          </Paragraph>
          {ownerErrors?.length ? <FormFieldErrorMessage id={fields.ownerUserId.errorId}>{ownerErrors.join(" ")}</FormFieldErrorMessage> : null}
          <Select key={selectKey} {...selectProps} invalid={Boolean(ownerErrors?.length)} aria-describedby={ownerErrors?.length ? fields.ownerUserId.errorId : undefined}>
            <SelectOption value="">{t("programme.ownerNone")}</SelectOption>
            {members.map((m) => (
              <SelectOption key={m.userId} value={m.userId}>
                {m.name} ({m.email})
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("programme.savePlan")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function TransitionForm({ intent, label, intro }: { intent: "startPhase" | "closeGate"; label: string; intro: string }) {
  const formId = formIdOf(intent);
  const lastResult = useLastResult(formId);
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" id={formId} className="koers-form">
      <Paragraph>{intro}</Paragraph>
      <FormError errors={lastResult?.error?.[""]} />
      <input type="hidden" name="intent" value={intent} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {label}
        </Button>
      </div>
    </Form>
  );
}

function ReopenForm() {
  const { t } = useTranslation();
  const formId = formIdOf("reopenPhase");
  const [form, fields] = useKoersForm(reopenSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`} className="utrecht-heading-3">
        {t("programme.reopen")}
      </h3>
      <Paragraph>{t("programme.reopenIntro")}</Paragraph>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="reopenPhase" />
      <TextField field={fields.reason} label={t("programme.reason")} hint={t("programme.reasonHint")} />
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("programme.reopen")}
        </Button>
      </div>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
