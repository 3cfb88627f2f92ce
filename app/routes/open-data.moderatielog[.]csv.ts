import { loaderWith } from "#app/guard.server.ts";
import { moderationLogResponse } from "#app/moderation-log.server.ts";

/**
 * Every moderation decision, one line each, oldest first, streamed: the same
 * public fields as /moderatielog (never the hidden text, never a name). Open data under CC0.
 */
export const loader = loaderWith("public.read", ({ request }) => moderationLogResponse({ format: "csv", request }));
