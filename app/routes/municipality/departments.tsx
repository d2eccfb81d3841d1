// Departments (afdelingen) with their owners, and external sources (externe bronnen).
// Every member reads; programme leads add, rename, choose owners and delete. One action, one
// `intent` per form; each form validates with its own schema and shows its own errors.
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { getFormProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldCheckbox,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
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
  Textarea,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { can, type Permission, type Role } from "../../modules/auth/roles";
import { createDepartment, deleteDepartment, listDepartments, renameDepartment, setDepartmentOwners } from "../../modules/departments/departments.server";
import { createDepartmentSchema, deleteDepartmentSchema, renameDepartmentSchema, setDepartmentOwnersSchema } from "../../modules/departments/schema";
import { createExternalSource, deleteExternalSource, listExternalSources, updateExternalSource } from "../../modules/external-sources/external-sources.server";
import { createExternalSourceSchema, deleteExternalSourceSchema, updateExternalSourceSchema } from "../../modules/external-sources/schema";
import { listMembers } from "../../modules/members/members.server";

export const meta: MetaFunction = () => [{ title: "Afdelingen en externe bronnen · Koers" }];

const PERMISSIONS = {
  createDepartment: { department: ["create"] },
  renameDepartment: { department: ["update"] },
  setDepartmentOwners: { department: ["update"] },
  deleteDepartment: { department: ["delete"] },
  createSource: { externalSource: ["create"] },
  updateSource: { externalSource: ["update"] },
  deleteSource: { externalSource: ["delete"] },
} satisfies Record<string, Permission>;

type Intent = keyof typeof PERMISSIONS;

function isIntent(value: string): value is Intent {
  return Object.hasOwn(PERMISSIONS, value);
}

/** Which form a result belongs to: the intent plus, for row forms, the row's id. */
function formIdOf(intent: Intent, rowId?: string): string {
  return rowId ? `${intent}-${rowId}` : intent;
}

function permissionsOf(role: Role) {
  return Object.fromEntries(Object.entries(PERMISSIONS).map(([intent, permission]) => [intent, can(role, permission)])) as Record<Intent, boolean>;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const allowed = permissionsOf(member.role);
  const [departments, sources, members] = await Promise.all([
    listDepartments(member),
    listExternalSources(member),
    allowed.setDepartmentOwners ? listMembers(member) : Promise.resolve([]),
  ]);
  return {
    departments,
    sources,
    members: members.map((m) => ({ userId: m.userId, name: m.name, email: m.email })),
    allowed,
  };
}

type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: string | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: string | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isIntent(intent)) throw new Response("Unknown intent", { status: 400 });
  if (!can(member.role, PERMISSIONS[intent])) throw forbidden();
  const t = requestT(request);

  switch (intent) {
    case "createDepartment": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: createDepartmentSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await createDepartment(member, submission.value);
      if (!outcome.ok) {
        const name = outcome.error === "nameTaken" ? outcome.name : submission.value.name;
        return reply(formId, submission.reply({ fieldErrors: { name: [t("departments.errors.nameTaken", { name })] } }), 409);
      }
      return reply(formId, submission.reply({ resetForm: true }), 200, "departments.saved");
    }
    case "renameDepartment": {
      const formId = formIdOf(intent, String(formData.get("departmentId") ?? ""));
      const submission = parseWithZod(formData, { schema: renameDepartmentSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await renameDepartment(member, submission.value.departmentId, submission.value);
      if (!outcome.ok) {
        if (outcome.error === "nameTaken") {
          return reply(formId, submission.reply({ fieldErrors: { name: [t("departments.errors.nameTaken", { name: outcome.name })] } }), 409);
        }
        return reply(formId, submission.reply({ formErrors: [t("departments.errors.notFound")] }), 404);
      }
      return reply(formId, submission.reply(), 200, "departments.renamed");
    }
    case "setDepartmentOwners": {
      const formId = formIdOf(intent, String(formData.get("departmentId") ?? ""));
      const submission = parseWithZod(formData, { schema: setDepartmentOwnersSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await setDepartmentOwners(member, submission.value.departmentId, submission.value.ownerIds);
      if (!outcome.ok) {
        if (outcome.error === "ownerNotMember") {
          return reply(formId, submission.reply({ fieldErrors: { ownerIds: [t("departments.errors.ownerNotMember")] } }), 400);
        }
        return reply(formId, submission.reply({ formErrors: [t("departments.errors.notFound")] }), 404);
      }
      return reply(formId, submission.reply(), 200, "departments.ownersSaved");
    }
    case "deleteDepartment": {
      const formId = formIdOf(intent, String(formData.get("departmentId") ?? ""));
      const submission = parseWithZod(formData, { schema: deleteDepartmentSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await deleteDepartment(member, submission.value.departmentId);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [t("departments.errors.notFound")] }), 404);
      return reply(formId, submission.reply(), 200, "departments.deleted");
    }
    case "createSource": {
      const formId = formIdOf(intent);
      const submission = parseWithZod(formData, { schema: createExternalSourceSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await createExternalSource(member, submission.value);
      if (!outcome.ok) {
        const name = outcome.error === "sourceTaken" ? outcome.name : submission.value.name;
        return reply(formId, submission.reply({ fieldErrors: { name: [t("departments.errors.sourceTaken", { name })] } }), 409);
      }
      return reply(formId, submission.reply({ resetForm: true }), 200, "departments.sourceSaved");
    }
    case "updateSource": {
      const formId = formIdOf(intent, String(formData.get("sourceId") ?? ""));
      const submission = parseWithZod(formData, { schema: updateExternalSourceSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await updateExternalSource(member, submission.value.sourceId, submission.value);
      if (!outcome.ok) {
        if (outcome.error === "sourceTaken") {
          return reply(formId, submission.reply({ fieldErrors: { name: [t("departments.errors.sourceTaken", { name: outcome.name })] } }), 409);
        }
        return reply(formId, submission.reply({ formErrors: [t("departments.errors.sourceNotFound")] }), 404);
      }
      return reply(formId, submission.reply(), 200, "departments.sourceSaved");
    }
    case "deleteSource": {
      const formId = formIdOf(intent, String(formData.get("sourceId") ?? ""));
      const submission = parseWithZod(formData, { schema: deleteExternalSourceSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome = await deleteExternalSource(member, submission.value.sourceId);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [t("departments.errors.sourceNotFound")] }), 404);
      return reply(formId, submission.reply(), 200, "departments.sourceDeleted");
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type DepartmentRowData = LoaderData["departments"][number];
type SourceRowData = LoaderData["sources"][number];
type MemberOption = LoaderData["members"][number];

/**
 * The action's result, but only for the form that was submitted. The forms validate on blur and,
 * once shown an error, again on every keystroke: an error that vanished only on blur would move
 * the submit button between mousedown and mouseup and swallow the click.
 */
const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

const useSubmitting = (formId: string, rowField?: string) => useFormSubmitting(formId, rowField);

export default function Departments() {
  const { t } = useTranslation();
  const { departments, sources, members, allowed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const manageDepartments = allowed.renameDepartment || allowed.setDepartmentOwners || allowed.deleteDepartment;
  const manageSources = allowed.updateSource || allowed.deleteSource;
  const readOnly = !Object.values(allowed).some(Boolean);
  // An error for a row that is no longer on the page (deleted meanwhile) has no form to show it at.
  const renderedFormIds = new Set<string>(["createDepartment", "createSource"]);
  for (const d of departments) for (const intent of ["renameDepartment", "setDepartmentOwners", "deleteDepartment"] as const) renderedFormIds.add(formIdOf(intent, d.id));
  for (const s of sources) for (const intent of ["updateSource", "deleteSource"] as const) renderedFormIds.add(formIdOf(intent, s.id));
  const orphanErrors = actionData && !renderedFormIds.has(actionData.formId) ? actionData.result.error?.[""] : undefined;
  return (
    <>
      <Heading1>{t("departments.title")}</Heading1>
      {actionData?.notice ? <Notice>{t(actionData.notice)}</Notice> : null}
      <FormError errors={orphanErrors} />
      {readOnly ? <Paragraph className="koers-muted">{t("departments.readOnly")}</Paragraph> : null}

      <section className="koers-section" aria-labelledby="departments-heading">
        <Heading2 id="departments-heading">{t("departments.departments")}</Heading2>
        <Paragraph>{t("departments.intro")}</Paragraph>
        {departments.length === 0 ? (
          <Paragraph>{t("departments.noDepartments")}</Paragraph>
        ) : (
          <Table className="koers-table">
            <TableCaption className="visually-hidden">{t("departments.departments")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("common.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("departments.owners")}</TableHeaderCell>
                {manageDepartments ? <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {departments.map((d) => (
                <TableRow key={d.id}>
                  <TableHeaderCell scope="row">{d.name}</TableHeaderCell>
                  <TableCell>
                    {d.owners.length === 0 ? (
                      <span className="koers-muted">{t("departments.noOwners")}</span>
                    ) : (
                      <ul>
                        {d.owners.map((o) => (
                          <li key={o.userId}>
                            {o.name} <span className="koers-muted">({o.email})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                  {manageDepartments ? (
                    <TableCell>
                      {/* Keyed on the data they edit, so a saved change shows its new defaults. */}
                      {allowed.renameDepartment ? <RenameDepartment key={`${d.id}:${d.name}`} department={d} /> : null}
                      {allowed.setDepartmentOwners ? (
                        <DepartmentOwners key={`${d.id}:${d.owners.map((o) => o.userId).join(",")}`} department={d} members={members} />
                      ) : null}
                      {allowed.deleteDepartment ? <DeleteDepartment department={d} /> : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {allowed.createDepartment ? <CreateDepartment /> : null}
      </section>

      <section className="koers-section" aria-labelledby="sources-heading">
        <Heading2 id="sources-heading">{t("departments.sources")}</Heading2>
        <Paragraph>{t("departments.sourcesIntro")}</Paragraph>
        {sources.length === 0 ? (
          <Paragraph>{t("departments.noSources")}</Paragraph>
        ) : (
          <Table className="koers-table">
            <TableCaption className="visually-hidden">{t("departments.sources")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("common.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("departments.description")}</TableHeaderCell>
                {manageSources ? <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {sources.map((s) => (
                <TableRow key={s.id}>
                  <TableHeaderCell scope="row">{s.name}</TableHeaderCell>
                  <TableCell>{s.description ? s.description : <span className="koers-muted">{t("departments.noDescription")}</span>}</TableCell>
                  {manageSources ? (
                    <TableCell>
                      {allowed.updateSource ? <EditSource key={`${s.id}:${s.name}:${s.description ?? ""}`} source={s} /> : null}
                      {allowed.deleteSource ? <DeleteSource source={s} /> : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {allowed.createSource ? <CreateSource /> : null}
      </section>
    </>
  );
}

function CreateDepartment() {
  const { t } = useTranslation();
  const formId = formIdOf("createDepartment");
  const [form, fields] = useKoersForm(createDepartmentSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`} className="utrecht-heading-3">
        {t("departments.add")}
      </h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="createDepartment" />
      <TextField field={fields.name} label={t("departments.departmentName")} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("departments.add")}
        </Button>
      </div>
    </Form>
  );
}

function RenameDepartment({ department }: { department: DepartmentRowData }) {
  const { t } = useTranslation();
  const formId = formIdOf("renameDepartment", department.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(renameDepartmentSchema, { id: formId, lastResult, defaultValue: { departmentId: department.id, name: department.name } });
  const submitting = useSubmitting(formId, "departmentId");
  return (
    <details open={lastResult?.status === "error"}>
      <summary>
        {t("departments.rename")}
        <span className="visually-hidden">: {department.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="renameDepartment" />
        <input type="hidden" name={fields.departmentId.name} value={department.id} />
        <TextField field={fields.name} label={t("departments.newName")} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("departments.saveName")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function DepartmentOwners({ department, members }: { department: DepartmentRowData; members: MemberOption[] }) {
  const { t } = useTranslation();
  const formId = formIdOf("setDepartmentOwners", department.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(setDepartmentOwnersSchema, { id: formId, lastResult, defaultValue: { departmentId: department.id, ownerIds: department.owners.map((o) => o.userId) } });
  const errors = fields.ownerIds.errors?.map((e) => t(e, { defaultValue: e }));
  const invalid = Boolean(errors?.length);
  const hintId = `${fields.ownerIds.id}-hint`;
  const initial = fields.ownerIds.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial : typeof initial === "string" ? [initial] : []);
  const submitting = useSubmitting(formId, "departmentId");
  return (
    <details open={lastResult?.status === "error"}>
      <summary>
        {t("departments.setOwners")}
        <span className="visually-hidden">: {department.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="setDepartmentOwners" />
        <input type="hidden" name={fields.departmentId.name} value={department.id} />
        <Fieldset invalid={invalid} aria-describedby={[hintId, invalid ? fields.ownerIds.errorId : undefined].filter(Boolean).join(" ")}>
          <FieldsetLegend>{t("departments.ownersOf", { name: department.name })}</FieldsetLegend>
          <FormFieldDescription id={hintId}>{t("departments.ownersHint")}</FormFieldDescription>
          {invalid ? <FormFieldErrorMessage id={fields.ownerIds.errorId}>{errors!.join(" ")}</FormFieldErrorMessage> : null}
          {members.map((m) => (
            <FormFieldCheckbox
              key={m.userId}
              name={fields.ownerIds.name}
              value={m.userId}
              defaultChecked={checked.has(m.userId)}
              invalid={invalid}
              label={
                <>
                  {m.name} <span className="koers-muted">({m.email})</span>
                </>
              }
            />
          ))}
        </Fieldset>
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("departments.saveOwners")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function DeleteDepartment({ department }: { department: DepartmentRowData }) {
  const { t } = useTranslation();
  const formId = formIdOf("deleteDepartment", department.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(deleteDepartmentSchema, { id: formId, lastResult });
  const submitting = useSubmitting(formId, "departmentId");
  return (
    <details open={lastResult?.status === "error"}>
      <summary>
        {t("departments.deleteDepartment")}
        <span className="visually-hidden">: {department.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <Paragraph>{t("departments.deleteDepartmentWarning", { name: department.name })}</Paragraph>
        <input type="hidden" name="intent" value="deleteDepartment" />
        <input type="hidden" name={fields.departmentId.name} value={department.id} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("departments.deleteDepartmentConfirm", { name: department.name })}
          </Button>
        </div>
      </Form>
    </details>
  );
}

/** A labelled textarea wired to Conform, like TextField (which only renders single-line inputs). */
function DescriptionField({ field, label, hint }: { field: FieldMetadata<string | undefined>; label: string; hint: string }) {
  const { t } = useTranslation();
  const errors = field.errors?.map((key) => t(key, { defaultValue: key }));
  const hintId = `${field.id}-hint`;
  const { key, ...textareaProps } = getTextareaProps(field);
  return (
    <FormField invalid={Boolean(errors?.length)} type="text">
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </Paragraph>
      <FormFieldDescription id={hintId}>{hint}</FormFieldDescription>
      {errors?.length ? <FormFieldErrorMessage id={field.errorId}>{errors.join(" ")}</FormFieldErrorMessage> : null}
      <Textarea
        key={key}
        {...textareaProps}
        rows={3}
        invalid={Boolean(errors?.length)}
        aria-describedby={[hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ")}
      />
    </FormField>
  );
}

function CreateSource() {
  const { t } = useTranslation();
  const formId = formIdOf("createSource");
  const [form, fields] = useKoersForm(createExternalSourceSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`} className="utrecht-heading-3">
        {t("departments.addSource")}
      </h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="createSource" />
      <TextField field={fields.name} label={t("departments.sourceName")} />
      <DescriptionField field={fields.description} label={t("departments.description")} hint={t("departments.descriptionHint")} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("departments.addSource")}
        </Button>
      </div>
    </Form>
  );
}

function EditSource({ source }: { source: SourceRowData }) {
  const { t } = useTranslation();
  const formId = formIdOf("updateSource", source.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(updateExternalSourceSchema, { id: formId, lastResult, defaultValue: { sourceId: source.id, name: source.name, description: source.description ?? "" } });
  const submitting = useSubmitting(formId, "sourceId");
  return (
    <details open={lastResult?.status === "error"}>
      <summary>
        {t("departments.editSource")}
        <span className="visually-hidden">: {source.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="updateSource" />
        <input type="hidden" name={fields.sourceId.name} value={source.id} />
        <TextField field={fields.name} label={t("departments.sourceName")} />
        <DescriptionField field={fields.description} label={t("departments.description")} hint={t("departments.descriptionHint")} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("departments.saveSource")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function DeleteSource({ source }: { source: SourceRowData }) {
  const { t } = useTranslation();
  const formId = formIdOf("deleteSource", source.id);
  const lastResult = useLastResult(formId);
  const [form, fields] = useKoersForm(deleteExternalSourceSchema, { id: formId, lastResult });
  const submitting = useSubmitting(formId, "sourceId");
  return (
    <details open={lastResult?.status === "error"}>
      <summary>
        {t("departments.deleteSource")}
        <span className="visually-hidden">: {source.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <Paragraph>{t("departments.deleteSourceWarning", { name: source.name })}</Paragraph>
        <input type="hidden" name="intent" value="deleteSource" />
        <input type="hidden" name={fields.sourceId.name} value={source.id} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("departments.deleteSourceConfirm", { name: source.name })}
          </Button>
        </div>
      </Form>
    </details>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
