// The policy map (beleidskaart) of one focus area: the goal tree (doelenboom) as a picture on top
// (echarts, rendered to SVG on the server), the same content as a table, and — for members who may
// edit, on a chosen area — the editable list: goals with their critical success factors, with forms
// to add, edit, reorder (up/down buttons that work without JavaScript), retire and restore.
// A PDF of the map is at ./beleidskaart.pdf.
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { TextareaField } from "../../components/ui/textarea-field";
import { budgetText } from "../../modules/strategy/goal-tree";
import { goalTreeInput, renderGoalTreeSvg } from "../../modules/strategy/goal-tree.server";
import { formatIv3, isIv3MainField } from "../../modules/strategy/iv3";
import {
  createFactor,
  createGoal,
  getPolicyMap,
  moveFactor,
  moveGoal,
  restoreFactor,
  restoreGoal,
  retireFactor,
  retireGoal,
  updateFactor,
  updateGoal,
  type PolicyMapOutcome,
} from "../../modules/strategy/policy-map.server";
import {
  createFactorSchema,
  createGoalSchema,
  factorIdSchema,
  goalIdSchema,
  moveFactorSchema,
  moveGoalSchema,
  updateFactorSchema,
  updateGoalSchema,
} from "../../modules/strategy/schema";
import styles from "../../styles/policy-maps.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Beleidskaart"} · Koers` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const INTENTS = ["createGoal", "updateGoal", "moveGoal", "retireGoal", "restoreGoal", "createFactor", "updateFactor", "moveFactor", "retireFactor", "restoreFactor"] as const;
type Intent = (typeof INTENTS)[number];

/** The field naming the row a form acts on. */
function rowFieldOf(intent: Intent): "goalId" | "factorId" | null {
  if (intent === "createGoal") return null;
  return intent.endsWith("Factor") && intent !== "createFactor" ? "factorId" : "goalId";
}

/** Query parameter that shows retired goals and factors too. */
const SHOW_RETIRED = "ingetrokken";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const showRetired = new URL(request.url).searchParams.get(SHOW_RETIRED) === "1";
  const map = await getPolicyMap(member, params.areaId ?? "", { includeRetired: true });
  if (!map) throw notFound();
  const t = requestT(request);
  const treeInput = goalTreeInput(map);
  const tree = treeInput.goals.length ? renderGoalTreeSvg(treeInput, { budget: (text) => t("policyMaps.tree.budgetLine", { budget: text }) }) : null;
  const mayEdit = can(member.role, { strategy: ["edit"] });
  const goals = map.goals.map((g) => ({
    id: g.id,
    title: g.title,
    description: g.description,
    budgetProgrammeCode: g.budgetProgrammeCode,
    budgetProgrammeName: g.budgetProgrammeName,
    retired: Boolean(g.retiredAt),
    factors: g.factors.map((f) => ({ id: f.id, title: f.title, description: f.description, retired: Boolean(f.retiredAt) })),
  }));
  const retiredCount = goals.filter((g) => g.retired).length + goals.filter((g) => !g.retired).flatMap((g) => g.factors.filter((f) => f.retired)).length;
  const current = goals.filter((g) => !g.retired).map((g) => ({ ...g, factors: g.factors.filter((f) => !f.retired) }));
  return {
    title: t("policyMaps.map.title", { area: map.area.name }),
    cbsCode: member.cbsCode,
    area: { id: map.area.id, name: map.area.name, description: map.area.description, iv3: map.area.iv3, chosen: map.area.chosen, retired: Boolean(map.area.retiredAt) },
    tree: tree?.svg ?? null,
    current,
    editable: goals
      .filter((g) => showRetired || !g.retired)
      .map((g) => ({ ...g, factors: g.factors.filter((f) => showRetired || !f.retired) })),
    mayEdit,
    canEdit: mayEdit && map.area.chosen && !map.area.retiredAt,
    showRetired,
    retiredCount,
  };
}

type NoticeData = { key: string; values: Record<string, string> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: NoticeData | null; moved?: "up" | "down" };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, extra: { notice?: NoticeData | null; moved?: "up" | "down" } = {}) {
  return data<ActionPayload>({ formId, result, notice: extra.notice ?? null, moved: extra.moved }, { status });
}

const NOTICES: Record<Intent, string> = {
  createGoal: "policyMaps.notices.goalCreated",
  updateGoal: "policyMaps.notices.goalUpdated",
  moveGoal: "policyMaps.notices.goalMoved",
  retireGoal: "policyMaps.notices.goalRetired",
  restoreGoal: "policyMaps.notices.goalRestored",
  createFactor: "policyMaps.notices.factorCreated",
  updateFactor: "policyMaps.notices.factorUpdated",
  moveFactor: "policyMaps.notices.factorMoved",
  retireFactor: "policyMaps.notices.factorRetired",
  restoreFactor: "policyMaps.notices.factorRestored",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, { strategy: ["edit"] })) throw forbidden();
  const t = requestT(request);
  const rowField = rowFieldOf(intent);
  const formId = rowField ? formIdOf(intent, String(formData.get(rowField) ?? "")) : formIdOf(intent);
  const isFactor = intent.endsWith("Factor");

  type Replyable = { reply: (options?: object) => SubmissionResult<string[]> };
  const finish = (submission: Replyable, outcome: PolicyMapOutcome, options: { reset?: boolean; titleField?: boolean; direction?: "up" | "down" } = {}) => {
    if (outcome.ok) {
      let key = NOTICES[intent];
      if (options.direction) key += options.direction === "up" ? "Up" : "Down";
      const notice: NoticeData = outcome.changed ? { key, values: { title: outcome.title } } : { key: "policyMaps.notices.unchanged", values: {} };
      return reply(formId, submission.reply(options.reset ? { resetForm: true } : undefined), 200, { notice, moved: outcome.changed ? options.direction : undefined });
    }
    switch (outcome.error) {
      case "invalid":
        return reply(formId, submission.reply({ fieldErrors: outcome.fieldErrors }), 400);
      case "titleTaken": {
        const message = t(isFactor ? "policyMaps.errors.factorTitleTaken" : "policyMaps.errors.goalTitleTaken", { title: outcome.title });
        return reply(formId, submission.reply(options.titleField ? { fieldErrors: { title: [message] } } : { formErrors: [message] }), 409);
      }
      case "notFound":
        return reply(formId, submission.reply({ formErrors: [t("policyMaps.errors.notFound")] }), 404);
      default:
        return reply(formId, submission.reply({ formErrors: [t(`policyMaps.errors.${outcome.error}`)] }), 409);
    }
  };

  switch (intent) {
    case "createGoal": {
      const submission = parseWithZod(formData, { schema: createGoalSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await createGoal(member, params.areaId ?? "", submission.value), { reset: true, titleField: true });
    }
    case "updateGoal": {
      const submission = parseWithZod(formData, { schema: updateGoalSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await updateGoal(member, submission.value.goalId, submission.value), { titleField: true });
    }
    case "moveGoal": {
      const submission = parseWithZod(formData, { schema: moveGoalSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await moveGoal(member, submission.value.goalId, submission.value.direction), { direction: submission.value.direction });
    }
    case "retireGoal":
    case "restoreGoal": {
      const submission = parseWithZod(formData, { schema: goalIdSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const command = intent === "retireGoal" ? retireGoal : restoreGoal;
      return finish(submission, await command(member, submission.value.goalId));
    }
    case "createFactor": {
      const submission = parseWithZod(formData, { schema: createFactorSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await createFactor(member, submission.value.goalId, submission.value), { reset: true, titleField: true });
    }
    case "updateFactor": {
      const submission = parseWithZod(formData, { schema: updateFactorSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await updateFactor(member, submission.value.factorId, submission.value), { titleField: true });
    }
    case "moveFactor": {
      const submission = parseWithZod(formData, { schema: moveFactorSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await moveFactor(member, submission.value.factorId, submission.value.direction), { direction: submission.value.direction });
    }
    case "retireFactor":
    case "restoreFactor": {
      const submission = parseWithZod(formData, { schema: factorIdSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const command = intent === "retireFactor" ? retireFactor : restoreFactor;
      return finish(submission, await command(member, submission.value.factorId));
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type GoalData = LoaderData["editable"][number];
type FactorData = GoalData["factors"][number];

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

const useSubmitting = (formId: string) => useFormSubmitting(formId, (intent) => (isOneOf(INTENTS, intent) ? (rowFieldOf(intent) ?? undefined) : undefined));

export default function PolicyMapPage() {
  const { t } = useTranslation();
  const { title, cbsCode, area, tree, current, editable, mayEdit, canEdit, showRetired, retiredCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const areasUrl = `/g/${cbsCode}/aandachtsgebieden`;
  const mapUrl = `${areasUrl}/${area.id}`;
  const iv3 = formatIv3(area.iv3, (main) => (isIv3MainField(main) ? t(`policyMaps.iv3Fields.${main}`) : null));
  // An error for a row that is no longer on the page has no form to show it at.
  const rendered = new Set<string>([formIdOf("createGoal")]);
  for (const g of editable) {
    for (const intent of INTENTS) if (rowFieldOf(intent) === "goalId") rendered.add(formIdOf(intent, g.id));
    for (const f of g.factors) for (const intent of INTENTS) if (rowFieldOf(intent) === "factorId") rendered.add(formIdOf(intent, f.id));
  }
  const orphanErrors = actionData && (!canEdit || !rendered.has(actionData.formId)) ? actionData.result.error?.[""] : undefined;
  return (
    <>
      <Paragraph>
        <RemixLink to={areasUrl} className="utrecht-link">
          {t("policyMaps.map.backToAreas")}
        </RemixLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {area.description ? <Paragraph>{area.description}</Paragraph> : null}
      {iv3.length ? (
        <Paragraph className="koers-muted">
          {t("policyMaps.areas.iv3")}: {iv3.join("; ")}
        </Paragraph>
      ) : null}
      <Paragraph>{t("policyMaps.map.intro")}</Paragraph>
      {actionData?.notice ? <Notice>{t(actionData.notice.key, actionData.notice.values)}</Notice> : null}
      <FormError errors={orphanErrors} />
      {area.retired ? (
        <Notice type="warning">{t("policyMaps.map.retiredArea")}</Notice>
      ) : !area.chosen ? (
        <Notice type="info">{t("policyMaps.map.notChosen")}</Notice>
      ) : !mayEdit ? (
        <Paragraph className="koers-muted">{t("policyMaps.map.readOnly")}</Paragraph>
      ) : null}
      <div className="koers-policy-map-actions">
        <a href={`${mapUrl}/beleidskaart.pdf`} className="utrecht-link" download>
          {t("policyMaps.map.download")}
        </a>
      </div>

      <section className="koers-section" aria-labelledby="tree-heading">
        <Heading2 id="tree-heading">{t("policyMaps.tree.heading")}</Heading2>
        {tree ? (
          <figure className="koers-goal-tree" role="img" aria-labelledby="goal-tree-caption">
            <div className="koers-goal-tree__picture" dangerouslySetInnerHTML={{ __html: tree }} />
            <figcaption id="goal-tree-caption">{t("policyMaps.tree.caption", { area: area.name })}</figcaption>
          </figure>
        ) : (
          <Paragraph className="koers-muted">{t("policyMaps.map.empty")}</Paragraph>
        )}
      </section>

      {current.length > 0 ? (
        <section className="koers-section" aria-labelledby="table-heading">
          <Heading2 id="table-heading">{t("policyMaps.table.heading")}</Heading2>
          <Table className="koers-table koers-policy-table">
            <TableCaption className="visually-hidden">{t("policyMaps.table.caption", { area: area.name })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("policyMaps.table.goal")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("policyMaps.table.factors")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("policyMaps.table.budget")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {current.map((g) => (
                <TableRow key={g.id}>
                  <TableHeaderCell scope="row">
                    {g.title}
                    {g.description ? <span className="koers-cell-note koers-muted">{g.description}</span> : null}
                  </TableHeaderCell>
                  <TableCell>
                    {g.factors.length === 0 ? (
                      <span className="koers-muted">{t("policyMaps.map.noFactors")}</span>
                    ) : (
                      <ol>
                        {g.factors.map((f) => (
                          <li key={f.id}>{f.title}</li>
                        ))}
                      </ol>
                    )}
                  </TableCell>
                  <TableCell>{budgetText(g.budgetProgrammeCode, g.budgetProgrammeName) ?? <span className="koers-muted">{t("policyMaps.map.noBudget")}</span>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}

      {canEdit ? (
        <section className="koers-section" aria-labelledby="edit-heading">
          <Heading2 id="edit-heading">{t("policyMaps.map.editHeading")}</Heading2>
          {retiredCount > 0 || showRetired ? (
            <Paragraph>
              <RemixLink to={showRetired ? mapUrl : `${mapUrl}?${SHOW_RETIRED}=1`} className="utrecht-link" preventScrollReset>
                {showRetired ? t("policyMaps.map.hideRetired") : `${t("policyMaps.map.showRetired")} (${retiredCount})`}
              </RemixLink>
            </Paragraph>
          ) : null}
          {editable.length > 0 ? (
            <ol className="koers-goal-list">
              {editable.map((g) => {
                const active = editable.filter((x) => !x.retired);
                const position = active.findIndex((x) => x.id === g.id);
                return <GoalItem key={g.id} goal={g} first={position === 0} last={position === active.length - 1} />;
              })}
            </ol>
          ) : null}
          <CreateGoal />
        </section>
      ) : null}
    </>
  );
}

function GoalItem({ goal, first, last }: { goal: GoalData; first: boolean; last: boolean }) {
  const { t } = useTranslation();
  const budget = budgetText(goal.budgetProgrammeCode, goal.budgetProgrammeName);
  const activeFactors = goal.factors.filter((f) => !f.retired);
  const headingId = `goal-${goal.id}`;
  return (
    <li className={`koers-goal${goal.retired ? " koers-goal--retired" : ""}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="utrecht-heading-3 koers-goal__title">
        {goal.title}
        {goal.retired ? (
          <>
            {" "}
            <span className="koers-badge koers-badge--retired">{t("policyMaps.map.retiredBadge")}</span>
          </>
        ) : null}
      </h3>
      {goal.description ? <Paragraph>{goal.description}</Paragraph> : null}
      <Paragraph>
        <strong>{t("policyMaps.map.budget")}:</strong> {budget ?? <span className="koers-muted">{t("policyMaps.map.noBudget")}</span>}
      </Paragraph>
      <div className="koers-item-tools">
        {goal.retired ? (
          <RestoreButton intent="restoreGoal" rowField="goalId" id={goal.id} title={goal.title} />
        ) : (
          <>
            <MoveButtons intent="moveGoal" rowField="goalId" id={goal.id} title={goal.title} first={first} last={last} />
            <EditGoal key={`${goal.id}:${goal.title}:${goal.description ?? ""}:${goal.budgetProgrammeCode ?? ""}:${goal.budgetProgrammeName ?? ""}`} goal={goal} />
            <RetireItem intent="retireGoal" rowField="goalId" id={goal.id} title={goal.title} />
          </>
        )}
      </div>
      <h4 className="utrecht-heading-4">{t("policyMaps.map.factorsHeading")}</h4>
      {goal.factors.length === 0 ? (
        <Paragraph className="koers-muted">{t("policyMaps.map.noFactors")}</Paragraph>
      ) : (
        <ol className="koers-factor-list" aria-label={t("policyMaps.map.factorsOf", { title: goal.title })}>
          {goal.factors.map((f) => {
            const position = activeFactors.findIndex((x) => x.id === f.id);
            return <FactorItem key={f.id} factor={f} goalRetired={goal.retired} first={position === 0} last={position === activeFactors.length - 1} />;
          })}
        </ol>
      )}
      {!goal.retired ? <CreateFactor goal={goal} /> : null}
    </li>
  );
}

function FactorItem({ factor, goalRetired, first, last }: { factor: FactorData; goalRetired: boolean; first: boolean; last: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`koers-factor${factor.retired ? " koers-factor--retired" : ""}`}>
      <span className="koers-factor__title">{factor.title}</span>
      {factor.retired ? (
        <>
          {" "}
          <span className="koers-badge koers-badge--retired">{t("policyMaps.map.retiredBadge")}</span>
        </>
      ) : null}
      {factor.description ? <Paragraph>{factor.description}</Paragraph> : null}
      {goalRetired ? null : (
        <div className="koers-item-tools">
          {factor.retired ? (
            <RestoreButton intent="restoreFactor" rowField="factorId" id={factor.id} title={factor.title} />
          ) : (
            <>
              <MoveButtons intent="moveFactor" rowField="factorId" id={factor.id} title={factor.title} first={first} last={last} />
              <EditFactor key={`${factor.id}:${factor.title}:${factor.description ?? ""}`} factor={factor} />
              <RetireItem intent="retireFactor" rowField="factorId" id={factor.id} title={factor.title} />
            </>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * Up and down: one small form per button, so they work without JavaScript and with the keyboard.
 * After a move the same button keeps the focus (or the other one, at the end of the list).
 */
function MoveButtons({ intent, rowField, id, title, first, last }: { intent: "moveGoal" | "moveFactor"; rowField: "goalId" | "factorId"; id: string; title: string; first: boolean; last: boolean }) {
  const { t } = useTranslation();
  const formId = formIdOf(intent, id);
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.formId === formId ? actionData : undefined;
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const navigation = useNavigation();
  const pending = useRef<"up" | "down" | null>(null);
  const handled = useRef<unknown>(null);
  // The clicked button is disabled while its form is sent, so it loses the focus: once the page
  // shows the new order, give it back (or to the other button when this one reached the end).
  useEffect(() => {
    if (lastResult?.moved && handled.current !== lastResult) {
      handled.current = lastResult;
      pending.current = lastResult.moved;
    }
    if (!pending.current || navigation.state !== "idle") return;
    const wanted = pending.current === "up" ? up.current : down.current;
    const other = pending.current === "up" ? down.current : up.current;
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    pending.current = null;
  });
  const submitting = useSubmitting(formId);
  const button = (direction: "up" | "down", ref: React.RefObject<HTMLButtonElement>, disabled: boolean) => (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={rowField} value={id} />
      <input type="hidden" name="direction" value={direction} />
      <Button
        ref={ref}
        type="submit"
        appearance="subtle-button"
        disabled={disabled || submitting}
        aria-label={`${t(direction === "up" ? "policyMaps.map.moveUp" : "policyMaps.map.moveDown")}: ${title}`}
      >
        <span aria-hidden="true">{direction === "up" ? "↑ " : "↓ "}</span>
        {t(direction === "up" ? "policyMaps.map.moveUp" : "policyMaps.map.moveDown")}
      </Button>
    </Form>
  );
  return (
    <>
      <FormError errors={lastResult?.result.error?.[""]} />
      {button("up", up, first)}
      {button("down", down, last)}
    </>
  );
}

function RetireItem({ intent, rowField, id, title }: { intent: "retireGoal" | "retireFactor"; rowField: "goalId" | "factorId"; id: string; title: string }) {
  const { t } = useTranslation();
  const formId = formIdOf(intent, id);
  const lastResult = useLastResult(formId);
  const [form] = useKoersForm(intent === "retireGoal" ? goalIdSchema : factorIdSchema, { id: formId, lastResult });
  const submitting = useSubmitting(formId);
  const goal = intent === "retireGoal";
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary aria-label={`${t("policyMaps.map.retire")}: ${title}`}>
        {t("policyMaps.map.retire")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset>
        <FormError errors={form.errors} />
        <Paragraph>{t(goal ? "policyMaps.map.retireGoalWarning" : "policyMaps.map.retireFactorWarning")}</Paragraph>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name={rowField} value={id} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t(goal ? "policyMaps.map.retireGoalConfirm" : "policyMaps.map.retireFactorConfirm", { title })}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function RestoreButton({ intent, rowField, id, title }: { intent: "restoreGoal" | "restoreFactor"; rowField: "goalId" | "factorId"; id: string; title: string }) {
  const { t } = useTranslation();
  const formId = formIdOf(intent, id);
  const lastResult = useLastResult(formId);
  const [form] = useKoersForm(intent === "restoreGoal" ? goalIdSchema : factorIdSchema, { id: formId, lastResult });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-inline-form" preventScrollReset>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={rowField} value={id} />
      <Button type="submit" appearance="secondary-action-button" busy={submitting} aria-label={`${t("policyMaps.map.restore")}: ${title}`}>
        {t("policyMaps.map.restore")}
      </Button>
    </Form>
  );
}

function BudgetFields({ fields }: { fields: { budgetProgrammeCode: Parameters<typeof TextField>[0]["field"]; budgetProgrammeName: Parameters<typeof TextField>[0]["field"] } }) {
  const { t } = useTranslation();
  const hintId = `${fields.budgetProgrammeCode.id}-budget-hint`;
  return (
    <Fieldset aria-describedby={hintId}>
      <FieldsetLegend>{t("policyMaps.map.budgetLegend")}</FieldsetLegend>
      <FormFieldDescription id={hintId}>{t("policyMaps.map.budgetHint")}</FormFieldDescription>
      <div className="koers-budget-fields">
        <TextField field={fields.budgetProgrammeCode} label={t("policyMaps.map.budgetCode")} />
        <TextField field={fields.budgetProgrammeName} label={t("policyMaps.map.budgetName")} />
      </div>
    </Fieldset>
  );
}

function CreateGoal() {
  const { t } = useTranslation();
  const formId = formIdOf("createGoal");
  const [form, fields] = useKoersForm(createGoalSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="create-goal-heading" preventScrollReset>
      <h3 id="create-goal-heading" className="utrecht-heading-3">
        {t("policyMaps.map.addGoal")}
      </h3>
      <Paragraph>{t("policyMaps.map.addGoalIntro")}</Paragraph>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="createGoal" />
      <TextField field={fields.title} label={t("policyMaps.map.goalTitle")} hint={t("policyMaps.map.goalTitleHint")} />
      <TextareaField field={fields.description} label={t("policyMaps.map.description")} />
      <BudgetFields fields={fields} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("policyMaps.map.addGoal")}
        </Button>
      </div>
    </Form>
  );
}

function EditGoal({ goal }: { goal: GoalData }) {
  const { t } = useTranslation();
  const formId = formIdOf("updateGoal", goal.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(updateGoalSchema, {
    id: formId,
    lastResult,
    defaultValue: {
      goalId: goal.id,
      title: goal.title,
      description: goal.description ?? "",
      budgetProgrammeCode: goal.budgetProgrammeCode ?? "",
      budgetProgrammeName: goal.budgetProgrammeName ?? "",
    },
  });
  const submitting = useSubmitting(formId);
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary aria-label={`${t("policyMaps.map.edit")}: ${goal.title}`}>
        {t("policyMaps.map.edit")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="updateGoal" />
        <input type="hidden" name={fields.goalId.name} value={goal.id} />
        <TextField field={fields.title} label={t("policyMaps.map.goalTitle")} />
        <TextareaField field={fields.description} label={t("policyMaps.map.description")} />
        <BudgetFields fields={fields} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting} aria-label={`${t("policyMaps.map.save")}: ${goal.title}`}>
            {t("policyMaps.map.save")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function CreateFactor({ goal }: { goal: GoalData }) {
  const { t } = useTranslation();
  const formId = formIdOf("createFactor", goal.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(createFactorSchema, { id: formId, lastResult, defaultValue: { goalId: goal.id } });
  const submitting = useSubmitting(formId);
  const hasFactors = goal.factors.some((f) => !f.retired);
  return (
    <details className="koers-disclosure" open={lastResult !== undefined || !hasFactors}>
      <summary aria-label={`${t("policyMaps.map.addFactor")}: ${goal.title}`}>
        {t("policyMaps.map.addFactor")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="createFactor" />
        <input type="hidden" name={fields.goalId.name} value={goal.id} />
        <TextField field={fields.title} label={t("policyMaps.map.factorTitle")} hint={t("policyMaps.map.factorTitleHint")} />
        <TextareaField field={fields.description} label={t("policyMaps.map.description")} rows={2} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={submitting} aria-label={`${t("policyMaps.map.addFactor")}: ${goal.title}`}>
            {t("policyMaps.map.addFactor")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function EditFactor({ factor }: { factor: FactorData }) {
  const { t } = useTranslation();
  const formId = formIdOf("updateFactor", factor.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(updateFactorSchema, { id: formId, lastResult, defaultValue: { factorId: factor.id, title: factor.title, description: factor.description ?? "" } });
  const submitting = useSubmitting(formId);
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary aria-label={`${t("policyMaps.map.edit")}: ${factor.title}`}>
        {t("policyMaps.map.edit")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="updateFactor" />
        <input type="hidden" name={fields.factorId.name} value={factor.id} />
        <TextField field={fields.title} label={t("policyMaps.map.factorTitle")} />
        <TextareaField field={fields.description} label={t("policyMaps.map.description")} rows={2} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting} aria-label={`${t("policyMaps.map.save")}: ${factor.title}`}>
            {t("policyMaps.map.save")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
