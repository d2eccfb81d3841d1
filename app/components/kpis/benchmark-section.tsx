// The KPI page's comparison with other municipalities: the lead's sharing setting and, while the
// municipality shares, a table per period of its own value next to the sharing municipalities'
// (named ones by name; anonymous ones only in groups large enough, see benchmark.server.ts).
import { Form, useNavigation } from "@remix-run/react";
import { Button, Checkbox, FormField, FormLabel, Heading2, Paragraph, Table, TableBody, TableCaption, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { Td, Th, Tr } from "../ui/plain-nlds";
import { useTranslation } from "../../i18n/use-translation";
import type { BenchmarkView } from "../../modules/kpis/benchmark.server";
import { Notice } from "../ui/form-field";

export const BENCHMARK_INTENT = "benchmark";

export function BenchmarkSection({
  view,
  mayManage,
  minAnonymous,
  format,
  outcome,
}: {
  view: BenchmarkView;
  mayManage: boolean;
  minAnonymous: number;
  format: (value: number) => string;
  outcome: { ok: true } | { ok: false; error: string } | null;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === BENCHMARK_INTENT;
  const settings = view.status === "notFromLibrary" ? null : view.settings;
  return (
    <section className="koers-section" aria-labelledby="benchmark-heading">
      <Heading2 id="benchmark-heading">{t("kpiBenchmark.heading")}</Heading2>
      <Paragraph>{t("kpiBenchmark.intro", { min: minAnonymous })}</Paragraph>
      <div role="status" aria-live="polite">
        {outcome?.ok ? <Notice>{t("kpiBenchmark.saved")}</Notice> : null}
        {outcome && !outcome.ok ? <Notice type="warning">{t(`kpiBenchmark.errors.${outcome.error}`)}</Notice> : null}
      </div>
      {view.status === "notFromLibrary" ? <Paragraph>{t("kpiBenchmark.notFromLibrary")}</Paragraph> : null}
      {settings && mayManage ? (
        <Form method="post" className="koers-form" key={`${settings.share}-${settings.named}`}>
          <input type="hidden" name="intent" value={BENCHMARK_INTENT} />
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t("kpiBenchmark.settingsLegend")}</legend>
            <FormField type="checkbox">
              <Checkbox id="benchmark-share" name="share" value="on" defaultChecked={settings.share} />
              <FormLabel htmlFor="benchmark-share" type="checkbox">
                {t("kpiBenchmark.share")}
              </FormLabel>
            </FormField>
            <FormField type="checkbox">
              <Checkbox id="benchmark-named" name="named" value="on" defaultChecked={settings.named} />
              <FormLabel htmlFor="benchmark-named" type="checkbox">
                {t("kpiBenchmark.named")}
              </FormLabel>
            </FormField>
          </fieldset>
          <Button type="submit" appearance="secondary-action-button" busy={saving} disabled={saving}>
            {t("kpiBenchmark.save")}
          </Button>
        </Form>
      ) : null}
      {view.status === "notShared" ? <Paragraph>{t("kpiBenchmark.notShared")} {mayManage ? null : t("kpiBenchmark.notSharedReadOnly")}</Paragraph> : null}
      {view.status === "shared" ? (
        <>
          <Paragraph>{t(view.settings.named ? "kpiBenchmark.sharingNamed" : "kpiBenchmark.sharingAnonymous")}</Paragraph>
          {view.periods.length === 0 ? (
            <Paragraph className="koers-muted">{t("kpiBenchmark.noPeriods")}</Paragraph>
          ) : (
            <Table className="koers-table">
              <TableCaption>{t("kpiBenchmark.tableCaption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("kpiBenchmark.period")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("kpiBenchmark.own")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("kpiBenchmark.peers")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("kpiBenchmark.lowest")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("kpiBenchmark.median")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("kpiBenchmark.highest")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("kpiBenchmark.namedPeers")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.periods.map((p) => (
                  <Tr key={p.period}>
                    <Th scope="row">{p.period}</Th>
                    <Td className="koers-num">{p.own === null ? t("kpiBenchmark.none") : format(p.own)}</Td>
                    <Td className="koers-num">
                      {p.peers.length}
                      {p.anonymousWithheld > 0 ? <span className="koers-muted"> ({t("kpiBenchmark.withheld", { count: p.anonymousWithheld })})</span> : null}
                    </Td>
                    <Td className="koers-num">{p.stats ? format(p.stats.min) : t("kpiBenchmark.tooFew")}</Td>
                    <Td className="koers-num">{p.stats ? format(p.stats.median) : t("kpiBenchmark.tooFew")}</Td>
                    <Td className="koers-num">{p.stats ? format(p.stats.max) : t("kpiBenchmark.tooFew")}</Td>
                    <Td>
                      {p.peers.filter((peer) => peer.name !== null).map((peer) => `${peer.name} ${format(peer.value)}`).join("; ") || t("kpiBenchmark.none")}
                    </Td>
                  </Tr>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      ) : null}
    </section>
  );
}
