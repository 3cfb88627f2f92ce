import { redirect } from "@remix-run/node";
import { loaderWith } from "#app/guard.server.ts";

/** The admin area starts at the list of people. */
export const loader = loaderWith("users.manage", () => {
  throw redirect("/beheer/gebruikers");
});

// A page route rather than a resource route, so a refusal (403) shows the site's error page.
export default function AdminHome() {
  return null;
}
