// The form to plan or change a training session (shared by the new and the edit page).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Button, FormFieldCheckbox, SelectOption } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormError, TextField } from "../ui/form-field";
import { TextareaField } from "../ui/textarea-field";
import { useKoersForm } from "../ui/use-koers-form";
import { SelectField } from "../kpis/select-field";
import { ROLES } from "../../modules/auth/roles";
import { sessionSchema, type SessionInput } from "../../modules/training/schema";

export interface SessionFormOptions {
  trainers: { userId: string; name: string }[];
  departments: { id: string; name: string }[];
  topics: { id: string; title: string }[];
}

export function SessionForm({
  options,
  defaultValue,
  lastResult,
  submitting,
}: {
  options: SessionFormOptions;
  defaultValue: Partial<SessionInput>;
  lastResult?: SubmissionResult<string[]>;
  submitting: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useKoersForm(sessionSchema, { id: "session", lastResult, defaultValue: defaultValue as never });
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form">
      <FormError errors={form.errors} />
      <TextField field={fields.title} label={t("training.form.title")} />
      <TextareaField field={fields.description} label={t("training.form.description")} />
      <TextField field={fields.date} type="date" label={t("training.form.date")} />
      <TextField field={fields.startTime} type="time" label={t("training.form.startTime")} hint={t("training.form.timeHint")} />
      <TextField field={fields.endTime} type="time" label={t("training.form.endTime")} hint={t("training.form.timeHint")} />
      <TextField field={fields.location} label={t("training.form.location")} hint={t("training.form.locationHint")} />
      <TextField field={fields.onlineUrl} type="url" label={t("training.form.onlineUrl")} hint={t("training.form.onlineUrlHint")} />
      <TextField field={fields.capacity as never} type="number" label={t("training.form.capacity")} />
      <SelectField field={fields.trainerUserId} label={t("training.form.trainer")}>
        {options.trainers.map((tr) => (
          <SelectOption key={tr.userId} value={tr.userId}>
            {tr.name}
          </SelectOption>
        ))}
      </SelectField>
      <CheckboxGroup field={fields.topicIds} legend={t("training.form.topics")} hint={t("training.form.topicsHint")} options={options.topics.map((tp) => ({ value: tp.id, label: tp.title }))} />
      <CheckboxGroup field={fields.roles} legend={t("training.form.roles")} hint={t("training.form.rolesHint")} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      {options.departments.length > 0 ? (
        <CheckboxGroup field={fields.departmentIds} legend={t("training.form.departments")} hint={t("training.form.departmentsHint")} options={options.departments.map((d) => ({ value: d.id, label: d.name }))} />
      ) : null}
      <FormFieldCheckbox name={fields.openForSignUp.name} value="on" defaultChecked={fields.openForSignUp.initialValue === "on" || (fields.openForSignUp.initialValue as unknown) === true} label={t("training.form.openForSignUp")} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("training.form.save")}
        </Button>
      </div>
    </Form>
  );
}
