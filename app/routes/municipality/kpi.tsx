// One KPI's page: its status (latest value, the target of that year, the traffic light), the trend
// chart (echarts SVG rendered on the server, in a figure with a caption and the same numbers in a
// table) with the forecast and last year's line, the form to enter a measurement by hand, every
// measurement with its provenance (replace and delete for kpi:measure), year on year, and the
// definition in short with a link to edit it for kpi:edit.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { TrafficLightBadge, useKpiNumber, withUnit } from "../../components/kpis/kpi-display";
import { Td, Th, Tr } from "../../components/ui/plain-nlds";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { TextareaField } from "../../components/ui/textarea-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestLocale, requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { BENCHMARK_INTENT, BenchmarkSection } from "../../components/kpis/benchmark-section";
import { KpiDeliverySection } from "../../components/deliveries/kpi-delivery-section";
import { loadKpiDeliveryInfo } from "../../modules/deliveries/data-health.server";
import { loadBenchmark, MIN_ANONYMOUS_PEERS, setBenchmarkSharing } from "../../modules/kpis/benchmark.server";
import { loadKpiPage } from "../../modules/kpis/kpi-page.server";
import { deleteMeasurementSchema, recordMeasurementSchema } from "../../modules/kpis/measurement-schema";
import { deleteMeasurement, periodChoices, recordMeasurement, type ExistingValue } from "../../modules/kpis/measurements.server";
import { formatNumber } from "../../modules/kpis/number-format";
import { renderTrendChart, trendRows } from "../../modules/kpis/trend-chart.server";
import { formatMoment } from "../../modules/programme/format";
import styles from "../../styles/kpis.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.page.kpi.name ?? "KPI"} · Koers` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const INTENTS = ["record", "delete"] as const;
/** Query parameter that opens the form for one period (the "replace" link of a row). */
const PERIOD_PARAM = "periode";
/** Query parameter that opens the delete form for one measurement (the "delete" link of a row). */
const DELETE_PARAM = "verwijderen";
/** Query parameter that lists every measurement instead of the latest ones. */
const ALL_PARAM = "alle";
/** Measurements listed before "show all". */
const RECENT_ROWS = 36;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const page = await loadKpiPage(member, params.kpiId ?? "");
  if (!page) throw notFound();
  const t = requestT(request);
  const locale = requestLocale(request);
  const { kpi } = page;
  const format = (value: number) => formatNumber(value, kpi.decimals, locale);
  const trendInput = kpi.frequency
    ? { frequency: kpi.frequency, unitKind: kpi.unitKind, direction: kpi.direction, measurements: page.measurements, targets: page.targets, forecast: page.forecast }
    : null;
  const rows = trendInput ? trendRows(trendInput) : [];
  const chart =
    trendInput && rows.length
      ? renderTrendChart(
          trendInput,
          {
            value: t("kpiDashboard.trend.value"),
            lastYear: t("kpiDashboard.trend.lastYear"),
            target: t("kpiDashboard.trend.target"),
            forecast: t("kpiDashboard.trend.forecast"),
            band: t("kpiDashboard.trend.band"),
            green: t("kpiDashboard.trend.green"),
            amber: t("kpiDashboard.trend.amber"),
            red: t("kpiDashboard.trend.red"),
            format,
          },
          rows,
        )
      : null;
  const mayMeasure = can(member.role, { kpi: ["measure"] }) && !kpi.retired;
  const url = new URL(request.url);
  const requested = url.searchParams.get(PERIOD_PARAM);
  const deletingId = url.searchParams.get(DELETE_PARAM);
  const showAll = url.searchParams.get(ALL_PARAM) === "1";
  const prefill = requested ? page.measurements.find((m) => m.period === requested.trim().toUpperCase()) ?? null : null;
  return {
    cbsCode: member.cbsCode,
    page,
    chart,
    rows,
    mayMeasure,
    mayEdit: can(member.role, { kpi: ["edit"] }),
    periods: mayMeasure && kpi.frequency ? periodChoices(kpi.frequency).map((p) => p.label) : [],
    prefill: requested ? { period: requested, existing: prefill } : null,
    benchmark: await loadBenchmark(member, kpi.id),
    delivery: await loadKpiDeliveryInfo(member, kpi.id),
    mayManage: can(member.role, { kpi: ["manage"] }) && !kpi.retired,
    minAnonymousPeers: MIN_ANONYMOUS_PEERS,
    deleting: mayMeasure && deletingId ? page.measurements.find((m) => m.id === deletingId && m.source === "manual") ?? null : null,
    showAll,
  };
}

type NoticeData = { key: string; values: Record<string, string> };
type BenchmarkOutcome = { ok: true } | { ok: false; error: "notFromLibrary" };
type ActionPayload = {
  formId: string;
  result: SubmissionResult<string[]>;
  notice: NoticeData | null;
  existing: (Omit<ExistingValue, "recordedAt"> & { recordedAt: string }) | null;
  benchmark?: BenchmarkOutcome;
};

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, extra: { notice?: NoticeData | null; existing?: ExistingValue | null } = {}) {
  const existing = extra.existing ? { ...extra.existing, recordedAt: extra.existing.recordedAt.toISOString() } : null;
  return data<ActionPayload>({ formId, result, notice: extra.notice ?? null, existing }, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === BENCHMARK_INTENT) {
    const outcome = await setBenchmarkSharing(member, params.kpiId ?? "", { share: formData.get("share") === "on", named: formData.get("named") === "on" });
    if (!outcome.ok && outcome.error === "notFound") throw notFound();
    if (!outcome.ok && outcome.error === "notAllowed") throw forbidden();
    const benchmark: BenchmarkOutcome = outcome.ok ? { ok: true } : { ok: false, error: "notFromLibrary" };
    return data<ActionPayload>({ formId: BENCHMARK_INTENT, result: {}, notice: null, existing: null, benchmark }, { status: outcome.ok ? 200 : 409 });
  }
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, { kpi: ["measure"] })) throw forbidden();
  const t = requestT(request);
  const locale = requestLocale(request);
  const kpiId = params.kpiId ?? "";
  const page = await loadKpiPage(member, kpiId);
  if (!page) throw notFound();
  const format = (value: number) => formatNumber(value, page.kpi.decimals, locale);

  if (intent === "record") {
    const formId = formIdOf("record");
    const submission = parseWithZod(formData, { schema: recordMeasurementSchema });
    if (submission.status !== "success") return reply(formId, submission.reply(), 400);
    const outcome = await recordMeasurement(member, kpiId, Object.fromEntries(formData) as never);
    if (outcome.ok) {
      const values = { period: outcome.period, value: format(outcome.value), previous: outcome.previous === null ? "" : format(outcome.previous) };
      return reply(formId, submission.reply({ resetForm: true }), 200, { notice: { key: outcome.replaced ? "kpiDashboard.notices.replaced" : "kpiDashboard.notices.recorded", values } });
    }
    switch (outcome.error) {
      case "invalid":
        return reply(formId, submission.reply({ fieldErrors: outcome.fieldErrors }), 400);
      case "needsConfirmation":
        return reply(formId, submission.reply({ fieldErrors: { confirmReplace: ["kpiDashboard.errors.needsConfirmation"] } }), 409, { existing: outcome.existing });
      case "fromDelivery":
        return reply(formId, submission.reply({ fieldErrors: { period: [t("kpiDashboard.errors.fromDelivery", { id: outcome.existing.deliveryId ?? "" })] } }), 409, { existing: outcome.existing });
      case "notFound":
        throw notFound();
      case "forbidden":
        throw forbidden();
      default:
        return reply(formId, submission.reply({ formErrors: [`kpiDashboard.errors.${outcome.error}`] }), 409);
    }
  }

  const measurementId = String(formData.get("measurementId") ?? "");
  const formId = formIdOf("delete", measurementId);
  const submission = parseWithZod(formData, { schema: deleteMeasurementSchema });
  if (submission.status !== "success") return reply(formId, submission.reply(), 400);
  const outcome = await deleteMeasurement(member, kpiId, submission.value);
  if (outcome.ok) return reply(formId, submission.reply({ resetForm: true }), 200, { notice: { key: "kpiDashboard.notices.deleted", values: { period: outcome.period, value: format(outcome.value) } } });
  switch (outcome.error) {
    case "invalid":
      return reply(formId, submission.reply({ fieldErrors: outcome.fieldErrors }), 400);
    case "fromDelivery":
      return reply(formId, submission.reply({ formErrors: [t("kpiDashboard.errors.fromDelivery", { id: outcome.existing.deliveryId ?? "" })] }), 409);
    case "forbidden":
      throw forbidden();
    default:
      return reply(formId, submission.reply({ formErrors: ["kpiDashboard.errors.measurementNotFound"] }), 404);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const useSubmitting = (formId: string) => useFormSubmitting(formId, (intent) => (intent === "delete" ? "measurementId" : undefined));

export default function KpiPage() {
  const { t } = useTranslation();
  const { cbsCode, page, chart, rows, mayMeasure, mayEdit, prefill, benchmark, mayManage, minAnonymousPeers, delivery } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const benchmarkOutcome = actionData?.benchmark ?? null;
  const { kpi } = page;
  const format = useKpiNumber(kpi.decimals);
  const base = `/g/${cbsCode}/kpis`;
  const definitionUrl = `${base}/${kpi.id}/definitie`;
  const missing = page.missing.map((p) => t(`kpiDashboard.parts.${p}`)).join(", ");
  const target = page.target;
  return (
    <>
      <Paragraph>
        <RemixLink to={base} className="utrecht-link">
          {t("kpiDashboard.page.back")}
        </RemixLink>
      </Paragraph>
      <Heading1>{kpi.name}</Heading1>
      {kpi.templateCode ? <Paragraph className="koers-muted">{t("kpiDashboard.card.libraryCode", { code: kpi.templateCode })}</Paragraph> : null}
      {actionData?.notice ? <Notice>{t(actionData.notice.key, actionData.notice.values)}</Notice> : null}
      {kpi.retired ? <Notice type="warning">{t("kpiDashboard.page.retired")}</Notice> : null}
      {page.missing.length > 0 ? (
        <div className="utrecht-alert utrecht-alert--warning">
          <div className="utrecht-alert__message">
            <Paragraph>
              <span className="koers-badge koers-badge--incomplete">{t("kpiDashboard.card.incomplete")}</span> {t("kpiDashboard.page.incomplete", { parts: missing })}
            </Paragraph>
            {mayEdit ? (
              <Paragraph>
                <RemixLink to={definitionUrl} className="utrecht-link">
                  {t("kpiDashboard.page.completeDefinition")}
                </RemixLink>
              </Paragraph>
            ) : null}
          </div>
        </div>
      ) : null}

      <section className="koers-section" aria-labelledby="status-heading">
        <Heading2 id="status-heading">{t("kpiDashboard.page.statusHeading")}</Heading2>
        <div className="koers-kpi-status">
          <Paragraph>
            <strong>{t("kpiDashboard.page.latest")}:</strong>{" "}
            {page.latest ? t("kpiDashboard.page.latestValue", { value: withUnit(format(page.latest.value), kpi.unit), period: page.latest.period }) : t("kpiDashboard.page.noData")}
          </Paragraph>
          <Paragraph>
            {target ? (
              <>
                <strong>{t("kpiDashboard.page.target", { year: target.year })}:</strong> {withUnit(format(target.target), kpi.unit)}
                {target.greenFrom !== null && target.amberFrom !== null ? (
                  <span className="koers-muted">
                    {" "}
                    ({t(kpi.direction === "lower_is_better" ? "kpiDashboard.page.thresholdsLower" : "kpiDashboard.page.thresholds", { green: format(target.greenFrom), amber: format(target.amberFrom) })})
                  </span>
                ) : null}
              </>
            ) : (
              t("kpiDashboard.page.noTarget", { year: page.latest ? Number(page.latest.periodStart.slice(0, 4)) : page.year })
            )}
          </Paragraph>
          {page.latest ? (
            <Paragraph>
              <TrafficLightBadge light={page.light} withMeaning t={t} />
            </Paragraph>
          ) : null}
        </div>
      </section>

      <KpiDeliverySection info={delivery} cbsCode={cbsCode} />

      <section className="koers-section" aria-labelledby="trend-heading">
        <Heading2 id="trend-heading">{t("kpiDashboard.trend.heading")}</Heading2>
        {chart ? (
          <>
            <figure className="koers-kpi-chart" aria-labelledby="trend-caption">
              <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: chart }} />
              <figcaption id="trend-caption">{t("kpiDashboard.trend.caption", { name: kpi.name })}</figcaption>
            </figure>
            <Paragraph>{page.forecast ? t("kpiDashboard.trend.method") : t("kpiDashboard.trend.tooFew")}</Paragraph>
            <TrendTable rows={rows} format={format} />
          </>
        ) : (
          <Paragraph className="koers-muted">{t("kpiDashboard.trend.noData")}</Paragraph>
        )}
      </section>

      <section className="koers-section" aria-labelledby="measure-heading" id="meting-invoeren">
        <Heading2 id="measure-heading">{t("kpiDashboard.form.heading")}</Heading2>
        {!kpi.frequency ? (
          <Paragraph>
            {t(mayEdit ? "kpiDashboard.form.noFrequency" : "kpiDashboard.form.noFrequencyReadOnly")}{" "}
            {mayEdit ? (
              <RemixLink to={definitionUrl} className="utrecht-link">
                {t("kpiDashboard.page.completeDefinition")}
              </RemixLink>
            ) : null}
          </Paragraph>
        ) : mayMeasure ? (
          <RecordForm key={prefill?.period ?? ""} />
        ) : kpi.retired ? null : (
          <Paragraph className="koers-muted">{t("kpiDashboard.form.readOnly")}</Paragraph>
        )}
      </section>

      <section className="koers-section" aria-labelledby="measurements-heading">
        <Heading2 id="measurements-heading">{t("kpiDashboard.measurements.heading")}</Heading2>
        <MeasurementsTable />
      </section>

      <section className="koers-section" aria-labelledby="yoy-heading">
        <Heading2 id="yoy-heading">{t("kpiDashboard.yoy.heading")}</Heading2>
        <YearOnYearTable />
      </section>

      {benchmark ? <BenchmarkSection view={benchmark} mayManage={mayManage} minAnonymous={minAnonymousPeers} format={format} outcome={benchmarkOutcome} /> : null}

      <section className="koers-section" aria-labelledby="definition-heading">
        <Heading2 id="definition-heading">{t("kpiDashboard.page.definitionHeading")}</Heading2>
        <DefinitionSummary />
        {mayEdit ? (
          <Paragraph>
            <RemixLink to={definitionUrl} className="utrecht-link">
              {t("kpiDashboard.page.editDefinition")}
            </RemixLink>
          </Paragraph>
        ) : null}
      </section>
    </>
  );
}

function TrendTable({ rows, format }: { rows: LoaderData["rows"]; format: (value: number) => string }) {
  const { t } = useTranslation();
  const show = (v: number | null) => (v === null ? "–" : format(v));
  const hasForecast = rows.some((r) => r.forecast !== null);
  return (
    <Table className="koers-table">
      <TableCaption>{t("kpiDashboard.trend.tableCaption")}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("kpiDashboard.trend.period")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.trend.value")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.trend.lastYear")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.trend.target")}</TableHeaderCell>
          {hasForecast ? <TableHeaderCell scope="col">{t("kpiDashboard.trend.forecast")}</TableHeaderCell> : null}
          {hasForecast ? <TableHeaderCell scope="col">{t("kpiDashboard.trend.band")}</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <Tr key={r.period}>
            <Th scope="row">{r.period}</Th>
            <Td className="koers-num">{show(r.value)}</Td>
            <Td className="koers-num">{show(r.lastYear)}</Td>
            <Td className="koers-num">{show(r.target)}</Td>
            {hasForecast ? <Td className="koers-num">{show(r.forecast)}</Td> : null}
            {hasForecast ? (
              <Td className="koers-num">{r.low !== null && r.high !== null ? t("kpiDashboard.trend.bandRange", { low: format(r.low), high: format(r.high) }) : "–"}</Td>
            ) : null}
          </Tr>
        ))}
      </TableBody>
    </Table>
  );
}

function RecordForm() {
  const { t, i18n } = useTranslation();
  const { page, periods, prefill } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formId = formIdOf("record");
  const lastResult = resultFor(actionData, formId);
  const [form, fields] = useKoersForm(recordMeasurementSchema, { id: formId, lastResult, defaultValue: prefill ? { period: prefill.period } : undefined });
  const submitting = useFormSubmitting(formId);
  const format = useKpiNumber(page.kpi.decimals);
  const existing = actionData?.formId === formId ? actionData.existing : (prefill?.existing ?? null);
  const listId = "kpi-periods";
  const example = periods[1] ?? periods[0] ?? "";
  const confirmErrors = fields.confirmReplace.errors?.map((e) => t(e));
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="measure-heading" preventScrollReset>
      <Paragraph>{t("kpiDashboard.form.intro")}</Paragraph>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="record" />
      <TextField field={fields.period} label={t("kpiDashboard.form.period")} hint={t("kpiDashboard.form.periodHint", { example })} list={listId} autoComplete="off" />
      <datalist id={listId}>
        {periods.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <TextField field={fields.value} label={page.kpi.unit ? t("kpiDashboard.form.valueWithUnit", { unit: page.kpi.unit }) : t("kpiDashboard.form.value")} hint={t("kpiDashboard.form.valueHint")} autoComplete="off" />
      <TextareaField field={fields.reason} label={t("kpiDashboard.form.reason")} hint={t("kpiDashboard.form.reasonHint")} rows={2} />
      {existing ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <div className="utrecht-alert__message">
            <Paragraph>
              {existing.source === "delivery"
                ? t("kpiDashboard.form.existingDelivery", { period: existing.period, value: format(existing.value), id: existing.deliveryId ?? "" })
                : t("kpiDashboard.form.existing", {
                    period: existing.period,
                    value: format(existing.value),
                    name: existing.enteredByName ?? t("kpiDashboard.measurements.someone"),
                    date: formatMoment(existing.recordedAt, i18n.language),
                    reason: existing.reason ?? "",
                  })}
            </Paragraph>
            {existing.source === "manual" ? (
              <>
                {confirmErrors?.length ? (
                  <Paragraph id={fields.confirmReplace.errorId} className="koers-qs-error">
                    {confirmErrors.join(" ")}
                  </Paragraph>
                ) : null}
                <div className="koers-checkbox">
                  <input
                    type="checkbox"
                    id={fields.confirmReplace.id}
                    name={fields.confirmReplace.name}
                    aria-describedby={confirmErrors?.length ? fields.confirmReplace.errorId : undefined}
                  />
                  <label htmlFor={fields.confirmReplace.id}>{t("kpiDashboard.form.confirmReplace", { value: format(existing.value) })}</label>
                </div>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("kpiDashboard.form.submit")}
        </Button>
      </div>
    </Form>
  );
}

function MeasurementsTable() {
  const { t, i18n } = useTranslation();
  const { page, mayMeasure, showAll, deleting } = useLoaderData<typeof loader>();
  const format = useKpiNumber(page.kpi.decimals);
  if (page.measurements.length === 0) return <Paragraph className="koers-muted">{t("kpiDashboard.measurements.none")}</Paragraph>;
  const shown = showAll ? page.measurements : page.measurements.slice(0, RECENT_ROWS);
  return (
    <>
    {deleting ? <DeleteMeasurement id={deleting.id} period={deleting.period} /> : null}
    <Table className="koers-table">
      <TableCaption>{t("kpiDashboard.measurements.caption", { name: page.kpi.name })}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("kpiDashboard.measurements.period")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.measurements.value")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.measurements.provenance")}</TableHeaderCell>
          {mayMeasure ? <TableHeaderCell scope="col">{t("kpiDashboard.measurements.actions")}</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {shown.map((m) => (
          <Tr key={m.id}>
            <Th scope="row">{m.period}</Th>
            <Td className="koers-num">{format(m.value)}</Td>
            <Td>
              {m.source === "delivery"
                ? t("kpiDashboard.measurements.delivery", { id: m.deliveryId ?? "" })
                : t("kpiDashboard.measurements.manual", {
                    name: m.enteredByName ?? t("kpiDashboard.measurements.someone"),
                    date: formatMoment(m.recordedAt, i18n.language),
                    reason: m.reason ?? "",
                  })}
            </Td>
            {mayMeasure ? (
              <Td>
                {m.source === "delivery" ? (
                  <span className="koers-muted">{t("kpiDashboard.measurements.deliveryLocked")}</span>
                ) : (
                  <div className="koers-kpi-actions">
                    <RemixLink to={`?${PERIOD_PARAM}=${encodeURIComponent(m.period)}#meting-invoeren`} className="utrecht-link" aria-label={t("kpiDashboard.measurements.replaceLabel", { period: m.period })}>
                      {t("kpiDashboard.measurements.replace")}
                    </RemixLink>
                    <RemixLink to={`?${DELETE_PARAM}=${encodeURIComponent(m.id)}#meting-verwijderen`} className="utrecht-link" aria-label={t("kpiDashboard.measurements.deleteLabel", { period: m.period })}>
                      {t("kpiDashboard.measurements.delete")}
                    </RemixLink>
                  </div>
                )}
              </Td>
            ) : null}
          </Tr>
        ))}
      </TableBody>
    </Table>
    {shown.length < page.measurements.length ? (
      <Paragraph>
        <RemixLink to={`?${ALL_PARAM}=1#measurements-heading`} className="utrecht-link">
          {t("kpiDashboard.measurements.showAll", { count: page.measurements.length })}
        </RemixLink>
      </Paragraph>
    ) : null}
    </>
  );
}

function DeleteMeasurement({ id, period }: { id: string; period: string }) {
  const { t } = useTranslation();
  const formId = formIdOf("delete", id);
  const lastResult = resultFor(useActionData<typeof action>(), formId);
  const [form, fields] = useKoersForm(deleteMeasurementSchema, { id: formId, lastResult, defaultValue: { measurementId: id } });
  const submitting = useSubmitting(formId);
  return (
    <section id="meting-verwijderen" className="koers-section" aria-labelledby="delete-heading">
      <h3 id="delete-heading" className="utrecht-heading-3">
        {t("kpiDashboard.measurements.deleteLabel", { period })}
      </h3>
      <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name={fields.measurementId.name} value={id} />
        <TextField field={fields.reason} label={t("kpiDashboard.measurements.deleteReason")} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("kpiDashboard.measurements.deleteConfirm", { period })}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function YearOnYearTable() {
  const { t } = useTranslation();
  const { page } = useLoaderData<typeof loader>();
  const format = useKpiNumber(page.kpi.decimals);
  const rows = page.yearOnYear;
  if (rows.length === 0) return <Paragraph className="koers-muted">{t("kpiDashboard.yoy.none")}</Paragraph>;
  const show = (v: number | null) => (v === null ? "–" : format(v));
  const yearly = page.kpi.frequency === "year";
  return (
    <Table className="koers-table">
      <TableCaption>{yearly ? t("kpiDashboard.yoy.captionYearly") : t("kpiDashboard.yoy.caption", { year: rows[0]!.period.year })}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("kpiDashboard.yoy.period")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.yoy.thisYear")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.yoy.lastYear")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("kpiDashboard.yoy.change")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <Tr key={r.period.label}>
            <Th scope="row">{r.period.label}</Th>
            <Td className="koers-num">{show(r.value)}</Td>
            <Td className="koers-num">
              {show(r.previous)} <span className="koers-muted">({r.previousPeriod.label})</span>
            </Td>
            <Td className="koers-num">{r.change === null ? "–" : format(r.change, { signed: true })}</Td>
          </Tr>
        ))}
      </TableBody>
    </Table>
  );
}

function DefinitionSummary() {
  const { t } = useTranslation();
  const { page, cbsCode } = useLoaderData<typeof loader>();
  const { kpi, factors, influences } = page;
  const none = <span className="koers-muted">{t("kpiDashboard.page.none")}</span>;
  const kpiLink = (k: { id: string; name: string }) => (
    <li key={k.id}>
      <RemixLink to={`/g/${cbsCode}/kpis/${k.id}`} className="utrecht-link">
        {k.name}
      </RemixLink>
    </li>
  );
  return (
    <dl className="koers-kpi-dl">
      <dt>{t("kpiDashboard.page.libraryCode")}</dt>
      <dd>{kpi.templateCode ? `${kpi.templateCode}${kpi.templateName ? ` · ${kpi.templateName}` : ""}` : t("kpiDashboard.page.ownKpi")}</dd>
      <dt>{t("kpiDashboard.page.definition")}</dt>
      <dd>{kpi.definition ?? none}</dd>
      <dt>{t("kpiDashboard.page.formula")}</dt>
      <dd>{kpi.formula ?? none}</dd>
      <dt>{t("kpiDashboard.page.unit")}</dt>
      <dd>{kpi.unit ?? none}</dd>
      <dt>{t("kpiDashboard.page.direction")}</dt>
      <dd>{kpi.direction ? t(`kpiDashboard.direction.${kpi.direction}`) : none}</dd>
      <dt>{t("kpiDashboard.page.frequency")}</dt>
      <dd>{kpi.frequency ? t(`kpiDashboard.frequency.${kpi.frequency}`) : none}</dd>
      <dt>{t("kpiDashboard.page.owner")}</dt>
      <dd>{kpi.ownerName ?? none}</dd>
      <dt>{t("kpiDashboard.page.source")}</dt>
      <dd>{kpi.sourceName ?? none}</dd>
      <dt>{t("kpiDashboard.page.dataNeeded")}</dt>
      <dd>{kpi.dataNeeded ?? none}</dd>
      <dt>{t("kpiDashboard.page.factors")}</dt>
      <dd>
        {factors.length ? (
          <ul>
            {factors.map((f) => (
              <li key={f.id}>
                <RemixLink to={`/g/${cbsCode}/aandachtsgebieden/${f.areaId}`} className="utrecht-link">
                  {t("kpiDashboard.page.factorLine", { factor: f.title, goal: f.goalTitle, area: f.areaName })}
                </RemixLink>
              </li>
            ))}
          </ul>
        ) : (
          <span className="koers-muted">{t("kpiDashboard.page.noFactors")}</span>
        )}
      </dd>
      {influences.drives.length ? (
        <>
          <dt>{t("kpiDashboard.page.drives")}</dt>
          <dd>
            <ul>{influences.drives.map(kpiLink)}</ul>
          </dd>
        </>
      ) : null}
      {influences.drivenBy.length ? (
        <>
          <dt>{t("kpiDashboard.page.drivenBy")}</dt>
          <dd>
            <ul>{influences.drivenBy.map(kpiLink)}</ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
