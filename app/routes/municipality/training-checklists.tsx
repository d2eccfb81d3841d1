// Training checklists per role: every topic and the roles that must know it. Trainers and
// programme leads add, change, retire and restore topics; everyone reads the matrix.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { TrainingNav } from "../../components/training/training-nav";
import { CheckboxGroup } from "../../components/ui/checkbox-group";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { TextareaField } from "../../components/ui/textarea-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { ROLES } from "../../modules/auth/roles";
import { canTrain } from "../../modules/training/access";
import { createTopicSchema, topicIdSchema, updateTopicSchema } from "../../modules/training/schema";
import { createTopic, listTopics, setTopicArchived, updateTopic, type TopicView } from "../../modules/training/topics.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Checklists per rol · Koers" }];

const INTENTS = ["createTopic", "updateTopic", "archiveTopic", "restoreTopic"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const manage = canTrain(member.role);
  const topics = await listTopics(member, { includeArchived: manage });
  return { cbsCode: member.cbsCode, manage, topics };
}

type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: string | null };
const reply = (formId: string, result: SubmissionResult<string[]>, status = 200, notice: string | null = null) => data<ActionPayload>({ formId, result, notice }, { status });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  if (!canTrain(member.role)) throw forbidden();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  const t = requestT(request);
  const failure = (formId: string, submission: { reply: (o?: object) => SubmissionResult<string[]> }, error: string) =>
    error === "title_taken"
      ? reply(formId, submission.reply({ fieldErrors: { title: [t("training.errors.title_taken")] } }), 409)
      : reply(formId, submission.reply({ formErrors: [t(error === "not_allowed" ? "training.errors.notAllowed" : "training.errors.notFound")] }), error === "not_found" ? 404 : 403);
  switch (intent) {
    case "createTopic": {
      const submission = parseWithZod(formData, { schema: createTopicSchema });
      if (submission.status !== "success") return reply(intent, submission.reply(), 400);
      const outcome = await createTopic(member, submission.value);
      if (!outcome.ok) return failure(intent, submission, outcome.error);
      return reply(intent, submission.reply({ resetForm: true }), 200, "training.checklists.created");
    }
    case "updateTopic": {
      const formId = formIdOf(intent, String(formData.get("topicId") ?? ""));
      const submission = parseWithZod(formData, { schema: updateTopicSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await updateTopic(member, submission.value.topicId, submission.value);
      if (!outcome.ok) return failure(formId, submission, outcome.error);
      return reply(formId, submission.reply(), 200, "training.checklists.updated");
    }
    case "archiveTopic":
    case "restoreTopic": {
      const formId = formIdOf(intent, String(formData.get("topicId") ?? ""));
      const submission = parseWithZod(formData, { schema: topicIdSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await setTopicArchived(member, submission.value.topicId, intent === "archiveTopic");
      if (!outcome.ok) return failure(formId, submission, outcome.error);
      return reply(formId, submission.reply(), 200, intent === "archiveTopic" ? "training.checklists.archivedNotice" : "training.checklists.restoredNotice");
    }
  }
}

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

export default function TrainingChecklists() {
  const { t } = useTranslation();
  const { cbsCode, manage, topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const current = topics.filter((tp) => !tp.archived);
  const archived = topics.filter((tp) => tp.archived);
  return (
    <>
      <Heading1>{t("training.checklists.heading")}</Heading1>
      <TrainingNav cbsCode={cbsCode} />
      <Paragraph>{t("training.checklists.intro")}</Paragraph>
      <div aria-live="polite">{actionData?.notice ? <Notice>{t(actionData.notice)}</Notice> : null}</div>
      {!manage ? <Paragraph className="koers-muted">{t("training.checklists.readOnly")}</Paragraph> : null}
      <div className="koers-table-scroll">
        <Table className="koers-table">
          <TableCaption>{t("training.checklists.matrixCaption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("training.checklists.topic")}</TableHeaderCell>
              {ROLES.map((r) => (
                <TableHeaderCell key={r} scope="col">
                  {t(`roles.${r}`)}
                </TableHeaderCell>
              ))}
              {manage ? <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {current.map((tp) => (
              <TableRow key={tp.id}>
                <TableHeaderCell scope="row">
                  {tp.title}
                  {tp.description ? <div className="koers-muted">{tp.description}</div> : null}
                </TableHeaderCell>
                {ROLES.map((r) => (
                  <TableCell key={r}>
                    {tp.roles.includes(r) ? (
                      <>
                        <span aria-hidden="true">✓</span>
                        <span className="visually-hidden">{t("training.checklists.required")}</span>
                      </>
                    ) : (
                      <span className="visually-hidden">{t("training.checklists.notRequired")}</span>
                    )}
                  </TableCell>
                ))}
                {manage ? (
                  <TableCell>
                    <EditTopic key={`${tp.id}:${tp.title}:${tp.roles.join()}`} topic={tp} />
                    <ArchiveTopic topic={tp} />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {manage ? <CreateTopic /> : null}
      {manage && archived.length > 0 ? (
        <section className="koers-section" aria-labelledby="archived-heading">
          <Heading2 id="archived-heading">{t("training.checklists.archived")}</Heading2>
          <ul>
            {archived.map((tp) => (
              <li key={tp.id}>
                {tp.title} <ArchiveTopic topic={tp} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function TopicFields({ fields }: { fields: ReturnType<typeof useKoersForm<typeof updateTopicSchema>>[1] }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField field={fields.title} label={t("training.checklists.title")} />
      <TextareaField field={fields.description} label={t("training.checklists.description")} />
      <CheckboxGroup field={fields.roles} legend={t("training.checklists.roles")} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
    </>
  );
}

function CreateTopic() {
  const { t } = useTranslation();
  const [form, fields] = useKoersForm(updateTopicSchema, { id: "createTopic", lastResult: useLastResult("createTopic"), defaultValue: { topicId: "new" } });
  const submitting = useFormSubmitting("createTopic");
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="create-topic-heading">
      <Heading2 id="create-topic-heading">{t("training.checklists.add")}</Heading2>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="createTopic" />
      <input type="hidden" name={fields.topicId.name} value="new" />
      <TopicFields fields={fields} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("training.checklists.add")}
        </Button>
      </div>
    </Form>
  );
}

function EditTopic({ topic }: { topic: TopicView }) {
  const { t } = useTranslation();
  const formId = formIdOf("updateTopic", topic.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(updateTopicSchema, { id: formId, lastResult, defaultValue: { topicId: topic.id, title: topic.title, description: topic.description ?? undefined, roles: topic.roles } });
  const submitting = useFormSubmitting(formId, "topicId");
  return (
    <details open={lastResult?.status === "error"}>
      <summary>
        {t("training.checklists.edit")}
        <span className="visually-hidden">: {topic.title}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="updateTopic" />
        <input type="hidden" name={fields.topicId.name} value={topic.id} />
        <TopicFields fields={fields} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("training.checklists.save")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function ArchiveTopic({ topic }: { topic: TopicView }) {
  const { t } = useTranslation();
  const intent = topic.archived ? "restoreTopic" : "archiveTopic";
  const formId = formIdOf(intent, topic.id);
  const lastResult = useLastResult(formId);
  const submitting = useFormSubmitting(formId, "topicId");
  return (
    <Form method="post" className="koers-inline-form">
      <FormError errors={lastResult?.error?.[""] ?? lastResult?.error?.title} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="topicId" value={topic.id} />
      <Button type="submit" appearance="subtle-button" busy={submitting}>
        {topic.archived ? t("training.checklists.restore") : t("training.checklists.archive")}
        <span className="visually-hidden">: {topic.title}</span>
      </Button>
    </Form>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
