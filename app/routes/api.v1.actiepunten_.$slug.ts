import { apiLoader, found, readQuery } from "#app/api.server.ts";
import { apiActionPoint } from "#app/api-read.server.ts";

/** GET /api/v1/actiepunten/:slug: one action point with its full texts and progress updates. */
export const loader = apiLoader(async ({ url, params }) => {
  readQuery(url, []);
  return found(await apiActionPoint({ slug: params.slug ?? "" }));
});
