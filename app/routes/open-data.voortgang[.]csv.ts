import { loaderWith } from "#app/guard.server.ts";
import { datasetResponse } from "#app/open-data.server.ts";

/** Every progress update, on action points and on whole plans; one line each, streamed. Fields are listed on /open-data. Open data under CC0. */
export const loader = loaderWith("public.read", ({ request }) => datasetResponse({ set: "voortgang", format: "csv", request }));
