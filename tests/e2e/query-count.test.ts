import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { startApp, type RunningApp } from "#tests/setup/app.ts";

// The shared app runs without INSPRAAK_QUERY_COUNT; this file starts a second one, on the same database, with it.
const baseUrl = inject("baseUrl");
let counting: RunningApp;

beforeAll(async () => {
  counting = await startApp({ databaseUrl: inject("databaseUrl"), env: { INSPRAAK_QUERY_COUNT: "1", WORKERS: "off" } });
});
afterAll(async () => {
  await counting?.stop();
});

async function count(path: string, init: RequestInit = {}) {
  const response = await fetch(`${counting.url}${path}`, { redirect: "manual", ...init });
  await response.arrayBuffer();
  return { status: response.status, queries: response.headers.get("X-Query-Count") };
}

test("with INSPRAAK_QUERY_COUNT=1 every answer says how many SQL statements its request sent", async () => {
  // An anonymous action point page: the point with updates and neighbours, its threads, and a page per thread.
  expect(await count("/actiepunt/open-algoritmen")).toEqual({ status: 200, queries: "4" });
  // A request sent alone is counted alike every time, and other requests do not leak into it.
  const [a, b] = await Promise.all([count("/actiepunt/open-algoritmen"), count("/actiepunt/open-source")]);
  expect([a.queries, b.queries]).toEqual(["4", "4"]);
  // Static files touch no database; nor does a cross-site post, refused before anything else.
  expect((await count("/favicon.ico")).queries).toBe("0");
  const refused = await count("/actiepunt/open-algoritmen", { method: "POST", headers: { origin: "https://elders.example", "content-type": "application/x-www-form-urlencoded" }, body: "intent=comment" });
  expect(refused).toEqual({ status: 403, queries: "0" });
});

test("without it the header is not sent", async () => {
  const response = await fetch(`${baseUrl}/actiepunt/open-algoritmen`);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  expect(response.headers.get("X-Query-Count")).toBeNull();
});
