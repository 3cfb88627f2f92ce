import { loaderWith } from "#app/guard.server.ts";
import { datasetResponse } from "#app/open-data.server.ts";

/** Every progress update, on action points and on whole plans; as a JSON array of objects with the same fields as the CSV file, streamed element by element. Fields are listed on /open-data. Open data under CC0. */
export const loader = loaderWith("public.read", ({ request }) => datasetResponse({ set: "voortgang", format: "json", request }));
