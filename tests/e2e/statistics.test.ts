import { afterAll, expect, inject, test } from "vitest";
import { closeDb } from "#db/client.ts";
import { expectNoSeriousAxeViolations, openPage, sharedBrowser } from "#tests/setup/page.ts";

process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

test("the statistics page is accessible, in Dutch and in English, with the tables open", async () => {
  for (const locale of ["nl", "en"] as const) {
    const page = await openPage(browser(), baseUrl, { locale });
    const response = await page.goto("/statistieken");
    expect(response?.status()).toBe(200);
    await expectNoSeriousAxeViolations(page);
    // The tables behind the charts are checked too, opened as a reader would.
    for (const summary of await page.locator("details summary").all()) await summary.click();
    await expectNoSeriousAxeViolations(page);
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(4);
    expect(await page.locator("details table").count()).toBe(4);
  }
});

test("the footer links to the statistics", async () => {
  const page = await openPage(browser(), baseUrl);
  await page.goto("/");
  await page.locator("footer").getByRole("link", { name: "Statistieken" }).click();
  // Wait for the new page's heading: the address changes a moment before the page does.
  await page.getByRole("heading", { level: 1, name: "Statistieken" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/statistieken");
});

test("no horizontal scrolling at 320 px, and the charts fit the screen", async () => {
  const page = await openPage(browser(), baseUrl, { viewport: { width: 320, height: 640 } });
  await page.goto("/statistieken");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const widths = await page.locator('svg[role="img"]').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().right));
  for (const right of widths) expect(right).toBeLessThanOrEqual(320);
});
