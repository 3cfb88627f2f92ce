import { apiLoader, found, readQuery } from "#app/api.server.ts";
import { apiTheme } from "#app/api-read.server.ts";

/** GET /api/v1/themas/:slug: one theme with its action points. */
export const loader = apiLoader(async ({ url, params }) => {
  readQuery(url, []);
  return found(await apiTheme({ slug: params.slug ?? "" }));
});
