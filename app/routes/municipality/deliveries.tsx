// Deliveries (leveringen) of the municipality: the list, filtered per agreement, department and
// status and paged, and the upload form for members with delivery:upload. A plain multipart post
// to this page's action works without JavaScript; with it, the form posts to ./aanleveren with
// upload progress. Either way the user lands on the delivery's report.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, FormField, FormLabel, Heading1, Paragraph, Select, SelectOption, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { DeliveryUploadForm } from "../../components/deliveries/upload-form";
import { DeliveryStatusBadge } from "../../components/deliveries/delivery-status";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { deliveryFilterOptions, isDeliveryStatus, listDeliveries, DELIVERIES_PAGE_SIZE } from "../../modules/deliveries/deliveries.server";
import { listDeliverableDatasets } from "../../modules/deliveries/delivery-target.server";
import { deliveringDepartments } from "../../modules/deliveries/delivery-rights.server";
import { megabytes } from "../../modules/deliveries/error-messages";
import { maxDeliveryBytes } from "../../modules/deliveries/ingest/spool.server";
import { submitUpload } from "../../modules/deliveries/upload-action.server";
import { formatMoment } from "../../modules/programme/format";

export const meta: MetaFunction = () => [{ title: "Leveringen · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const page = Math.max(1, Number(url.searchParams.get("pagina")) || 1);
  const filter = {
    agreementId: url.searchParams.get("overeenkomst") || null,
    departmentId: url.searchParams.get("afdeling") || null,
    status: isDeliveryStatus(status) ? status : null,
    page,
  };
  const mayUpload = can(member.role, { delivery: ["upload"] });
  const [list, options, datasets] = await Promise.all([
    listDeliveries(member, filter),
    deliveryFilterOptions(member),
    mayUpload ? deliveringDepartments(member).then((departments) => listDeliverableDatasets(member.municipalityId, { departments })) : Promise.resolve([]),
  ]);
  return {
    cbsCode: member.cbsCode,
    filter,
    list,
    pages: Math.max(1, Math.ceil(list.total / DELIVERIES_PAGE_SIZE)),
    options,
    mayUpload,
    mayManageKeys: can(member.role, { agreement: ["manage"] }),
    maxSize: megabytes(maxDeliveryBytes()),
    defaultTarget: url.searchParams.get("aanleveren"),
    choices: datasets.map((d) => ({
      value: `${d.agreementId}/${d.datasetKey}`,
      agreementLabel: `${d.reference} ${d.title}${d.partyName ? ` (${d.partyName})` : ""}`,
      datasetName: d.datasetName,
      frequency: d.frequency,
      fieldNames: d.fieldNames,
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { delivery: ["upload"] });
  const t = requestT(request);
  const answer = await submitUpload(member, request, (key, values) => String(t(key as never, values as never)));
  if (answer.kind === "forbidden") throw forbidden();
  if (answer.kind === "done") return redirect(`/g/${member.cbsCode}/leveringen/${answer.deliveryId}`);
  return data({ result: answer.result }, { status: 400 });
}

export default function Deliveries() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/g/${d.cbsCode}/leveringen`;
  const query = (page: number) => {
    const q = new URLSearchParams();
    if (d.filter.agreementId) q.set("overeenkomst", d.filter.agreementId);
    if (d.filter.departmentId) q.set("afdeling", d.filter.departmentId);
    if (d.filter.status) q.set("status", d.filter.status);
    if (page > 1) q.set("pagina", String(page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const filtered = Boolean(d.filter.agreementId || d.filter.departmentId || d.filter.status);
  return (
    <>
      <Heading1>{t("deliveries.title")}</Heading1>
      <Paragraph>{t("deliveries.intro")}</Paragraph>
      {d.mayManageKeys ? (
        <Paragraph>
          <Link to={`${base}/api-sleutels`}>{t("deliveries.apiKeysLink")}</Link>
        </Paragraph>
      ) : null}
      {d.mayUpload ? (
        <DeliveryUploadForm action={base} xhrAction={`${base}/aanleveren`} choices={d.choices} maxSize={d.maxSize} lastResult={actionData?.result} defaultTarget={d.defaultTarget} />
      ) : null}

      <Form method="get" action={base} className="koers-section koers-form-row" aria-label={t("deliveries.filter.legend")}>
        <FormField type="select">
          <FormLabel htmlFor="filter-agreement">{t("deliveries.filter.agreement")}</FormLabel>
          <Select id="filter-agreement" name="overeenkomst" defaultValue={d.filter.agreementId ?? ""}>
            <SelectOption value="">{t("deliveries.filter.all")}</SelectOption>
            {d.options.agreements.map((a) => (
              <SelectOption key={a.id} value={a.id}>
                {a.reference}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="select">
          <FormLabel htmlFor="filter-department">{t("deliveries.filter.department")}</FormLabel>
          <Select id="filter-department" name="afdeling" defaultValue={d.filter.departmentId ?? ""}>
            <SelectOption value="">{t("deliveries.filter.all")}</SelectOption>
            {d.options.departments.map((x) => (
              <SelectOption key={x.id} value={x.id}>
                {x.name}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="select">
          <FormLabel htmlFor="filter-status">{t("deliveries.filter.status")}</FormLabel>
          <Select id="filter-status" name="status" defaultValue={d.filter.status ?? ""}>
            <SelectOption value="">{t("deliveries.filter.all")}</SelectOption>
            {(["accepted", "rejected", "superseded"] as const).map((s) => (
              <SelectOption key={s} value={s}>
                {t(`deliveries.statuses.${s}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <Button type="submit" appearance="secondary-action-button">
          {t("deliveries.filter.apply")}
        </Button>
      </Form>

      {d.list.items.length === 0 ? (
        <Paragraph>{filtered ? t("deliveries.emptyFiltered") : t("deliveries.empty")}</Paragraph>
      ) : (
        <Table className="koers-table">
          <TableCaption>{t("deliveries.listCaption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("deliveries.columns.received")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.agreement")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.dataset")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.period")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.status")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.rows")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.errors")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.by")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.list.items.map((item) => (
              <TableRow key={item.id}>
                <TableCell>
                  <Link to={`${base}/${item.id}`}>{formatMoment(item.receivedAt, i18n.language)}</Link>
                </TableCell>
                <TableCell>
                  {item.reference} {item.title}
                  {item.partyName ? <span className="koers-muted"> · {item.partyName}</span> : null}
                </TableCell>
                <TableCell>{item.datasetName}</TableCell>
                <TableCell>{item.period}</TableCell>
                <TableCell>
                  <DeliveryStatusBadge status={item.status} />
                </TableCell>
                <TableCell>{item.rowCount}</TableCell>
                <TableCell>{item.errorCount}</TableCell>
                <TableCell>{item.channel === "api" ? t("deliveries.viaApi") : (item.uploadedBy ?? "—")}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {d.pages > 1 ? (
        <nav aria-label={t("deliveries.pages")} className="koers-section">
          <Paragraph>{t("deliveries.pageOf", { page: d.filter.page, pages: d.pages })}</Paragraph>
          <ul className="koers-form-row" style={{ listStyle: "none", padding: 0 }}>
            {d.filter.page > 1 ? (
              <li>
                <Link to={query(d.filter.page - 1)}>{t("deliveries.previous")}</Link>
              </li>
            ) : null}
            {d.filter.page < d.pages ? (
              <li>
                <Link to={query(d.filter.page + 1)}>{t("deliveries.next")}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
