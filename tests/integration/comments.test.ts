import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getThreadPage, getThreads, likeComment, unlikeComment, type ThreadInfo } from "#app/comments.server.ts";
import { action as pointAction, loader as pointLoader } from "#app/routes/actiepunt.$slug.tsx";
import { action as commentAction } from "#app/routes/reactie.$id.tsx";
import { action as editAction } from "#app/routes/reactie.$id_.bewerken.tsx";
import { action as deleteAction } from "#app/routes/reactie.$id_.verwijderen.tsx";
import { getDb, onQuery } from "#db/client.ts";
import { actionPoints, commentLikes, commentRevisions, comments, threads } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";

const SLUG = "open-source";
let publicThread: ThreadInfo;
let forumThread: ThreadInfo;
let pointId: number;

beforeAll(async () => {
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, SLUG));
  pointId = point!.id;
  const found = await getThreads({ subjectType: "action_point", subjectId: pointId });
  publicThread = found.find((thread) => thread.kind === "public")!;
  forumThread = found.find((thread) => thread.kind === "forum")!;
});


/** Posts a comment through the action point page, as the browser's form does. */
async function postComment(cookie: string, fields: Record<string, string>) {
  try {
    const result = await pointAction(args(post(`/actiepunt/${SLUG}`, { intent: "comment", ...fields }, { cookie }), { slug: SLUG }));
    return { status: unwrap(result).status, location: null as string | null, reply: (unwrap(result).data as { comment: { error: string } }).comment };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: error.headers.get("Location"), reply: null };
  }
}

function idFrom(location: string | null): number {
  const match = location?.match(/#reactie-(\d+)$/);
  if (!match) throw new Error(`no comment in ${location}`);
  return Number(match[1]);
}

async function count(table: typeof comments | typeof commentLikes, where?: ReturnType<typeof eq>) {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return row!.n;
}

describe("writing", () => {
  test("a verified citizen comments with rich text; the stored HTML is rendered by the server", async () => {
    const citizen = await createUser({ displayName: "Burger" });
    const body = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Zie " }, { type: "text", text: "hier", marks: [{ type: "link", attrs: { href: "https://example.org/a?b=1" } }, { type: "bold" }] }] }],
    });
    const result = await postComment(citizen.cookie, { threadId: String(publicThread.id), body });
    expect(result.status).toBe(302);
    const id = idFrom(result.location);
    expect(result.location).toBe(`/actiepunt/${SLUG}?draad=public&vanaf=${id}#reactie-${id}`);
    const [row] = await getDb().select().from(comments).where(eq(comments.id, id));
    expect(row!.bodyHtml).toContain('<a href="https://example.org/a?b=1" rel="nofollow ugc noopener">');
    expect(row!.bodyHtml).toContain("<strong>");
    const [thread] = await getDb().select({ commentCount: threads.commentCount }).from(threads).where(eq(threads.id, publicThread.id));
    expect(thread!.commentCount).toBe(await count(comments, and(eq(comments.threadId, publicThread.id), eq(comments.status, "published"))));
  });

  test("without JavaScript the plain text becomes paragraphs, markup is only text", async () => {
    const citizen = await createUser();
    const result = await postComment(citizen.cookie, { threadId: String(publicThread.id), bodyText: "Eerste <b>alinea</b>\n\nTweede" });
    const [row] = await getDb().select().from(comments).where(eq(comments.id, idFrom(result.location)));
    expect(row!.bodyHtml).toBe("<p>Eerste &lt;b&gt;alinea&lt;/b&gt;</p><p>Tweede</p>");
  });

  test("the stakeholder forum refuses citizens and accepts its members, who show their organisation", async () => {
    const citizen = await createUser();
    const before = await count(comments);
    const refused = await postComment(citizen.cookie, { threadId: String(forumThread.id), bodyText: "Mag ik ook?" });
    expect(refused.status).toBe(403);
    expect(refused.reply?.error).toBe("discussion.errors.forbidden");
    expect(await count(comments)).toBe(before);

    const member = await createUser({ displayName: "Forumlid", grants: [{ role: "forum_member", organisation: "Open State Foundation" }] });
    const accepted = await postComment(member.cookie, { threadId: String(forumThread.id), bodyText: "Namens het forum." });
    expect(accepted.status).toBe(302);
    const page = await getThreadPage({ threadId: forumThread.id, sort: "nieuw" });
    expect(page.comments[0]).toMatchObject({ author: { name: "Forumlid", organisation: "Open State Foundation" } });
  });

  test("unverified people and visitors cannot write", async () => {
    const unverified = await createUser({ verified: false });
    const response = await thrown(pointAction(args(post(`/actiepunt/${SLUG}`, { intent: "comment", threadId: String(publicThread.id), bodyText: "x" }, { cookie: unverified.cookie }), { slug: SLUG })));
    expect(response.status).toBe(403);
    const anonymous = await thrown(pointAction(args(post(`/actiepunt/${SLUG}`, { intent: "comment", threadId: String(publicThread.id), bodyText: "x" }), { slug: SLUG })));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/inloggen/);
  });

  test("bad input gets a translated error, keeps the text, and stores nothing", async () => {
    const citizen = await createUser();
    const other = await postComment(citizen.cookie, { threadId: String(forumThread.id), bodyText: "x" });
    expect(other.status).toBe(403);
    const parentElsewhere = (await getDb().select({ id: comments.id }).from(comments).where(eq(comments.threadId, forumThread.id)).limit(1))[0]!.id;
    const before = await count(comments);
    const cases: [Record<string, string>, string][] = [
      [{ bodyText: "   " }, "richText.empty"],
      [{ bodyText: "a".repeat(5001) }, "richText.tooLong"],
      [{ body: "{not json" }, "richText.invalid"],
      [{ body: JSON.stringify({ type: "doc", content: [{ type: "iframe" }] }) }, "richText.invalid"],
      [{ body: JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] }) }, "richText.badLink"],
      [{ bodyText: "antwoord", parentId: String(parentElsewhere) }, "discussion.errors.parentGone"],
      [{ bodyText: "over een alinea", paragraph: "alinea-bestaatniet" }, "discussion.errors.paragraph"],
    ];
    for (const [fields, error] of cases) {
      const result = await postComment(citizen.cookie, { threadId: String(publicThread.id), ...fields });
      expect(result.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(result.reply?.error).toBe(error);
    }
    const kept = await postComment(citizen.cookie, { threadId: String(publicThread.id), bodyText: "Mijn tekst", parentId: String(parentElsewhere) });
    expect((kept.reply as unknown as { text: string }).text).toBe("Mijn tekst");
    expect(await count(comments)).toBe(before);
  });

  test("replies nest three deep; a reply to the third level becomes its sibling, saying whom it answers", async () => {
    const [a, b] = [await createUser({ displayName: "Anna" }), await createUser({ displayName: "Bram" })];
    const top = idFrom((await postComment(a.cookie, { threadId: String(publicThread.id), bodyText: "Niveau 1" })).location);
    const second = idFrom((await postComment(b.cookie, { threadId: String(publicThread.id), bodyText: "Niveau 2", parentId: String(top) })).location);
    const third = idFrom((await postComment(a.cookie, { threadId: String(publicThread.id), bodyText: "Niveau 3", parentId: String(second) })).location);
    const fourth = idFrom((await postComment(b.cookie, { threadId: String(publicThread.id), bodyText: "Niveau 4?", parentId: String(third) })).location);
    const rows = await getDb().select().from(comments).where(sql`${comments.id} in ${[second, third, fourth]}`).orderBy(comments.id);
    expect(rows.map((row) => [row.depth, row.parentId, row.rootId, row.replyToId])).toEqual([
      [2, top, top, null],
      [3, second, top, null],
      [3, second, top, third],
    ]);
    const [root] = await getDb().select({ replyCount: comments.replyCount }).from(comments).where(eq(comments.id, top));
    expect(root!.replyCount).toBe(3);
    const page = await getThreadPage({ threadId: publicThread.id, start: { from: top } });
    expect(page.comments[0]!.replies.map((reply) => reply.replyTo?.name ?? null)).toEqual([null, null, "Anna"]);
  });

  test("action holders post official replies on their own action point only", async () => {
    const holder = await createUser({ grants: [{ role: "action_holder", actionPointSlug: SLUG }] });
    const official = await postComment(holder.cookie, { threadId: String(publicThread.id), bodyText: "Wij pakken dit op.", official: "ja" });
    const [row] = await getDb().select({ official: comments.official }).from(comments).where(eq(comments.id, idFrom(official.location)));
    expect(row!.official).toBe(true);
    const citizen = await createUser();
    expect((await postComment(citizen.cookie, { threadId: String(publicThread.id), bodyText: "Ik ook", official: "ja" })).status).toBe(403);
    const otherHolder = await createUser({ grants: [{ role: "action_holder", actionPointSlug: "open-klachten" }] });
    expect((await postComment(otherHolder.cookie, { threadId: String(publicThread.id), bodyText: "Van elders", official: "ja" })).status).toBe(403);
  });
});

describe("locks and progress updates", () => {
  test("a locked thread says why and accepts no comment; the text comes back", async () => {
    const citizen = await createUser();
    await getDb().update(threads).set({ lockedAt: new Date(), lockedReason: "De termijn is voorbij." }).where(eq(threads.id, publicThread.id));
    try {
      const refused = await postComment(citizen.cookie, { threadId: String(publicThread.id), bodyText: "Te laat?" });
      expect(refused.status).toBe(403);
      expect(refused.reply).toMatchObject({ error: "discussion.errors.locked", text: "Te laat?" });
      const page = unwrap(await pointLoader(args(get(`/actiepunt/${SLUG}`, { cookie: citizen.cookie }), { slug: SLUG }))).data as {
        discussion: { threads: { kind: string; locked: boolean; lockedReason: string | null; write: { allowed: boolean } }[] };
      };
      expect(page.discussion.threads.find((thread) => thread.kind === "public")).toMatchObject({ locked: true, lockedReason: "De termijn is voorbij.", write: { allowed: false } });
    } finally {
      await getDb().update(threads).set({ lockedAt: null, lockedReason: null }).where(eq(threads.id, publicThread.id));
    }
  });

  test("the action holder posts a progress update on their action point; others cannot", async () => {
    const holder = await createUser({ displayName: "Houder", grants: [{ role: "action_holder", actionPointSlug: SLUG }] });
    const done = await thrown(pointAction(args(post(`/actiepunt/${SLUG}`, { intent: "update", title: "Toolbox gepubliceerd", body: "De toolbox staat online.\n\nReacties zijn welkom." }, { cookie: holder.cookie }), { slug: SLUG })));
    expect(done.headers.get("Location")).toBe(`/actiepunt/${SLUG}?gedaan=update#voortgang`);
    const page = unwrap(await pointLoader(args(get(`/actiepunt/${SLUG}`), { slug: SLUG }))).data as { ownUpdates: { title: { text: string }; body: { text: string }; publishedOn: string }[] };
    expect(page.ownUpdates[0]).toMatchObject({ title: { text: "Toolbox gepubliceerd" }, body: { text: "De toolbox staat online.\n\nReacties zijn welkom." } });

    const citizen = await createUser();
    expect((await thrown(pointAction(args(post(`/actiepunt/${SLUG}`, { intent: "update", title: "x", body: "y" }, { cookie: citizen.cookie }), { slug: SLUG })))).status).toBe(403);
    const empty = unwrap(await pointAction(args(post(`/actiepunt/${SLUG}`, { intent: "update", title: " ", body: "" }, { cookie: holder.cookie }), { slug: SLUG })));
    expect(empty.status).toBe(400);
  });
});

describe("likes", () => {
  async function freshComment() {
    const author = await createUser();
    return idFrom((await postComment(author.cookie, { threadId: String(publicThread.id), bodyText: "Waardeer mij" })).location);
  }
  const likeCount = async (id: number) => (await getDb().select({ n: comments.likeCount }).from(comments).where(eq(comments.id, id)))[0]!.n;

  test("liking twice is one like, and it can be undone", async () => {
    const id = await freshComment();
    const fan = await createUser();
    const like = () => commentAction(args(post(`/reactie/${id}`, { intent: "like", respond: "data" }, { cookie: fan.cookie }), { id: String(id) }));
    expect(unwrap(await like()).data).toEqual({ liked: true, likeCount: 1 });
    expect(unwrap(await like()).data).toEqual({ liked: true, likeCount: 1 });
    const unlike = await commentAction(args(post(`/reactie/${id}`, { intent: "unlike", respond: "data" }, { cookie: fan.cookie }), { id: String(id) }));
    expect(unwrap(unlike).data).toEqual({ liked: false, likeCount: 0 });
    expect(await count(commentLikes, eq(commentLikes.commentId, id))).toBe(0);
  });

  test("authors cannot like their own comment; without JavaScript liking leads back to the comment", async () => {
    const author = await createUser();
    const id = idFrom((await postComment(author.cookie, { threadId: String(publicThread.id), bodyText: "Van mij" })).location);
    expect((await thrown(commentAction(args(post(`/reactie/${id}`, { intent: "like" }, { cookie: author.cookie }), { id: String(id) })))).status).toBe(403);
    const fan = await createUser();
    const back = await thrown(commentAction(args(post(`/reactie/${id}`, { intent: "like" }, { cookie: fan.cookie }), { id: String(id) })));
    expect(back.headers.get("Location")).toBe(`/actiepunt/${SLUG}?draad=public&vanaf=${id}#reactie-${id}`);
  });

  test("50 people liking at once give exactly 50 likes", async () => {
    const id = await freshComment();
    const fans = await Promise.all(Array.from({ length: 50 }, () => createUser()));
    await Promise.all(fans.map((fan) => likeComment({ commentId: id, userId: fan.id })));
    expect(await likeCount(id)).toBe(50);
    expect(await count(commentLikes, eq(commentLikes.commentId, id))).toBe(50);
  });

  test("one person liking and unliking in parallel leaves the count equal to the rows", async () => {
    const id = await freshComment();
    const fan = await createUser();
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? likeComment : unlikeComment)({ commentId: id, userId: fan.id })));
    const rows = await count(commentLikes, eq(commentLikes.commentId, id));
    expect(rows).toBeLessThanOrEqual(1);
    expect(await likeCount(id)).toBe(rows);
  });
});

describe("editing and deleting", () => {
  test("editing keeps the earlier version and marks the comment edited; others cannot edit", async () => {
    const author = await createUser();
    const id = idFrom((await postComment(author.cookie, { threadId: String(publicThread.id), bodyText: "Eerste versie" })).location);
    const other = await createUser();
    expect((await thrown(editAction(args(post(`/reactie/${id}/bewerken`, { bodyText: "Gekaapt" }, { cookie: other.cookie }), { id: String(id) })))).status).toBe(403);
    await thrown(editAction(args(post(`/reactie/${id}/bewerken`, { bodyText: "Tweede versie" }, { cookie: author.cookie }), { id: String(id) })));
    const [row] = await getDb().select().from(comments).where(eq(comments.id, id));
    expect(row!.bodyHtml).toBe("<p>Tweede versie</p>");
    expect(row!.editedAt).not.toBeNull();
    const revisions = await getDb().select().from(commentRevisions).where(eq(commentRevisions.commentId, id));
    expect(revisions.map((revision) => revision.bodyHtml)).toEqual(["<p>Eerste versie</p>"]);
  });

  test("deleting leaves a placeholder, keeps the replies, and erases the text", async () => {
    const [author, replier] = [await createUser(), await createUser()];
    const id = idFrom((await postComment(author.cookie, { threadId: String(publicThread.id), bodyText: "Straks weg" })).location);
    await postComment(replier.cookie, { threadId: String(publicThread.id), bodyText: "Een antwoord", parentId: String(id) });
    await thrown(deleteAction(args(post(`/reactie/${id}/verwijderen`, {}, { cookie: author.cookie }), { id: String(id) })));
    const page = await getThreadPage({ threadId: publicThread.id, start: { from: id } });
    expect(page.comments[0]).toMatchObject({ id, status: "deleted", html: null });
    expect(page.comments[0]!.replies.map((reply) => reply.html)).toEqual(["<p>Een antwoord</p>"]);
    const [row] = await getDb().select({ bodyHtml: comments.bodyHtml }).from(comments).where(eq(comments.id, id));
    expect(row!.bodyHtml).toBe("");
    // A reply to a deleted comment is refused, and says so.
    const refused = await postComment(replier.cookie, { threadId: String(publicThread.id), bodyText: "Nog een", parentId: String(id) });
    expect(refused.reply?.error).toBe("discussion.errors.parentGone");
  });
});

describe("the page", () => {
  test("a page costs the same few queries with 5 or 60 comments, and pages through them all", async () => {
    const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, "contract-register"));
    const [thread] = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).filter((t) => t.kind === "public");
    const writer = await createUser();
    const queriesFor = async () => {
      let n = 0;
      const stop = onQuery(() => n++);
      try {
        await pointLoader(args(get("/actiepunt/contract-register"), { slug: "contract-register" }));
      } finally {
        stop();
      }
      return n;
    };
    const post5 = async (k: number) => {
      for (let i = 0; i < k; i++) {
        const top = await getDb()
          .insert(comments)
          .values({ threadId: thread!.id, authorId: writer.id, body: {}, bodyHtml: `<p>${i}</p>`, themeId: thread!.themeId })
          .returning({ id: comments.id });
        await getDb()
          .insert(comments)
          .values([1, 2, 3, 4].map(() => ({ threadId: thread!.id, authorId: writer.id, body: {}, bodyHtml: "<p>r</p>", themeId: thread!.themeId, parentId: top[0]!.id, rootId: top[0]!.id, depth: 2 })));
      }
    };
    await post5(5);
    const small = await queriesFor();
    await post5(55);
    const large = await queriesFor();
    expect(large).toBe(small);
    // The action point with its updates and neighbours (1), its threads (1), and one query per thread page (2).
    expect(large).toBe(4);
    let pageQueries = 0;
    const stop = onQuery(() => pageQueries++);
    await getThreadPage({ threadId: thread!.id, sort: "waardering" });
    stop();
    expect(pageQueries).toBe(1);

    let cursor: string | null = null;
    const seen: number[] = [];
    do {
      const page = await getThreadPage({ threadId: thread!.id, start: cursor ? { after: cursor } : null });
      for (const comment of page.comments) {
        seen.push(comment.id);
        expect(comment.replies).toHaveLength(3);
        expect(comment.hiddenReplies).toBe(0);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  test("a forged cursor or an unknown sort is a 400, never a 500", async () => {
    for (const query of ["?na=bm9uc2Vuc2U", "?sorteer=alfabet", "?vanaf=-1", "?alinea=<script>", "?draad=geheim"]) {
      const response = await thrown(pointLoader(args(get(`/actiepunt/${SLUG}${query}`), { slug: SLUG })));
      expect(response.status, query).toBe(400);
    }
  });

  test("paragraph comments count per paragraph, and the anchors survive an edit of another paragraph", async () => {
    const citizen = await createUser();
    const before = unwrap(await pointLoader(args(get(`/actiepunt/${SLUG}`), { slug: SLUG }))).data as { anchors: { body: string[] } };
    const [first, second] = before.anchors.body;
    const posted = await postComment(citizen.cookie, { threadId: String(publicThread.id), bodyText: "Over de tweede alinea", paragraph: second! });
    expect(posted.status, JSON.stringify(posted.reply)).toBe(302);
    const [{ body } = { body: "" }] = await getDb().select({ body: actionPoints.body }).from(actionPoints).where(eq(actionPoints.slug, SLUG));
    const paragraphs = body.split("\n\n");
    await getDb().update(actionPoints).set({ body: [paragraphs[0] + " (bijgewerkt)", ...paragraphs.slice(1)].join("\n\n") }).where(eq(actionPoints.slug, SLUG));
    const after = unwrap(await pointLoader(args(get(`/actiepunt/${SLUG}`), { slug: SLUG }))).data as { anchors: { body: string[] }; discussion: { paragraphCounts: Record<string, number> } };
    expect(after.anchors.body[0]).not.toBe(first);
    expect(after.anchors.body[1]).toBe(second);
    expect(after.discussion.paragraphCounts, JSON.stringify([second, after.discussion.paragraphCounts])).toHaveProperty([second!], 1);
  });
});
