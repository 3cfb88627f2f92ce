import { redirect } from "@remix-run/node";
import { invalidateSession, clearSessionCookie } from "#app/auth/session.server.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";

export const loader = loaderWith("public.read", () => {
  throw redirect("/");
});

/** Signing out ends the session in the database, not only the cookie. */
export const action = actionWith("account.signIn", async ({ request, sessionToken }) => {
  if (sessionToken) await invalidateSession({ token: sessionToken });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
});
