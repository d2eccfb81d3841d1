// A group of checkboxes for one array field, wired to Conform: legend, hint and error are announced
// through aria-describedby, like TextField.
import type { FieldMetadata } from "@conform-to/react";
import { Fieldset, FieldsetLegend, FormFieldCheckbox, FormFieldDescription, FormFieldErrorMessage } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface CheckboxOption {
  value: string;
  label: ReactNode;
}

export function CheckboxGroup({ field, legend, hint, options }: { field: FieldMetadata<unknown>; legend: string; hint?: string; options: CheckboxOption[] }) {
  const { t } = useTranslation();
  const errors = field.errors?.map((e) => t(e, { defaultValue: e }));
  const invalid = Boolean(errors?.length);
  const hintId = hint ? `${field.id}-hint` : undefined;
  const initial = field.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === "string" ? [initial] : []);
  return (
    <Fieldset invalid={invalid} aria-describedby={[hintId, invalid ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null}
      {invalid ? <FormFieldErrorMessage id={field.errorId}>{errors!.join(" ")}</FormFieldErrorMessage> : null}
      {options.map((o) => (
        <FormFieldCheckbox key={`${field.key ?? ""}${o.value}`} name={field.name} value={o.value} defaultChecked={checked.has(o.value)} invalid={invalid} label={o.label} />
      ))}
    </Fieldset>
  );
}
