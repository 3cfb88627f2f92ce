import { redirect } from "@remix-run/node";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { isLocale } from "#app/i18n/index.ts";
import { localeCookie } from "#app/i18n/locale.server.ts";
import { safeRedirect } from "#app/safe-redirect.ts";

export const loader = loaderWith("public.read", () => {
  throw redirect("/");
});

/** The language switch: a plain form post, so it works without JavaScript. */
export const action = actionWith("public.read", async ({ request }) => {
  const form = await request.formData();
  const locale = form.get("locale");
  const target = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) throw new Response("Unknown language", { status: 400 });
  return redirect(target, {
    headers: { "Set-Cookie": localeCookie(locale, { secure: new URL(request.url).protocol === "https:" }) },
  });
});
