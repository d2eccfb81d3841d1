// A KPI's definition page: the full definition (form for those who may define KPIs, a summary for
// the rest), what is still missing ("Definitie onvolledig", each part linked to its field), the
// targets per year with their thresholds, the relations (success factors, influence links), and
// retire/restore for those who may manage KPIs. One action, one `intent` per form.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading1, Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import { FactorOptions, SelectField } from "../../components/kpis/select-field";
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { TextareaField } from "../../components/ui/textarea-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can, type Permission } from "../../modules/auth/roles";
import { listDepartments } from "../../modules/departments/departments.server";
import { listExternalSources } from "../../modules/external-sources/external-sources.server";
import type { DefinitionPart } from "../../modules/kpis/completeness";
import { loadKpiDefinition } from "../../modules/kpis/definition-view.server";
import { listKpis, restoreKpi, retireKpi, updateDefinition, type KpiOutcome } from "../../modules/kpis/kpis.server";
import { addInfluence, linkFactor, listFactorOptions, removeInfluence, unlinkFactor } from "../../modules/kpis/relations.server";
import { emptySchema, factorLinkSchema, influenceRemoveSchema, influenceSchema, MAX_DECIMALS, removeTargetSchema, saveTargetSchema, updateDefinitionSchema } from "../../modules/kpis/schema";
import { removeTarget, saveTarget } from "../../modules/kpis/targets.server";
import { listMembers } from "../../modules/members/members.server";
import { KPI_DIRECTIONS, KPI_FREQUENCIES, UNIT_KINDS } from "../../../db/schema/kpis";
import styles from "../../styles/kpis.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "KPI"} · Koers` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const INTENTS = ["updateDefinition", "saveTarget", "removeTarget", "linkFactor", "unlinkFactor", "addInfluence", "removeInfluence", "retire", "restore"] as const;
type Intent = (typeof INTENTS)[number];
const EDIT: Permission = { kpi: ["edit"] };
const MANAGE: Permission = { kpi: ["manage"] };

/** The form id of a submitted form: the intent, plus the row for a row's form. */
function formIdFor(intent: string, formData: FormData | undefined): string {
  const get = (name: string) => String(formData?.get(name) ?? "");
  if (intent === "saveTarget") return formIdOf(intent, get("targetId") || "new");
  if (intent === "removeTarget") return formIdOf(intent, get("targetId"));
  if (intent === "unlinkFactor") return formIdOf(intent, get("factorId"));
  if (intent === "removeInfluence") return formIdOf(intent, `${get("fromKpiId")}-${get("toKpiId")}`);
  return formIdOf(intent);
}

/** Where each missing part is filled in (the field's id, made by Conform from form id and name). */
const PART_ANCHORS: Record<DefinitionPart, string> = {
  definition: "updateDefinition-definition",
  formula: "updateDefinition-formula",
  unit: "updateDefinition-unit",
  direction: "updateDefinition-direction",
  frequency: "updateDefinition-frequency",
  target: "saveTarget-new-year",
  thresholds: "streefwaarden",
  owner: "updateDefinition-ownerUserId",
  dataNeeded: "updateDefinition-dataNeeded",
  source: "updateDefinition-source",
  successFactor: "linkFactor-factorId",
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const view = await loadKpiDefinition(member, params.kpiId ?? "");
  if (!view) throw notFound();
  const t = requestT(request);
  const mayEdit = can(member.role, EDIT) && !view.retiredAt;
  const [members, departments, sources, factorGroups, kpis] = mayEdit
    ? await Promise.all([listMembers(member), listDepartments(member), listExternalSources(member), listFactorOptions(member), listKpis(member)])
    : [[], [], [], [], []];
  const linked = new Set(view.factors.map((f) => f.id));
  const influenced = new Set(view.influences.map((k) => k.id));
  return {
    title: t("kpiDefinitions.definition.title", { name: view.name }),
    cbsCode: member.cbsCode,
    kpi: view,
    mayEdit,
    mayManage: can(member.role, MANAGE),
    options: {
      members: members.map((m) => ({ userId: m.userId, name: m.name, email: m.email })),
      departments: departments.map((d) => ({ id: d.id, name: d.name })),
      sources: sources.map((s) => ({ id: s.id, name: s.name })),
      factorGroups: factorGroups
        .map((a) => ({ ...a, goals: a.goals.map((g) => ({ ...g, factors: g.factors.filter((f) => !linked.has(f.id)) })).filter((g) => g.factors.length) }))
        .filter((a) => a.goals.length),
      otherKpis: kpis.filter((k) => k.id !== view.id && !influenced.has(k.id)).map((k) => ({ id: k.id, name: k.name })),
    },
  };
}

type NoticeData = { key: string; values: Record<string, string | number> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: NoticeData | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: NoticeData | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

const NOTICES: Record<Intent, string> = {
  updateDefinition: "kpiDefinitions.notices.saved",
  saveTarget: "kpiDefinitions.notices.targetSaved",
  removeTarget: "kpiDefinitions.notices.targetRemoved",
  linkFactor: "kpiDefinitions.notices.factorLinked",
  unlinkFactor: "kpiDefinitions.notices.factorUnlinked",
  addInfluence: "kpiDefinitions.notices.influenceAdded",
  removeInfluence: "kpiDefinitions.notices.influenceRemoved",
  retire: "kpiDefinitions.notices.retired",
  restore: "kpiDefinitions.notices.restored",
};

/** A form's fields as the module's input: an empty field (a select left at "none") is no value. */
function formInput(formData: FormData): Record<string, string> {
  const input: Record<string, string> = {};
  for (const [name, value] of formData) if (typeof value === "string" && value.trim() !== "") input[name] = value;
  return input;
}

/** Field errors of a refusal in the request's language, with their placeholders filled. */
export function translateFieldErrors(t: TFunction, outcome: Extract<KpiOutcome, { error: "invalid" }>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(outcome.fieldErrors).map(([field, keys]) => [field, keys.map((key) => t(key, { ...outcome.values, interpolation: { escapeValue: false } }))]));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, intent === "retire" || intent === "restore" ? MANAGE : EDIT)) throw forbidden();
  const kpiId = params.kpiId ?? "";
  const formId = formIdFor(intent, formData);
  const t = requestT(request) as TFunction;

  type Replyable = { reply: (options?: object) => SubmissionResult<string[]> };
  const finish = (submission: Replyable, outcome: KpiOutcome, options: { reset?: boolean } = {}) => {
    if (outcome.ok) {
      const notice: NoticeData = outcome.changed ? { key: NOTICES[intent], values: { name: outcome.name } } : { key: "kpiDefinitions.notices.unchanged", values: {} };
      return reply(formId, submission.reply(options.reset ? { resetForm: true } : undefined), 200, notice);
    }
    switch (outcome.error) {
      case "invalid": {
        const conflict = Object.values(outcome.fieldErrors).flat().some((key) => /Taken$|Exists$|AlreadyLinked$|Conflicts|HasMeasurements$/.test(key));
        return reply(formId, submission.reply({ fieldErrors: translateFieldErrors(t, outcome) }), conflict ? 409 : 400);
      }
      case "notFound":
        return reply(formId, submission.reply({ formErrors: [t("kpiDefinitions.errors.notFound")] }), 404);
      case "retired":
        return reply(formId, submission.reply({ formErrors: [t("kpiDefinitions.errors.retired")] }), 409);
      default:
        return reply(formId, submission.reply({ formErrors: [t(`kpiDefinitions.errors.${outcome.error}`, { name: outcome.name, interpolation: { escapeValue: false } })] }), 409);
    }
  };

  switch (intent) {
    case "updateDefinition": {
      const submission = parseWithZod(formData, { schema: updateDefinitionSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      // The module parses the raw form values again (it is the one place that decides).
      return finish(submission, await updateDefinition(member, kpiId, formInput(formData) as never));
    }
    case "saveTarget": {
      const submission = parseWithZod(formData, { schema: saveTargetSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await saveTarget(member, kpiId, formInput(formData) as never), { reset: !formData.get("targetId") });
    }
    case "removeTarget": {
      const submission = parseWithZod(formData, { schema: removeTargetSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await removeTarget(member, kpiId, submission.value.targetId));
    }
    case "linkFactor": {
      const submission = parseWithZod(formData, { schema: factorLinkSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await linkFactor(member, kpiId, submission.value.factorId), { reset: true });
    }
    case "unlinkFactor": {
      const submission = parseWithZod(formData, { schema: factorLinkSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await unlinkFactor(member, kpiId, submission.value.factorId));
    }
    case "addInfluence": {
      const submission = parseWithZod(formData, { schema: influenceSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await addInfluence(member, kpiId, submission.value.otherKpiId), { reset: true });
    }
    case "removeInfluence": {
      const submission = parseWithZod(formData, { schema: influenceRemoveSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await removeInfluence(member, kpiId, submission.value));
    }
    case "retire":
    case "restore": {
      const submission = parseWithZod(formData, { schema: emptySchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      return finish(submission, await (intent === "retire" ? retireKpi : restoreKpi)(member, kpiId));
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type KpiData = LoaderData["kpi"];
type TargetData = KpiData["targets"][number];

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);
const useSubmitting = (formId: string) => useFormSubmitting(formId, (intent) => ({ saveTarget: "targetId", removeTarget: "targetId", unlinkFactor: "factorId" })[intent as "saveTarget"]);

export default function KpiDefinitionPage() {
  const { t } = useTranslation();
  const { cbsCode, kpi, mayEdit, mayManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/g/${cbsCode}/kpis`;
  const retired = Boolean(kpi.retiredAt);
  return (
    <>
      <Paragraph>
        <RemixLink to={`${base}/bibliotheek`} className="utrecht-link">
          {t("kpiDefinitions.definition.backToLibrary")}
        </RemixLink>
        {" · "}
        <RemixLink to={`${base}/${kpi.id}`} className="utrecht-link">
          {t("kpiDefinitions.definition.toKpi")}
        </RemixLink>
        {" · "}
        <RemixLink to={`${base}/samenhang`} className="utrecht-link">
          {t("kpiDefinitions.definition.toTree")}
        </RemixLink>
      </Paragraph>
      <Heading1>
        {t("kpiDefinitions.definition.heading", { name: kpi.name })}
        {retired ? (
          <>
            {" "}
            <span className="koers-badge koers-badge--retired">{t("kpiDefinitions.definition.retiredBadge")}</span>
          </>
        ) : null}
      </Heading1>
      <Paragraph className="koers-muted">
        {kpi.template ? t("kpiDefinitions.definition.libraryCode", { code: kpi.template.code, library: t(`kpiDefinitions.libraries.${kpi.template.library}`) }) : t("kpiDefinitions.definition.ownKpi")}
      </Paragraph>
      {actionData?.notice ? <Notice>{t(actionData.notice.key, { ...actionData.notice.values, interpolation: { escapeValue: false } })}</Notice> : null}
      {retired ? <Notice type="warning">{t("kpiDefinitions.definition.retired")}</Notice> : <Completeness kpi={kpi} linkable={mayEdit} />}
      {!mayEdit && !retired ? <Paragraph className="koers-muted">{t("kpiDefinitions.definition.readOnly")}</Paragraph> : null}

      <section className="koers-section" aria-labelledby="definition-heading">
        <Heading2 id="definition-heading">{t("kpiDefinitions.definition.formHeading")}</Heading2>
        {mayEdit ? <DefinitionForm key={String(kpi.updatedAt)} /> : <DefinitionSummary kpi={kpi} />}
      </section>

      <Targets />
      <Relations />

      {mayManage ? (
        <section className="koers-section" aria-labelledby="manage-heading">
          <Heading2 id="manage-heading">{t("kpiDefinitions.definition.manageHeading")}</Heading2>
          {!retired ? <Paragraph>{t("kpiDefinitions.definition.retireIntro")}</Paragraph> : null}
          <SimpleForm intent={retired ? "restore" : "retire"} label={t(retired ? "kpiDefinitions.definition.restore" : "kpiDefinitions.definition.retire")} />
        </section>
      ) : null}
    </>
  );
}

function Completeness({ kpi, linkable }: { kpi: KpiData; linkable: boolean }) {
  const { t } = useTranslation();
  if (kpi.missing.length === 0) return <Notice>{t("kpiDefinitions.definition.complete")}</Notice>;
  return (
    <div className="utrecht-alert utrecht-alert--warning koers-kpi-incomplete" role="region" aria-labelledby="incomplete-heading">
      <div className="utrecht-alert__message">
        <Paragraph>
          <strong id="incomplete-heading">{t("kpiDefinitions.definition.incompleteHeading")}</strong>
        </Paragraph>
        <Paragraph>{t("kpiDefinitions.definition.incompleteIntro")}</Paragraph>
        <ul>
          {kpi.missing.map((part) => {
            const label = t(`kpiDefinitions.parts.${part}`, { year: kpi.year });
            return (
              <li key={part}>
                {linkable ? (
                  <a href={`#${PART_ANCHORS[part]}`} className="utrecht-link">
                    {label}
                  </a>
                ) : (
                  label
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function DefinitionSummary({ kpi }: { kpi: KpiData }) {
  const { t } = useTranslation();
  const none = <span className="koers-muted">–</span>;
  return (
    <dl className="koers-facts">
      <dt>{t("kpiDefinitions.definition.definition")}</dt>
      <dd>{kpi.definition ?? none}</dd>
      <dt>{t("kpiDefinitions.definition.formula")}</dt>
      <dd>{kpi.formula ?? none}</dd>
      <dt>{t("kpiDefinitions.definition.unit")}</dt>
      <dd>
        {kpi.unit ?? none} ({t(`kpiDefinitions.unitKinds.${kpi.unitKind}`)})
      </dd>
      <dt>{t("kpiDefinitions.definition.direction")}</dt>
      <dd>{kpi.direction ? t(`kpiDefinitions.directions.${kpi.direction}`) : none}</dd>
      <dt>{t("kpiDefinitions.definition.frequency")}</dt>
      <dd>{kpi.frequency ? t(`kpiDefinitions.frequencies.${kpi.frequency}`) : none}</dd>
      <dt>{t("kpiDefinitions.definition.decimals")}</dt>
      <dd>{kpi.decimals}</dd>
      <dt>{t("kpiDefinitions.definition.owner")}</dt>
      <dd>{kpi.owner ? (kpi.owner.isMember ? kpi.owner.name : t("kpiDefinitions.definition.ownerLeft", { name: kpi.owner.name })) : none}</dd>
      <dt>{t("kpiDefinitions.definition.dataNeeded")}</dt>
      <dd>{kpi.dataNeeded ?? none}</dd>
      <dt>{t("kpiDefinitions.definition.source")}</dt>
      <dd>{kpi.source?.name ?? none}</dd>
    </dl>
  );
}

function DefinitionForm() {
  const { t } = useTranslation();
  const { kpi, options } = useLoaderData<typeof loader>();
  const formId = formIdOf("updateDefinition");
  const lastResult = useLastResult(formId);
  const source = kpi.source ? `${kpi.source.kind}:${kpi.source.id}` : "";
  const [form, fields] = useKoersForm(updateDefinitionSchema, {
    id: formId,
    lastResult,
    defaultValue: {
      name: kpi.name,
      definition: kpi.definition ?? "",
      formula: kpi.formula ?? "",
      unit: kpi.unit ?? "",
      unitKind: kpi.unitKind,
      direction: kpi.direction ?? undefined,
      frequency: kpi.frequency ?? undefined,
      decimals: String(kpi.decimals),
      ownerUserId: kpi.owner?.isMember ? kpi.owner.userId : "",
      dataNeeded: kpi.dataNeeded ?? "",
      source,
    },
  });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form koers-kpi-definition-form" preventScrollReset aria-labelledby="definition-heading">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="updateDefinition" />
      <TextField field={fields.name} label={t("kpiDefinitions.definition.name")} />
      <TextareaField field={fields.definition} label={t("kpiDefinitions.definition.definition")} hint={t("kpiDefinitions.definition.definitionHint")} />
      <TextareaField field={fields.formula} label={t("kpiDefinitions.definition.formula")} hint={t("kpiDefinitions.definition.formulaHint")} rows={2} />
      <TextField field={fields.unit} label={t("kpiDefinitions.definition.unit")} hint={t("kpiDefinitions.definition.unitHint")} />
      <SelectField field={fields.unitKind} label={t("kpiDefinitions.definition.unitKind")} hint={t("kpiDefinitions.definition.unitKindHint")}>
        {UNIT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`kpiDefinitions.unitKinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.direction} label={t("kpiDefinitions.definition.direction")}>
        <option value="">{t("kpiDefinitions.definition.chooseDirection")}</option>
        {KPI_DIRECTIONS.map((d) => (
          <option key={d} value={d}>
            {t(`kpiDefinitions.directions.${d}`)}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.frequency} label={t("kpiDefinitions.definition.frequency")}>
        <option value="">{t("kpiDefinitions.definition.chooseFrequency")}</option>
        {KPI_FREQUENCIES.map((f) => (
          <option key={f} value={f}>
            {t(`kpiDefinitions.frequencies.${f}`)}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.decimals} label={t("kpiDefinitions.definition.decimals")}>
        {Array.from({ length: MAX_DECIMALS + 1 }, (_, n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.ownerUserId} label={t("kpiDefinitions.definition.owner")}>
        <option value="">{t("kpiDefinitions.definition.noOwner")}</option>
        {options.members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name} ({m.email})
          </option>
        ))}
      </SelectField>
      <TextareaField field={fields.dataNeeded} label={t("kpiDefinitions.definition.dataNeeded")} hint={t("kpiDefinitions.definition.dataNeededHint")} />
      <SelectField field={fields.source} label={t("kpiDefinitions.definition.source")} hint={t("kpiDefinitions.definition.sourceHint")}>
        <option value="">{t("kpiDefinitions.definition.noSource")}</option>
        {options.departments.length ? (
          <optgroup label={t("kpiDefinitions.definition.departments")}>
            {options.departments.map((d) => (
              <option key={d.id} value={`department:${d.id}`}>
                {d.name}
              </option>
            ))}
          </optgroup>
        ) : null}
        {options.sources.length ? (
          <optgroup label={t("kpiDefinitions.definition.externalSources")}>
            {options.sources.map((s) => (
              <option key={s.id} value={`external:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("kpiDefinitions.definition.save")}
        </Button>
      </div>
    </Form>
  );
}

function useThresholdLabels(direction: KpiData["direction"]) {
  const { t } = useTranslation();
  const lower = direction === "lower_is_better";
  return {
    green: t(lower ? "kpiDefinitions.definition.greenFromLower" : "kpiDefinitions.definition.greenFrom"),
    amber: t(lower ? "kpiDefinitions.definition.amberFromLower" : "kpiDefinitions.definition.amberFrom"),
  };
}

function Targets() {
  const { t, i18n } = useTranslation();
  const { kpi, mayEdit } = useLoaderData<typeof loader>();
  const labels = useThresholdLabels(kpi.direction);
  const number = (value: number | null) => (value === null ? "–" : new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 4 }).format(value));
  return (
    <section className="koers-section" id="streefwaarden" aria-labelledby="targets-heading" tabIndex={-1}>
      <Heading2 id="targets-heading">{t("kpiDefinitions.definition.targetsHeading")}</Heading2>
      <Paragraph>{kpi.direction === "neutral" ? t("kpiDefinitions.definition.targetsNeutral") : t("kpiDefinitions.definition.targetsIntro")}</Paragraph>
      {kpi.targets.length === 0 ? (
        <Paragraph className="koers-muted">{t("kpiDefinitions.definition.noTargets")}</Paragraph>
      ) : (
        <Table className="koers-table koers-kpi-targets">
          <TableCaption>{t("kpiDefinitions.definition.targetsCaption", { name: kpi.name })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("kpiDefinitions.definition.year")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("kpiDefinitions.definition.target")}</TableHeaderCell>
              <TableHeaderCell scope="col">{labels.green}</TableHeaderCell>
              <TableHeaderCell scope="col">{labels.amber}</TableHeaderCell>
              {mayEdit ? <TableHeaderCell scope="col">{t("kpiDefinitions.definition.actions")}</TableHeaderCell> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {kpi.targets.map((row) => (
              <TableRow key={row.id}>
                <TableHeaderCell scope="row">{row.year}</TableHeaderCell>
                <TableCell>{number(row.target)}</TableCell>
                <TableCell>{number(row.greenFrom)}</TableCell>
                <TableCell>{number(row.amberFrom)}</TableCell>
                {mayEdit ? (
                  <TableCell>
                    <div className="koers-item-tools">
                      <TargetForm key={`${row.id}:${row.year}:${row.target}:${row.greenFrom}:${row.amberFrom}`} row={row} />
                      <RemoveTarget row={row} />
                    </div>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {mayEdit ? <TargetForm row={null} /> : null}
    </section>
  );
}

/** Adds a target (row null) or edits one row, in a disclosure. */
function TargetForm({ row }: { row: TargetData | null }) {
  const { t } = useTranslation();
  const { kpi } = useLoaderData<typeof loader>();
  const labels = useThresholdLabels(kpi.direction);
  const formId = formIdOf("saveTarget", row?.id ?? "new");
  const lastResult = useLastResult(formId);
  const decimal = (value: number | null) => (value === null ? "" : String(value).replace(".", ","));
  const [form, fields] = useKoersForm(saveTargetSchema, {
    id: formId,
    lastResult,
    defaultValue: row ? { targetId: row.id, year: String(row.year), target: decimal(row.target), greenFrom: decimal(row.greenFrom), amberFrom: decimal(row.amberFrom) } : { year: String(kpi.year) },
  });
  const submitting = useSubmitting(formId);
  const body = (
    <Form method="post" {...getFormProps(form)} className="koers-form koers-kpi-target-form" preventScrollReset aria-label={row ? t("kpiDefinitions.definition.editTargetLabel", { year: row.year }) : t("kpiDefinitions.definition.addTarget")}>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="saveTarget" />
      {row ? <input type="hidden" name="targetId" value={row.id} /> : null}
      <div className="koers-kpi-target-fields">
        <TextField field={fields.year} label={t("kpiDefinitions.definition.year")} />
        <TextField field={fields.target} label={t("kpiDefinitions.definition.target")} />
        {kpi.direction !== "neutral" ? (
          <>
            <TextField field={fields.greenFrom} label={labels.green} />
            <TextField field={fields.amberFrom} label={labels.amber} />
          </>
        ) : null}
      </div>
      <Paragraph className="koers-muted">{t("kpiDefinitions.definition.numberHint")}</Paragraph>
      <div>
        <Button type="submit" appearance={row ? "secondary-action-button" : "primary-action-button"} busy={submitting}>
          {row ? t("kpiDefinitions.definition.saveTarget") : t("kpiDefinitions.definition.addTarget")}
        </Button>
      </div>
    </Form>
  );
  if (!row) {
    return (
      <>
        <Heading3 id="add-target-heading">{t("kpiDefinitions.definition.addTarget")}</Heading3>
        {body}
      </>
    );
  }
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary aria-label={t("kpiDefinitions.definition.editTargetLabel", { year: row.year })}>{t("kpiDefinitions.definition.editTarget")}</summary>
      {body}
    </details>
  );
}

function RemoveTarget({ row }: { row: TargetData }) {
  const { t } = useTranslation();
  const formId = formIdOf("removeTarget", row.id);
  const lastResult = useLastResult(formId);
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" className="koers-inline-form" preventScrollReset>
      <FormError errors={lastResult?.error?.[""]} />
      <input type="hidden" name="intent" value="removeTarget" />
      <input type="hidden" name="targetId" value={row.id} />
      <Button type="submit" appearance="subtle-button" busy={submitting} aria-label={t("kpiDefinitions.definition.removeTargetLabel", { year: row.year })}>
        {t("kpiDefinitions.definition.removeTarget")}
      </Button>
    </Form>
  );
}

function Relations() {
  const { t } = useTranslation();
  const { cbsCode, kpi, mayEdit, options } = useLoaderData<typeof loader>();
  const base = `/g/${cbsCode}/kpis`;
  return (
    <section className="koers-section" aria-labelledby="relations-heading">
      <Heading2 id="relations-heading">{t("kpiDefinitions.definition.relationsHeading")}</Heading2>
      <Heading3 id="factors-heading">{t("kpiDefinitions.definition.factorsHeading")}</Heading3>
      <Paragraph>{t("kpiDefinitions.definition.factorsIntro")}</Paragraph>
      {kpi.factors.length === 0 ? (
        <Paragraph className="koers-muted">{t("kpiDefinitions.definition.noLinkedFactors")}</Paragraph>
      ) : (
        <ul className="koers-kpi-relations" aria-labelledby="factors-heading">
          {kpi.factors.map((f) => (
            <li key={f.id}>
              <strong>{f.title}</strong> <span className="koers-muted">({t("kpiDefinitions.definition.factorPath", { area: f.areaName, goal: f.goalTitle })})</span>
              {!f.current ? <span className="koers-badge koers-badge--retired">{t("kpiDefinitions.definition.factorRetired")}</span> : null}
              {mayEdit ? <RowButton intent="unlinkFactor" rowId={f.id} fields={{ factorId: f.id }} label={t("kpiDefinitions.definition.unlink")} ariaLabel={t("kpiDefinitions.definition.unlinkLabel", { title: f.title })} /> : null}
            </li>
          ))}
        </ul>
      )}
      {mayEdit && options.factorGroups.length ? <LinkFactorForm /> : null}

      <Heading3 id="influences-heading">{t("kpiDefinitions.definition.influencesHeading")}</Heading3>
      <InfluenceList items={kpi.influences} direction="from" labelledBy="influences-heading" base={base} />
      <Heading3 id="influenced-by-heading">{t("kpiDefinitions.definition.influencedByHeading")}</Heading3>
      <InfluenceList items={kpi.influencedBy} direction="to" labelledBy="influenced-by-heading" base={base} />
      {mayEdit ? options.otherKpis.length ? <AddInfluenceForm /> : <Paragraph className="koers-muted">{t("kpiDefinitions.definition.noOtherKpis")}</Paragraph> : null}
    </section>
  );
}

function InfluenceList({ items, direction, labelledBy, base }: { items: KpiData["influences"]; direction: "from" | "to"; labelledBy: string; base: string }) {
  const { t } = useTranslation();
  const { kpi, mayEdit } = useLoaderData<typeof loader>();
  if (items.length === 0) return <Paragraph className="koers-muted">{t("kpiDefinitions.definition.noInfluences")}</Paragraph>;
  return (
    <ul className="koers-kpi-relations" aria-labelledby={labelledBy}>
      {items.map((other) => {
        const link = direction === "from" ? { fromKpiId: kpi.id, toKpiId: other.id } : { fromKpiId: other.id, toKpiId: kpi.id };
        return (
          <li key={other.id}>
            <RemixLink to={`${base}/${other.id}/definitie`} className="utrecht-link">
              {other.name}
            </RemixLink>
            {other.retired ? <span className="koers-badge koers-badge--retired">{t("kpiDefinitions.definition.retiredBadge")}</span> : null}
            {mayEdit ? (
              <RowButton
                intent="removeInfluence"
                rowId={`${link.fromKpiId}-${link.toKpiId}`}
                fields={link}
                label={t("kpiDefinitions.definition.removeInfluence")}
                ariaLabel={t("kpiDefinitions.definition.removeInfluenceLabel", { name: other.name })}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function RowButton({ intent, rowId, fields, label, ariaLabel }: { intent: "unlinkFactor" | "removeInfluence"; rowId: string; fields: Record<string, string>; label: string; ariaLabel: string }) {
  const formId = formIdOf(intent, rowId);
  const lastResult = useLastResult(formId);
  const navigation = useNavigation();
  const sent = navigation.state === "submitting" ? navigation.formData : undefined;
  const submitting = Boolean(sent && sent.get("intent") === intent && Object.entries(fields).every(([name, value]) => sent.get(name) === value));
  return (
    <Form method="post" className="koers-inline-form" preventScrollReset>
      <FormError errors={lastResult?.error?.[""]} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" appearance="subtle-button" busy={submitting} aria-label={ariaLabel}>
        {label}
      </Button>
    </Form>
  );
}

function LinkFactorForm() {
  const { t } = useTranslation();
  const { options } = useLoaderData<typeof loader>();
  const formId = formIdOf("linkFactor");
  const [form, fields] = useKoersForm(factorLinkSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset aria-label={t("kpiDefinitions.definition.linkFactor")}>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="linkFactor" />
      <SelectField field={fields.factorId} label={t("kpiDefinitions.definition.linkFactor")}>
        <option value="">{t("kpiDefinitions.definition.chooseFactor")}</option>
        <FactorOptions groups={options.factorGroups} />
      </SelectField>
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("kpiDefinitions.definition.link")}
        </Button>
      </div>
    </Form>
  );
}

function AddInfluenceForm() {
  const { t } = useTranslation();
  const { options } = useLoaderData<typeof loader>();
  const formId = formIdOf("addInfluence");
  const [form, fields] = useKoersForm(influenceSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset aria-label={t("kpiDefinitions.definition.addInfluence")}>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="addInfluence" />
      <SelectField field={fields.otherKpiId} label={t("kpiDefinitions.definition.addInfluence")}>
        <option value="">{t("kpiDefinitions.definition.chooseOtherKpi")}</option>
        {options.otherKpis.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name}
          </option>
        ))}
      </SelectField>
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("kpiDefinitions.definition.addInfluenceSubmit")}
        </Button>
      </div>
    </Form>
  );
}

function SimpleForm({ intent, label }: { intent: "retire" | "restore"; label: string }) {
  const formId = formIdOf(intent);
  const lastResult = useLastResult(formId);
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" className="koers-form" preventScrollReset>
      <FormError errors={lastResult?.error?.[""]} />
      <input type="hidden" name="intent" value={intent} />
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {label}
        </Button>
      </div>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
