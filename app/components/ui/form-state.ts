// Pages with several forms: which form an action's result belongs to, and which form is on its way.
// The action answers `{ formId, result }`; a form's id is its intent, plus the row id for a row's form.
import { useNavigation } from "@remix-run/react";
import { formIdOf } from "./intents";

/** The result in an action's answer, but only when it is for this form. */
export function resultFor<R>(data: { formId: string; result: R } | null | undefined, formId: string): R | undefined {
  return data?.formId === formId ? data.result : undefined;
}

/**
 * The field of the submitted form that holds the row id, for an intent: one field for all intents,
 * or per intent (undefined: the intent's form is not a row's).
 */
export type RowField = string | ((intent: string) => string | undefined);

/** True while the form with this id is being submitted. */
export function useFormSubmitting(formId: string, rowField?: RowField): boolean {
  const navigation = useNavigation();
  const submitted = navigation.formData;
  if (navigation.state !== "submitting" || !submitted) return false;
  const intent = String(submitted.get("intent") ?? "");
  const field = typeof rowField === "function" ? rowField(intent) : rowField;
  const row = field ? submitted.get(field) : null;
  return formIdOf(intent, row ? String(row) : undefined) === formId;
}
