// The delivery agreements of a municipality: per department or external source, with title,
// reference, current version, status and the signatures present; filter by status (a GET form).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Button, ButtonLink, FormLabel, Heading1, Paragraph, Select, SelectOption, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AGREEMENT_STATUSES, type AgreementStatus } from "../../../db/schema/agreements";
import { requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { listAgreements } from "../../modules/agreements/agreement-view.server";

export const meta: MetaFunction = () => [{ title: "Leveringsafspraken · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const wanted = new URL(request.url).searchParams.get("status") ?? "";
  const status = (AGREEMENT_STATUSES as readonly string[]).includes(wanted) ? (wanted as AgreementStatus) : undefined;
  const agreements = await listAgreements(member, { status });
  return { cbsCode: member.cbsCode, agreements, status: status ?? "", mayCreate: can(member.role, { agreement: ["manage"] }) };
}

export default function AgreementsPage() {
  const { t } = useTranslation();
  const { cbsCode, agreements, status, mayCreate } = useLoaderData<typeof loader>();
  const base = `/g/${cbsCode}/overeenkomsten`;
  return (
    <>
      <Heading1>{t("agreements.list.heading")}</Heading1>
      <Paragraph>{t("agreements.list.intro")}</Paragraph>
      {mayCreate ? (
        <Paragraph>
          <ButtonLink href={`${base}/nieuw`} appearance="primary-action-button">
            {t("agreements.list.newAgreement")}
          </ButtonLink>
        </Paragraph>
      ) : null}
      <Form method="get" className="koers-form-row" aria-label={t("agreements.list.filterLabel")}>
        <div>
          <FormLabel htmlFor="agreement-status">{t("agreements.list.filterLabel")}</FormLabel>
          <Select id="agreement-status" name="status" defaultValue={status}>
            <SelectOption value="">{t("agreements.list.filterAll")}</SelectOption>
            {AGREEMENT_STATUSES.map((s) => (
              <SelectOption key={s} value={s}>
                {t(`agreements.statuses.${s}`)}
              </SelectOption>
            ))}
          </Select>
        </div>
        <Button type="submit" appearance="secondary-action-button">
          {t("agreements.list.filter")}
        </Button>
      </Form>
      {agreements.length === 0 ? (
        <Paragraph className="koers-muted">{t(status ? "agreements.list.emptyFiltered" : "agreements.list.empty")}</Paragraph>
      ) : (
        <Table className="koers-table">
          <TableCaption>{t("agreements.list.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("agreements.list.party")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.list.title")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.list.reference")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.list.version")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.list.status")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.list.signatures")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {agreements.map((a) => (
              <TableRow key={a.id}>
                <TableCell>
                  {a.party.name} <span className="koers-muted">({t(`agreements.partyKinds.${a.party.kind}`)})</span>
                </TableCell>
                <TableCell>
                  <RemixLink to={`${base}/${a.id}`} className="utrecht-link">
                    {a.title}
                  </RemixLink>
                </TableCell>
                <TableCell>{a.reference}</TableCell>
                <TableCell>{a.version}</TableCell>
                <TableCell>
                  <span className="koers-badge">{t(`agreements.statuses.${a.status}`)}</span>
                  {a.activeVersion ? <span className="koers-muted"> · {t("agreements.list.activeAlongside", { version: a.activeVersion })}</span> : null}
                </TableCell>
                <TableCell>{t("agreements.list.signaturesCount", { count: a.signatures })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
