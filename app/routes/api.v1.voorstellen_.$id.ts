import { apiLoader, found, readQuery } from "#app/api.server.ts";
import { apiProposal, proposalIdParam } from "#app/api-read.server.ts";

/** GET /api/v1/voorstellen/:id: one public proposal with its text and status history. */
export const loader = apiLoader(async ({ url, params }) => {
  readQuery(url, []);
  return found(await apiProposal({ id: proposalIdParam(params.id) }));
});
