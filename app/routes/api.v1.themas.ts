import { apiLoader, PAGE_PARAMS, pageSize, readQuery } from "#app/api.server.ts";
import { apiThemes } from "#app/api-read.server.ts";

/** GET /api/v1/themas: every theme of every plan, oldest first. */
export const loader = apiLoader(({ url }) => {
  const query = readQuery(url, PAGE_PARAMS);
  return apiThemes({ after: query.get("na"), size: pageSize(query) });
});
