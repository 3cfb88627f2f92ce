import { loaderWith } from "#app/guard.server.ts";
import { datasetResponse } from "#app/open-data.server.ts";

/** Every action point of every plan, with its theme and texts; as a JSON array of objects with the same fields as the CSV file, streamed element by element. Fields are listed on /open-data. Open data under CC0. */
export const loader = loaderWith("public.read", ({ request }) => datasetResponse({ set: "actiepunten", format: "json", request }));
