import { exportPersonalData } from "#app/accounts.server.ts";
import { loaderWith } from "#app/guard.server.ts";

/** Everything held about the signed-in person, as a JSON download. */
export const loader = loaderWith("account.manage", async ({ actor }) => {
  const body = JSON.stringify(await exportPersonalData({ userId: actor!.id }), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="inspraak-mijn-gegevens.json"',
      "Cache-Control": "no-store",
    },
  });
});
