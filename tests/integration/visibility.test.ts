import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { createComment, getThreads } from "#app/comments.server.ts";
import { translator } from "#app/i18n/index.ts";
import { decide } from "#app/moderation.server.ts";
import { QUEUES } from "#app/jobs.server.ts";
import { follow, listNotifications } from "#app/notifications.server.ts";
import { loader as apiComments } from "#app/routes/api.v1.reacties.ts";
import { loader as feedLoader } from "#app/routes/feeds.actiepunt.$slug.ts";
import { loader as csvLoader } from "#app/routes/open-data.reacties[.]csv.ts";
import { loader as jsonLoader } from "#app/routes/open-data.reacties[.]json.ts";
import { search } from "#app/search.server.ts";
import { runQueuedJobs } from "#app/workers.server.ts";
import { getDb } from "#db/client.ts";
import { actionPoints } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get } from "#tests/setup/requests.ts";

const SLUG = "open-klachten";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function bodyOf(result: unknown): Promise<string> {
  if (result instanceof Response) return result.text();
  return JSON.stringify(result);
}

// One hidden comment put through every channel that shows content: pages are covered in comments.test.ts.
test("a hidden comment appears in no search, feed, API response, open-data file or notification; a visible one does", async () => {
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, SLUG));
  const [thread] = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).filter((candidate) => candidate.kind === "public");
  const follower = await createUser();
  await follow({ userId: follower.id, subjectType: "action_point", subjectId: point!.id });
  const author = await createUser({ displayName: "Schrijver Zichtbaar" });
  const moderator = await createUser({ grants: [{ role: "moderator", themeSlug: "open-recht" }] });

  const visible = await createComment({ threadId: thread!.id, authorId: author.id, body: doc("Zichtbaarheidstoets klachtenregeling"), html: "<p>Zichtbaarheidstoets klachtenregeling</p>" });
  const secret = await createComment({ threadId: thread!.id, authorId: author.id, body: doc("Verstopwoord klachtenregeling"), html: "<p>Verstopwoord klachtenregeling</p>" });
  expect(visible.ok && secret.ok).toBe(true);
  // The follower's notifications of both are written (by the worker's job) before the one is hidden.
  expect(await runQueuedJobs(QUEUES.commentNotification)).toBe(2);
  expect((await decide({ type: "comment", id: secret.ok ? secret.id : 0, moderatorId: moderator.id, decision: { action: "hide", reason: "offensive", note: "" } })).ok).toBe(true);

  const channels: Record<string, string> = {
    search: JSON.stringify(await search({ query: "klachtenregeling", locale: "nl" })),
    feed: await bodyOf(await feedLoader(args(get(`/feeds/actiepunt/${SLUG}`), { slug: SLUG }))),
    api: await bodyOf(await apiComments(args(get(`/api/v1/reacties?onderwerp=actiepunt:${SLUG}&aantal=100`)))),
    csv: await bodyOf(await csvLoader(args(get("/open-data/reacties.csv")))),
    json: await bodyOf(await jsonLoader(args(get("/open-data/reacties.json")))),
    notifications: JSON.stringify(await listNotifications({ userId: follower.id, t: translator("nl") })),
  };
  for (const [channel, text] of Object.entries(channels)) {
    expect(text, channel).not.toContain("Verstopwoord");
  }
  for (const channel of ["search", "feed", "api", "csv", "json"]) {
    expect(channels[channel], channel).toContain("Zichtbaarheidstoets");
  }
  expect(channels.notifications, "notifications").toContain("Schrijver Zichtbaar");
});
