import { and, eq, like } from "drizzle-orm";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDb, getDb } from "#db/client.ts";
import { comments, flags, proposals } from "#db/schema.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { createUser } from "#tests/setup/factories.ts";
import { postForm, publicThreadOf, richBody } from "#tests/setup/http.ts";
import { startOwnPostgres, type OwnPostgres } from "#tests/setup/own-postgres.ts";
import { sharedBrowser, signedInPage } from "#tests/setup/page.ts";

// With JavaScript, a form that creates something keeps its text and its one-time key when its post gets a 503
// or no answer at all. This file stops PostgreSQL, so it runs the app on a server of its own (without workers).
let pg: OwnPostgres;
let app: RunningApp;
let threadId: number;
let targetId: number;
const browser = sharedBrowser();

const SLUG = "open-data-communities";
const NOT_SAVED = "Het lukte even niet om dit op te slaan. Wat je schreef staat er nog.";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  pg = await startOwnPostgres("unsaved");
  app = await startApp({ databaseUrl: pg.databaseUrl, env: { WORKERS: "off" } });
  process.env.DATABASE_URL = pg.databaseUrl;
  threadId = await publicThreadOf(SLUG);
  // A comment by someone else, to reply to and to report.
  const author = await createUser({ displayName: "Eerste schrijver" });
  const posted = await postForm(app.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), body: richBody("om-op-te-reageren") }, { cookie: author.cookie });
  expect(posted.status).toBe(302);
  targetId = Number(/#reactie-(\d+)$/.exec(posted.headers.get("Location") ?? "")?.[1]);
  expect(targetId).toBeGreaterThan(0);
});

afterAll(async () => {
  await app?.stop();
  await closeDb();
  await pg?.remove();
});

/** PostgreSQL stopped for the length of `during`, started again afterwards whatever happens, and the app serving again. */
async function withDatabaseStopped(during: () => Promise<void>) {
  await closeDb();
  await pg.stop();
  try {
    await during();
  } finally {
    await pg.start();
  }
  for (let tries = 0; tries < 100 && (await fetch(`${app.url}/healthz`)).status !== 200; tries++) await pause(100);
}

async function hydratedPage(token: string, path: string): Promise<Page> {
  const page = await signedInPage(browser(), app.url, token);
  await page.goto(path);
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
  return page;
}

/** The one-time key of every create post the page sends (as a fetcher or a form navigation alike). */
function sentKeys(page: Page): string[] {
  const keys: string[] = [];
  page.on("request", (request: Request) => {
    if (request.method() !== "POST") return;
    const key = new URLSearchParams(request.postData() ?? "").get("submissionKey");
    if (key) keys.push(key);
  });
  return keys;
}

/** The inline message appears in `form`; the page is the same page and not its error page. */
async function expectNotSaved(page: Page, formSelector: string, url: string) {
  await page.locator(formSelector).getByRole("alert").filter({ hasText: NOT_SAVED }).waitFor({ timeout: 5000 });
  expect(page.url()).toBe(url);
  expect(await page.getByRole("heading", { level: 1, name: "Even niet beschikbaar" }).count()).toBe(0);
}

const keyOf = (page: Page, formSelector: string) => page.locator(`${formSelector} input[name="submissionKey"]`).inputValue();

describe("a comment, with JavaScript", () => {
  test("written in the editor and sent while PostgreSQL is down: the text and the key stay, and sending again once it is back stores it once", async () => {
    const person = await createUser();
    const page = await hydratedPage(person.token, `/actiepunt/${SLUG}`);
    const keys = sentKeys(page);
    const url = page.url();
    const form = "#reageren-public";
    await page.locator(form).getByRole("button", { name: "Opmaak gebruiken" }).click();
    const editor = page.locator(form).getByRole("textbox", { name: "Je reactie", exact: true });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type("Mijn reactie tijdens de storing");
    const key = await keyOf(page, form);

    await withDatabaseStopped(async () => {
      await page.locator(form).getByRole("button", { name: "Plaats reactie" }).click();
      await expectNotSaved(page, form, url);
      expect(await editor.innerText()).toBe("Mijn reactie tijdens de storing");
      expect(await keyOf(page, form)).toBe(key);
    });

    await page.locator(form).getByRole("button", { name: "Plaats reactie" }).click();
    await page.waitForURL(/vanaf=\d+#reactie-\d+$/);
    const stored = await getDb().select({ id: comments.id }).from(comments).where(eq(comments.authorId, person.id));
    expect(stored).toHaveLength(1);
    await page.locator(`#reactie-${stored[0]!.id}`).getByText("Mijn reactie tijdens de storing").waitFor();
    // The form is a new, empty one, without the message.
    await expect.poll(async () => (await page.locator(form).getByRole("textbox", { name: "Je reactie", exact: true }).innerText()).trim()).toBe("");
    expect(await page.locator(form).getByRole("alert").count()).toBe(0);
    expect(await keyOf(page, form)).not.toBe(key);
    expect(keys).toEqual([key, key]);
  });

  test("whose answer is lost after it was stored (the connection breaks): the form stays, and sending again shows the first one instead of storing a second", async () => {
    const person = await createUser();
    const page = await hydratedPage(person.token, `/actiepunt/${SLUG}`);
    const keys = sentKeys(page);
    const url = page.url();
    const form = "#reageren-public";
    await page.locator(form).getByRole("textbox", { name: "Je reactie", exact: true }).fill("Opgeslagen, maar het antwoord ging verloren");
    const key = await keyOf(page, form);
    // The post reaches the server and is stored; the browser never gets the answer.
    let reached = 0;
    await page.route(`**/actiepunt/${SLUG}.data`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const answer = await route.fetch({ maxRedirects: 0 });
      reached = answer.status();
      await route.abort("connectionreset");
    });
    await page.locator(form).getByRole("button", { name: "Plaats reactie" }).click();
    await expectNotSaved(page, form, url);
    expect(reached).toBe(202);
    expect(await page.locator(form).getByRole("textbox", { name: "Je reactie", exact: true }).inputValue()).toBe("Opgeslagen, maar het antwoord ging verloren");
    const mine = () => getDb().select({ id: comments.id }).from(comments).where(eq(comments.authorId, person.id));
    expect(await mine()).toHaveLength(1);

    await page.unroute(`**/actiepunt/${SLUG}.data`);
    await page.locator(form).getByRole("button", { name: "Plaats reactie" }).click();
    await page.waitForURL(/vanaf=\d+#reactie-\d+$/);
    const stored = await mine();
    expect(stored).toHaveLength(1);
    expect(page.url()).toMatch(new RegExp(`#reactie-${stored[0]!.id}$`));
    expect(keys).toEqual([key, key]);
  });
});

describe("a reply, with JavaScript", () => {
  test("sent while PostgreSQL is down: the reply form stays open with its text; once it is back it is stored once and the form closes", async () => {
    const person = await createUser();
    const page = await hydratedPage(person.token, `/actiepunt/${SLUG}`);
    const keys = sentKeys(page);
    const url = page.url();
    await page.locator(`#reactie-${targetId}`).getByRole("link", { name: "Antwoorden" }).click();
    const form = `#reageren-public-${targetId}`;
    const textbox = page.locator(form).getByRole("textbox", { name: "Je antwoord" });
    await textbox.fill("Mijn antwoord tijdens de storing");
    const key = await keyOf(page, form);
    expect(key).toMatch(new RegExp(`\\.${targetId}$`));

    await withDatabaseStopped(async () => {
      await page.locator(form).getByRole("button", { name: "Plaats antwoord" }).click();
      await expectNotSaved(page, form, url);
      expect(await textbox.inputValue()).toBe("Mijn antwoord tijdens de storing");
      // Tried again too soon: the same answer, and still the same text and key.
      await Promise.all([
        page.waitForResponse((response) => response.request().method() === "POST" && response.status() === 503),
        page.locator(form).getByRole("button", { name: "Plaats antwoord" }).click(),
      ]);
      await expectNotSaved(page, form, url);
      expect(await textbox.inputValue()).toBe("Mijn antwoord tijdens de storing");
      expect(await keyOf(page, form)).toBe(key);
    });

    await page.locator(form).getByRole("button", { name: "Plaats antwoord" }).click();
    await page.waitForURL(/vanaf=\d+#reactie-\d+$/);
    await page.locator(form).waitFor({ state: "detached" });
    const stored = await getDb()
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.authorId, person.id), eq(comments.parentId, targetId)));
    expect(stored).toHaveLength(1);
    expect(keys).toEqual([key, key, key]);
  });
});

describe("a report and a proposal, with JavaScript", () => {
  test("a report sent while PostgreSQL is down keeps its reason and note; once it is back it is stored once", async () => {
    const person = await createUser();
    const path = `/melden/reactie/${targetId}`;
    const page = await hydratedPage(person.token, path);
    const keys = sentKeys(page);
    const url = page.url();
    const form = "#melden";
    await page.getByRole("radio", { name: "Iets anders" }).check();
    await page.getByLabel("Toelichting").fill("Dit gaat over iets anders dan het actiepunt.");
    const key = await keyOf(page, form);

    await withDatabaseStopped(async () => {
      await page.getByRole("button", { name: "Verstuur melding" }).click();
      await expectNotSaved(page, form, url);
      expect(await page.getByRole("radio", { name: "Iets anders" }).isChecked()).toBe(true);
      expect(await page.getByLabel("Toelichting").inputValue()).toBe("Dit gaat over iets anders dan het actiepunt.");
      expect(await keyOf(page, form)).toBe(key);
    });

    await page.getByRole("button", { name: "Verstuur melding" }).click();
    // The comment's own address leads to it in its discussion, with the thanks for the report.
    await page.waitForURL(/[?&]gemeld=1#reactie-\d+$/);
    const stored = await getDb().select({ note: flags.note }).from(flags).where(eq(flags.reporterId, person.id));
    expect(stored).toEqual([{ note: "Dit gaat over iets anders dan het actiepunt." }]);
    expect(keys).toEqual([key, key]);
  });

  test("a proposal sent while PostgreSQL is down keeps every field; once it is back it is stored once", async () => {
    const person = await createUser();
    const page = await hydratedPage(person.token, "/voorstellen/nieuw");
    const keys = sentKeys(page);
    const url = page.url();
    const form = "#voorstel";
    const title = `Een register van algoritmen ${person.id}`;
    const fields = async () => ({
      title: await page.getByLabel("Titel", { exact: true }).inputValue(),
      summary: await page.getByLabel("Korte samenvatting").inputValue(),
      body: await page.getByLabel("Uitleg", { exact: true }).inputValue(),
      theme: await page.getByLabel("Thema", { exact: true }).inputValue(),
    });
    await page.getByLabel("Titel", { exact: true }).fill(title);
    await page.getByLabel("Korte samenvatting").fill("Maak een openbaar overzicht van alle algoritmen die gemeenten gebruiken.");
    await page.getByLabel("Uitleg", { exact: true }).fill("Inwoners willen weten welke algoritmen over hen beslissen.\n\nBegin met de grote gemeenten.");
    await page.getByLabel("Thema", { exact: true }).selectOption({ label: "VI Open Technologie" });
    const typed = await fields();
    const key = await keyOf(page, form);

    await withDatabaseStopped(async () => {
      await page.getByRole("button", { name: "Voorstel plaatsen" }).click();
      await expectNotSaved(page, form, url);
      expect(await fields()).toEqual(typed);
      expect(await keyOf(page, form)).toBe(key);
    });

    await page.getByRole("button", { name: "Voorstel plaatsen" }).click();
    await page.waitForURL(/\/voorstel\/\d+$/);
    const stored = await getDb()
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.authorId, person.id), like(proposals.title, title)));
    expect(stored).toHaveLength(1);
    expect(page.url()).toBe(`${app.url}/voorstel/${stored[0]!.id}`);
    expect(keys).toEqual([key, key]);
  });
});

describe("without JavaScript", () => {
  test("a comment posted while PostgreSQL is down gets the 503 page with Retry-After, as before", async () => {
    const person = await createUser();
    const page = await signedInPage(browser(), app.url, person.token, { javaScriptEnabled: false });
    await page.goto(`/actiepunt/${SLUG}`);
    await page.locator("#reageren-public").getByRole("textbox", { name: "Je reactie", exact: true }).fill("Zonder JavaScript tijdens de storing");
    await withDatabaseStopped(async () => {
      const [answer] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === "POST"),
        page.locator("#reageren-public").getByRole("button", { name: "Plaats reactie" }).click(),
      ]);
      expect({ status: answer.status(), retryAfter: await answer.headerValue("Retry-After") }).toEqual({ status: 503, retryAfter: "5" });
      await page.getByRole("heading", { level: 1, name: "Even niet beschikbaar" }).waitFor();
    });
    expect(await getDb().select({ id: comments.id }).from(comments).where(eq(comments.authorId, person.id))).toEqual([]);
  });
});
