// Export a document (its current stored text, or one version with ?versie=<id>) to PDF or Markdown.
// Same access rule as the page: members of the document's municipality only (others get 404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestLocale } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { getDocument } from "../../modules/documents/documents.server";
import { exportFileName } from "../../modules/documents/export/file-name";
import { toMarkdown } from "../../modules/documents/export/markdown";
import { formatPdfDate, toPdf } from "../../modules/documents/export/pdf.server";
import { currentContent, versionContent } from "../../modules/documents/versions.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const format = params.format;
  if (format !== "pdf" && format !== "md") throw notFound();
  const doc = await getDocument(member, params.documentId ?? "");
  if (!doc) throw notFound();

  const versionId = new URL(request.url).searchParams.get("versie");
  let content;
  let versionLabel: string | null = null;
  if (versionId) {
    const version = await versionContent(member, doc.id, versionId);
    if (!version) throw notFound();
    content = version.content;
    versionLabel = version.version.name;
  } else {
    content = await currentContent(member, doc.id);
    if (!content) throw notFound();
  }

  const locale = requestLocale(request);
  const now = new Date();
  const fileName = exportFileName(doc.title, versionLabel, format);
  const headers = {
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "no-store",
  };
  if (format === "md") {
    return new Response(toMarkdown(content, doc.title), { headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8" } });
  }
  const status = versionId
    ? (versionLabel ?? (locale === "en" ? "Version" : "Versie"))
    : doc.status === "approved" && doc.approvedAt
      ? `${locale === "en" ? "Approved on" : "Vastgesteld op"} ${formatPdfDate(doc.approvedAt, locale)}`
      : locale === "en"
        ? "Draft"
        : "Concept";
  const pdf = await toPdf({ title: doc.title, municipalityName: member.municipalityName, status, generatedAt: now, doc: content, locale });
  return new Response(new Uint8Array(pdf), { headers: { ...headers, "Content-Type": "application/pdf" } });
}
