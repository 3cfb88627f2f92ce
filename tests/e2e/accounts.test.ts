import { desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, test } from "vitest";
import { connect } from "#db/client.ts";
import { outbox } from "#db/schema.ts";
import { expectNoSeriousAxeViolations, openPage, sharedBrowser } from "#tests/setup/page.ts";

const baseUrl = inject("baseUrl");
const database = connect(inject("databaseUrl"), { max: 2 });
const browser = sharedBrowser();
afterAll(async () => {
  await database.end();
});

/** The newest mail to `to` that the app queued, read from its outbox. */
async function linkFromMail(to: string, path: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [mail] = await database.db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.id)).limit(1);
    const match = mail?.text.match(new RegExp(`https?://[^\\s]+${path}[a-z2-7]+`));
    if (match) return new URL(match[0]).pathname;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail with ${path} for ${to}`);
}

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("accounts %s", (label, javaScriptEnabled) => {
  // axe runs as a script in the page, which a page without JavaScript cannot do; the same
  // server-rendered pages are checked in the run with JavaScript.
  const checkAxe = (page: Parameters<typeof expectNoSeriousAxeViolations>[0]) => (javaScriptEnabled ? expectNoSeriousAxeViolations(page) : Promise.resolve());
  test("register, verify by the mailed link, sign in and sign out", async () => {
    const email = `e2e.${javaScriptEnabled ? "js" : "nojs"}@voorbeeld.nl`;
    const password = "een lange zin als wachtwoord";
    const page = await openPage(browser(), baseUrl, { javaScriptEnabled });

    await page.goto("/");
    await page.getByRole("link", { name: "Registreren" }).click();
    await page.getByRole("heading", { level: 1, name: "Registreren" }).waitFor();
    await checkAxe(page);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Naam").fill(`Tester ${label}`);
    await page.getByLabel("Wachtwoord").fill(password);
    await page.getByRole("button", { name: "Account maken" }).click();
    await page.getByRole("heading", { name: "Kijk in je mailbox" }).waitFor();
    await checkAxe(page);

    await page.goto(await linkFromMail(email, "/e-mail-bevestigen/"));
    await page.getByText("Je e-mailadres is bevestigd").waitFor();
    await checkAxe(page);

    await page.getByRole("main").getByRole("link", { name: "Inloggen" }).click();
    await page.getByRole("heading", { level: 1, name: "Inloggen" }).waitFor();
    await checkAxe(page);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL("**/");
    await page.getByRole("link", { name: "Mijn account" }).click();
    await page.getByRole("heading", { name: "Mijn account" }).waitFor();
    expect(await page.locator("main dl").innerText()).toContain(email);
    await checkAxe(page);

    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.getByRole("link", { name: "Inloggen" }).waitFor();
    expect(await page.getByRole("button", { name: "Uitloggen" }).count()).toBe(0);
    await page.goto("/account");
    expect(new URL(page.url()).pathname).toBe("/inloggen");
  });

  test("bad input shows a translated message next to the field and keeps what was typed, except the password", async () => {
    const page = await openPage(browser(), baseUrl, { javaScriptEnabled });
    await page.goto("/registreren");
    await page.getByLabel("E-mailadres").fill(`fout.${javaScriptEnabled}@voorbeeld.nl`);
    await page.getByLabel("Naam").fill("Iemand");
    await page.getByLabel("Wachtwoord").fill("te kort");
    await page.getByRole("button", { name: "Account maken" }).click();
    const error = page.getByText("Kies een wachtwoord van minstens 12 tekens.");
    await error.waitFor();
    expect(await page.getByLabel("Wachtwoord").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("E-mailadres").inputValue()).toBe(`fout.${javaScriptEnabled}@voorbeeld.nl`);
    expect(await page.getByLabel("Wachtwoord").inputValue()).toBe(javaScriptEnabled ? "te kort" : "");
    await checkAxe(page);
  });

  test("a wrong password gets one message that does not tell whether the address exists", async () => {
    const page = await openPage(browser(), baseUrl, { javaScriptEnabled });
    await page.goto("/inloggen");
    await page.getByLabel("E-mailadres").fill("niemand@voorbeeld.nl");
    await page.getByLabel("Wachtwoord").fill("helemaal niet goed");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("alert").getByText("Het e-mailadres of het wachtwoord klopt niet.").waitFor();
    await checkAxe(page);
  });
});
