// A group of checkboxes for one array field, wired to Conform: legend, hint and error are announced
// through aria-describedby, like TextField.
import type { FieldMetadata } from "@conform-to/react";
import { Fieldset, FieldsetLegend, FormFieldCheckbox, FormFieldDescription, FormFieldErrorMessage } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";

export interface CheckboxOption {
  value: string;
  label: ReactNode;
}

/**
 * `as` posts the boxes under another name than the field's (a second group that the action adds to
 * the field, e.g. walk-ins besides the registered); such a group shows no errors of its own unless
 * `showErrors`.
 */
export function CheckboxGroup({
  field,
  legend,
  hint,
  options,
  as,
  showErrors = !as,
}: {
  field: FieldMetadata<unknown>;
  legend: string;
  hint?: string;
  options: CheckboxOption[];
  as?: string;
  showErrors?: boolean;
}) {
  const { t } = useTranslation();
  const errors = showErrors ? field.errors?.map((e) => t(e, { defaultValue: e })) : undefined;
  const invalid = Boolean(errors?.length);
  const name = as ?? field.name;
  const id = as ? `${field.id}-${as}` : field.id;
  const hintId = hint ? `${id}-hint` : undefined;
  const initial = field.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === "string" ? [initial] : []);
  return (
    <Fieldset invalid={invalid} aria-describedby={[hintId, invalid ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null}
      {invalid ? <FormFieldErrorMessage id={field.errorId}>{errors!.join(" ")}</FormFieldErrorMessage> : null}
      {options.map((o) => (
        <FormFieldCheckbox key={`${field.key ?? ""}${o.value}`} name={name} value={o.value} defaultChecked={checked.has(o.value)} invalid={invalid} label={o.label} />
      ))}
    </Fieldset>
  );
}
