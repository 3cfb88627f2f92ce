import { loaderWith } from "#app/guard.server.ts";
import { isDatabaseReachable } from "#app/health.server.ts";
import { unavailableText } from "#app/unavailable.server.ts";

/**
 * For load balancers: 200 while the database answers, 503 with Retry-After when it does not. It never looks
 * up the session, so a browser's cookie cannot make it wait for, or fail on, the database a second time.
 */
export const loader = loaderWith(
  "public.read",
  async () => {
    if (!(await isDatabaseReachable())) return unavailableText("database unreachable");
    return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  },
  { anonymous: true },
);
