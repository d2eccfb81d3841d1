import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { user } from "../../db/schema/index";
import { db } from "../db.server";
import { localeCookie, toLocale } from "../i18n/i18n";
import { safeRedirect } from "../modules/auth/schema";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = toLocale(String(form.get("locale") ?? ""));
  const signedIn = context.koers.signedIn;
  if (signedIn) await db().update(user).set({ locale }).where(eq(user.id, signedIn.user.id));
  return redirect(safeRedirect(String(form.get("redirectTo") ?? "/")), { headers: { "Set-Cookie": localeCookie(locale) } });
}

export function loader() {
  return redirect("/");
}
