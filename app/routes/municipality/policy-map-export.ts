// The policy map of one focus area as PDF: the area, the goal tree picture and the goals with their
// success factors and budget links as text. Same access rule as the page: members of the area's
// municipality only (others get 404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestLocale, requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { exportFileName } from "../../modules/documents/export/file-name";
import { policyMapPdf } from "../../modules/strategy/policy-map-pdf.server";
import { getPolicyMap } from "../../modules/strategy/policy-map.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const map = await getPolicyMap(member, params.areaId ?? "");
  if (!map) throw notFound();
  const locale = requestLocale(request);
  const t = requestT(request);
  const pdf = await policyMapPdf({ map, municipalityName: member.municipalityName, generatedAt: new Date(), locale, t });
  const fileName = exportFileName(`${t("policyMaps.map.fileName")} ${map.area.name}`, member.municipalityName, "pdf");
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
