// "/" opens the municipality the user last worked in, or lets them choose or create one.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../modules/auth/guards.server";
import { listMunicipalitiesOf } from "../modules/municipalities/municipalities.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = requireUser(request, context);
  const mine = await listMunicipalitiesOf(user.id);
  const last = mine.find((m) => m.id === session.activeOrganizationId) ?? (mine.length === 1 ? mine[0] : undefined);
  if (last) throw redirect(`/g/${last.cbsCode}`);
  throw redirect(mine.length === 0 ? "/gemeenten/nieuw" : "/gemeenten");
}
