// Focus areas (aandachtsgebieden): the model's eleven plus the municipality's own, in the frame's
// order, each with its description, Iv3 task fields, whether it is chosen ("denk groot, begin
// klein"), how far its policy map is, and a link to it. Programme leads choose, rename, add,
// retire and restore areas; every other member reads. One action, one `intent` per form.
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
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
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import {
  createFocusArea,
  listFocusAreas,
  restoreFocusArea,
  retireFocusArea,
  setFocusAreaChosen,
  updateFocusArea,
  type FocusAreaOutcome,
} from "../../modules/strategy/focus-areas.server";
import { TextareaField } from "../../components/ui/textarea-field";
import { formatIv3, isIv3MainField } from "../../modules/strategy/iv3";
import { createFocusAreaSchema, focusAreaIdSchema, setFocusAreaChosenSchema, updateFocusAreaSchema } from "../../modules/strategy/schema";
import styles from "../../styles/policy-maps.css?url";

export const meta: MetaFunction = () => [{ title: "Aandachtsgebieden en beleidskaarten · Koers" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const INTENTS = ["createArea", "updateArea", "setChosen", "retireArea", "restoreArea"] as const;
type Intent = (typeof INTENTS)[number];

/** Query parameter that shows retired areas too. */
const SHOW_RETIRED = "ingetrokken";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const showRetired = new URL(request.url).searchParams.get(SHOW_RETIRED) === "1";
  const areas = await listFocusAreas(member, { includeRetired: true });
  const current = areas.filter((a) => !a.retiredAt);
  return {
    cbsCode: member.cbsCode,
    municipalityName: member.municipalityName,
    canManage: can(member.role, { strategy: ["manage"] }),
    showRetired,
    retiredCount: areas.length - current.length,
    total: current.length,
    areas: (showRetired ? areas : current).map((a) => ({
      id: a.id,
      isOwn: a.key === null,
      name: a.name,
      description: a.description,
      iv3: a.iv3,
      chosen: a.chosen,
      retired: Boolean(a.retiredAt),
      goalCount: a.goalCount,
      factorCount: a.factorCount,
    })),
  };
}

type NoticeData = { key: string; values: Record<string, string> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: NoticeData | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: NoticeData | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, { strategy: ["manage"] })) throw forbidden();
  const t = requestT(request);
  const formId = intent === "createArea" ? formIdOf(intent) : formIdOf(intent, String(formData.get("areaId") ?? ""));

  /** Maps a refused command to the form's errors. */
  const refused = (submission: { reply: (options?: object) => SubmissionResult<string[]> }, outcome: Exclude<FocusAreaOutcome, { ok: true }>) => {
    switch (outcome.error) {
      case "invalid":
        return reply(formId, submission.reply({ fieldErrors: outcome.fieldErrors }), 400);
      case "nameTaken":
        return reply(formId, submission.reply({ fieldErrors: { name: [t("policyMaps.errors.areaNameTaken", { name: outcome.name })] } }), 409);
      case "retired":
        return reply(formId, submission.reply({ formErrors: [t("policyMaps.errors.areaRetired")] }), 409);
      case "notFound":
        return reply(formId, submission.reply({ formErrors: [t("policyMaps.errors.notFound")] }), 404);
    }
  };
  const done = (submission: { reply: (options?: object) => SubmissionResult<string[]> }, changed: boolean, key: string, name: string, reset = false) =>
    reply(formId, submission.reply(reset ? { resetForm: true } : undefined), 200, changed ? { key, values: { name } } : { key: "policyMaps.notices.unchanged", values: {} });

  switch (intent) {
    case "createArea": {
      const submission = parseWithZod(formData, { schema: createFocusAreaSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await createFocusArea(member, submission.value);
      if (!outcome.ok) return refused(submission, outcome);
      return done(submission, outcome.changed, "policyMaps.notices.areaCreated", outcome.name, true);
    }
    case "updateArea": {
      const submission = parseWithZod(formData, { schema: updateFocusAreaSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await updateFocusArea(member, submission.value.areaId, submission.value);
      if (!outcome.ok) return refused(submission, outcome);
      return done(submission, outcome.changed, "policyMaps.notices.areaUpdated", outcome.name);
    }
    case "setChosen": {
      const submission = parseWithZod(formData, { schema: setFocusAreaChosenSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await setFocusAreaChosen(member, submission.value.areaId, submission.value.chosen);
      if (!outcome.ok) return refused(submission, outcome);
      return done(submission, outcome.changed, submission.value.chosen ? "policyMaps.notices.areaChosen" : "policyMaps.notices.areaUnchosen", outcome.name);
    }
    case "retireArea":
    case "restoreArea": {
      const submission = parseWithZod(formData, { schema: focusAreaIdSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const retire = intent === "retireArea";
      const outcome = retire ? await retireFocusArea(member, submission.value.areaId) : await restoreFocusArea(member, submission.value.areaId);
      if (!outcome.ok) {
        // A restore refused for its name has no name field: the message goes to the whole form.
        if (outcome.error === "nameTaken") return reply(formId, submission.reply({ formErrors: [t("policyMaps.errors.areaNameTaken", { name: outcome.name })] }), 409);
        return refused(submission, outcome);
      }
      return done(submission, outcome.changed, retire ? "policyMaps.notices.areaRetired" : "policyMaps.notices.areaRestored", outcome.name);
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type AreaRow = LoaderData["areas"][number];

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

const useSubmitting = (formId: string) => useFormSubmitting(formId, "areaId");

function useIv3Lines(codes: string[]): string[] {
  const { t } = useTranslation();
  return formatIv3(codes, (main) => (isIv3MainField(main) ? t(`policyMaps.iv3Fields.${main}`) : null));
}

export default function FocusAreas() {
  const { t } = useTranslation();
  const { cbsCode, municipalityName, canManage, showRetired, retiredCount, total, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const chosen = areas.filter((a) => a.chosen && !a.retired);
  const base = `/g/${cbsCode}/aandachtsgebieden`;
  // An error for a row that is no longer on the page has no form to show it at.
  const rendered = new Set<string>([formIdOf("createArea")]);
  for (const a of areas) for (const intent of INTENTS) rendered.add(formIdOf(intent, a.id));
  const orphanErrors = actionData && !rendered.has(actionData.formId) ? actionData.result.error?.[""] : undefined;
  return (
    <>
      <Heading1>{t("policyMaps.title")}</Heading1>
      <Paragraph>{t("policyMaps.intro", { municipality: municipalityName })}</Paragraph>
      {actionData?.notice ? <Notice>{t(actionData.notice.key, actionData.notice.values)}</Notice> : null}
      <FormError errors={orphanErrors} />
      {!canManage ? <Paragraph className="koers-muted">{t("policyMaps.readOnly")}</Paragraph> : null}

      <section className="koers-section" aria-labelledby="chosen-heading">
        <Heading2 id="chosen-heading">{t("policyMaps.chosenHeading")}</Heading2>
        <Paragraph>{t("policyMaps.chosenSummary", { chosen: chosen.length, total })}</Paragraph>
        {chosen.length === 0 ? (
          <Paragraph className="koers-muted">{t("policyMaps.noneChosen")}</Paragraph>
        ) : (
          <ul className="koers-cards">
            {chosen.map((a) => (
              <li key={a.id} className="koers-card">
                <h3 className="utrecht-heading-3">{a.name}</h3>
                <Paragraph>
                  <MapCounts goals={a.goalCount} factors={a.factorCount} />
                </Paragraph>
                <RemixLink to={`${base}/${a.id}`} className="utrecht-link" prefetch="intent" aria-label={`${t("policyMaps.areas.openMap")}: ${a.name}`}>
                  {t("policyMaps.areas.openMap")}
                </RemixLink>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="koers-section" aria-labelledby="all-heading">
        <Heading2 id="all-heading">{t("policyMaps.allHeading")}</Heading2>
        {retiredCount > 0 || showRetired ? (
          <Paragraph>
            <RemixLink to={showRetired ? base : `${base}?${SHOW_RETIRED}=1`} className="utrecht-link" preventScrollReset>
              {showRetired ? t("policyMaps.hideRetired") : `${t("policyMaps.showRetired")} (${retiredCount})`}
            </RemixLink>
          </Paragraph>
        ) : null}
        <Table className="koers-table koers-focus-areas">
          <TableCaption className="visually-hidden">{t("policyMaps.areas.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("policyMaps.areas.name")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("policyMaps.areas.iv3")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("policyMaps.areas.status")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("policyMaps.areas.policyMap")}</TableHeaderCell>
              {canManage ? <TableHeaderCell scope="col">{t("policyMaps.areas.actions")}</TableHeaderCell> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {areas.map((a) => (
              <AreaRowView key={a.id} area={a} base={base} canManage={canManage} />
            ))}
          </TableBody>
        </Table>
      </section>

      {canManage ? <CreateArea /> : null}
    </>
  );
}

function AreaRowView({ area, base, canManage }: { area: AreaRow; base: string; canManage: boolean }) {
  const { t } = useTranslation();
  const iv3 = useIv3Lines(area.iv3);
  return (
    <TableRow className={area.retired ? "koers-row--retired" : undefined}>
      <TableHeaderCell scope="row">
        <span className="koers-area-name">{area.name}</span>
        {area.isOwn ? (
          <>
            {" "}
            <span className="koers-badge koers-badge--own">{t("policyMaps.areas.own")}</span>
          </>
        ) : null}
        <span className="koers-area-description">{area.description ? area.description : <span className="koers-muted">{t("policyMaps.areas.noDescription")}</span>}</span>
      </TableHeaderCell>
      <TableCell>
        {iv3.length === 0 ? (
          <span className="koers-muted">{t("policyMaps.areas.noIv3")}</span>
        ) : (
          <ul className="koers-plain-list">
            {iv3.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </TableCell>
      <TableCell>
        {area.retired ? (
          <span className="koers-badge koers-badge--retired">{t("policyMaps.areas.retired")}</span>
        ) : area.chosen ? (
          <span className="koers-badge koers-badge--chosen">{t("policyMaps.areas.chosen")}</span>
        ) : (
          <span className="koers-muted">{t("policyMaps.areas.notChosen")}</span>
        )}
        {canManage && !area.retired ? <ChooseArea area={area} /> : null}
      </TableCell>
      <TableCell>
        <Paragraph className="koers-compact">
          <MapCounts goals={area.goalCount} factors={area.factorCount} />
        </Paragraph>
        <RemixLink to={`${base}/${area.id}`} className="utrecht-link" prefetch="intent" aria-label={`${t("policyMaps.areas.openMap")}: ${area.name}`}>
          {t("policyMaps.areas.openMap")}
        </RemixLink>
      </TableCell>
      {canManage ? (
        <TableCell>
          {area.retired ? (
            <RestoreArea area={area} />
          ) : (
            <>
              <EditArea key={`${area.id}:${area.name}:${area.description ?? ""}`} area={area} />
              <RetireArea area={area} />
            </>
          )}
        </TableCell>
      ) : null}
    </TableRow>
  );
}

/** "2 doelstellingen, 5 succesfactoren". */
function MapCounts({ goals, factors }: { goals: number; factors: number }) {
  const { t } = useTranslation();
  return (
    <>
      {t("policyMaps.areas.goalCount", { count: goals })}, {t("policyMaps.areas.factorCount", { count: factors })}
    </>
  );
}

function ChooseArea({ area }: { area: AreaRow }) {
  const { t } = useTranslation();
  const formId = formIdOf("setChosen", area.id);
  const lastResult = useLastResult(formId);
  const [form] = useKoersForm(setFocusAreaChosenSchema, { id: formId, lastResult });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-inline-form koers-choose-form" preventScrollReset>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="setChosen" />
      <input type="hidden" name="areaId" value={area.id} />
      <input type="hidden" name="chosen" value={area.chosen ? "false" : "true"} />
      <Button type="submit" appearance={area.chosen ? "secondary-action-button" : "primary-action-button"} busy={submitting} aria-label={`${area.chosen ? t("policyMaps.areas.unchoose") : t("policyMaps.areas.choose")}: ${area.name}`}>
        {area.chosen ? t("policyMaps.areas.unchoose") : t("policyMaps.areas.choose")}
      </Button>
    </Form>
  );
}

function CreateArea() {
  const { t } = useTranslation();
  const formId = formIdOf("createArea");
  const [form, fields] = useKoersForm(createFocusAreaSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <section className="koers-section" aria-labelledby="create-area-heading">
      <Heading2 id="create-area-heading">{t("policyMaps.areas.add")}</Heading2>
      <Paragraph>{t("policyMaps.areas.addIntro")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="createArea" />
        <TextField field={fields.name} label={t("policyMaps.areas.nameLabel")} />
        <TextareaField field={fields.description} label={t("policyMaps.areas.descriptionLabel")} hint={t("policyMaps.areas.descriptionHint")} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("policyMaps.areas.add")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function EditArea({ area }: { area: AreaRow }) {
  const { t } = useTranslation();
  const formId = formIdOf("updateArea", area.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(updateFocusAreaSchema, { id: formId, lastResult, defaultValue: { areaId: area.id, name: area.name, description: area.description ?? "" } });
  const submitting = useSubmitting(formId);
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary aria-label={`${t("policyMaps.areas.edit")}: ${area.name}`}>
        {t("policyMaps.areas.edit")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="updateArea" />
        <input type="hidden" name={fields.areaId.name} value={area.id} />
        {!area.isOwn ? <Paragraph className="koers-muted">{t("policyMaps.areas.frameHint")}</Paragraph> : null}
        <TextField field={fields.name} label={t("policyMaps.areas.nameLabel")} />
        <TextareaField field={fields.description} label={t("policyMaps.areas.descriptionLabel")} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting} aria-label={`${t("policyMaps.areas.save")}: ${area.name}`}>
            {t("policyMaps.areas.save")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function RetireArea({ area }: { area: AreaRow }) {
  const { t } = useTranslation();
  const formId = formIdOf("retireArea", area.id);
  const lastResult = useLastResult(formId);
  const [form] = useKoersForm(focusAreaIdSchema, { id: formId, lastResult });
  const submitting = useSubmitting(formId);
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary aria-label={`${t("policyMaps.areas.retire")}: ${area.name}`}>
        {t("policyMaps.areas.retire")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form" preventScrollReset>
        <FormError errors={form.errors} />
        <Paragraph>{t("policyMaps.areas.retireWarning")}</Paragraph>
        <input type="hidden" name="intent" value="retireArea" />
        <input type="hidden" name="areaId" value={area.id} />
          <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("policyMaps.areas.retireConfirm", { name: area.name })}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function RestoreArea({ area }: { area: AreaRow }) {
  const { t } = useTranslation();
  const formId = formIdOf("restoreArea", area.id);
  const lastResult = useLastResult(formId);
  const [form] = useKoersForm(focusAreaIdSchema, { id: formId, lastResult });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-inline-form" preventScrollReset>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="restoreArea" />
      <input type="hidden" name="areaId" value={area.id} />
      <Button type="submit" appearance="secondary-action-button" busy={submitting} aria-label={`${t("policyMaps.areas.restore")}: ${area.name}`}>
        {t("policyMaps.areas.restore")}
      </Button>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
