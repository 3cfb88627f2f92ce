import http from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getBoss, stopJobs } from "#app/jobs.server.ts";
import { closeDb, getDb } from "#db/client.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { createUser } from "#tests/setup/factories.ts";
import { publicThreadOf, richBody, supportableProposals } from "#tests/setup/http.ts";
import { startOwnPostgres, type OwnPostgres } from "#tests/setup/own-postgres.ts";
import type { Page } from "playwright-core";
import { openPage, sharedBrowser, signedInPage } from "#tests/setup/page.ts";

// This file stops PostgreSQL, so it runs the app on a server of its own (without background workers).
let pg: OwnPostgres;
let app: RunningApp;
let person: Awaited<ReturnType<typeof createUser>>;
let browserPerson: Awaited<ReturnType<typeof createUser>>;
let proposalId: number;
let threadId: number;
const browser = sharedBrowser();

const SLUG = "open-data-communities";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  pg = await startOwnPostgres("outage");
  app = await startApp({ databaseUrl: pg.appUrl, ownerUrl: pg.databaseUrl, env: { WORKERS: "off" } });
  process.env.DATABASE_URL = pg.databaseUrl;
  // Sessions and subjects are made while the database is up; the requests below use them while it is down.
  person = await createUser();
  browserPerson = await createUser();
  [proposalId] = (await supportableProposals({ authorId: (await createUser()).id, count: 1 })) as [number];
  threadId = await publicThreadOf(SLUG);
});

afterAll(async () => {
  await app?.stop();
  await closeDb();
  await pg?.remove();
});

/** PostgreSQL stopped for the length of `during`, and started again afterwards whatever happens. */
async function withDatabaseStopped(during: () => Promise<void>) {
  // The test's own pool would otherwise hold connections to the stopped server.
  await closeDb();
  await pg.stop();
  try {
    await during();
  } finally {
    await pg.start();
  }
}

type Case = { name: string; path: string; signedIn?: boolean; form?: Record<string, string>; type: RegExp; body: (text: string) => boolean };

const UNAVAILABLE_NL = "Het lukt nu even niet om gegevens op te halen of op te slaan";
const cases = (): Case[] => [
  { name: "page", path: `/actiepunt/${SLUG}`, type: /^text\/html/, body: (text) => text.includes("Even niet beschikbaar") && text.includes(UNAVAILABLE_NL) },
  { name: "page, signed in", path: "/", signedIn: true, type: /^text\/html/, body: (text) => text.includes("Even niet beschikbaar") },
  // What the browser asks for on a client-side navigation (see the Chromium test below).
  { name: ".data navigation", path: "/voorstellen.data", type: /^text\/x-script/, body: (text) => text.includes('"ErrorResponse"') && text.includes(UNAVAILABLE_NL) },
  { name: ".data navigation, signed in", path: `/actiepunt/${SLUG}.data`, signedIn: true, type: /^text\/x-script/, body: (text) => text.includes('"ErrorResponse"') },
  { name: ".data support post", path: `/voorstel/${proposalId}.data`, signedIn: true, form: { intent: "support", respond: "data" }, type: /^text\/x-script/, body: (text) => text.includes('"ErrorResponse"') },
  {
    name: ".data comment post",
    path: `/actiepunt/${SLUG}.data`,
    signedIn: true,
    form: { intent: "comment", threadId: String(threadId), body: richBody("tijdens-de-storing") },
    type: /^text\/x-script/,
    body: (text) => text.includes('"ErrorResponse"'),
  },
  { name: "API list", path: "/api/v1/actiepunten", type: /^application\/json/, body: (text) => (JSON.parse(text) as { error: { code: string } }).error.code === "unavailable" },
  { name: "API list, with a cookie", path: "/api/v1/actiepunten", signedIn: true, type: /^application\/json/, body: (text) => (JSON.parse(text) as { error: { code: string } }).error.code === "unavailable" },
  { name: "API description", path: "/api/v1/openapi.json", type: /^application\/json/, body: (text) => (JSON.parse(text) as { error: { code: string } }).error.code === "unavailable" },
  { name: "Atom feed", path: "/feeds/voorstellen", type: /^text\/plain/, body: (text) => text.includes(UNAVAILABLE_NL) },
  { name: "open data CSV", path: "/open-data/voorstellen.csv", type: /^text\/plain/, body: (text) => text.includes(UNAVAILABLE_NL) },
  { name: "open data JSON", path: "/open-data/voorstellen.json", type: /^text\/plain/, body: (text) => text.includes(UNAVAILABLE_NL) },
  { name: "open data JSON, signed in", path: "/open-data/reacties.json", signedIn: true, type: /^text\/plain/, body: (text) => text.includes(UNAVAILABLE_NL) },
  { name: "open data catalogue", path: "/open-data/catalogus.jsonld", type: /^text\/plain/, body: (text) => text.includes(UNAVAILABLE_NL) },
  { name: "/healthz", path: "/healthz", type: /^text\/plain/, body: (text) => text === "database unreachable" },
  { name: "/healthz, with a session cookie", path: "/healthz", signedIn: true, type: /^text\/plain/, body: (text) => text === "database unreachable" },
  { name: "resource route, signed in", path: "/account/gegevens.json", signedIn: true, type: /^text\/plain/, body: (text) => text.includes(UNAVAILABLE_NL) },
];

async function send({ path, signedIn, form }: Case) {
  const started = performance.now();
  const headers: Record<string, string> = signedIn ? { Cookie: person.cookie } : {};
  const response = await fetch(`${app.url}${path}`, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: form ? { ...headers, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" } : headers,
    body: form ? new URLSearchParams(form) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: Math.round(performance.now() - started) };
}

describe("PostgreSQL stops", () => {
  test("every kind of request answers 503 with Retry-After and a fitting body within 2 s, and 200 again by itself once it is back", async () => {
    const all = cases();
    // Up: each answers normally (the support post is left out, so that it still counts after the outage).
    for (const item of all.filter((item) => !item.form)) expect({ name: item.name, status: (await send(item)).status }).toEqual({ name: item.name, status: 200 });

    const slowest: string[] = [];
    await withDatabaseStopped(async () => {
      for (const item of all) {
        const answer = await send(item);
        expect({ name: item.name, status: answer.status, retryAfter: answer.headers.get("Retry-After"), body: item.body(answer.text) }).toEqual({
          name: item.name,
          status: 503,
          retryAfter: "5",
          body: true,
        });
        expect(answer.headers.get("Content-Type"), item.name).toMatch(item.type);
        expect(answer.headers.get("Cache-Control"), item.name).toMatch(/no-store/);
        expect(answer.ms, item.name).toBeLessThan(2000);
        slowest.push(`${item.name} ${answer.ms} ms`);
      }
      expect(app.process.exitCode).toBeNull();
    });

    // Back: nobody touches the app; every kind turns 200 (a post: a success, 202 when it answers with a redirect) within a bounded wait.
    const recovered: string[] = [];
    const started = performance.now();
    const ok = (item: Case, status: number) => status === 200 || (item.form !== undefined && status === 202);
    for (const item of all) {
      let answer = await send(item);
      for (let tries = 0; tries < 100 && !ok(item, answer.status); tries++) {
        await pause(100);
        answer = await send(item);
      }
      expect({ name: item.name, ok: ok(item, answer.status) }).toEqual({ name: item.name, ok: true });
      recovered.push(item.name);
    }
    console.log(`outage: ${slowest.join(", ")}; all ${recovered.length} back to 200 within ${Math.round(performance.now() - started)} ms of the restart`);
  });
});

describe("background jobs", () => {
  test("a job queue whose first start met the outage starts afresh once PostgreSQL is back, instead of failing every enqueue until a restart", async () => {
    try {
      await withDatabaseStopped(async () => {
        await expect(getBoss()).rejects.toThrow();
        await expect(getBoss()).rejects.toThrow();
      });
      let boss: Awaited<ReturnType<typeof getBoss>> | undefined;
      for (let tries = 0; tries < 50 && !boss; tries++) boss = await getBoss().catch(() => pause(100).then(() => undefined));
      expect(boss).toBeDefined();
    } finally {
      await stopJobs();
    }
  });
});

describe("in the browser with JavaScript on", () => {
  test("a form post and a client-side navigation during the outage show the translated message; trying again works once it is back", async () => {
    const page = await signedInPage(browser(), app.url, browserPerson.token);
    const english = await openPage(browser(), app.url, { locale: "en" });
    const errors: string[] = [];
    const dataRequests: string[] = [];
    for (const tab of [page, english]) {
      tab.on("pageerror", (error) => errors.push(error.message));
      tab.on("request", (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith(".data")) dataRequests.push(`${request.method()} ${url.pathname}${url.search}`);
      });
    }
    const hydrated = (tab: Page) => tab.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
    const unavailable = (tab: Page, title: string) => tab.getByRole("heading", { level: 1, name: title }).waitFor({ timeout: 5000 });
    await page.goto(`/voorstel/${proposalId}`);
    await english.goto("/");
    await Promise.all([hydrated(page), hydrated(english)]);

    await withDatabaseStopped(async () => {
      // A form post through a fetcher (support): its .data answer is the 503.
      await page.getByRole("button", { name: "Steun dit voorstel" }).click();
      await unavailable(page, "Even niet beschikbaar");
      expect(await page.getByText(UNAVAILABLE_NL).isVisible()).toBe(true);
      // A client-side navigation from there, through the menu: the header and menu stay usable.
      await page.getByRole("link", { name: "Actieplan", exact: true }).click();
      await page.waitForURL(`${app.url}/`);
      await unavailable(page, "Even niet beschikbaar");
      // The same in English, from a page that was fine.
      await english.getByRole("link", { name: "Proposals", exact: true }).first().click();
      await english.waitForURL(`${app.url}/voorstellen`);
      await unavailable(english, "Temporarily unavailable");
      expect(await english.getByText("We cannot fetch or save data right now. Please try again in a few seconds.").isVisible()).toBe(true);
      expect(await english.title()).toContain("Temporarily unavailable");
    });

    // Back: "Try again" loads the page itself (the poll bounds how long PostgreSQL takes to accept connections).
    for (let tries = 0; tries < 100 && (await fetch(`${app.url}/healthz`)).status !== 200; tries++) await pause(100);
    await english.getByRole("link", { name: "Try again" }).click();
    await english.getByRole("heading", { level: 1, name: "Proposals for the next action plan" }).waitFor({ timeout: 5000 });
    expect(dataRequests).toEqual(expect.arrayContaining([`POST /voorstel/${proposalId}.data`, "GET /_root.data", "GET /voorstellen.data"]));
    console.log(`browser: .data requests ${dataRequests.join(", ")}`);
    // Remix's router aborts a fetcher's request once its action has failed (deleteFetcher → abortFetcher), and the
    // turbo-stream decoder still reading the end of that body rejects with this; the page is not affected.
    expect(errors.filter((message) => message !== "BodyStreamBuffer was aborted")).toEqual([]);
  });
});

describe("an open-data file that fails midway", () => {
  test("ends without its closing chunk, so the client sees an incomplete transfer, not a clean end", async () => {
    // 10 batches of 1,000 rows of about 1.1 kB: more than the socket buffers between server and client hold.
    await getDb().execute(sql`
      insert into proposals (plan_id, theme_id, author_id, title, summary, body, body_html, status)
      select p.plan_id, p.theme_id, p.author_id, 'Voorstel ' || n, 'Samenvatting ' || n, '{}'::jsonb,
             '<p>' || (select string_agg(md5(n::text || '-' || k::text), ' ') from generate_series(1, 30) k) || '</p>', 'published'
      from generate_series(1, 10000) n, (select plan_id, theme_id, author_id from proposals where id = ${proposalId}) p`);
    const complete = await fetch(`${app.url}/open-data/voorstellen.csv`);
    const whole = (await complete.text()).length;
    expect(whole).toBeGreaterThan(10_000_000);

    // Two clients: node:http (which tells a complete message from a cut one) and fetch; each takes the first
    // chunk, then stops reading while PostgreSQL is stopped, then reads on.
    const raw = new Promise<{ status: number; bytes: number; outcome: string }>((resolve, reject) => {
      const request = http.get(`${app.url}/open-data/voorstellen.csv`, (response) => {
        let bytes = 0;
        response.once("data", () => response.pause());
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve({ status: response.statusCode!, bytes, outcome: response.complete ? "complete" : "incomplete end" }));
        response.on("aborted", () => resolve({ status: response.statusCode!, bytes, outcome: "aborted" }));
        response.on("error", (error) => resolve({ status: response.statusCode!, bytes, outcome: `error ${String(error)}` }));
        rawResponse = response;
      });
      request.on("error", reject);
    });
    let rawResponse: http.IncomingMessage | undefined;
    const viaFetch = await fetch(`${app.url}/open-data/voorstellen.csv`);
    expect(viaFetch.status).toBe(200);
    const reader = viaFetch.body!.getReader();
    let fetched = (await reader.read()).value?.length ?? 0;
    for (let tries = 0; tries < 100 && !rawResponse; tries++) await pause(20);
    expect(rawResponse).toBeDefined();

    await withDatabaseStopped(async () => {
      rawResponse!.resume();
      let fetchOutcome = "complete";
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) break;
          fetched += next.value.length;
        }
      } catch (error) {
        fetchOutcome = `error ${String((error as Error).cause ?? error)}`;
      }
      const cut = await raw;
      console.log(`midway: of ${whole} bytes, node:http got ${cut.bytes} (${cut.outcome}), fetch got ${fetched} (${fetchOutcome})`);
      expect(cut.status).toBe(200);
      expect(cut.outcome).not.toBe("complete");
      expect(cut.bytes).toBeGreaterThan(0);
      expect(cut.bytes).toBeLessThan(whole);
      expect(fetchOutcome).toMatch(/^error/);
      expect(fetched).toBeLessThan(whole);
      expect(app.process.exitCode).toBeNull();
    });
  });
});
