import { eq } from "drizzle-orm";
import { afterAll, expect, inject, test } from "vitest";
import { createComment, getThreads } from "#app/comments.server.ts";
import { decide } from "#app/moderation.server.ts";
import { closeDb, getDb } from "#db/client.ts";
import { actionPoints } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { expectNoSeriousAxeViolations, openPage, sharedBrowser, signedInPage } from "#tests/setup/page.ts";

// Every page a person can reach, checked with axe as the person who can reach it.
process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

async function expectClean(token: string | null, paths: string[]) {
  const page = token ? await signedInPage(browser(), baseUrl, token) : await openPage(browser(), baseUrl);
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await expectNoSeriousAxeViolations(page);
  }
}

test("public pages", async () => {
  await expectClean(null, ["/moderatielog", "/voorstellen/uitslag", "/open-data", "/zoeken?q=algoritmen", "/statistieken", "/inloggen", "/registreren", "/wachtwoord-vergeten"]);
});

test("pages of a signed-in citizen, an author and a moderator", async () => {
  const admin = await createUser({ grants: [{ role: "admin" }] });
  const author = await createUser({ displayName: "Auteur Axe" });
  const citizen = await createUser();
  const moderator = await createUser({ grants: [{ role: "moderator", themeSlug: "open-inkoop" }] });
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, "contract-register"));
  const [thread] = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).filter((candidate) => candidate.kind === "public");
  const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Een reactie om te modereren." }] }] };
  const made = await createComment({ threadId: thread!.id, authorId: author.id, body: doc, html: "<p>Een reactie om te modereren.</p>" });
  const commentId = made.ok ? made.id : 0;
  const other = await createComment({ threadId: thread!.id, authorId: author.id, body: doc, html: "<p>Een reactie om te melden.</p>" });
  const hidden = await decide({ type: "comment", id: commentId, moderatorId: moderator.id, decision: { action: "hide", reason: "off_topic", note: "Gaat over iets anders." } });
  expect(hidden.ok).toBe(true);

  await expectClean(citizen.token, ["/account", "/account/verwijderen", `/melden/reactie/${other.ok ? other.id : 0}`]);
  await expectClean(author.token, [`/beroep/${hidden.ok ? hidden.actionId : 0}`, `/reactie/${other.ok ? other.id : 0}/bewerken`]);
  await expectClean(moderator.token, ["/moderatie", `/moderatie/item/reactie/${commentId}`, "/actiepunt/contract-register"]);
  await expectClean(admin.token, ["/beheer/plannen", "/beheer/themas", "/beheer/gebruikers", "/beheer/auditlog"]);
});
