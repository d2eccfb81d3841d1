// A KPI sparkline as an SVG picture, from the numbers in its URL (app/modules/kpis/sparkline-url.ts).
// No session or database: the URL holds everything, so the answer may be cached by anyone for a year.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseSparklineValues } from "../modules/kpis/sparkline-url";
import { sparklineSvg } from "../modules/kpis/sparkline.server";

export function loader({ request }: LoaderFunctionArgs) {
  const values = parseSparklineValues(new URL(request.url).searchParams.get("v"));
  if (!values) return new Response("Expected v=<1 to 24 comma-separated numbers>", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(sparklineSvg(values), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      // Opened on its own, the picture can run nothing.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
