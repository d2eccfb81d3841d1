// Members of the municipality and pending invitations; programme leads invite, change roles,
// remove members and revoke invitations. Each form posts an `intent`.
import { useKoersForm } from "../../components/ui/use-koers-form";
import { getFormProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { requestT } from "../../i18n/request.server";
import { findMembership, requireMember } from "../../modules/auth/guards.server";
import { can, ROLES } from "../../modules/auth/roles";
import {
  changeMemberRole,
  INVITATION_DAYS,
  inviteMember,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
} from "../../modules/members/members.server";
import { changeRoleSchema, inviteSchema } from "../../modules/members/schema";

import { listDepartments } from "../../modules/departments/departments.server";
import { departmentsOfMembers, setMemberDepartment } from "../../modules/training/member-departments.server";
import { memberDepartmentSchema } from "../../modules/training/schema";

export const meta: MetaFunction = () => [{ title: "Leden · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const [members, invitations, departments, memberDepartments] = await Promise.all([
    listMembers(member),
    listPendingInvitations(member),
    listDepartments(member),
    departmentsOfMembers(member.municipalityId),
  ]);
  return {
    municipality: member.municipalityName,
    invitationDays: INVITATION_DAYS,
    selfUserId: member.userId,
    canInvite: can(member.role, { member: ["invite"] }),
    canUpdate: can(member.role, { member: ["update"] }),
    canRemove: can(member.role, { member: ["remove"] }),
    members: members.map((m) => ({ ...m, departmentId: memberDepartments.get(m.userId)?.departmentId ?? "", departmentName: memberDepartments.get(m.userId)?.name ?? null })),
    invitations,
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
  };
}

type Intent = "invite" | "revoke" | "changeRole" | "remove" | "setDepartment";

interface ActionResult {
  intent: Intent;
  /** Conform result of the invite form. */
  result?: SubmissionResult<string[]>;
  /** i18n key and values of a success notice. */
  notice?: { key: string; values?: Record<string, string> };
  /** i18n key of an error of a row action. */
  error?: string;
}

function reply(body: ActionResult, status = 200) {
  return data(body, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  switch (intent) {
    case "invite": {
      const member = await requireMember(request, context, params.code, { member: ["invite"] });
      const submission = parseWithZod(formData, { schema: inviteSchema });
      if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
      const { email, role } = submission.value;
      const outcome = await inviteMember(member, { email, role });
      if (!outcome.ok) {
        const t = requestT(request);
        return reply({ intent, result: submission.reply({ fieldErrors: { email: [t(`members.errors.${outcome.error}`, { email })] } }) }, 409);
      }
      return reply({ intent, result: submission.reply({ resetForm: true }), notice: { key: "members.invitationSent", values: { email } } });
    }
    case "revoke": {
      const member = await requireMember(request, context, params.code, { member: ["invite"] });
      const invitationId = String(formData.get("invitationId") ?? "");
      const revoked = invitationId ? await revokeInvitation(member, invitationId) : false;
      return revoked ? reply({ intent, notice: { key: "members.revoked" } }) : reply({ intent, error: "members.errors.notFound" }, 404);
    }
    case "changeRole": {
      const member = await requireMember(request, context, params.code, { member: ["update"] });
      const submission = parseWithZod(formData, { schema: changeRoleSchema });
      if (submission.status !== "success") return reply({ intent, error: "members.errors.roleInvalid" }, 400);
      const outcome = await changeMemberRole(member, submission.value.memberId, submission.value.role);
      if (!outcome.ok) return reply({ intent, error: `members.errors.${outcome.error}` }, outcome.error === "notFound" ? 404 : 409);
      return reply({ intent, notice: { key: "members.roleChanged" } });
    }
    case "setDepartment": {
      const member = await requireMember(request, context, params.code, { member: ["update"] });
      const submission = parseWithZod(formData, { schema: memberDepartmentSchema });
      if (submission.status !== "success") return reply({ intent, error: "training.memberDepartment.errors.invalid" }, 400);
      const outcome = await setMemberDepartment(member, submission.value.userId, submission.value.departmentId ?? null);
      if (!outcome.ok) return reply({ intent, error: `training.memberDepartment.errors.${outcome.error}` }, outcome.error === "not_allowed" ? 403 : 404);
      return reply({ intent, notice: { key: "training.memberDepartment.saved" } });
    }
    case "remove": {
      const member = await requireMember(request, context, params.code, { member: ["remove"] });
      const memberId = String(formData.get("memberId") ?? "");
      const outcome = memberId ? await removeMember(member, memberId) : ({ ok: false, error: "notFound" } as const);
      if (!outcome.ok) return reply({ intent, error: `members.errors.${outcome.error}` }, outcome.error === "notFound" ? 404 : 409);
      // A lead who removed themselves no longer has access to this municipality.
      if (!(await findMembership(member.userId, member.cbsCode))) throw redirect("/");
      return reply({ intent, notice: { key: "members.removed" } });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function Members() {
  const { t, i18n } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  const dateOnly = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeZone: "Europe/Amsterdam" });
  const roleLabel = (role: string) => t(`roles.${role}`, { defaultValue: role });

  const [form, fields] = useKoersForm(inviteSchema, { id: "invite", lastResult: actionData?.intent === "invite" ? actionData.result : undefined, defaultValue: { role: "staff" } });
  const roleErrors = fields.role.errors?.map((key) => t(key, { defaultValue: key }));
  const { key: roleKey, ...roleProps } = getSelectProps(fields.role);
  const manage = loaderData.canUpdate || loaderData.canRemove;

  return (
    <>
      <Heading1>{t("members.title")}</Heading1>
      <Paragraph>{t("members.intro", { municipality: loaderData.municipality })}</Paragraph>
      <div aria-live="polite">
        {actionData?.notice ? <Notice>{t(actionData.notice.key, actionData.notice.values ?? {})}</Notice> : null}
      </div>
      {actionData?.error ? <FormError errors={[actionData.error]} /> : null}

      <section className="koers-section" aria-labelledby="members-heading">
        <Heading2 id="members-heading">{t("members.list")}</Heading2>
        <Table className="koers-table" aria-labelledby="members-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("common.name")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("common.email")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("common.role")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("training.memberDepartment.label")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("members.since")}</TableHeaderCell>
              {manage ? <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {loaderData.members.map((m) => (
              <TableRow key={m.memberId}>
                <TableCell>
                  {m.name} {m.userId === loaderData.selfUserId ? <span className="koers-muted">{t("members.you")}</span> : null}
                </TableCell>
                <TableCell>{m.email}</TableCell>
                <TableCell>
                  {loaderData.canUpdate ? (
                    <Form method="post" className="koers-inline-form" key={`${m.memberId}-${m.role}`}>
                      <input type="hidden" name="intent" value="changeRole" />
                      <input type="hidden" name="memberId" value={m.memberId} />
                      <label htmlFor={`role-${m.memberId}`} className="visually-hidden">
                        {t("members.roleFor", { name: m.name })}
                      </label>
                      <Select id={`role-${m.memberId}`} name="role" defaultValue={m.role}>
                        {ROLES.map((role) => (
                          <SelectOption key={role} value={role}>
                            {roleLabel(role)}
                          </SelectOption>
                        ))}
                      </Select>
                      <Button type="submit" appearance="secondary-action-button">
                        {t("members.changeRole")}
                        <span className="visually-hidden"> ({m.name})</span>
                      </Button>
                    </Form>
                  ) : (
                    roleLabel(m.role)
                  )}
                </TableCell>
                <TableCell>
                  {loaderData.canUpdate && loaderData.departments.length > 0 ? (
                    <Form method="post" className="koers-inline-form" key={`${m.memberId}-${m.departmentId}`}>
                      <input type="hidden" name="intent" value="setDepartment" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label htmlFor={`department-${m.memberId}`} className="visually-hidden">
                        {t("training.memberDepartment.for", { name: m.name })}
                      </label>
                      <Select id={`department-${m.memberId}`} name="departmentId" defaultValue={m.departmentId}>
                        <SelectOption value="">{t("training.memberDepartment.none")}</SelectOption>
                        {loaderData.departments.map((d) => (
                          <SelectOption key={d.id} value={d.id}>
                            {d.name}
                          </SelectOption>
                        ))}
                      </Select>
                      <Button type="submit" appearance="secondary-action-button">
                        {t("training.memberDepartment.save")}
                        <span className="visually-hidden"> ({m.name})</span>
                      </Button>
                    </Form>
                  ) : (
                    (m.departmentName ?? t("training.memberDepartment.none"))
                  )}
                </TableCell>
                <TableCell>{dateOnly.format(new Date(m.since))}</TableCell>
                {manage ? (
                  <TableCell>
                    {loaderData.canRemove ? (
                      <Form method="post" className="koers-inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="memberId" value={m.memberId} />
                        <Button type="submit" appearance="subtle-button">
                          {t("members.remove")}
                          <span className="visually-hidden"> ({m.name})</span>
                        </Button>
                      </Form>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>

      <section className="koers-section" aria-labelledby="pending-heading">
        <Heading2 id="pending-heading">{t("members.pending")}</Heading2>
        {loaderData.invitations.length === 0 ? (
          <Paragraph>{t("members.noPending")}</Paragraph>
        ) : (
          <Table className="koers-table" aria-labelledby="pending-heading">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("common.email")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.role")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("members.expires")}</TableHeaderCell>
                {loaderData.canInvite ? <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {loaderData.invitations.map((inv) => (
                <TableRow key={inv.id}>
                  <TableCell>{inv.email}</TableCell>
                  <TableCell>{roleLabel(inv.role)}</TableCell>
                  <TableCell>
                    <time dateTime={new Date(inv.expiresAt).toISOString()}>{format.format(new Date(inv.expiresAt))}</time>
                  </TableCell>
                  {loaderData.canInvite ? (
                    <TableCell>
                      <Form method="post" className="koers-inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={inv.id} />
                        <Button type="submit" appearance="subtle-button">
                          {t("members.revoke")}
                          <span className="visually-hidden"> ({inv.email})</span>
                        </Button>
                      </Form>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      {loaderData.canInvite ? (
        <section className="koers-section" aria-labelledby="invite-heading">
          <Heading2 id="invite-heading">{t("members.inviteTitle")}</Heading2>
          <Paragraph>{t("members.inviteIntro", { days: loaderData.invitationDays })}</Paragraph>
          <Form method="post" {...getFormProps(form)} className="koers-form">
            <input type="hidden" name="intent" value="invite" />
            <FormError errors={form.errors} />
            <TextField field={fields.email} label={t("common.email")} type="email" autoComplete="off" />
            <FormField invalid={Boolean(roleErrors?.length)} type="select">
              <Paragraph className="utrecht-form-field__label">
                <FormLabel htmlFor={fields.role.id}>{t("common.role")}</FormLabel>
              </Paragraph>
              {roleErrors?.length ? <FormFieldErrorMessage id={fields.role.errorId}>{roleErrors.join(" ")}</FormFieldErrorMessage> : null}
              <Select key={roleKey} {...roleProps} invalid={Boolean(roleErrors?.length)} aria-describedby={roleErrors?.length ? fields.role.errorId : undefined}>
                {ROLES.map((role) => (
                  <SelectOption key={role} value={role}>
                    {roleLabel(role)}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
            <div>
              <Button type="submit" appearance="primary-action-button" busy={busyIntent === "invite"}>
                {t("members.invite")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
