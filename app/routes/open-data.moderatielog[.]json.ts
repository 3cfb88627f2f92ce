import { loaderWith } from "#app/guard.server.ts";
import { moderationLogResponse } from "#app/moderation-log.server.ts";

/**
 * The same record as the CSV file, as a JSON array of objects with the same
 * fields, streamed element by element. Open data under CC0.
 */
export const loader = loaderWith("public.read", ({ request }) => moderationLogResponse({ format: "json", request }));
