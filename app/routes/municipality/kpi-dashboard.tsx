// The KPI dashboard: every current KPI of the municipality as a card — name, library code, latest
// value with unit and period, the target of that year, the traffic light (text and shape), a
// sparkline of the last twelve values and a link to its page — with a focus-area filter (a GET
// form that works without JavaScript) and a summary line. Incomplete KPIs show too, marked.
// The data comes from loadDashboard (also used by the exports); sparklines are pictures whose URL
// holds their numbers (cached by the browser), so the page carries no inline SVG.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Button, FormField, FormLabel, Heading1, Paragraph, Select, SelectOption } from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import { TrafficLightBadge, withUnit } from "../../components/kpis/kpi-display";
import { DataHealthBadge } from "../../components/deliveries/data-health-badge";
import { requireMember } from "../../modules/auth/guards.server";
import { loadDashboard, type DashboardKpi } from "../../modules/kpis/dashboard.server";
import { formatNumber } from "../../modules/kpis/number-format";
import { SPARKLINE_SIZE } from "../../modules/kpis/sparkline-size";
import { sparklineUrl } from "../../modules/kpis/sparkline-url";
import { P } from "../../components/ui/plain-nlds";
import styles from "../../styles/kpis.css?url";

export const meta: MetaFunction = () => [{ title: "KPI-dashboard · Koers" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Query parameter of the focus-area filter. */
export const FOCUS_AREA_PARAM = "aandachtsgebied";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const focusAreaId = new URL(request.url).searchParams.get(FOCUS_AREA_PARAM);
  const dashboard = await loadDashboard(member, { focusAreaId });
  return {
    cbsCode: member.cbsCode,
    municipalityName: member.municipalityName,
    year: dashboard.year,
    filter: dashboard.filter,
    focusAreas: dashboard.focusAreas,
    summary: dashboard.summary,
    kpis: dashboard.kpis.map(cardData),
  };
}

/** What a card shows, and no more: the page sends this for every KPI, so it is kept small. */
function cardData(k: DashboardKpi) {
  const first = k.recent[0];
  const last = k.recent[k.recent.length - 1];
  return {
    id: k.id,
    name: k.name,
    templateCode: k.templateCode,
    unit: k.unit,
    decimals: k.decimals,
    missing: k.missing,
    latest: k.latest ? { period: k.latest.period, year: k.latest.year, value: k.latest.value } : null,
    target: k.target ? { year: k.target.year, target: k.target.target } : null,
    light: k.light,
    health: k.health,
    spark: first && last ? { url: sparklineUrl(k.recent.map((r) => r.value)), count: k.recent.length, first: first.value, last: last.value } : null,
  };
}

type CardData = ReturnType<typeof cardData>;

export default function KpiDashboardPage() {
  const { t, i18n } = useTranslation();
  const { cbsCode, municipalityName, kpis, summary, focusAreas, filter, year } = useLoaderData<typeof loader>();
  const base = `/g/${cbsCode}/kpis`;
  return (
    <>
      <Heading1>{t("kpiDashboard.title")}</Heading1>
      <Paragraph>{t("kpiDashboard.intro", { municipality: municipalityName })}</Paragraph>
      <nav className="koers-kpi-links" aria-label={t("kpiDashboard.title")}>
        <RemixLink to={`${base}/bibliotheek`} className="utrecht-link">
          {t("kpiDashboard.library")}
        </RemixLink>
        <RemixLink to={`${base}/samenhang`} className="utrecht-link">
          {t("kpiDashboard.tree")}
        </RemixLink>
      </nav>

      {focusAreas.length > 0 ? (
        <Form method="get" className="koers-kpi-filter" aria-label={t("kpiDashboard.filter.legend")}>
          <FormField type="select">
            <Paragraph className="utrecht-form-field__label">
              <FormLabel htmlFor="kpi-filter-area">{t("kpiDashboard.filter.focusArea")}</FormLabel>
            </Paragraph>
            <Select id="kpi-filter-area" name={FOCUS_AREA_PARAM} defaultValue={filter.focusAreaId ?? ""} key={filter.focusAreaId ?? ""}>
              <SelectOption value="">{t("kpiDashboard.filter.all")}</SelectOption>
              {focusAreas.map((a) => (
                <SelectOption key={a.id} value={a.id}>
                  {a.name}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <Button type="submit" appearance="secondary-action-button">
            {t("kpiDashboard.filter.apply")}
          </Button>
          {filter.focusAreaId ? (
            <RemixLink to={base} className="utrecht-link">
              {t("kpiDashboard.filter.reset")}
            </RemixLink>
          ) : null}
        </Form>
      ) : null}

      <div role="status" aria-live="polite">
        {kpis.length > 0 ? (
          <Paragraph>
            {t("kpiDashboard.summary", { count: summary.total, green: summary.green, amber: summary.amber, red: summary.red, noColour: summary.noColour, noData: summary.noData })}
            {summary.incomplete > 0 ? ` ${t("kpiDashboard.summaryIncomplete", { count: summary.incomplete })}` : null}
          </Paragraph>
        ) : (
          <Paragraph>{t(filter.focusAreaId ? "kpiDashboard.emptyFiltered" : "kpiDashboard.empty")}</Paragraph>
        )}
      </div>

      {kpis.length > 0 ? (
        <ul className="koers-kpi-grid" aria-label={t("kpiDashboard.listLabel")}>
          {kpis.map((k) => (
            <KpiCard key={k.id} kpi={k} href={`${base}/${k.id}`} year={year} t={t} language={i18n.language} />
          ))}
        </ul>
      ) : null}

      {kpis.length > 0 ? <ExportForm cbsCode={cbsCode} focusAreaId={filter.focusAreaId} /> : null}
    </>
  );
}

/** Downloads of the dashboard, the definitions or all measurements (a plain GET to a resource route). */
function ExportForm({ cbsCode, focusAreaId }: { cbsCode: string; focusAreaId: string | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="kpi-export-heading" className="koers-kpi-export">
      <h2 id="kpi-export-heading" className="utrecht-heading-2">
        {t("kpiExport.title")}
      </h2>
      <Paragraph>{t("kpiExport.intro")}</Paragraph>
      <Form method="get" action={`/g/${cbsCode}/kpis/export`} reloadDocument>
        {focusAreaId ? <input type="hidden" name="aandachtsgebied" value={focusAreaId} /> : null}
        <FormField type="select">
          <Paragraph className="utrecht-form-field__label">
            <FormLabel htmlFor="kpi-export-what">{t("kpiExport.what")}</FormLabel>
          </Paragraph>
          <Select id="kpi-export-what" name="what" defaultValue="dashboard">
            {(["dashboard", "definitions", "measurements"] as const).map((w) => (
              <SelectOption key={w} value={w}>
                {t(`kpiExport.whatOptions.${w}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="select">
          <Paragraph className="utrecht-form-field__label">
            <FormLabel htmlFor="kpi-export-format">{t("kpiExport.format")}</FormLabel>
          </Paragraph>
          <Select id="kpi-export-format" name="format" defaultValue="xlsx">
            <SelectOption value="xlsx">Excel (XLSX)</SelectOption>
            <SelectOption value="csv">CSV</SelectOption>
          </Select>
        </FormField>
        <FormField type="select">
          <Paragraph className="utrecht-form-field__label">
            <FormLabel htmlFor="kpi-export-numbers">{t("kpiExport.numberStyle")}</FormLabel>
          </Paragraph>
          <Select id="kpi-export-numbers" name="numbers" defaultValue="nl">
            <SelectOption value="nl">{t("kpiExport.numberStyleNl")}</SelectOption>
            <SelectOption value="international">{t("kpiExport.numberStyleInternational")}</SelectOption>
          </Select>
        </FormField>
        <Button type="submit" appearance="secondary-action-button">
          {t("kpiExport.download")}
        </Button>
      </Form>
    </section>
  );
}

/**
 * One KPI's card. Built from sections: data health (phase 3) sits apart from the traffic light.
 */
function KpiCard({ kpi, href, year, t, language }: { kpi: CardData; href: string; year: number; t: TFunction; language: string }) {
  // t and the language come from the page: a hundred cards each calling useTranslation cost more
  // than the rest of the card.
  const format = (value: number) => formatNumber(value, kpi.decimals, language);
  const headingId = `kpi-card-${kpi.id}`;
  const spark = kpi.spark;
  return (
    <li className={`koers-kpi-card${kpi.light ? ` koers-kpi-card--${kpi.light}` : ""}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="utrecht-heading-2">
        <RemixLink to={href} className="utrecht-link" aria-label={t("kpiDashboard.card.open", { name: kpi.name })}>
          {kpi.name}
        </RemixLink>
      </h2>
      {kpi.templateCode ? <P className="koers-muted">{t("kpiDashboard.card.libraryCode", { code: kpi.templateCode })}</P> : null}
      {kpi.missing.length > 0 ? (
        <P>
          <span className="koers-badge koers-badge--incomplete">{t("kpiDashboard.card.incomplete")}</span>{" "}
          <span className="koers-muted">{t("kpiDashboard.card.missing", { parts: kpi.missing.map((p) => t(`kpiDashboard.parts.${p}`)).join(", ") })}</span>
        </P>
      ) : null}
      {kpi.latest ? (
        <>
          <P>
            <span className="visually-hidden">{t("kpiDashboard.card.latest")}: </span>
            <span className="koers-kpi-card__value">{format(kpi.latest.value)}</span> {kpi.unit ? <span>{kpi.unit}</span> : null}{" "}
            <span className="koers-muted">({kpi.latest.period})</span>
          </P>
          <P>
            <TrafficLightBadge light={kpi.light} t={t} />
          </P>
        </>
      ) : (
        <P className="koers-muted">{t("kpiDashboard.card.noData")}</P>
      )}
      <P>
        <DataHealthBadge state={kpi.health} t={t} />
      </P>
      <P>
        {kpi.target
          ? `${t("kpiDashboard.card.target", { year: kpi.target.year })}: ${withUnit(format(kpi.target.target), kpi.unit)}`
          : t("kpiDashboard.card.noTarget", { year: kpi.latest?.year ?? year })}
      </P>
      {spark?.url ? (
        <div className="koers-kpi-card__spark">
          {/* Decorative: the sentence below says the same in words. */}
          <img src={spark.url} alt="" width={SPARKLINE_SIZE.width} height={SPARKLINE_SIZE.height} loading="lazy" decoding="async" />
          <P className="koers-muted">{t("kpiDashboard.card.sparkline", { count: spark.count, first: format(spark.first), last: format(spark.last) })}</P>
        </div>
      ) : null}
    </li>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
