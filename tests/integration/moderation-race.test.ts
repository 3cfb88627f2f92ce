import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getThreads, createComment } from "#app/comments.server.ts";
import { decide, latestDecisionId, reportItem } from "#app/moderation.server.ts";
import { action as itemAction } from "#app/routes/moderatie.item.$type.$id.tsx";
import { getDb } from "#db/client.ts";
import { actionPoints, comments, moderationActions } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, post, thrown } from "#tests/setup/requests.ts";

test("a moderator hiding in place does not overrule an approval made meanwhile from the queue", async () => {
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, "open-source"));
  const [thread] = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).filter((t) => t.kind === "public");
  const author = await createUser();
  const reporter = await createUser();
  const [first, second] = [
    await createUser({ grants: [{ role: "moderator", themeSlug: "open-technologie" }] }),
    await createUser({ grants: [{ role: "moderator", themeSlug: "open-technologie" }] }),
  ];
  const created = await createComment({ threadId: thread!.id, authorId: author.id, body: { type: "doc", content: [] }, html: "<p>Reclame?</p>" });
  const id = created.ok ? created.id : 0;
  await reportItem({ type: "comment", id, reporterId: reporter.id, reason: "spam", note: "" });

  // Both moderators see the item with no decision yet.
  const seen = await latestDecisionId(getDb(), "comment", id);
  expect(seen).toBe(0);
  // The first approves it from the queue...
  expect((await decide({ type: "comment", id, moderatorId: first.id, decision: { action: "approve" }, seen })).ok).toBe(true);
  // ...and the second, still looking at the old page, hides it in place: refused, with a clear code.
  const response = await thrown(
    itemAction(args(post(`/moderatie/item/reactie/${id}?gezien=${seen}`, { intent: "hide", reason: "spam", note: "", terug: "/moderatie" }, { cookie: second.cookie }), { type: "reactie", id: String(id) })),
  );
  expect(response.headers.get("Location")).toContain("gemodereerd=alreadyDecided");
  const [row] = await getDb().select({ status: comments.status }).from(comments).where(eq(comments.id, id));
  expect(row!.status).toBe("published");
  expect(await getDb().select({ action: moderationActions.action }).from(moderationActions).where(and(eq(moderationActions.targetType, "comment"), eq(moderationActions.targetId, id)))).toEqual([{ action: "approve" }]);

  // Having seen the approval, the second moderator may still hide it.
  const again = await thrown(
    itemAction(
      args(post(`/moderatie/item/reactie/${id}?gezien=${await latestDecisionId(getDb(), "comment", id)}`, { intent: "hide", reason: "spam", note: "Toch reclame.", terug: "/moderatie" }, { cookie: second.cookie }), {
        type: "reactie",
        id: String(id),
      }),
    ),
  );
  expect(again.headers.get("Location")).toContain("gemodereerd=hide");
});
