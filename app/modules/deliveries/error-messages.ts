// A delivery error in words, for the report page, the errors CSV and the push API's answer.
import type { DeliveryRowError } from "../../../db/schema/deliveries";

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function rowErrorMessage(t: Translate, error: DeliveryRowError): string {
  return t(`deliveries.errors.${error.code}`, { ...(error.values ?? {}), defaultValue: t("deliveries.errors.unknown", { code: error.code }) });
}

/** "100 MB" for the size cap in messages. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
