import { actionPointFeed, atomResponse } from "#app/feeds.server.ts";
import { loaderWith } from "#app/guard.server.ts";

/** Atom feed of an action point: its progress updates and public comments. */
export const loader = loaderWith("public.read", async ({ request, params, locale, t }) => {
  const feed = await actionPointFeed({ slug: params.slug ?? "", origin: new URL(request.url).origin, locale, t });
  if (!feed) throw new Response("Not Found", { status: 404 });
  return atomResponse({ feed, request, locale, t });
});
