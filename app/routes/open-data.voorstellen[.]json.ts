import { loaderWith } from "#app/guard.server.ts";
import { datasetResponse } from "#app/open-data.server.ts";

/** Every public proposal with its status, official response and support count; as a JSON array of objects with the same fields as the CSV file, streamed element by element. Fields are listed on /open-data. Open data under CC0. */
export const loader = loaderWith("public.read", ({ request }) => datasetResponse({ set: "voorstellen", format: "json", request }));
