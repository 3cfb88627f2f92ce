import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { createComment } from "#app/comments.server.ts";
import { stopJobs } from "#app/jobs.server.ts";
import { closeDb } from "#db/client.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { createUser } from "#tests/setup/factories.ts";
import { getPage, postForm, publicThreadOf, richBody } from "#tests/setup/http.ts";
import { createTestDatabase } from "#tests/setup/postgres.ts";

// The page cache for signed-out visitors, with a long lifetime so that what is served from it can be told apart.
const SLUG = "open-source";
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: RunningApp;
let threadId: number;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "seeded");
  process.env.DATABASE_URL = database.url;
  app = await startApp({ databaseUrl: database.appUrl, ownerUrl: database.url, env: { PAGE_CACHE_SECONDS: "60" } });
  threadId = await publicThreadOf(SLUG);
});

afterAll(async () => {
  await app?.stop();
  // createComment queued its notification job through this process's pg-boss.
  await stopJobs();
  await closeDb();
  await database?.drop();
});

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

test("a signed-out visitor's page is kept: repeats come from memory, each with its own nonce in header and scripts", async () => {
  const first = await getPage(app.url, `/actiepunt/${SLUG}`);
  const second = await getPage(app.url, `/actiepunt/${SLUG}`);
  expect([first.status, second.status]).toEqual([200, 200]);
  expect(first.headers.get("X-Page-Cache")).toBeNull();
  expect(second.headers.get("X-Page-Cache")).toBe("hit");
  const [one, two] = [nonceOf(first.headers.get("Content-Security-Policy")), nonceOf(second.headers.get("Content-Security-Policy"))];
  expect(one && two && one !== two).toBe(true);
  // Every inline script of the kept page carries the nonce of the request that got it, none the old one.
  expect(second.body).toContain(`nonce="${two}"`);
  expect(second.body).not.toContain(one!);
  expect(second.body.replaceAll(two!, one!)).toBe(first.body);
  // A hard reload asks for a fresh page.
  const reload = await fetch(`${app.url}/actiepunt/${SLUG}`, { headers: { "Cache-Control": "no-cache" } });
  expect(reload.headers.get("X-Page-Cache")).toBeNull();
});

test("a write through this instance empties the cache: the writer, signed out, sees the comment at once", async () => {
  await getPage(app.url, `/actiepunt/${SLUG}`);
  // Written behind the app's back: the kept page does not know it yet.
  const author = await createUser({ displayName: "Achter de schermen" });
  const direct = await createComment({ threadId, authorId: author.id, body: doc("Rechtstreeks in de database"), html: "<p>Rechtstreeks in de database</p>" });
  expect(direct.ok).toBe(true);
  const stale = await getPage(app.url, `/actiepunt/${SLUG}`);
  expect(stale.headers.get("X-Page-Cache")).toBe("hit");
  expect(stale.body).not.toContain("Rechtstreeks in de database");

  const writer = await createUser({ displayName: "Schrijver Cache" });
  const posted = await postForm(app.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), body: richBody("Via de site geplaatst") }, { cookie: `inspraak_session=${writer.token}` });
  expect(posted.status).toBe(302);
  const fresh = await getPage(app.url, `/actiepunt/${SLUG}`);
  expect(fresh.headers.get("X-Page-Cache")).toBeNull();
  expect(fresh.body).toContain("Via de site geplaatst");
  expect(fresh.body).toContain("Rechtstreeks in de database");
});

test("signed-in people never get or fill a kept page; other cookies and languages are kept apart", async () => {
  const person = await createUser({ displayName: "Ingelogde Lezer" });
  const cookie = `inspraak_session=${person.token}`;
  for (let i = 0; i < 2; i++) {
    const page = await getPage(app.url, `/actiepunt/${SLUG}`, { cookie });
    expect(page.headers.get("X-Page-Cache")).toBeNull();
    expect(page.body).toContain("Ingelogde Lezer");
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
  }
  const anonymous = await getPage(app.url, `/actiepunt/${SLUG}`);
  expect(anonymous.body).not.toContain("Ingelogde Lezer");

  await getPage(app.url, `/actiepunt/${SLUG}`, { cookie: "lang=en" });
  const english = await getPage(app.url, `/actiepunt/${SLUG}`, { cookie: "lang=en" });
  expect(english.headers.get("X-Page-Cache")).toBe("hit");
  expect(english.body).toContain('lang="en"');
  const dutch = await getPage(app.url, `/actiepunt/${SLUG}`);
  expect(dutch.body).toContain('lang="nl"');
});

test("answers that are not plain public pages are not kept: 404s, and data that is not a page", async () => {
  for (let i = 0; i < 2; i++) expect((await getPage(app.url, "/actiepunt/bestaat-niet")).headers.get("X-Page-Cache")).toBeNull();
  for (let i = 0; i < 2; i++) expect((await getPage(app.url, "/open-data/actiepunten.json")).headers.get("X-Page-Cache")).toBeNull();
});

test("when a kept page expires, one request renders it anew while the others still get the kept copy", async () => {
  const short = await startApp({ databaseUrl: database.appUrl, ownerUrl: database.url, env: { PAGE_CACHE_SECONDS: "1" } });
  try {
    await getPage(short.url, `/actiepunt/${SLUG}`);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const burst = await Promise.all(Array.from({ length: 10 }, () => getPage(short.url, `/actiepunt/${SLUG}`)));
    expect(burst.map((page) => page.status)).toEqual(Array(10).fill(200));
    expect(burst.filter((page) => page.headers.get("X-Page-Cache") === null)).toHaveLength(1);
    // Once renewed, the page is fresh again for everyone.
    expect((await getPage(short.url, `/actiepunt/${SLUG}`)).headers.get("X-Page-Cache")).toBe("hit");
    // Past its period and the grace period after it, the copy is no longer used.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await getPage(short.url, `/actiepunt/${SLUG}`)).headers.get("X-Page-Cache")).toBeNull();
  } finally {
    await short.stop();
  }
});
