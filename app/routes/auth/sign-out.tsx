import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOut } from "../../modules/auth/account.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = context.koers.signedIn;
  const headers = await signOut(request.headers, signedIn ? { userId: signedIn.user.id, email: signedIn.user.email } : null, context.koers.clientIp);
  return redirect("/inloggen?uitgelogd=1", { headers });
}

export function loader() {
  return redirect("/");
}
