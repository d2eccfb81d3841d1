// POST /api/v1/leveringen — deliveries pushed by systems with an agreement's API key (JSON answers).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handlePushRequest } from "../../modules/deliveries/push-api.server";

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePushRequest(request, context.koers?.clientIp ?? null);
}

export function loader(_: LoaderFunctionArgs) {
  return new Response(JSON.stringify({ error: "method_not_allowed" }), { status: 405, headers: { allow: "POST", "content-type": "application/json" } });
}
