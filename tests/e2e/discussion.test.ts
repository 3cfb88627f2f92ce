import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, test } from "vitest";
import { closeDb, getDb } from "#db/client.ts";
import { comments } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { expectNoSeriousAxeViolations, openPage, sharedBrowser, signedInPage } from "#tests/setup/page.ts";

// The login fixture writes people and sessions straight into the app's database.
process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

const signedIn = (token: string, javaScriptEnabled = true) => signedInPage(browser(), baseUrl, token, { javaScriptEnabled });

const publicDiscussion = (page: Page) => page.locator("#discussie-public");
const commentById = (page: Page, id: number) => page.locator(`#reactie-${id}`);
const newestCommentId = async (authorId: number) =>
  (await getDb().select({ id: comments.id }).from(comments).where(eq(comments.authorId, authorId)).orderBy(comments.id)).at(-1)!.id;

describe("with JavaScript", () => {
  test("write with the editor (bold and a link), reply, like, edit and delete; readers never load the editor", async () => {
    const author = await createUser({ displayName: "Schrijver JS" });
    const replier = await createUser({ displayName: "Antwoorder JS" });

    // A reader does not download the editor.
    const reader = await openPage(browser(), baseUrl);
    const scripts: string[] = [];
    reader.on("request", (request) => scripts.push(request.url()));
    await reader.goto("/actiepunt/open-algoritmen");
    await reader.waitForLoadState("networkidle");
    expect(scripts.some((url) => url.includes("TiptapEditor"))).toBe(false);
    await expectNoSeriousAxeViolations(reader);

    const page = await signedIn(author.token);
    await page.goto("/actiepunt/open-algoritmen");
    const discussion = publicDiscussion(page);
    await discussion.getByRole("button", { name: "Opmaak gebruiken" }).click();
    const editor = discussion.getByRole("textbox", { name: "Je reactie", exact: true });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type("Lees ");
    await discussion.getByRole("button", { name: "Vet" }).click();
    await page.keyboard.type("dit rapport");
    await discussion.getByRole("button", { name: "Vet" }).click();
    await page.keyboard.type(" goed");
    // Select "goed" and make it a link.
    for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowLeft");
    await discussion.getByRole("button", { name: "Link", exact: true }).click();
    await discussion.getByLabel("Adres van de link").fill("https://www.rekenkamer.nl/algoritmen");
    await page.keyboard.press("Enter");
    await expectNoSeriousAxeViolations(page);
    await discussion.getByRole("button", { name: "Plaats reactie" }).click();

    await page.waitForURL(/vanaf=\d+#reactie-\d+$/);
    const id = await newestCommentId(author.id);
    const mine = commentById(page, id);
    expect(await mine.locator(".inspraak-comment__body").innerHTML()).toBe(
      '<p>Lees <strong>dit rapport</strong> <a href="https://www.rekenkamer.nl/algoritmen" rel="nofollow ugc noopener">goed</a></p>',
    );

    // Someone else replies and likes it, in place.
    const other = await signedIn(replier.token);
    await other.goto(`/reactie/${id}`);
    const theirs = commentById(other, id);
    await theirs.getByRole("button", { name: "Waardeer de reactie van Schrijver JS" }).click();
    await theirs.getByRole("button", { name: "Trek je waardering in voor de reactie van Schrijver JS" }).waitFor();
    expect(await theirs.getByText("1 waardering").count()).toBe(1);
    await theirs.getByRole("link", { name: "Antwoorden" }).first().click();
    await theirs.getByRole("textbox", { name: "Je antwoord" }).fill("Eens, goed rapport.");
    await theirs.getByRole("button", { name: "Plaats antwoord" }).click();
    await other.getByText("Eens, goed rapport.").waitFor();
    const [{ likeCount } = { likeCount: -1 }] = await getDb().select({ likeCount: comments.likeCount }).from(comments).where(eq(comments.id, id));
    expect(likeCount).toBe(1);

    // The author edits and then deletes it; the reply stays.
    await page.goto(`/reactie/${id}/bewerken`);
    const edit = page.getByRole("textbox", { name: "Je reactie", exact: true });
    await edit.waitFor();
    await edit.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" (aangevuld)");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.waitForURL(/#reactie-/);
    await commentById(page, id).getByText("(bewerkt)").waitFor();
    expect(await commentById(page, id).innerText()).toContain("(aangevuld)");

    await commentById(page, id).getByRole("link", { name: "Verwijderen" }).click();
    await page.getByRole("button", { name: "Ja, verwijder mijn reactie" }).click();
    await page.waitForURL(/#reactie-/);
    await commentById(page, id).getByText("Deze reactie is verwijderd door de auteur.").waitFor();
    expect(await commentById(page, id).innerText()).toContain("Eens, goed rapport.");
    await expectNoSeriousAxeViolations(page);
  });

  test("a keyboard-only user writes and posts a comment", async () => {
    const person = await createUser({ displayName: "Toetsenbord" });
    const page = await signedIn(person.token);
    await page.goto("/actiepunt/open-klachten");
    await publicDiscussion(page).getByLabel("Je reactie", { exact: true }).focus();
    await page.keyboard.type("Met alleen het toetsenbord geschreven.");
    // Tab to the submit button (past "Opmaak gebruiken") and press Enter.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent)) === "Plaats reactie") break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Plaats reactie");
    await page.keyboard.press("Enter");
    await page.waitForURL(/#reactie-/);
    await page.getByText("Met alleen het toetsenbord geschreven.").waitFor();
  });
});

describe("a post is stored once", () => {
  test("with JavaScript: a double click posts one comment and empties the form; a posted reply closes its form", async () => {
    const person = await createUser({ displayName: "Dubbelklikker" });
    const page = await signedIn(person.token);
    await page.goto("/actiepunt/investeren-in-vakmanschap");
    const discussion = publicDiscussion(page);
    const field = discussion.getByLabel("Je reactie", { exact: true });
    await field.fill("Twee keer geklikt, een keer geplaatst.");
    await discussion.getByRole("button", { name: "Plaats reactie" }).dblclick();
    await page.waitForURL(/vanaf=\d+#reactie-\d+$/);
    const id = await newestCommentId(person.id);
    await commentById(page, id).getByText("Twee keer geklikt, een keer geplaatst.").waitFor();
    await expect.poll(() => field.inputValue()).toBe("");
    expect(await getDb().select({ id: comments.id }).from(comments).where(eq(comments.authorId, person.id))).toHaveLength(1);

    const comment = commentById(page, id);
    await comment.getByRole("link", { name: "Antwoorden" }).click();
    const reply = comment.getByRole("textbox", { name: "Je antwoord" });
    await reply.fill("Een antwoord, ook een keer.");
    await comment.getByRole("button", { name: "Plaats antwoord" }).dblclick();
    await comment.getByText("Een antwoord, ook een keer.").waitFor();
    // The reply form closed with the post: nothing left to click a second time.
    await reply.waitFor({ state: "detached" });
    expect(await comment.getByRole("button", { name: "Plaats antwoord" }).count()).toBe(0);
    const [replies] = [await getDb().select({ id: comments.id }).from(comments).where(eq(comments.parentId, id))];
    expect(replies).toHaveLength(1);
    // Opened again, it is empty and carries a new key: a second reply is a new one.
    await comment.getByRole("link", { name: "Antwoorden" }).first().click();
    await expect.poll(() => reply.inputValue()).toBe("");
    await reply.fill("Nog een antwoord.");
    await comment.getByRole("button", { name: "Plaats antwoord" }).click();
    await comment.getByText("Nog een antwoord.").waitFor();
    expect(await getDb().select({ id: comments.id }).from(comments).where(eq(comments.parentId, id))).toHaveLength(2);
  });

  test.each([true, false])("a form sent twice on the way (the first answer lost) stores one comment; JavaScript: %s", async (javaScript) => {
    const person = await createUser();
    const page = await signedIn(person.token, javaScript);
    // Every post to the page goes out twice, as when a proxy or the browser retries after a lost answer.
    await page.route(/\/actiepunt\/investeren-in-vakmanschap(\.data)?(\?.*)?$/, async (route) => {
      if (route.request().method() === "POST") await route.fetch({ maxRedirects: 0 });
      await route.continue();
    });
    await page.goto("/actiepunt/investeren-in-vakmanschap");
    const text = `Twee keer onderweg, ${javaScript ? "met" : "zonder"} JavaScript.`;
    await publicDiscussion(page).getByLabel("Je reactie", { exact: true }).fill(text);
    await publicDiscussion(page).getByRole("button", { name: "Plaats reactie" }).click();
    await page.waitForURL(/#reactie-\d+$/);
    await page.getByText(text).first().waitFor();
    expect(await getDb().select({ id: comments.id }).from(comments).where(eq(comments.authorId, person.id))).toHaveLength(1);
  });
});

describe("without JavaScript", () => {
  test("write, reply, like, edit and delete with plain forms", async () => {
    const author = await createUser({ displayName: "Schrijver zonder JS" });
    const fan = await createUser({ displayName: "Fan zonder JS" });
    const page = await signedIn(author.token, false);
    await page.goto("/actiepunt/open-data-communities");
    await publicDiscussion(page).getByLabel("Je reactie", { exact: true }).fill("Eerste alinea.\n\nTweede <b>alinea</b>.");
    await publicDiscussion(page).getByRole("button", { name: "Plaats reactie" }).click();
    await page.waitForURL(/#reactie-/);
    const id = await newestCommentId(author.id);
    expect(await commentById(page, id).locator(".inspraak-comment__body").innerHTML()).toBe("<p>Eerste alinea.</p><p>Tweede &lt;b&gt;alinea&lt;/b&gt;.</p>");

    const other = await signedIn(fan.token, false);
    await other.goto(`/reactie/${id}`);
    await commentById(other, id).getByRole("button", { name: "Waardeer de reactie van Schrijver zonder JS" }).click();
    await commentById(other, id).getByText("1 waardering").waitFor();
    await commentById(other, id).getByRole("link", { name: "Antwoorden" }).click();
    await other.getByLabel("Je antwoord").fill("Antwoord zonder JavaScript.");
    await other.getByRole("button", { name: "Plaats antwoord" }).click();
    await other.getByText("Antwoord zonder JavaScript.").waitFor();

    await page.goto(`/reactie/${id}/bewerken`);
    await page.getByLabel("Je reactie", { exact: true }).fill("Bewerkt zonder JavaScript.");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await commentById(page, id).getByText("(bewerkt)").waitFor();
    await commentById(page, id).getByRole("link", { name: "Verwijderen" }).click();
    await page.getByRole("button", { name: "Ja, verwijder mijn reactie" }).click();
    await commentById(page, id).getByText("Deze reactie is verwijderd door de auteur.").waitFor();
    expect(await commentById(page, id).innerText()).toContain("Antwoord zonder JavaScript.");
  });

  test("an empty comment gets a translated message and nothing is stored", async () => {
    const person = await createUser();
    const page = await signedIn(person.token, false);
    await page.goto("/actiepunt/open-source");
    await publicDiscussion(page).getByRole("button", { name: "Plaats reactie" }).click();
    // The browser's own check stops an empty required field; a blank one reaches the server.
    if (new URL(page.url()).search === "") {
      await publicDiscussion(page).getByLabel("Je reactie", { exact: true }).fill("   ");
      await publicDiscussion(page).getByRole("button", { name: "Plaats reactie" }).click();
    }
    await page.getByRole("alert").getByText("Schrijf eerst een tekst.").waitFor();
    expect(await getDb().select().from(comments).where(eq(comments.authorId, person.id))).toEqual([]);
  });
});
