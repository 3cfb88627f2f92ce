import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { expectNoSeriousAxeViolations, openPage, sharedBrowser } from "#tests/setup/page.ts";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

const CONTENT = {
  nl: {
    planTitle: "Actieplan Open Overheid 2020-2022",
    themesHeading: "De 7 thema’s en 13 actiepunten",
    theme7: "VII Open Recht",
    themePage: { h1: "Open Informatie", points: ["Actiepunt 4: Vervolg Open Wob", "Actiepunt 5: Actieve openbaarmaking Rijk"] },
    point: {
      h1: "Open Algoritmen",
      pre: "Actiepunt 12",
      facts: ["Thema", "VI Open Technologie", "Actiehouder", "Ministerie van BZK", "In samenwerking met", "Ministerie van Justitie en Veiligheid, Algemene Rekenkamer"],
      headings: ["Waar gaat dit actiepunt over?", "Hoe draagt dit bij aan een open overheid?", "Voortgang"],
      bodyText: "De overheid baseert haar keuzes steeds meer op data en algoritmen",
      update: "Verschenen op 14 april 2021",
    },
    switchLabel: "English",
  },
  en: {
    planTitle: "Open Government Action Plan 2020-2022",
    themesHeading: "The 7 themes and 13 action points",
    theme7: "VII Open Justice",
    themePage: { h1: "Open Information", points: ["Action point 4: Follow-up to Open Wob", "Action point 5: Active disclosure by central government"] },
    point: {
      h1: "Open Algorithms",
      pre: "Action point 12",
      facts: ["Theme", "VI Open Technology", "Action holder", "Ministry of the Interior and Kingdom Relations (BZK)", "In cooperation with"],
      headings: ["What is this action point about?", "How does it contribute to an open government?", "Progress"],
      bodyText: "algorithms",
      update: "Published on 14 April 2021",
    },
    switchLabel: "Nederlands",
  },
} as const;

describe.each(["nl", "en"] as const)("in %s", (locale) => {
  const expected = CONTENT[locale];

  test("the home page shows the plan grouped by its 7 themes", async () => {
    const page = await openPage(browser(), baseUrl, { locale });
    await page.goto("/");
    expect(await page.getAttribute("html", "lang")).toBe(locale);
    expect(await texts(page, "h1")).toEqual([expected.planTitle]);
    expect(await texts(page, "main h2")).toContain(expected.themesHeading);
    const themeLinks = await texts(page, "main h3 a[href^='/thema/']");
    expect(themeLinks).toHaveLength(7);
    expect(themeLinks[6]).toBe(expected.theme7);
    expect(await page.locator("main a[href^='/actiepunt/']").count()).toBe(13);
    await expectNoSeriousAxeViolations(page);
  });

  test("a theme page shows its action points", async () => {
    const page = await openPage(browser(), baseUrl, { locale });
    await page.goto("/thema/open-informatie");
    expect(await texts(page, "h1")).toEqual([expected.themePage.h1]);
    expect(await page.title()).toBe(`${locale === "nl" ? "Thema" : "Theme"} II: ${expected.themePage.h1} — Inspraak`);
    expect(await texts(page, "main h3")).toEqual(expected.themePage.points);
    await expectNoSeriousAxeViolations(page);
  });

  test("an action point page shows number, holder, partners, texts and progress", async () => {
    const page = await openPage(browser(), baseUrl, { locale });
    await page.goto("/actiepunt/open-algoritmen");
    expect(await texts(page, "h1")).toEqual([expected.point.h1]);
    expect(await page.locator("main .utrecht-pre-heading").innerText()).toBe(expected.point.pre);
    const facts = (await texts(page, "main dl dt, main dl dd")).map((text) => text.trim());
    for (const fact of expected.point.facts) expect(facts).toContain(fact);
    const headings = await texts(page, "main h2");
    for (const heading of expected.point.headings) expect(headings).toContain(heading);
    expect(await page.locator("main").innerText()).toContain(expected.point.bodyText);
    expect(await page.locator("main").innerText()).toContain(expected.point.update);
    await expectNoSeriousAxeViolations(page);
  });

  test("the about page tells about the stakeholder forum and OGP", async () => {
    const page = await openPage(browser(), baseUrl, { locale });
    await page.goto("/over-het-actieplan");
    const headings = await texts(page, "main h2");
    expect(headings).toContain(locale === "nl" ? "Stakeholderforum" : "Stakeholder forum");
    expect(headings).toContain("Open Government Partnership");
    await expectNoSeriousAxeViolations(page);
  });
});

describe("language switch", () => {
  test.each([
    ["with JavaScript", true],
    ["without JavaScript", false],
  ])("switches to English and back %s, staying on the page", async (_label, javaScriptEnabled) => {
    const page = await openPage(browser(), baseUrl, { javaScriptEnabled });
    await page.goto("/actiepunt/open-source");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect(new URL(page.url()).pathname).toBe("/actiepunt/open-source");
    expect(await page.locator("main .utrecht-pre-heading").innerText()).toBe("Action point 11");
    await page.getByRole("button", { name: "Nederlands" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "nl");
    expect(await page.locator("main .utrecht-pre-heading").innerText()).toBe("Actiepunt 11");
  });
});

describe("not found", () => {
  test.each(["/actiepunt/bestaat-niet", "/thema/bestaat-niet", "/geen/pagina"])("%s is a real 404 page in the site's layout", async (path) => {
    const page = await openPage(browser(), baseUrl);
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    expect(await texts(page, "h1")).toEqual(["Deze pagina bestaat niet"]);
    expect(await page.title()).toBe("Deze pagina bestaat niet — Inspraak");
    expect(await page.getByRole("link", { name: "Naar de startpagina" }).count()).toBe(1);
    await expectNoSeriousAxeViolations(page);
  });
});

describe("keyboard and small screens", () => {
  test.each(["/", "/thema/open-democratie", "/actiepunt/digitale-democratie", "/over-het-actieplan"])(
    "on %s a keyboard-only user reaches every link and button with Tab",
    async (path) => {
      const page = await openPage(browser(), baseUrl);
      await page.goto(path);
      // Links by address, form fields by name, buttons by text.
      const focusable = await page.$$eval(`a[href], button, input:not([type="hidden"]), select, textarea`, (elements) =>
        elements.map((element) =>
          element instanceof HTMLAnchorElement
            ? element.getAttribute("href")
            : element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement
              ? `field:${element.name}`
              : `button:${element.textContent}`,
        ),
      );
      const reached: (string | null)[] = [];
      for (let i = 0; i < focusable.length + 5; i++) {
        await page.keyboard.press("Tab");
        reached.push(
          await page.evaluate(() => {
            const element = document.activeElement;
            if (!element || element === document.body) return null;
            if (element instanceof HTMLAnchorElement) return element.getAttribute("href");
            if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) return `field:${element.name}`;
            return `button:${element.textContent}`;
          }),
        );
      }
      expect(new Set(reached.filter(Boolean))).toEqual(new Set(focusable));
      // The skip link comes first and moves focus to the main content.
      expect(reached[0]).toBe("#inhoud");
    },
  );

  test("the skip link takes keyboard focus to the content", async () => {
    const page = await openPage(browser(), baseUrl);
    await page.goto("/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ga direct naar de inhoud");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
  });

  test.each(["/", "/actiepunt/open-data-communities"])("%s fits a 320 px wide screen without sideways scrolling", async (path) => {
    const page = await openPage(browser(), baseUrl, { viewport: { width: 320, height: 640 } });
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  test("pages render fully without JavaScript", async () => {
    const page = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto("/actiepunt/contract-register");
    expect(await texts(page, "h1")).toEqual(["Contract Register"]);
    expect(await page.locator("main").innerText()).toContain("TenderNed.nl");
  });
});
