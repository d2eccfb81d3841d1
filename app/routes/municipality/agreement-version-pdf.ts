// The sealed PDF of one agreement version, for members of its municipality only (others get 404).
// Before it is sealed (or when sealing failed) this sends the member to the signing page, which
// shows the seal's state.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { sealedPdf } from "../../modules/agreements/seal.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const version = /^\d{1,6}$/.test(params.version ?? "") ? Number(params.version) : null;
  if (version === null) throw notFound();
  const agreementId = params.agreementId ?? "";
  const outcome = await sealedPdf(member, agreementId, version);
  if (!outcome.ok && outcome.error === "notFound") throw notFound();
  if (!outcome.ok) return redirect(`/g/${member.cbsCode}/overeenkomsten/${agreementId}/ondertekenen?versie=${version}#verzegeling`);
  const fileName = outcome.fileName;
  return new Response(new Uint8Array(outcome.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
