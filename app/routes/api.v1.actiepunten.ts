import { apiLoader, PAGE_PARAMS, pageSize, readQuery } from "#app/api.server.ts";
import { apiActionPoints } from "#app/api-read.server.ts";

/** GET /api/v1/actiepunten?thema=<slug>: action points in plan order of creation. */
export const loader = apiLoader(({ url }) => {
  const query = readQuery(url, [...PAGE_PARAMS, "thema"]);
  return apiActionPoints({ after: query.get("na"), size: pageSize(query), theme: query.get("thema") });
});
