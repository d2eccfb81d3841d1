// Training coverage: per department and per role, the share of people trained on each topic (chart
// and tables), who still needs what, and the target the phase-4 gate reads (set by the programme lead).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { TrainingNav } from "../../components/training/training-nav";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { useFormSubmitting } from "../../components/ui/form-state";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { canSetCoverageTarget } from "../../modules/training/access";
import { NO_DEPARTMENT, type CoverageGroup, type Share } from "../../modules/training/coverage";
import { renderCoverageSvg } from "../../modules/training/coverage-chart.server";
import { loadCoverage } from "../../modules/training/coverage.server";
import { coverageTargetSchema } from "../../modules/training/schema";
import { setCoverageTarget } from "../../modules/training/topics.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Trainingsdekking · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const url = new URL(request.url);
  const per = url.searchParams.get("per") === "rol" ? "role" : "department";
  const t = requestT(request);
  const coverage = await loadCoverage(member);
  const groupLabel = (g: CoverageGroup) => (per === "role" ? t(`roles.${g.key}`, { defaultValue: g.key }) : g.key === NO_DEPARTMENT ? t("training.coverage.noDepartment") : (g.label ?? ""));
  const groups = (per === "role" ? coverage.byRole : coverage.byDepartment).filter((g) => g.fullyTrained.required > 0);
  const chart =
    coverage.topics.length > 0 && groups.length > 0 ? renderCoverageSvg({ topics: coverage.topics, groups: groups.map((g) => ({ label: groupLabel(g), group: g })), target: coverage.target }) : null;
  const departmentFilter = url.searchParams.get("afdeling") ?? "";
  const roleFilter = url.searchParams.get("rol") ?? "";
  const missing = coverage.missing.filter((p) => (!departmentFilter || (p.departmentId ?? NO_DEPARTMENT) === departmentFilter) && (!roleFilter || p.role === roleFilter));
  return {
    cbsCode: member.cbsCode,
    per,
    chart,
    canSetTarget: canSetCoverageTarget(member.role),
    coverage: { topics: coverage.topics, byDepartment: coverage.byDepartment, byRole: coverage.byRole, overall: coverage.overall, target: coverage.target, met: coverage.met },
    missing,
    filters: { department: departmentFilter, role: roleFilter },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  if (!canSetCoverageTarget(member.role)) throw forbidden();
  const submission = parseWithZod(await request.formData(), { schema: coverageTargetSchema });
  if (submission.status !== "success") return data({ result: submission.reply() as SubmissionResult<string[]>, notice: null }, { status: 400 });
  await setCoverageTarget(member, submission.value.percent);
  return data({ result: submission.reply() as SubmissionResult<string[]>, notice: "training.coverage.targetSaved" });
}

function usePercent() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { style: "percent", maximumFractionDigits: 1 });
  return (s: Share) => (s.percent === null ? null : format.format(s.percent / 100));
}

export default function TrainingCoverage() {
  const { t } = useTranslation();
  const { cbsCode, per, chart, canSetTarget, coverage, missing, filters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const percent = usePercent();
  const topicTitle = new Map(coverage.topics.map((tp) => [tp.id, tp.title]));
  const departmentLabel = (g: CoverageGroup) => (g.key === NO_DEPARTMENT ? t("training.coverage.noDepartment") : (g.label ?? ""));
  return (
    <>
      <Heading1>{t("training.coverage.heading")}</Heading1>
      <TrainingNav cbsCode={cbsCode} />
      <Paragraph>{t("training.coverage.intro")}</Paragraph>
      <div aria-live="polite">{actionData?.notice ? <Notice>{t(actionData.notice)}</Notice> : null}</div>
      <Paragraph>
        <strong data-testid="coverage-overall">
          {coverage.overall.required === 0
            ? t("training.coverage.overallNone")
            : t("training.coverage.overall", { covered: coverage.overall.covered, required: coverage.overall.required, percent: percent(coverage.overall) })}
        </strong>
      </Paragraph>
      <Paragraph>
        {t("training.coverage.target", { target: coverage.target })} {coverage.met ? t("training.coverage.met") : t("training.coverage.notMet")}
      </Paragraph>
      {canSetTarget ? <TargetForm target={coverage.target} /> : null}

      <Form method="get" className="koers-inline-form" aria-label={t("training.coverage.filter")}>
        <input type="hidden" name="afdeling" value={filters.department} />
        <input type="hidden" name="rol" value={filters.role} />
        <label htmlFor="per">{t("training.coverage.chartPer")} </label>
        <select id="per" name="per" defaultValue={per === "role" ? "rol" : "afdeling"} className="utrecht-select">
          <option value="afdeling">{t("training.coverage.byDepartment")}</option>
          <option value="rol">{t("training.coverage.byRole")}</option>
        </select>{" "}
        <Button type="submit" appearance="secondary-action-button">
          {t("training.coverage.filter")}
        </Button>
      </Form>
      {chart ? (
        <figure className="koers-qs-figure" role="img" aria-labelledby="coverage-chart-caption">
          <figcaption id="coverage-chart-caption">
            {t("training.coverage.chartCaption")} ({per === "role" ? t("training.coverage.byRole") : t("training.coverage.byDepartment")})
            <span className="visually-hidden"> {t("training.coverage.chartNote")}</span>
          </figcaption>
          <div dangerouslySetInnerHTML={{ __html: chart }} />
        </figure>
      ) : null}

      <section className="koers-section" aria-labelledby="by-department-heading">
        <Heading2 id="by-department-heading">{t("training.coverage.byDepartment")}</Heading2>
        <CoverageTable caption={t("training.coverage.departmentCaption")} topics={coverage.topics} groups={coverage.byDepartment} label={departmentLabel} overall={coverage.overall} />
      </section>
      <section className="koers-section" aria-labelledby="by-role-heading">
        <Heading2 id="by-role-heading">{t("training.coverage.byRole")}</Heading2>
        <CoverageTable caption={t("training.coverage.roleCaption")} topics={coverage.topics} groups={coverage.byRole} label={(g) => t(`roles.${g.key}`, { defaultValue: g.key })} overall={coverage.overall} />
      </section>

      <section className="koers-section" aria-labelledby="missing-heading">
        <Heading2 id="missing-heading">{t("training.coverage.missing")}</Heading2>
        <Paragraph>{t("training.coverage.missingIntro")}</Paragraph>
        <Form method="get" className="koers-inline-form" aria-label={t("training.coverage.missing")}>
          <input type="hidden" name="per" value={per === "role" ? "rol" : "afdeling"} />
          <label htmlFor="filter-department">{t("training.coverage.filterDepartment")} </label>
          <select id="filter-department" name="afdeling" defaultValue={filters.department} className="utrecht-select">
            <option value="">{t("training.coverage.filterAll")}</option>
            {coverage.byDepartment.map((g) => (
              <option key={g.key} value={g.key}>
                {departmentLabel(g)}
              </option>
            ))}
          </select>{" "}
          <label htmlFor="filter-role">{t("training.coverage.filterRole")} </label>
          <select id="filter-role" name="rol" defaultValue={filters.role} className="utrecht-select">
            <option value="">{t("training.coverage.filterAll")}</option>
            {coverage.byRole.map((g) => (
              <option key={g.key} value={g.key}>
                {t(`roles.${g.key}`, { defaultValue: g.key })}
              </option>
            ))}
          </select>{" "}
          <Button type="submit" appearance="secondary-action-button">
            {t("training.coverage.filter")}
          </Button>
        </Form>
        {missing.length === 0 ? (
          <Paragraph>{t("training.coverage.nobodyMissing")}</Paragraph>
        ) : (
          <Table className="koers-table">
            <TableCaption>{t("training.coverage.missingCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("training.session.columns.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("training.coverage.filterRole")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("training.session.columns.department")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("training.coverage.missingTopics")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {missing.map((p) => (
                <TableRow key={p.userId}>
                  <TableHeaderCell scope="row">
                    {p.name} <span className="koers-muted">({p.email})</span>
                  </TableHeaderCell>
                  <TableCell>{t(`roles.${p.role}`, { defaultValue: p.role })}</TableCell>
                  <TableCell>{p.departmentName ?? t("training.coverage.noDepartment")}</TableCell>
                  <TableCell>{p.missingTopicIds.map((id) => topicTitle.get(id)).join(", ")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </>
  );
}

function CoverageTable({ caption, topics, groups, label, overall }: { caption: string; topics: { id: string; title: string; share?: Share }[]; groups: CoverageGroup[]; label: (g: CoverageGroup) => string; overall: Share }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const cell = (s: Share | undefined) => (s && s.required > 0 ? t("training.coverage.cell", { percent: percent(s), covered: s.covered, required: s.required }) : t("training.coverage.notApplicable"));
  return (
    <div className="koers-table-scroll">
      <Table className="koers-table">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("training.coverage.group")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("training.coverage.people")}</TableHeaderCell>
            {topics.map((tp) => (
              <TableHeaderCell key={tp.id} scope="col">
                {tp.title}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col">{t("training.coverage.fully")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((g) => (
            <TableRow key={g.key}>
              <TableHeaderCell scope="row">{label(g)}</TableHeaderCell>
              <TableCell>{g.people}</TableCell>
              {topics.map((tp) => (
                <TableCell key={tp.id}>{cell(g.perTopic[tp.id])}</TableCell>
              ))}
              <TableCell>{cell(g.fullyTrained)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableHeaderCell scope="row">{t("training.coverage.all")}</TableHeaderCell>
            <TableCell>{groups.reduce((n, g) => n + g.people, 0)}</TableCell>
            {topics.map((tp) => (
              <TableCell key={tp.id}>{cell(tp.share)}</TableCell>
            ))}
            <TableCell>{cell(overall)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </div>
  );
}

function TargetForm({ target }: { target: number }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useKoersForm(coverageTargetSchema, { id: "target", lastResult: actionData?.result, defaultValue: { percent: target } });
  const submitting = useFormSubmitting("target");
  return (
    <details open={actionData?.result.status === "error"}>
      <summary>{t("training.coverage.setTarget")}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <TextField field={fields.percent as never} type="number" label={t("training.coverage.targetLabel")} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("training.checklists.save")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
