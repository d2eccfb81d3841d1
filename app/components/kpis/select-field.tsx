// A labelled select wired to Conform, like TextField in ../ui/form-field.tsx: the hint and the error
// are announced through aria-describedby. Options (and optgroups) are given as children.
import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Paragraph, Select } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";

export function SelectField({ field, label, hint, children }: { field: FieldMetadata<unknown>; label: string; hint?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const errors = field.errors?.map((key) => t(key, { defaultValue: key }));
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...selectProps } = getSelectProps(field as FieldMetadata<string>);
  return (
    <FormField invalid={Boolean(errors?.length)} type="select">
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </Paragraph>
      {hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null}
      {errors?.length ? <FormFieldErrorMessage id={field.errorId}>{errors.join(" ")}</FormFieldErrorMessage> : null}
      <Select key={key} {...selectProps} invalid={Boolean(errors?.length)} aria-describedby={[hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}>
        {children}
      </Select>
    </FormField>
  );
}

export interface FactorGroup {
  areaId: string;
  areaName: string;
  goals: { id: string; title: string; factors: { id: string; title: string }[] }[];
}

/** Success factors as option groups "focus area › goal" (optgroups cannot nest). */
export function FactorOptions({ groups }: { groups: FactorGroup[] }) {
  return (
    <>
      {groups.flatMap((area) =>
        area.goals.map((goal) => (
          <optgroup key={goal.id} label={`${area.areaName} › ${goal.title}`}>
            {goal.factors.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </optgroup>
        )),
      )}
    </>
  );
}
