// The upload form's text fields, shared by the form (Conform) and the server: "agreementId/datasetKey" and the period.
import { z } from "zod";

export const uploadDeliverySchema = z.object({
  target: z.string({ error: "deliveries.form.errors.targetRequired" }).regex(/^[^/]+\/[^/]+$/, { error: "deliveries.form.errors.targetRequired" }),
  period: z.string({ error: "deliveries.form.errors.periodRequired" }).trim().min(1, { error: "deliveries.form.errors.periodRequired" }).max(20, { error: "deliveries.form.errors.periodRequired" }),
});
