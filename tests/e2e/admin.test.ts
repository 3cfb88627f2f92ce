import { eq } from "drizzle-orm";
import { afterAll, expect, inject, test } from "vitest";
import { closeDb, getDb } from "#db/client.ts";
import { actionPoints, roleGrants, themes } from "#db/schema.ts";
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

test("an admin creates a theme and an action point without JavaScript and edits its text; the public page shows it", async () => {
  const admin = await createUser({ displayName: "Plannenbeheerder", grants: [{ role: "admin" }] });
  const page = await signedInPage(browser(), baseUrl, admin.token, { javaScriptEnabled: false });

  await page.goto("/beheer/plannen");
  await page.getByRole("link", { name: /Teksten, status en thema's van Actieplan Open Overheid 2023-2025/ }).click();
  await page.getByRole("heading", { level: 1, name: /Plan bewerken/ }).waitFor();
  await page.getByRole("link", { name: "Nieuw thema" }).click();
  await page.getByRole("heading", { level: 1, name: /Nieuw thema/ }).waitFor();
  // A bad slug comes back from the server with a message, and the title typed stays.
  await page.getByLabel("Korte naam in het webadres").fill("Geen Goede Naam");
  await page.getByLabel("Titel", { exact: true }).fill("Open vergaderingen");
  await page.getByRole("button", { name: "Thema aanmaken" }).click();
  await page.getByText("Gebruik 3 tot 80 kleine letters").waitFor();
  expect(await page.getByLabel("Titel", { exact: true }).inputValue()).toBe("Open vergaderingen");
  await page.getByLabel("Korte naam in het webadres").fill("open-vergaderingen-e2e");
  await page.getByRole("button", { name: "Thema aanmaken" }).click();
  await page.getByRole("heading", { level: 1, name: /Open vergaderingen/ }).waitFor();

  await page.getByRole("link", { name: "Nieuw actiepunt" }).click();
  await page.getByLabel("Korte naam in het webadres").fill("vergaderingen-live-e2e");
  await page.getByLabel("Titel", { exact: true }).fill("Vergaderingen live");
  await page.getByLabel("Actiehouder", { exact: true }).fill("Ministerie van BZK");
  await page.getByLabel("Beschrijving", { exact: true }).fill("Eerste alinea.\n\nTweede alinea.");
  await page.getByRole("button", { name: "Actiepunt aanmaken" }).click();
  await page.getByRole("heading", { level: 1, name: /Vergaderingen live/ }).waitFor();
  await page.getByRole("status").waitFor();
  await page.getByLabel("Beschrijving", { exact: true }).fill("Eerste alinea.\n\nTweede alinea, herschreven.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.getByText("Opgeslagen.").waitFor();

  await page.getByRole("link", { name: "Bekijk het actiepunt op de site" }).click();
  await page.getByRole("heading", { level: 1, name: /Vergaderingen live/ }).waitFor();
  expect(await page.locator("main").innerText()).toContain("Tweede alinea, herschreven.");
  await page.goto("/thema/open-vergaderingen-e2e");
  expect(await page.locator("main").innerText()).toContain("Vergaderingen live");

  await page.goto("/beheer/auditlog");
  const log = await page.locator("main").innerText();
  expect(log).toContain("Actiepunt gewijzigd");
  expect(log).toContain("Thema aangemaakt");
});

test("every plan admin page passes axe, also with the messages of a refused form", async () => {
  const admin = await createUser({ displayName: "Plannenbeheerder Axe", grants: [{ role: "admin" }] });
  const page = await signedIn(admin.token);
  const [theme] = await getDb().select({ id: themes.id, planId: themes.planId }).from(themes).where(eq(themes.slug, "open-recht"));
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, "open-source"));
  for (const path of [
    "/beheer/plannen",
    "/beheer/plannen/nieuw",
    `/beheer/plannen/${theme!.planId}`,
    `/beheer/themas/nieuw?plan=${theme!.planId}`,
    `/beheer/themas/${theme!.id}`,
    `/beheer/actiepunten/nieuw?thema=${theme!.id}`,
    `/beheer/actiepunten/${point!.id}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectNoSeriousAxeViolations(page);
  }
  // In the browser the same schema checks the form before it is sent.
  await page.getByLabel("Korte naam in het webadres").fill("Niet Goed");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.getByText("Gebruik 3 tot 80 kleine letters").waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: "/tmp/actiepunt-bewerken.png", fullPage: true });
});
