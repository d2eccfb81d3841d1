// Pure parts of signing: who may still sign, reading a pasted hash, and the sealed PDF's content
// (the full text line by line, every signature, the hash, the verify QR code); a real PDF comes out.
import { describe, expect, it } from "vitest";
import type { Content } from "pdfmake/interfaces";
import { translator } from "../../app/i18n/i18n";
import { agreementPdf, agreementPdfDefinition, type AgreementPdfInput } from "../../app/modules/agreements/agreement-pdf.server";
import { sha256Hex } from "../../app/modules/agreements/canonical-text";
import { signableRoles } from "../../app/modules/agreements/signers";
import { normaliseHash, signSchema } from "../../app/modules/agreements/signing-schema";

describe("signableRoles", () => {
  const lead = { role: "programme_lead", userId: "lead" };
  const owner = { role: "department_owner", userId: "owner" };
  it("offers the lead's role to a lead and the supplying side's to its owner", () => {
    expect(signableRoles(lead, false, [])).toEqual(["programme_lead"]);
    expect(signableRoles(owner, true, [])).toEqual(["department_owner"]);
    expect(signableRoles(owner, false, [])).toEqual([]);
    expect(signableRoles({ role: "staff", userId: "s" }, false, [])).toEqual([]);
  });
  it("offers a lead who owns the department both roles, until they signed one", () => {
    expect(signableRoles(lead, true, [])).toEqual(["department_owner", "programme_lead"]);
    expect(signableRoles(lead, true, [{ role: "department_owner", userId: "lead" }])).toEqual([]);
  });
  it("drops a role someone else signed", () => {
    expect(signableRoles(owner, true, [{ role: "department_owner", userId: "owner-2" }])).toEqual([]);
    expect(signableRoles(lead, false, [{ role: "department_owner", userId: "owner" }])).toEqual(["programme_lead"]);
  });
});

describe("normaliseHash", () => {
  const hash = sha256Hex("tekst");
  it("accepts upper case, spaces, colons and a sha256: prefix", () => {
    expect(normaliseHash(hash)).toBe(hash);
    expect(normaliseHash(`SHA256: ${hash.toUpperCase().replace(/(.{8})/g, "$1 ")}`)).toBe(hash);
    expect(normaliseHash(hash.replace(/(..)/g, "$1:"))).toBe(hash);
  });
  it("refuses anything that is not 64 hex digits", () => {
    expect(normaliseHash(hash.slice(1))).toBeNull();
    expect(normaliseHash(`${hash}0`)).toBeNull();
    expect(normaliseHash(hash.replace(/a/g, "g"))).toBeNull();
    expect(normaliseHash("")).toBeNull();
  });
});

describe("signSchema", () => {
  const base = { role: "programme_lead", contentHash: sha256Hex("x"), confirm: "on", password: "geheim" };
  it("requires the confirmation, the password and a six-digit code when one is given", () => {
    expect(signSchema.safeParse(base).success).toBe(true);
    const errors = (input: object) => signSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(errors({ ...base, confirm: undefined })).toEqual(["confirm:agreementSigning.errors.confirmRequired"]);
    expect(errors({ ...base, password: "" })).toEqual(["password:agreementSigning.errors.passwordRequired"]);
    expect(errors({ ...base, totpCode: "12345" })).toEqual(["totpCode:agreementSigning.errors.codeFormat"]);
    expect(signSchema.parse({ ...base, totpCode: "123 456" }).totpCode).toBe("123456");
    expect(errors({ ...base, role: "staff" })).toEqual(["role:agreementSigning.errors.roleRequired"]);
  });
});

const TEXT = "# Gegevensleveringsovereenkomst GLO-2026-001 versie 2\nFormaat: koers-glo/1\n\nTitel: Meldingen\n- Veld aantal\n    type: geheel getal\n";
const INPUT: AgreementPdfInput = {
  municipalityName: "Zeewolde",
  reference: "GLO-2026-001",
  title: "Meldingen",
  version: 2,
  party: "Stadsbeheer",
  canonicalText: TEXT,
  contentHash: sha256Hex(TEXT),
  activatedAt: new Date("2026-03-02T09:00:00Z"),
  signatures: [
    { name: "Jan de Vries", email: "jan@example.nl", role: "department_owner", signedAt: new Date("2026-03-01T10:00:00Z"), ipAddress: "192.0.2.10", reauthMethod: "password" },
    { name: "Lies Leider", email: "lies@example.nl", role: "programme_lead", signedAt: new Date("2026-03-02T09:00:00Z"), ipAddress: "192.0.2.11", reauthMethod: "password+totp" },
  ],
  verifyUrl: `https://koers.example/verifieren?hash=${sha256Hex(TEXT)}`,
  sealedAt: new Date("2026-03-02T09:01:00Z"),
  locale: "nl",
  t: translator("nl") as AgreementPdfInput["t"],
};

/** Every text string in a pdfmake content tree. */
function texts(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === "object") return Object.entries(node).flatMap(([k, v]) => (k === "text" || k === "stack" || k === "columns" || k === "table" || k === "body" ? texts(v) : []));
  return [];
}

function findQr(node: unknown): string | null {
  if (Array.isArray(node)) return node.map(findQr).find(Boolean) ?? null;
  if (node && typeof node === "object") {
    if ("qr" in node) return (node as { qr: string }).qr;
    return Object.values(node).map(findQr).find(Boolean) ?? null;
  }
  return null;
}

describe("the sealed PDF", () => {
  it("shows every line of the text, the hash, every signature and the verify link", () => {
    const definition = agreementPdfDefinition(INPUT);
    const all = texts(definition.content as Content);
    for (const line of TEXT.trimEnd().split("\n").filter(Boolean)) expect(all).toContain(line);
    expect(all).toContain(INPUT.contentHash);
    for (const s of INPUT.signatures) {
      expect(all).toContain(s.name);
      expect(all).toContain(s.ipAddress);
    }
    expect(all).toContain("Afdelingseigenaar (leverende partij)");
    expect(all).toContain("wachtwoord en authenticator-code");
    expect(all.join(" ")).toContain("2 maart 2026");
    expect(findQr(definition.content)).toBe(INPUT.verifyUrl);
  });

  it("renders a real PDF", async () => {
    const pdf = await agreementPdf(INPUT);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5000);
  });
});
