import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, test } from "vitest";
import { closeDb, getDb } from "#db/client.ts";
import { proposals, supports } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { expectNoSeriousAxeViolations, openPage, sharedBrowser, signedInPage } from "#tests/setup/page.ts";

process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

const signedIn = (token: string, javaScriptEnabled = true) => signedInPage(browser(), baseUrl, token, { javaScriptEnabled });

async function propose(page: Page, title: string, javaScriptEnabled: boolean) {
  await page.goto("/voorstellen");
  await page.getByRole("link", { name: "Doe een voorstel" }).click();
  await page.getByRole("heading", { level: 1, name: "Een idee voorstellen" }).waitFor();
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByLabel("Korte samenvatting").fill("Maak een openbaar overzicht van alle algoritmen die gemeenten gebruiken.");
  await page.getByLabel("Uitleg", { exact: true }).fill("Inwoners willen weten welke algoritmen over hen beslissen. Een register maakt dat duidelijk.\n\nBegin met de grote gemeenten.");
  await page.getByLabel("Thema", { exact: true }).selectOption({ label: "VI Open Technologie" });
  if (javaScriptEnabled) {
    // The plain-language meter follows the text while it is written.
    await page.getByRole("meter").waitFor();
    expect(Number(await page.getByRole("meter").getAttribute("value"))).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page);
  }
  await page.getByRole("button", { name: "Voorstel plaatsen" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return Number(new URL(page.url()).pathname.split("/").pop());
}

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("proposals %s", (_label, javaScriptEnabled) => {
  test("propose (with the readability meter), then someone supports it and withdraws the support", async () => {
    const author = await createUser({ displayName: `Indiener ${javaScriptEnabled}` });
    const supporter = await createUser({ displayName: `Steuner ${javaScriptEnabled}` });
    const title = `Een register van algoritmen (${javaScriptEnabled ? "js" : "zonder js"})`;
    const page = await signedIn(author.token, javaScriptEnabled);
    const id = await propose(page, title, javaScriptEnabled);
    expect(new URL(page.url()).pathname).toBe(`/voorstel/${id}`);
    await page.getByRole("meter").waitFor();
    if (javaScriptEnabled) await expectNoSeriousAxeViolations(page);

    const other = await signedIn(supporter.token, javaScriptEnabled);
    await other.goto(`/voorstel/${id}`);
    await other.getByRole("button", { name: "Steun dit voorstel" }).click();
    await other.getByRole("button", { name: "Steun intrekken" }).waitFor();
    await other.getByRole("heading", { name: "1 keer gesteund" }).waitFor();
    expect(await other.getByText("Je kunt nog 9 voorstellen steunen").count()).toBe(1);
    await expect.poll(async () => (await getDb().select().from(supports).where(eq(supports.proposalId, id))).length).toBe(1);

    await other.getByRole("button", { name: "Steun intrekken" }).click();
    await other.getByRole("button", { name: "Steun dit voorstel" }).waitFor();
    await other.getByRole("heading", { name: "0 keer gesteund" }).waitFor();
    await expect.poll(async () => (await getDb().select({ n: proposals.supportCount }).from(proposals).where(eq(proposals.id, id)))[0]!.n).toBe(0);
  });
});

test("the proposals index, the tally and a proposal page pass axe, also in English", async () => {
  for (const locale of ["nl", "en"] as const) {
    const page = await openPage(browser(), baseUrl, { locale });
    for (const path of ["/voorstellen", "/voorstellen/uitslag"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoSeriousAxeViolations(page);
    }
    const first = await page.locator("main a[href^='/voorstel/']").first().getAttribute("href");
    if (first) {
      await page.goto(first);
      await expectNoSeriousAxeViolations(page);
    }
  }
});
