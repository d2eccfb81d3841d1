// Attendance lists as XLSX: every session of the municipality, or one (?sessie=<id>). Trainers and leads.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { fileResponse, toXlsx, XLSX_TYPE } from "../../modules/exports/table-export.server";
import { attendanceSheets } from "../../modules/training/attendance-export.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { training: ["log"] });
  const sessionId = new URL(request.url).searchParams.get("sessie") ?? undefined;
  if (sessionId !== undefined && !/^[0-9a-f-]{36}$/i.test(sessionId)) throw notFound();
  const t = requestT(request);
  const sheets = await attendanceSheets(member, t as never, sessionId);
  if (!sheets) throw notFound();
  const title = t("training.export.fileAll");
  const body = await toXlsx(sheets, { creator: "Koers", title });
  const stamp = new Date().toISOString().slice(0, 10);
  return fileResponse(body, XLSX_TYPE, `${title}-${member.cbsCode}-${stamp}${sessionId ? `-${sessionId.slice(0, 8)}` : ""}.xlsx`);
}
