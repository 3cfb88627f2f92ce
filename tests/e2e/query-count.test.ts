import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { appUrlFor } from "#tests/setup/postgres.ts";

// The shared app runs without INSPRAAK_QUERY_COUNT; this file starts a second one, on the same database, with it.
const baseUrl = inject("baseUrl");
let counting: RunningApp;

beforeAll(async () => {
  counting = await startApp({ databaseUrl: appUrlFor(inject("databaseUrl")), ownerUrl: inject("databaseUrl"), env: { INSPRAAK_QUERY_COUNT: "1", WORKERS: "off" } });
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
  // A request that opens a new pool connection is charged one statement more (the driver's own lookup on it):
  // two rounds of two pages at once first, so the connections they need are open.
  for (let round = 0; round < 2; round++) await Promise.all([count("/actiepunt/open-algoritmen"), count("/actiepunt/open-source")]);
  // An anonymous action point page: the point with updates and neighbours, its threads, and a page per thread.
  expect(await count("/actiepunt/open-algoritmen")).toEqual({ status: 200, queries: "4" });
  // Requests at the same time are counted apart: neither gets the other's statements (4 each, 5 for one that opened a connection).
  const [a, b] = await Promise.all([count("/actiepunt/open-algoritmen"), count("/actiepunt/open-source")]);
  expect([a.queries, b.queries].map((n) => ["4", "5"].includes(n ?? ""))).toEqual([true, true]);
  // A data request (single fetch) is counted as well.
  const index = await count("/voorstellen.data?volgorde=steun");
  expect(index.status).toBe(200);
  expect(Number(index.queries)).toBeGreaterThan(0);
});

test("without it the header is not sent", async () => {
  const response = await fetch(`${baseUrl}/actiepunt/open-algoritmen`);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  expect(response.headers.get("X-Query-Count")).toBeNull();
});
