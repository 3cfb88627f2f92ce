import { loaderWith } from "#app/guard.server.ts";
import { datasetResponse } from "#app/open-data.server.ts";

/** Every action point of every plan, with its theme and texts; one line each, streamed. Fields are listed on /open-data. Open data under CC0. */
export const loader = loaderWith("public.read", ({ request }) => datasetResponse({ set: "actiepunten", format: "csv", request }));
