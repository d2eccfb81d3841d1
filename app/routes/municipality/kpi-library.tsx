// The KPI library (bibliotheek): search and filter with a GET form (works without JavaScript, the URL
// can be shared), a table of entries saying which are withdrawn and which the municipality already
// chose, and — for members who may define KPIs — choosing one (?kies=<code>) for a success factor.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { FactorOptions, SelectField } from "../../components/kpis/select-field";
import { FormError } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { chooseTemplate } from "../../modules/kpis/kpis.server";
import { getLibraryEntry, listLibrary } from "../../modules/kpis/library.server";
import { listFactorOptions } from "../../modules/kpis/relations.server";
import { chooseTemplateSchema } from "../../modules/kpis/schema";
import styles from "../../styles/kpis.css?url";

export const meta: MetaFunction = () => [{ title: "KPI-bibliotheek · Koers" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const search = new URL(request.url).searchParams;
  const view = await listLibrary(member, { q: search.get("q"), area: search.get("gebied"), library: search.get("bibliotheek") });
  const mayEdit = can(member.role, { kpi: ["edit"] });
  const code = search.get("kies");
  let choosing = null;
  if (mayEdit && code) {
    const entry = await getLibraryEntry(member, code);
    if (entry && !entry.withdrawn && !entry.chosen) {
      const groups = await listFactorOptions(member);
      // Factors of the entry's own focus area first, the first of them preselected.
      const own = groups.filter((g) => g.areaKey === entry.focusAreaKey);
      const ordered = [...own, ...groups.filter((g) => g.areaKey !== entry.focusAreaKey)];
      choosing = { entry, groups: ordered, preselect: own[0]?.goals[0]?.factors[0]?.id ?? "" };
    }
  }
  return { cbsCode: member.cbsCode, ...view, mayEdit, choosing };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { kpi: ["edit"] });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: chooseTemplateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await chooseTemplate(member, submission.value);
  if (outcome.ok) return redirect(`/g/${member.cbsCode}/kpis/${outcome.id}/definitie`);
  const t = requestT(request);
  if (outcome.error === "invalid") {
    const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([k, keys]) => [k, keys.map((key) => t(key, { ...outcome.values, interpolation: { escapeValue: false } }))]));
    const conflict = Object.values(outcome.fieldErrors).flat().some((key) => key.endsWith("Taken"));
    return data({ result: submission.reply({ fieldErrors }) }, { status: conflict ? 409 : 400 });
  }
  return data({ result: submission.reply({ formErrors: [t(`kpiDefinitions.errors.${outcome.error}`)] }) }, { status: 404 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function KpiLibrary() {
  const { t } = useTranslation();
  const { cbsCode, entries, total, areas, filter, mayEdit, choosing } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const base = `/g/${cbsCode}/kpis`;
  const query = new URLSearchParams();
  if (filter.q) query.set("q", filter.q);
  if (filter.area) query.set("gebied", filter.area);
  if (filter.library) query.set("bibliotheek", filter.library);
  const chooseUrl = (code: string) => {
    const q = new URLSearchParams(query);
    q.set("kies", code);
    return `${base}/bibliotheek?${q.toString()}#kiezen`;
  };
  const searching = navigation.state === "loading" && navigation.location?.pathname === `${base}/bibliotheek`;
  return (
    <>
      <Heading1>{t("kpiDefinitions.library.heading")}</Heading1>
      <Paragraph>{t("kpiDefinitions.library.intro")}</Paragraph>
      <nav aria-label={t("kpiDefinitions.title")} className="koers-kpi-links">
        <RemixLink to={base} className="utrecht-link">
          {t("kpiDefinitions.nav.dashboard")}
        </RemixLink>
        <RemixLink to={`${base}/samenhang`} className="utrecht-link">
          {t("kpiDefinitions.nav.tree")}
        </RemixLink>
        {mayEdit ? (
          <RemixLink to={`${base}/nieuw`} className="utrecht-link">
            {t("kpiDefinitions.nav.newKpi")}
          </RemixLink>
        ) : null}
      </nav>
      {!mayEdit ? <Paragraph className="koers-muted">{t("kpiDefinitions.library.readOnly")}</Paragraph> : null}

      {choosing ? <ChoosePanel choosing={choosing} cancelUrl={`${base}/bibliotheek${query.size ? `?${query.toString()}` : ""}`} /> : null}

      <section className="koers-section" aria-labelledby="search-heading">
        <Heading2 id="search-heading">{t("kpiDefinitions.library.searchHeading")}</Heading2>
        <Form method="get" className="koers-kpi-filters" role="search" aria-labelledby="search-heading">
          <FormField type="text">
            <Paragraph className="utrecht-form-field__label">
              <FormLabel htmlFor="library-q">{t("kpiDefinitions.library.search")}</FormLabel>
            </Paragraph>
            <Textbox id="library-q" name="q" type="search" defaultValue={filter.q} key={`q-${filter.q}`} />
          </FormField>
          <FormField type="select">
            <Paragraph className="utrecht-form-field__label">
              <FormLabel htmlFor="library-area">{t("kpiDefinitions.library.area")}</FormLabel>
            </Paragraph>
            <Select id="library-area" name="gebied" defaultValue={filter.area} key={`a-${filter.area}`}>
              <SelectOption value="">{t("kpiDefinitions.library.anyArea")}</SelectOption>
              {areas.map((a) => (
                <SelectOption key={a.id} value={a.id}>
                  {a.name}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField type="select">
            <Paragraph className="utrecht-form-field__label">
              <FormLabel htmlFor="library-library">{t("kpiDefinitions.library.libraryFilter")}</FormLabel>
            </Paragraph>
            <Select id="library-library" name="bibliotheek" defaultValue={filter.library} key={`l-${filter.library}`}>
              <SelectOption value="">{t("kpiDefinitions.library.anyLibrary")}</SelectOption>
              <SelectOption value="bbv">{t("kpiDefinitions.libraries.bbv")}</SelectOption>
              <SelectOption value="model">{t("kpiDefinitions.libraries.model")}</SelectOption>
            </Select>
          </FormField>
          <div className="koers-kpi-filters__actions">
            <Button type="submit" appearance="primary-action-button" busy={searching}>
              {t("kpiDefinitions.library.apply")}
            </Button>
            {query.size ? (
              <RemixLink to={`${base}/bibliotheek`} className="utrecht-link">
                {t("kpiDefinitions.library.reset")}
              </RemixLink>
            ) : null}
          </div>
        </Form>
      </section>

      <Paragraph role="status" aria-live="polite">
        {entries.length === 0 ? t("kpiDefinitions.library.noResults") : t("kpiDefinitions.library.results", { count: entries.length, total })}
      </Paragraph>
      {entries.length > 0 ? (
        <div className="koers-table-scroll">
          <Table className="koers-table koers-kpi-library">
            <TableCaption>{t("kpiDefinitions.library.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.code")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.unit")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.direction")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.frequency")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.source")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.focusArea")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("kpiDefinitions.library.status")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.code} className={e.withdrawn ? "koers-row--withdrawn" : undefined}>
                  <TableCell>{e.code}</TableCell>
                  <TableHeaderCell scope="row">{e.name}</TableHeaderCell>
                  <TableCell>{e.unit}</TableCell>
                  <TableCell>{t(`kpiDefinitions.directions.${e.direction}`)}</TableCell>
                  <TableCell>{t(`kpiDefinitions.frequencies.${e.frequency}`)}</TableCell>
                  <TableCell>{e.source}</TableCell>
                  <TableCell>{e.focusArea?.name ?? t("kpiDefinitions.library.noArea")}</TableCell>
                  <TableCell>
                    {e.withdrawn ? (
                      <span className="koers-badge koers-badge--retired" title={t("kpiDefinitions.library.withdrawnHint")}>
                        {t("kpiDefinitions.library.withdrawn")}
                        <span className="visually-hidden">: {t("kpiDefinitions.library.withdrawnHint")}</span>
                      </span>
                    ) : e.chosen ? (
                      <>
                        <span className="koers-badge koers-badge--chosen">{t("kpiDefinitions.library.chosen")}</span>{" "}
                        <RemixLink to={`${base}/${e.chosen.kpiId}/definitie`} className="utrecht-link" aria-label={t("kpiDefinitions.library.openChosen", { name: e.chosen.name })}>
                          {t("kpiDefinitions.library.open")}
                        </RemixLink>
                      </>
                    ) : mayEdit ? (
                      <RemixLink to={chooseUrl(e.code)} className="utrecht-link" aria-label={t("kpiDefinitions.library.chooseLabel", { name: e.name })}>
                        {t("kpiDefinitions.library.choose")}
                      </RemixLink>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {mayEdit ? (
        <Paragraph>
          {t("kpiDefinitions.library.newKpiIntro")}{" "}
          <RemixLink to={`${base}/nieuw`} className="utrecht-link">
            {t("kpiDefinitions.nav.newKpi")}
          </RemixLink>
        </Paragraph>
      ) : null}
    </>
  );
}

function ChoosePanel({ choosing, cancelUrl }: { choosing: NonNullable<LoaderData["choosing"]>; cancelUrl: string }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>()?.result as SubmissionResult<string[]> | undefined;
  const { entry, groups, preselect } = choosing;
  const [form, fields] = useKoersForm(chooseTemplateSchema, { id: `choose-${entry.code}`, lastResult, defaultValue: { templateCode: entry.code, factorId: preselect } });
  const navigation = useNavigation();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a "Kiezen" link: move the focus to the panel so keyboard and screen reader users land on it.
  useEffect(() => heading.current?.focus(), [entry.code]);
  const templateErrors = fields.templateCode.errors;
  return (
    <section className="koers-section koers-kpi-choose" id="kiezen" aria-labelledby="choose-heading">
      <Heading2 id="choose-heading" ref={heading} tabIndex={-1}>
        {t("kpiDefinitions.library.chooseHeading", { name: entry.name })}
      </Heading2>
      <Paragraph>{t("kpiDefinitions.library.chooseIntro", { code: entry.code })}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={[...(form.errors ?? []), ...(templateErrors ?? [])]} />
        <input type="hidden" name="templateCode" value={entry.code} />
        {groups.length === 0 ? <Paragraph className="koers-muted">{t("kpiDefinitions.library.noFactors")}</Paragraph> : null}
        <SelectField field={fields.factorId} label={t("kpiDefinitions.library.factor")} hint={t("kpiDefinitions.library.factorHint")}>
          <option value="">{t("kpiDefinitions.library.noFactor")}</option>
          <FactorOptions groups={groups} />
        </SelectField>
        <div className="koers-kpi-filters__actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("kpiDefinitions.library.chooseConfirm")}
          </Button>
          <RemixLink to={cancelUrl} className="utrecht-link">
            {t("kpiDefinitions.library.cancel")}
          </RemixLink>
        </div>
      </Form>
    </section>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
