// An agreement version as an ODCS v3.1.0 YAML download (`?versie=N`; without it the current
// version). Members of the municipality only; another municipality's agreement is a 404. The
// contract is validated against the official schema before it is served.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { exportOdcs } from "../../modules/agreements/odcs-export.server";
import { fileResponse } from "../../modules/exports/table-export.server";

const query = z.object({ versie: z.coerce.number().int().min(1).max(100_000).optional() });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw notFound();
  const file = await exportOdcs(member, params.agreementId ?? "", parsed.data.versie);
  if (!file) throw notFound();
  return fileResponse(file.yaml, "application/yaml; charset=utf-8", file.fileName);
}
