import { atomResponse, proposalsFeed } from "#app/feeds.server.ts";
import { loaderWith } from "#app/guard.server.ts";

/** Atom feed of the newest public proposals. */
export const loader = loaderWith("public.read", async ({ request, locale, t }) => {
  const feed = await proposalsFeed({ origin: new URL(request.url).origin, locale, t });
  return atomResponse({ feed, request, locale, t });
});
