// An agreement command's refusal as what a form shows: field errors or a form error in the
// request's language, with the HTTP status that fits (400 invalid, 404 not found, 409 conflict).
import type { TFunction } from "i18next";
import type { AgreementOutcome } from "./agreement-access.server";

export interface RefusalReply {
  status: number;
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
}

export function refusalReply(t: TFunction, outcome: Exclude<AgreementOutcome, { ok: true }>): RefusalReply {
  const plain = { interpolation: { escapeValue: false } };
  switch (outcome.error) {
    case "invalid":
      return {
        status: Object.values(outcome.fieldErrors).flat().some((k) => k.endsWith("Taken")) ? 409 : 400,
        fieldErrors: Object.fromEntries(Object.entries(outcome.fieldErrors).map(([field, keys]) => [field, keys.map((key) => t(key, { ...outcome.values, ...plain }))])),
      };
    case "notFound":
      return { status: 404, formErrors: [t("agreements.errors.notFound")] };
    case "frozen":
      return { status: 409, formErrors: [t("agreements.errors.frozen", { status: t(`agreements.statuses.${outcome.status}`).toLowerCase(), ...plain })] };
    case "draftExists":
      return { status: 409, formErrors: [t("agreements.errors.draftExists", { version: outcome.version })] };
    case "refused": {
      const details = (outcome.details ?? [])
        .map((key) => {
          const [code, dataset] = key.split(/:(.*)/s) as [string, string | undefined];
          return t(`agreements.gaps.${code}`, { dataset, ...plain });
        })
        .join("; ");
      return { status: outcome.refusal === "not_allowed" ? 403 : 409, formErrors: [t(`agreements.errors.refusals.${outcome.refusal}`, { details, ...plain })] };
    }
  }
}
