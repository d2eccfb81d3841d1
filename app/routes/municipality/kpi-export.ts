// KPI exports as downloads: the dashboard, the definitions or all measurements, as XLSX or CSV
// (CSV in Dutch or international number format). GET with query parameters, so the export form
// works without JavaScript. Members of the municipality only (others get 404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { exportFileName } from "../../modules/documents/export/file-name";
import { CSV_TYPE, fileResponse, toCsv, toXlsx, XLSX_TYPE } from "../../modules/exports/table-export.server";
import { buildKpiExport, EXPORT_KINDS } from "../../modules/kpis/kpi-export-sheets.server";

const query = z.object({
  what: z.enum(EXPORT_KINDS),
  format: z.enum(["xlsx", "csv"]),
  numbers: z.enum(["nl", "international"]).default("nl"),
  /** The dashboard's focus-area filter, carried into the dashboard export. */
  aandachtsgebied: z.string().optional(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw notFound();
  const { what, format, numbers, aandachtsgebied } = parsed.data;
  const t = requestT(request) as (key: string, options?: Record<string, unknown>) => string;
  const sheet = await buildKpiExport(member, what, t, aandachtsgebied || undefined);
  const fileName = exportFileName(t(`kpiExport.fileNames.${what}`), member.municipalityName, format);
  if (format === "csv") return fileResponse(toCsv(sheet, numbers), CSV_TYPE, fileName);
  const workbook = await toXlsx([sheet], { creator: "Koers", title: `${t(`kpiExport.fileNames.${what}`)} ${member.municipalityName}` });
  return fileResponse(workbook, XLSX_TYPE, fileName);
}
