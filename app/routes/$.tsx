import type { MetaFunction } from "@remix-run/node";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";

/** Any address no other route knows: a real 404, shown by the root error boundary in the site's layout. */
export const loader = loaderWith("public.read", () => {
  throw new Response("Not Found", { status: 404 });
});

export default function NotFound() {
  return null;
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, () => null);
