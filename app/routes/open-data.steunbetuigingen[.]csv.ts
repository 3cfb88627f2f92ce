import { loaderWith } from "#app/guard.server.ts";
import { draftingLedgerResponse } from "#app/supports.server.ts";

/**
 * Every counted support for the proposals of the plan being drafted, one line
 * each (`proposal_id,supporter,supported_at`), streamed. Open data under CC0.
 */
export const loader = loaderWith("public.read", async ({ request }) => {
  const response = await draftingLedgerResponse({ format: "csv", request });
  if (!response) throw new Response("Not Found", { status: 404 });
  return response;
});
