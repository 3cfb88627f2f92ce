import { loaderWith } from "#app/guard.server.ts";
import { draftingLedgerResponse } from "#app/supports.server.ts";

/**
 * The same ledger as the CSV file, as a JSON array of
 * `{ proposal_id, supporter, supported_at }`, streamed element by element. Open data under CC0.
 */
export const loader = loaderWith("public.read", async ({ request }) => {
  const response = await draftingLedgerResponse({ format: "json", request });
  if (!response) throw new Response("Not Found", { status: 404 });
  return response;
});
