// The signing form, shared by the page (Conform) and the command. Messages are i18n keys
// (agreementSigning.errors.*). The hash is the one the signer saw on the page; the command refuses
// it when it is not the version's frozen hash.
import { z } from "zod";
import { SIGNER_ROLES } from "../../../db/schema/agreements";

const E = (key: string) => `agreementSigning.errors.${key}`;

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const signSchema = z.object({
  role: z.enum(SIGNER_ROLES, { error: E("roleRequired") }),
  contentHash: z
    .string({ error: E("hashMissing") })
    .trim()
    .toLowerCase()
    .regex(SHA256_HEX, { error: E("hashMissing") }),
  confirm: z.literal("on", { error: E("confirmRequired") }),
  password: z.string({ error: E("passwordRequired") }).min(1, { error: E("passwordRequired") }).max(128, { error: E("passwordWrong") }),
  totpCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\s+/g, "") : undefined))
    .pipe(z.string().regex(/^\d{6}$/, { error: E("codeFormat") }).optional()),
});
export type SignInput = z.output<typeof signSchema>;

export const retrySealSchema = z.object({ versionId: z.string().min(1).max(100) });

/** The verify page refuses larger uploads: a sealed agreement PDF is far smaller. */
export const VERIFY_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** "SHA256: AB 12…" → "ab12…", or null when it is not a SHA-256 in hex. */
export function normaliseHash(input: string): string | null {
  const hex = input.trim().replace(/^sha-?256:/i, "").replace(/[\s:]/g, "").toLowerCase();
  return SHA256_HEX.test(hex) ? hex : null;
}
