import { afterAll, describe, expect, inject, test } from "vitest";
import { closeDb } from "#db/client.ts";
import { createUser } from "#tests/setup/factories.ts";
import { expectNoSeriousAxeViolations, sharedBrowser, signedInPage } from "#tests/setup/page.ts";

// The login fixture writes people and sessions straight into the app's database.
process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

const POINT = "/actiepunt/open-data-communities";

describe("notifications", () => {
  test("follow an action point, see someone's comment as a notification, mark it read", async () => {
    const follower = await createUser({ displayName: "Volger" });
    const writer = await createUser({ displayName: "Schrijver meldingen" });

    const page = await signedInPage(browser(), baseUrl, follower.token);
    await page.goto(POINT);
    await page.getByRole("button", { name: /^Volgen: / }).click();
    await page.getByRole("button", { name: /^Niet meer volgen: / }).waitFor();
    await page.getByRole("link", { name: "Meldingen, 0 ongelezen" }).waitFor();

    // Someone else comments (without JavaScript, the plain form).
    const other = await signedInPage(browser(), baseUrl, writer.token, { javaScriptEnabled: false });
    await other.goto(POINT);
    await other.locator("#discussie-public").getByLabel("Je reactie", { exact: true }).fill("Een reactie voor de volgers.");
    await other.locator("#discussie-public").getByRole("button", { name: "Plaats reactie" }).click();
    await other.waitForURL(/#reactie-\d+$/);

    // The background worker writes the notification within seconds of the comment: reload until it is there.
    const headerLink = page.getByRole("link", { name: "Meldingen, 1 ongelezen" });
    await expect
      .poll(
        async () => {
          await page.goto("/");
          return headerLink.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    expect(await headerLink.textContent()).toBe("Meldingen (1)");
    await headerLink.click();
    await page.waitForURL(/\/meldingen$/);
    const item = page.getByRole("list", { name: "Meldingen" }).getByRole("listitem").first();
    expect(await item.textContent()).toContain("Nieuw: Schrijver meldingen reageerde bij");
    await expectNoSeriousAxeViolations(page);

    await item.getByRole("button", { name: /^Markeer als gelezen: / }).click();
    await page.getByRole("link", { name: "Meldingen, 0 ongelezen" }).waitFor();
    expect(await page.getByRole("list", { name: "Meldingen" }).getByRole("listitem").first().textContent()).not.toContain("Nieuw:");
    await expectNoSeriousAxeViolations(page);
  });
});
