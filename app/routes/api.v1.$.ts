import { apiLoader, notFound } from "#app/api.server.ts";

/** Anything else under /api/v1/ is a JSON 404, not the site's HTML page. */
export const loader = apiLoader(() => {
  throw notFound();
});
