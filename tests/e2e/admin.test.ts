import { eq } from "drizzle-orm";
import { afterAll, expect, inject, test } from "vitest";
import { closeDb, getDb } from "#db/client.ts";
import { roleGrants, themes } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { expectNoSeriousAxeViolations, sharedBrowser, signedInPage } from "#tests/setup/page.ts";

// The login fixture writes the person and their session straight into the app's database.
process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

const signedIn = (token: string) => signedInPage(browser(), baseUrl, token);

test("an admin finds a person and makes them moderator of a theme, using only the keyboard; every admin page passes axe", async () => {
  const admin = await createUser({ displayName: "Beheerder E2E", grants: [{ role: "admin" }] });
  const person = await createUser({ displayName: "Toekomstig Moderator" });
  const page = await signedIn(admin.token);

  await page.goto("/");
  await page.getByRole("link", { name: "Beheer" }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Naam of e-mailadres").fill("Toekomstig");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Toekomstig Moderator" }).waitFor();
  expect(await page.content()).not.toContain(person.email);
  await page.getByRole("link", { name: "Toekomstig Moderator" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: /Toekomstig Moderator/ }).waitFor();
  await expectNoSeriousAxeViolations(page);

  const [theme] = await getDb().select({ id: themes.id }).from(themes).where(eq(themes.slug, "open-recht"));
  await page.getByLabel("Rol", { exact: true }).selectOption("moderator");
  await page.getByLabel("Thema", { exact: true }).selectOption(String(theme!.id));
  // Tab on from the theme to the grant button, and press it from the keyboard.
  await page.getByLabel("Thema", { exact: true }).focus();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent ?? "")) === "Rol geven") break;
  }
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Rol geven");
  await page.keyboard.press("Enter");
  await page.getByRole("status").waitFor();
  const grants = await getDb().select().from(roleGrants).where(eq(roleGrants.userId, person.id));
  expect(grants).toEqual([expect.objectContaining({ role: "moderator", themeId: theme!.id, revokedAt: null })]);

  await page.goto("/beheer/auditlog");
  await page.getByRole("table").waitFor();
  expect(await page.locator("main").innerText()).toContain("Toekomstig Moderator");
  await expectNoSeriousAxeViolations(page);
});

test("a citizen gets a real 403 page for the admin pages", async () => {
  const citizen = await createUser();
  const page = await signedIn(citizen.token);
  const response = await page.goto("/beheer/gebruikers");
  expect(response?.status()).toBe(403);
  expect(await page.locator("h1").innerText()).toBe("Dit mag je niet doen");
  await expectNoSeriousAxeViolations(page);
});
