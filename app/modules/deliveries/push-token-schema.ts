// The API-key form's fields, shared by the form (Conform) and the server.
import { z } from "zod";

export const createPushTokenSchema = z.object({
  agreementId: z.string({ error: "deliveries.tokens.errors.agreementRequired" }).min(1, "deliveries.tokens.errors.agreementRequired"),
  label: z.string({ error: "deliveries.tokens.errors.labelRequired" }).trim().min(1, "deliveries.tokens.errors.labelRequired").max(100, "deliveries.tokens.errors.labelTooLong"),
});
export type CreatePushTokenInput = z.input<typeof createPushTokenSchema>;
