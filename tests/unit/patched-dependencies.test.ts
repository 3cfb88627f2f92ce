import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { matchRoutes as MatchRoutes } from "@remix-run/router";
import { expect, test } from "vitest";
import { MARKER } from "../../scripts/patch-dependencies.mjs";

const require = createRequire(import.meta.url);

test("the installed @remix-run/router carries the memoised route matching (npm ci ran scripts/patch-dependencies.mjs)", () => {
  // The copy the Remix server runtime loads.
  const runtime = require.resolve("@remix-run/server-runtime");
  const file = createRequire(runtime).resolve("@remix-run/router");
  expect(readFileSync(file, "utf8")).toContain(MARKER);
});

test("route matching still answers as before: ranked routes, params, splats, no match", () => {
  const runtime = require.resolve("@remix-run/server-runtime");
  const { matchRoutes } = createRequire(runtime)("@remix-run/router") as { matchRoutes: typeof MatchRoutes };
  const routes = [
    {
      id: "root",
      path: "",
      children: [
        { id: "index", index: true },
        { id: "new", path: "voorstel/nieuw" },
        { id: "proposal", path: "voorstel/:id" },
        { id: "edit", path: "voorstel/:id/bewerken" },
        { id: "docs", path: "docs/*" },
      ],
    },
  ];
  const ids = (path: string) => matchRoutes(routes, path)?.map((match) => [match.route.id, match.params]);
  for (let round = 0; round < 2; round++) {
    expect(ids("/")).toEqual([["root", {}], ["index", {}]]);
    expect(ids("/voorstel/nieuw")).toEqual([["root", {}], ["new", {}]]);
    expect(ids("/voorstel/12")).toEqual([["root", { id: "12" }], ["proposal", { id: "12" }]]);
    expect(ids("/voorstel/13/bewerken")).toEqual([["root", { id: "13" }], ["edit", { id: "13" }]]);
    expect(ids("/docs/a/b")).toEqual([["root", { "*": "a/b" }], ["docs", { "*": "a/b" }]]);
    expect(ids("/nergens")).toBeUndefined();
  }
  // Each call gets its own objects: changing one answer does not change the next; within one answer the matches
  // share their params object, as the router's own answers do.
  const first = matchRoutes(routes, "/voorstel/7")!;
  expect(first[0]!.params).toBe(first[1]!.params);
  (first[1]!.params as Record<string, string>).id = "changed";
  first[1]!.pathname = "/elders";
  const second = matchRoutes(routes, "/voorstel/7")!;
  expect(second[1]!.params).toEqual({ id: "7" });
  expect(second[1]!.pathname).toBe("/voorstel/7");
  expect(second[0]!.params).toBe(second[1]!.params);
});
