import { loaderWith } from "#app/guard.server.ts";
import { isDatabaseReachable } from "#app/health.server.ts";

/** For load balancers: 200 while the database answers, 503 when it does not. */
export const loader = loaderWith("public.read", async () => {
  const ok = await isDatabaseReachable();
  return new Response(ok ? "ok" : "database unreachable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
});
