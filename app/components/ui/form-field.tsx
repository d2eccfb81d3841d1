// A labelled input wired to Conform: error and hint are announced through aria-describedby.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  list,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type?: "text" | "email" | "password" | "date" | "time" | "number" | "url";
  hint?: string;
  autoComplete?: string;
  list?: string;
}) {
  const { t } = useTranslation();
  const errors = field.errors?.map((key) => t(key, { defaultValue: key }));
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...inputProps } = getInputProps(field, { type });
  return (
    <FormField invalid={Boolean(errors?.length)} type="text">
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={field.id}>{label}</FormLabel>
      </Paragraph>
      {hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null}
      {errors?.length ? (
        <FormFieldErrorMessage id={field.errorId}>{errors.join(" ")}</FormFieldErrorMessage>
      ) : null}
      <Textbox
        key={key}
        {...inputProps}
        autoComplete={autoComplete}
        list={list}
        invalid={Boolean(errors?.length)}
        aria-describedby={[hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}
      />
    </FormField>
  );
}

/** Errors that belong to the whole form (wrong password, locked account), announced on arrival. */
export function FormError({ errors }: { errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div role="alert" className="utrecht-alert utrecht-alert--error">
      <div className="utrecht-alert__message">
        {errors.map((e) => (
          <Paragraph key={e}>{t(e, { defaultValue: e })}</Paragraph>
        ))}
      </div>
    </div>
  );
}

export function Notice({ children, type = "ok" }: { children: React.ReactNode; type?: "ok" | "info" | "warning" }) {
  return (
    <div role="status" className={`utrecht-alert utrecht-alert--${type}`}>
      <div className="utrecht-alert__message">
        <Paragraph>{children}</Paragraph>
      </div>
    </div>
  );
}
