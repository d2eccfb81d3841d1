// The upload endpoint the upload form's script posts to (XMLHttpRequest, for upload progress):
// the same submission as the page's action, answered in JSON — where to go, or the form's errors.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requestT } from "../../i18n/request.server";
import { forbidden, requireMember } from "../../modules/auth/guards.server";
import { submitUpload } from "../../modules/deliveries/upload-action.server";

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { delivery: ["upload"] });
  const t = requestT(request);
  const answer = await submitUpload(member, request, (key, values) => String(t(key as never, values as never)));
  if (answer.kind === "forbidden") throw forbidden();
  const body = answer.kind === "done" ? { redirect: `/g/${member.cbsCode}/leveringen/${answer.deliveryId}` } : { result: answer.result };
  return new Response(JSON.stringify(body), { status: answer.kind === "done" ? 200 : 400, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}
