// The kept errors of a delivery as CSV (Dutch Excel style, formula-safe), for fixing the file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { loadDeliveryErrors } from "../../modules/deliveries/deliveries.server";
import { rowErrorMessage } from "../../modules/deliveries/error-messages";
import { toCsv } from "../../modules/exports/table-export.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const found = await loadDeliveryErrors(member, params.deliveryId ?? "");
  if (!found) throw notFound();
  const t = requestT(request);
  const tr = (key: string, options?: Record<string, unknown>) => String(t(key as never, options as never));
  const csv = toCsv(
    {
      name: "fouten",
      columns: [
        { header: tr("deliveries.report.line"), kind: "number", decimals: 0 },
        { header: tr("deliveries.report.column"), kind: "text" },
        { header: tr("deliveries.report.reason"), kind: "text" },
      ],
      rows: found.errors.map((e) => [e.line, e.column ?? "", rowErrorMessage(tr, e)]),
    },
    "nl",
  );
  const base = (found.fileName ?? "levering").replace(/\.[^.]+$/, "").replace(/[^\w.-]+/g, "_");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${base}-fouten.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
