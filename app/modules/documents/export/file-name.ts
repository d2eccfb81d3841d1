// A safe download name for an exported document: "Visie.pdf", "Visie - Concept voor MT.md".
export function exportFileName(title: string, versionName: string | null, extension: "pdf" | "md" | "xlsx" | "csv"): string {
  const base = [title, versionName].filter(Boolean).join(" - ");
  const safe = base
    .normalize("NFC")
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return `${safe || "document"}.${extension}`;
}
