import { describe, expect, test } from "vitest";
import { action as pointAction } from "#app/routes/actiepunt.$slug.tsx";
import { action as reportAction } from "#app/routes/melden.$type.$id.tsx";
import { loader as searchLoader } from "#app/routes/zoeken.tsx";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, thrown } from "#tests/setup/requests.ts";

// U+0000 cannot be stored in PostgreSQL text: before the guard refused it, these posts failed with a 500.
describe("a NUL character in a request", () => {
  test("is refused with 400 in any posted field, before the handler runs", async () => {
    const holder = await createUser({
      grants: [{ role: "action_holder", actionPointSlug: "open-source" }],
    });
    const update = await thrown(pointAction(args(post("/actiepunt/open-source", { intent: "update", title: "Voortgang", body: "a\u0000b" }, { cookie: holder.cookie }), { slug: "open-source" })));
    expect(update.status).toBe(400);
    const report = await thrown(reportAction(args(post("/melden/reactie/1", { reason: "other", note: "<scr\u0000ipt>" }, { cookie: holder.cookie }), { type: "reactie", id: "1" })));
    expect(report.status).toBe(400);
  });

  test("is refused with 400 in a query, and a query without one is answered", async () => {
    expect((await thrown(searchLoader(args(get("/zoeken?q=a%00b"))))).status).toBe(400);
    await expect(searchLoader(args(get("/zoeken?q=a%2500b")))).resolves.toBeTruthy();
  });
});
