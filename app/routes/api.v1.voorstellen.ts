import { apiLoader, PAGE_PARAMS, pageSize, readQuery } from "#app/api.server.ts";
import { apiProposals } from "#app/api-read.server.ts";

/** GET /api/v1/voorstellen?thema=<slug>&status=<status>: public proposals, newest first. */
export const loader = apiLoader(({ url }) => {
  const query = readQuery(url, [...PAGE_PARAMS, "thema", "status"]);
  return apiProposals({ after: query.get("na"), size: pageSize(query), theme: query.get("thema"), status: query.get("status") });
});
