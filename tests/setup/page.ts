import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { launchBrowser } from "./browser.ts";

/** A fresh page in its own context (axe needs one), optionally in English or without JavaScript. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  { locale, ...options }: BrowserContextOptions & { locale?: "nl" | "en" } = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, ...options });
  if (locale) await context.addCookies([{ name: "lang", value: locale, url: baseUrl }]);
  return context.newPage();
}

/** Fails on any serious or critical accessibility violation, listing them. */
export async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

/**
 * One Chromium per test file: launched before the tests, every context closed
 * after each test, the browser closed at the end. Returns a getter.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not running yet");
    return browser;
  };
}

/** A page signed in as the person whose session token is given (the login fixture makes one with createUser). */
export async function signedInPage(browser: Browser, baseUrl: string, token: string, { javaScriptEnabled = true }: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await openPage(browser, baseUrl, { javaScriptEnabled });
  await page.context().addCookies([{ name: "inspraak_session", value: token, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
  return page;
}
