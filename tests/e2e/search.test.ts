import { describe, expect, inject, test } from "vitest";
import { expectNoSeriousAxeViolations, openPage, sharedBrowser } from "#tests/setup/page.ts";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("search %s", (_label, javaScriptEnabled) => {
  test("search from the header box, see highlighted results, filter them; /zoeken has no serious axe violations", async () => {
    const page = await openPage(browser(), baseUrl, { javaScriptEnabled });
    await page.goto("/");
    const header = page.getByRole("banner");
    await header.getByRole("searchbox", { name: "Zoeken op deze website" }).fill("algoritmen");
    await header.getByRole("button", { name: "Zoeken" }).click();

    await page.getByRole("heading", { level: 2, name: "Resultaten voor ‘algoritmen’" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/zoeken");
    const result = page.getByRole("link", { name: "Open Algoritmen" });
    await expect.poll(() => result.count()).toBeGreaterThan(0);
    expect(await page.locator("main mark").count()).toBeGreaterThan(0);
    // axe runs as a script in the page, so it needs JavaScript.
    if (javaScriptEnabled) await expectNoSeriousAxeViolations(page);

    // Only action points, with the search form on the page.
    await page.getByLabel("Soort").selectOption({ label: "Actiepunt" });
    await page.getByRole("main").getByRole("button", { name: "Zoeken" }).click();
    // The address changes a moment before the results do: wait for the filtered list itself.
    await expect.poll(async () => [...new Set(await page.locator("main .inspraak-badge").allInnerTexts())]).toEqual(["Actiepunt"]);

    await page.getByRole("link", { name: "Open Algoritmen" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Open Algoritmen" }).waitFor();
  });
});

test("a bad filter gets a clear message with status 400", async () => {
  const page = await openPage(browser(), baseUrl);
  const response = await page.goto("/zoeken?q=open&soort=tweet");
  expect(response?.status()).toBe(400);
  await expect.poll(() => page.getByRole("alert").innerText()).toContain("Deze soort bestaat niet");
  await expectNoSeriousAxeViolations(page);
});
