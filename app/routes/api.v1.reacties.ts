import { apiLoader, PAGE_PARAMS, pageSize, readQuery } from "#app/api.server.ts";
import { apiComments } from "#app/api-read.server.ts";

/** GET /api/v1/reacties?onderwerp=actiepunt:<slug>|voorstel:<id>&draad=public|forum: public comments, oldest first. */
export const loader = apiLoader(({ url }) => {
  const query = readQuery(url, [...PAGE_PARAMS, "onderwerp", "draad"]);
  return apiComments({ after: query.get("na"), size: pageSize(query), subject: query.get("onderwerp"), thread: query.get("draad") });
});
