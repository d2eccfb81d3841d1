// The sealed PDF of a fully signed agreement version: the exact canonical text people signed (every
// line as written, so it can be retyped and hashed), its SHA-256, the version, every signature
// (name, role, time, IP address, how the signer re-authenticated) and how to check the document
// against Koers (a QR code to the public verify page). A4 portrait.
import pdfmake from "pdfmake";
import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import type { SignerRole } from "../../../db/schema/agreements";
import { configurePdfmake } from "../documents/export/pdf.server";

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface AgreementPdfSignature {
  name: string;
  email: string;
  role: SignerRole;
  signedAt: Date;
  ipAddress: string | null;
  reauthMethod: string;
}

export interface AgreementPdfInput {
  municipalityName: string;
  reference: string;
  title: string;
  version: number;
  party: string;
  canonicalText: string;
  contentHash: string;
  activatedAt: Date;
  signatures: readonly AgreementPdfSignature[];
  /** The public verify page, with the content hash filled in. */
  verifyUrl: string;
  sealedAt: Date;
  locale: "nl" | "en";
  t: Translate;
}

const TIME_ZONE = "Europe/Amsterdam";
const PAGE_MARGINS: [number, number, number, number] = [56, 56, 56, 64];
const COLORS = { text: "#1a1a1a", muted: "#555555", border: "#bdbdbd", fill: "#f2f2f2" };

export function formatPdfDateTime(date: Date, locale: "nl" | "en"): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeStyle: "medium", timeZone: TIME_ZONE }).format(date);
}

export async function agreementPdf(input: AgreementPdfInput): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(agreementPdfDefinition(input)).getBuffer();
}

/** The pdfmake document definition (exported for tests). */
export function agreementPdfDefinition(input: AgreementPdfInput): TDocumentDefinitions {
  const { t, locale } = input;
  const title = t("agreementSigning.pdf.title", { reference: input.reference, version: input.version });
  const when = (d: Date) => formatPdfDateTime(d, locale);

  const facts: TableCell[][] = [
    [t("agreementSigning.pdf.agreement"), input.title],
    [t("agreementSigning.pdf.municipality"), input.municipalityName],
    [t("agreementSigning.pdf.party"), input.party],
    [t("agreementSigning.pdf.version"), String(input.version)],
    [t("agreementSigning.pdf.inForce"), when(input.activatedAt)],
    [t("agreementSigning.pdf.contentHash"), { text: input.contentHash, font: "Courier", fontSize: 8.5 }],
  ].map(([label, value]) => [{ text: label as string, bold: true }, typeof value === "string" ? { text: value } : (value as TableCell)]);

  const signatureRows: TableCell[][] = input.signatures.map((s) => [
    { stack: [{ text: s.name, bold: true }, { text: s.email, style: "muted", fontSize: 8.5 }] },
    { text: t(`agreementSigning.roles.${s.role}`) },
    { text: when(s.signedAt) },
    { text: s.ipAddress ?? "-" },
    { text: t(`agreementSigning.reauthMethods.${s.reauthMethod}`, { defaultValue: s.reauthMethod }) },
  ]);

  // Each line of the canonical text as written: leading spaces kept, nothing wrapped away.
  const textLines: Content[] = input.canonicalText
    .replace(/\n$/, "")
    .split("\n")
    .map((line): Content => ({ text: line === "" ? " " : line, preserveLeadingSpaces: true, bold: line.startsWith("#") }));

  const content: Content[] = [
    { text: title, style: "title" },
    { text: t("agreementSigning.pdf.subtitle", { municipality: input.municipalityName, date: when(input.sealedAt) }), style: "subtitle" },
    { table: { widths: [130, "*"], body: facts }, layout: TABLE_LAYOUT, margin: [0, 0, 0, 12] },
    { text: t("agreementSigning.pdf.signatures"), style: "h2" },
    {
      table: {
        headerRows: 1,
        widths: ["*", 95, 110, 70, 70],
        body: [
          [t("agreementSigning.pdf.signer"), t("agreementSigning.pdf.role"), t("agreementSigning.pdf.signedAt"), t("agreementSigning.pdf.ip"), t("agreementSigning.pdf.reauth")].map((text) => ({ text, style: "th" })),
          ...signatureRows,
        ],
        dontBreakRows: true,
      },
      layout: TABLE_LAYOUT,
      margin: [0, 0, 0, 6],
    },
    { text: t("agreementSigning.pdf.signaturesBind", { hash: input.contentHash }), style: "muted", fontSize: 8.5, margin: [0, 0, 0, 12] },
    { text: t("agreementSigning.pdf.verifyHeading"), style: "h2" },
    {
      columns: [
        {
          width: "*",
          stack: [
            { text: t("agreementSigning.pdf.verifyBody") },
            { text: input.verifyUrl, style: "muted", fontSize: 8.5, margin: [0, 4, 0, 0] },
            { text: t("agreementSigning.pdf.verifyText"), margin: [0, 6, 0, 0] },
          ],
        },
        { width: 96, qr: input.verifyUrl, fit: 96, eccLevel: "M" },
      ],
      columnGap: 16,
    },
    { text: t("agreementSigning.pdf.textHeading"), style: "h2", pageBreak: "before" },
    { text: t("agreementSigning.pdf.textIntro"), style: "muted", margin: [0, 0, 0, 8] },
    { stack: textLines, fontSize: 9, lineHeight: 1.25 },
  ];

  return {
    pageSize: "A4",
    pageMargins: PAGE_MARGINS,
    language: locale === "nl" ? "nl-NL" : "en-GB",
    info: { title, subject: `${input.title} · ${input.municipalityName}`, keywords: `sha256:${input.contentHash}`, creator: "Koers", producer: "Koers" },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2, color: COLORS.text },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 9.5, color: COLORS.muted, margin: [0, 0, 0, 12] },
      h2: { fontSize: 13, bold: true, margin: [0, 8, 0, 6] },
      th: { bold: true, fillColor: COLORS.fill },
      muted: { color: COLORS.muted },
    },
    content,
    footer: (currentPage, pageCount) => ({
      margin: [PAGE_MARGINS[0], 24, PAGE_MARGINS[2], 0],
      fontSize: 8,
      color: COLORS.muted,
      columns: [
        { text: `${input.reference} v${input.version} · SHA-256 ${input.contentHash.slice(0, 16)}…`, width: "*" },
        { text: t("agreementSigning.pdf.page", { page: currentPage, count: pageCount }), width: "auto", alignment: "right" },
      ],
    }),
  };
}

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => COLORS.border,
  vLineColor: () => COLORS.border,
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};
