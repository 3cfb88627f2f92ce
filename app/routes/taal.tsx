import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "#app/i18n/index.ts";
import { localeCookie } from "#app/i18n/locale.server.ts";
import { safeRedirect } from "#app/safe-redirect.ts";

export function loader() {
  throw redirect("/");
}

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const target = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) throw new Response("Unknown language", { status: 400 });
  return redirect(target, {
    headers: { "Set-Cookie": localeCookie(locale, { secure: process.env.NODE_ENV === "production" && request.url.startsWith("https:") }) },
  });
}
