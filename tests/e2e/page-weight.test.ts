import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { closeDb } from "#db/client.ts";
import { createUser } from "#tests/setup/factories.ts";
import { openPage, sharedBrowser, signedInPage } from "#tests/setup/page.ts";
import { PAGE_WEIGHT_BUDGET_BYTES } from "../../scripts/page-weight/measure.ts";

process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

let proposalPath = "";
let token = "";
beforeAll(async () => {
  token = (await createUser({ displayName: "Lezer met account" })).token;
  // A proposal to read, posted as a plain form.
  const author = await createUser({ displayName: "Indiener gewicht" });
  const page = await signedInPage(browser(), baseUrl, author.token, { javaScriptEnabled: false });
  await page.goto("/voorstellen/nieuw");
  await page.getByLabel("Titel", { exact: true }).fill("Een lichte pagina voor iedereen");
  await page.getByLabel("Korte samenvatting").fill("Pagina's laden snel, ook op een oude telefoon met een trage verbinding.");
  await page.getByLabel("Uitleg", { exact: true }).fill("Minder JavaScript betekent sneller lezen.\n\nDat helpt iedereen die meedoet.");
  await page.getByLabel("Thema", { exact: true }).selectOption({ label: "VI Open Technologie" });
  await page.getByRole("button", { name: "Voorstel plaatsen" }).click();
  await page.getByRole("heading", { level: 1, name: "Een lichte pagina voor iedereen" }).waitFor();
  proposalPath = new URL(page.url()).pathname;
  await page.context().close();
});

/** Opens a page and counts what its JavaScript cost on the wire (encoded, i.e. compressed, bytes), until the page is interactive. */
async function javaScriptWeight(page: Page, path: string, heading: RegExp | string) {
  const scripts: { url: string; bytes: number; encoding: string }[] = [];
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("requestfinished", async (request) => {
    if (request.resourceType() !== "script") return;
    const sizes = await request.sizes();
    const headers = (await request.response())?.headers() ?? {};
    // responseBodySize is the encoded size: what came over the wire, compressed.
    scripts.push({ url: request.url(), bytes: sizes.responseBodySize, encoding: headers["content-encoding"] ?? "none" });
  });
  await page.goto(path, { waitUntil: "networkidle" });
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
  return { total, scripts, errors };
}

const pages = () => [
  { path: "/actiepunt/open-source", heading: /open source/i },
  { path: proposalPath, heading: "Een lichte pagina voor iedereen" },
];

test("a reader's action point and proposal pages load at most 100 KB of compressed JavaScript, and no editor", async () => {
  for (const signedIn of [false, true]) {
    for (const { path, heading } of pages()) {
      const page = signedIn ? await signedInPage(browser(), baseUrl, token) : await openPage(browser(), baseUrl);
      const { total, scripts, errors } = await javaScriptWeight(page, path, heading);
      const label = `${path} ${signedIn ? "signed in" : "reader"}: ${scripts.map((script) => `${script.url.split("/").pop()} ${script.bytes}`).join(", ")}`;
      expect(scripts.length, label).toBeGreaterThan(0);
      // The framework is far over 1 KB, so it must have come compressed.
      expect(scripts.some((script) => /^(gzip|br)$/.test(script.encoding)), `${label} (${scripts.map((script) => script.encoding).join(", ")})`).toBe(true);
      expect(total, label).toBeLessThanOrEqual(PAGE_WEIGHT_BUDGET_BYTES);
      expect(scripts.filter((script) => /tiptap/i.test(script.url)), label).toEqual([]);
      expect(errors, label).toEqual([]);
      await page.context().close();
    }
  }
});

test("after switching to English the page is in English, hydrates without errors, and still ships one language", async () => {
  const page = await openPage(browser(), baseUrl);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/actiepunt/open-source");
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { level: 2, name: "What is this action point about?" }).waitFor();
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  const messages = JSON.parse((await page.locator("#inspraak-messages").textContent()) ?? "null") as { locale: string; messages: Record<string, string> };
  expect(messages.locale).toBe("en");
  expect(messages.messages["nav.proposals"]).toBe("Proposals");
  // After hydration a client-side navigation renders English texts from the same messages.
  await page.getByRole("link", { name: "Proposals", exact: true }).first().click();
  await page.getByRole("heading", { level: 1, name: "Proposals for the next action plan" }).waitFor();
  expect(errors.filter((error) => /hydrat|Minified React error/i.test(error))).toEqual([]);
  expect(errors).toEqual([]);
});

test("assets go out as the build compressed them: brotli or gzip as the browser accepts, cached for good, the same bytes as the file", async () => {
  const html = await (await fetch(`${baseUrl}/`)).text();
  const asset = html.match(/\/assets\/entry\.client-[\w-]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const plain = await fetch(`${baseUrl}${asset}`, { headers: { "Accept-Encoding": "identity" } });
  const original = await plain.text();
  expect(plain.headers.get("Content-Encoding")).toBeNull();
  for (const encoding of ["br", "gzip"]) {
    // fetch decodes the body, so it must come back as the very same script.
    const response = await fetch(`${baseUrl}${asset}`, { headers: { "Accept-Encoding": encoding } });
    expect(response.headers.get("Content-Encoding")).toBe(encoding);
    expect(response.headers.get("Content-Type")).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get("Vary")).toMatch(/Accept-Encoding/);
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    expect(await response.text()).toBe(original);
  }
});
