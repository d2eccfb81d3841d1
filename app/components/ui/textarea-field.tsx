// A labelled textarea wired to Conform, like TextField in form-field.tsx (single-line inputs only).
import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Paragraph, Textarea } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";

export function TextareaField({ field, label, hint, rows = 3 }: { field: FieldMetadata<string | undefined>; label: string; hint?: string; rows?: number }) {
  const { t } = useTranslation();
  const errors = field.errors?.map((key) => t(key, { defaultValue: key }));
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...textareaProps } = getTextareaProps(field);
  return (
    <FormField invalid={Boolean(errors?.length)} type="text">
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </Paragraph>
      {hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null}
      {errors?.length ? <FormFieldErrorMessage id={field.errorId}>{errors.join(" ")}</FormFieldErrorMessage> : null}
      <Textarea
        key={key}
        {...textareaProps}
        rows={rows}
        invalid={Boolean(errors?.length)}
        aria-describedby={[hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}
      />
    </FormField>
  );
}
