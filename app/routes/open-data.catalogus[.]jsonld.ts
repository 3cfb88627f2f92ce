import { loaderWith } from "#app/guard.server.ts";
import { openDataCatalogue } from "#app/open-data.server.ts";

/** The open-data sets as a DCAT-AP style catalogue in JSON-LD, for harvesting by open-data portals. */
export const loader = loaderWith("public.read", async ({ request, t }) => {
  const catalogue = await openDataCatalogue({ origin: new URL(request.url).origin, publisher: t("site.name") });
  return new Response(JSON.stringify(catalogue, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Cache-Control": request.headers.has("Cookie") ? "private, max-age=300" : "public, max-age=300",
    },
  });
});
