// POST /api/v1/leveringen: a system delivers one dataset for one period as CSV, with its
// agreement's push token. Same pipeline as an upload; answers in JSON with proper status codes:
// 201 accepted, 422 refused (with every kept row error), 400 wrong request, 401 no valid token,
// 403 token of another agreement, 413 too large, 415 not CSV.
import { translator, type Locale } from "../../i18n/i18n";
import { rowErrorMessage, megabytes } from "./error-messages";
import { ingestDelivery, type DeliveryActor } from "./ingest.server";
import { maxDeliveryBytes, removeSpooled, spoolToFile } from "./ingest/spool.server";
import { authenticatePushToken } from "./push-tokens.server";

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers } });
}

function localeOf(request: Request): Locale {
  return /^en\b/i.test(request.headers.get("accept-language") ?? "") ? "en" : "nl";
}

export async function handlePushRequest(request: Request, clientIp: string | null): Promise<Response> {
  const t = translator(localeOf(request));
  const tr = (key: string, options?: Record<string, unknown>) => String(t(key as never, options as never));
  if (request.method !== "POST") return json({ error: "method_not_allowed" }, 405, { allow: "POST" });
  const caller = await authenticatePushToken(request.headers.get("authorization"));
  if (!caller) return json({ error: "unauthorized", message: tr("deliveries.api.unauthorized") }, 401, { "www-authenticate": 'Bearer realm="koers"' });
  const url = new URL(request.url);
  const asked = url.searchParams.get("overeenkomst");
  if (asked && asked !== caller.agreementId) return json({ error: "forbidden", message: tr("deliveries.api.wrongAgreement") }, 403);
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType !== "text/csv") return json({ error: "unsupported_media_type", message: tr("deliveries.api.contentType") }, 415);
  const datasetKey = url.searchParams.get("dataset")?.trim() ?? "";
  const period = (url.searchParams.get("periode") ?? url.searchParams.get("period") ?? "").trim();
  const missing: Record<string, string[]> = {};
  if (!datasetKey) missing.dataset = [tr("deliveries.api.datasetRequired")];
  if (!period) missing.periode = [tr("deliveries.api.periodRequired")];
  if (Object.keys(missing).length) return json({ error: "invalid", fields: missing }, 400);
  if (!request.body) return json({ error: "rejected", errorCount: 1, errors: [{ line: 0, code: "emptyFile", message: tr("deliveries.errors.emptyFile") }] }, 422);

  const max = maxDeliveryBytes();
  const spooled = await spoolToFile(request.body as unknown as AsyncIterable<Uint8Array>, `api-${datasetKey}-${period}.csv`, max);
  if (!spooled.ok) return json({ error: "too_large", message: tr("deliveries.form.errors.tooLarge", { max: megabytes(max) }) }, 413);
  const actor: DeliveryActor = {
    municipalityId: caller.municipalityId,
    userId: null,
    audit: { userId: null, label: `API-sleutel ${caller.prefix}…${caller.label ? ` (${caller.label})` : ""}` },
    origin: clientIp,
    channel: "api",
    pushTokenId: caller.tokenId,
  };
  try {
    const outcome = await ingestDelivery(actor, { agreementId: caller.agreementId, datasetKey, period, format: "csv", file: spooled.file });
    if (outcome.ok) {
      return json(
        {
          status: "accepted",
          deliveryId: outcome.deliveryId,
          rows: outcome.rowCount,
          replaces: outcome.replacedDeliveryId,
          measurements: outcome.measurements.map((m) => ({ kpiId: m.kpiId, kpi: m.kpiName, field: m.field, value: m.value, previous: m.previous })),
        },
        201,
      );
    }
    if (outcome.error === "rejected") {
      return json(
        {
          status: "rejected",
          deliveryId: outcome.deliveryId,
          rows: outcome.rowCount,
          errorCount: outcome.errorCount,
          errors: outcome.errors.map((e) => ({ line: e.line, column: e.column ?? null, code: e.code, message: rowErrorMessage(tr, e) })),
        },
        422,
      );
    }
    if (outcome.error === "invalid") {
      const fields = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([field, keys]) => [field === "datasetKey" ? "dataset" : field === "period" ? "periode" : field, keys.map((k) => tr(k))]));
      return json({ error: "invalid", fields }, 400);
    }
    // The token's own agreement always belongs to the token's municipality; anything else is a 404.
    return json({ error: "not_found" }, 404);
  } finally {
    await removeSpooled(spooled.file);
  }
}
