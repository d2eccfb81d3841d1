import { describe, expect, it } from "vitest";
import { emailField, newPasswordField, resetPasswordSchema, safeRedirect, signInSchema, signUpSchema, totpCodeSchema } from "../../app/modules/auth/schema";

function firstError(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error!.issues[0]!.message;
}

describe("safeRedirect", () => {
  it("follows same-site relative paths", () => {
    expect(safeRedirect("/gemeenten/GM0344")).toBe("/gemeenten/GM0344");
    expect(safeRedirect("/a?b=c#d")).toBe("/a?b=c#d");
  });

  it("falls back for absolute, protocol-relative and backslash URLs and empty input", () => {
    for (const target of ["https://evil.test", "//evil.test", "/\\evil.test", "evil", "javascript:alert(1)", "", null, undefined]) {
      expect(safeRedirect(target)).toBe("/");
    }
    expect(safeRedirect("//evil.test", "/home")).toBe("/home");
  });
});

describe("emailField", () => {
  it("trims and lowercases", () => {
    expect(emailField.parse("  Anna@Gemeente.NL ")).toBe("anna@gemeente.nl");
  });

  it("rejects malformed and over-long addresses with the i18n key", () => {
    expect(firstError(emailField.safeParse("not-an-email"))).toBe("auth.errors.emailInvalid");
    expect(firstError(emailField.safeParse(`${"a".repeat(250)}@x.nl`))).toBe("auth.errors.emailInvalid");
    expect(firstError(emailField.safeParse(undefined))).toBe("auth.errors.emailInvalid");
  });
});

describe("newPasswordField", () => {
  const field = newPasswordField();

  it("accepts a long passphrase", () => {
    expect(field.safeParse("correct horse battery staple").success).toBe(true);
    expect(field.safeParse("a".repeat(11) + "b").success).toBe(true);
  });

  it("enforces 12..128 characters", () => {
    expect(firstError(field.safeParse("short"))).toBe("auth.errors.passwordTooShort");
    expect(firstError(field.safeParse("x".repeat(11)))).toBe("auth.errors.passwordTooShort");
    expect(firstError(field.safeParse("ab".repeat(65)))).toBe("auth.errors.passwordTooLong");
    expect(field.safeParse("ab".repeat(64)).success).toBe(true);
    expect(firstError(field.safeParse(undefined))).toBe("auth.errors.passwordRequired");
  });

  it("refuses well-known and single-character passwords, case-insensitively", () => {
    expect(firstError(field.safeParse("Welkom123456"))).toBe("auth.errors.passwordCommon");
    expect(firstError(field.safeParse("123456789012"))).toBe("auth.errors.passwordCommon");
    expect(firstError(field.safeParse("aaaaaaaaaaaaaa"))).toBe("auth.errors.passwordCommon");
  });

  it("is what the reset form uses", () => {
    expect(firstError(resetPasswordSchema.safeParse({ password: "wachtwoord123" }))).toBe("auth.errors.passwordCommon");
  });
});

describe("signUpSchema", () => {
  const valid = { name: " Anna de Vries ", email: "Anna@Gemeente.nl", password: "een lange zin als wachtwoord" };

  it("normalises name and e-mail", () => {
    expect(signUpSchema.parse(valid)).toMatchObject({ name: "Anna de Vries", email: "anna@gemeente.nl" });
  });

  it("requires a name", () => {
    const result = signUpSchema.safeParse({ ...valid, name: "  " });
    expect(firstError(result)).toBe("auth.errors.nameRequired");
  });

  it("refuses a password containing the mailbox name (when that is 4+ characters)", () => {
    const result = signUpSchema.safeParse({ ...valid, password: "ANNAANNA-geheim-123" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ message: "auth.errors.passwordContainsEmail", path: ["password"] });
    expect(signUpSchema.safeParse({ ...valid, email: "jo@gemeente.nl", password: "jo-heeft-een-lange-zin" }).success).toBe(true);
  });
});

describe("signInSchema and totpCodeSchema", () => {
  it("requires a password but does not apply the new-password rules", () => {
    expect(signInSchema.safeParse({ email: "a@b.nl", password: "x" }).success).toBe(true);
    expect(firstError(signInSchema.safeParse({ email: "a@b.nl", password: "" }))).toBe("auth.errors.passwordRequired");
  });

  it("accepts exactly six digits (trimmed)", () => {
    expect(totpCodeSchema.parse({ code: " 123456 " }).code).toBe("123456");
    expect(firstError(totpCodeSchema.safeParse({ code: "12345" }))).toBe("auth.errors.codeFormat");
    expect(firstError(totpCodeSchema.safeParse({ code: "12345a" }))).toBe("auth.errors.codeFormat");
  });
});
