// Form schemas for the account flows, shared by the forms and the server. Messages are i18n keys.
import { z } from "zod";

const COMMON_PASSWORDS = new Set([
  "welkom123456", "wachtwoord123", "wachtwoord1234", "password1234", "password12345", "123456789012",
  "qwertyuiopas", "administrator", "gemeente1234", "welkomwelkom", "zomer2026zomer", "letmein12345",
]);

export const emailField = z
  .string({ error: "auth.errors.emailInvalid" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "auth.errors.emailInvalid" }).max(254, { error: "auth.errors.emailInvalid" }));

/** ASVS 2.1: at least 12 characters, up to 128, not a well-known password, not the e-mail address. */
export function newPasswordField() {
  return z
    .string({ error: "auth.errors.passwordRequired" })
    .min(12, { error: "auth.errors.passwordTooShort" })
    .max(128, { error: "auth.errors.passwordTooLong" })
    .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()) && !/^(.)\1+$/.test(value), { error: "auth.errors.passwordCommon" });
}

export const signUpSchema = z
  .object({
    name: z.string({ error: "auth.errors.nameRequired" }).trim().min(1, { error: "auth.errors.nameRequired" }).max(120),
    email: emailField,
    password: newPasswordField(),
    redirectTo: z.string().optional(),
  })
  .refine((v) => !v.password.toLowerCase().includes(v.email.split("@")[0]!.toLowerCase()) || v.email.split("@")[0]!.length < 4, {
    error: "auth.errors.passwordContainsEmail",
    path: ["password"],
  });

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "auth.errors.passwordRequired" }).min(1, { error: "auth.errors.passwordRequired" }).max(256),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({ password: newPasswordField() });

export const totpCodeSchema = z.object({
  code: z.string({ error: "auth.errors.codeFormat" }).trim().regex(/^\d{6}$/, { error: "auth.errors.codeFormat" }),
  redirectTo: z.string().optional(),
});

/** Only same-site relative paths are followed after sign-in (no open redirects). */
export function safeRedirect(target: string | null | undefined, fallback = "/"): string {
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}
