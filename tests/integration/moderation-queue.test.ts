import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { createComment, editComment, getThreads, type ThreadInfo } from "#app/comments.server.ts";
import { decide, enqueue, reportItem } from "#app/moderation.server.ts";
import { action as pointAction, loader as pointLoader } from "#app/routes/actiepunt.$slug.tsx";
import { action as appealAction, loader as appealLoader } from "#app/routes/beroep.$actionId.tsx";
import { action as queueAction, loader as queueLoader } from "#app/routes/moderatie._index.tsx";
import { action as itemAction, loader as itemLoader } from "#app/routes/moderatie.item.$type.$id.tsx";
import { getDb } from "#db/client.ts";
import { actionPoints, appeals, comments, moderationActions, moderationQueue, outbox, themes, themeTimeouts, threads } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, unwrap } from "#tests/setup/requests.ts";

type Person = Awaited<ReturnType<typeof createUser>>;
const THEME_A = "open-technologie";
const THEME_B = "open-recht";
let threadA: ThreadInfo;
let threadB: ThreadInfo;
let lockThread: ThreadInfo;
let themeAId: number;
let modA: Person, modA2: Person, modB: Person, admin: Person, citizen: Person, author: Person;

async function publicThread(slug: string) {
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, slug));
  return (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((thread) => thread.kind === "public")!;
}

beforeAll(async () => {
  threadA = await publicThread("open-source");
  lockThread = await publicThread("open-algoritmen");
  threadB = await publicThread("open-klachten");
  themeAId = threadA.themeId;
  [modA, modA2, modB, admin, citizen, author] = await Promise.all([
    createUser({ displayName: "Moderator A", grants: [{ role: "moderator", themeSlug: THEME_A }] }),
    createUser({ displayName: "Moderator A2", grants: [{ role: "moderator", themeSlug: THEME_A }] }),
    createUser({ displayName: "Moderator B", grants: [{ role: "moderator", themeSlug: THEME_B }] }),
    createUser({ displayName: "Beheerder", grants: [{ role: "admin" }] }),
    createUser({ displayName: "Burger" }),
    createUser({ displayName: "Schrijver" }),
  ]);
});

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** A published comment (counters kept by createComment), or one held for moderation in the queue. */
async function comment(thread: ThreadInfo, { by = null as Person | null, text = "Een bijdrage", parentId = null as number | null, held = false } = {}) {
  // A fresh author by default: the comment rate limit counts per person.
  by ??= await createUser();
  if (!held) {
    const result = await createComment({ threadId: thread.id, authorId: by.id, body: doc(text), html: `<p>${text}</p>`, parentId });
    if (!result.ok) throw new Error(result.reason);
    return result.id;
  }
  const [row] = await getDb()
    .insert(comments)
    .values({ threadId: thread.id, authorId: by.id, body: doc(text), bodyHtml: `<p>${text}</p>`, status: "pending", themeId: thread.themeId })
    .returning({ id: comments.id });
  await enqueue({ type: "comment", id: row!.id, themeId: thread.themeId, reason: "premoderation", db: getDb() });
  return row!.id;
}

async function reported(thread: ThreadInfo, text = "Gemelde bijdrage", by: Person | null = null) {
  const id = await comment(thread, { text, by });
  expect((await reportItem({ type: "comment", id, reporterId: citizen.id, reason: "offensive", note: "Niet aardig" })).ok).toBe(true);
  return id;
}

async function call(fn: (input: ReturnType<typeof args>) => Promise<unknown>, request: Request, params: Record<string, string> = {}) {
  try {
    const result = unwrap(await fn(args(request, params)));
    return { status: result.status, data: result.data as Record<string, unknown>, location: null as string | null };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, data: null, location: error.headers.get("Location") };
  }
}

const itemPath = (id: number) => `/moderatie/item/reactie/${id}`;
const openItem = (who: Person | null, id: number) => call(itemLoader as never, get(itemPath(id), { cookie: who?.cookie }), { type: "reactie", id: String(id) });
const actOn = (who: Person | null, id: number, fields: Record<string, string>) =>
  call(itemAction as never, post(itemPath(id), fields, { cookie: who?.cookie }), { type: "reactie", id: String(id) });
const records = async (id: number) =>
  getDb().select().from(moderationActions).where(and(eq(moderationActions.targetType, "comment"), eq(moderationActions.targetId, id))).orderBy(moderationActions.id);
const statusOf = async (id: number) => (await getDb().select({ status: comments.status }).from(comments).where(eq(comments.id, id)))[0]!.status;
const outcome = (location: string | null) => new URL(location ?? "/", "http://localhost").searchParams.get("gemodereerd");

describe("who may moderate what", () => {
  test("the queue page: moderators and admins; citizens get 403, anonymous visitors are sent to sign in", async () => {
    expect((await call(queueLoader as never, get("/moderatie", { cookie: modA.cookie }))).status).toBe(200);
    expect((await call(queueLoader as never, get("/moderatie", { cookie: admin.cookie }))).status).toBe(200);
    expect((await call(queueLoader as never, get("/moderatie", { cookie: citizen.cookie }))).status).toBe(403);
    const anonymous = await call(queueLoader as never, get("/moderatie"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/inloggen/);
  });

  test("the item page shows a comment's earlier versions, newest first, to its moderators only", async () => {
    const id = await comment(threadA, { text: "Eerste versie" });
    expect((await openItem(modA, id)).data).toMatchObject({ revisions: [] });
    await editComment({ commentId: id, body: doc("Tweede versie"), html: "<p>Tweede versie</p>" });
    await editComment({ commentId: id, body: doc("Derde versie"), html: "<p>Derde versie</p>" });
    const opened = await openItem(modA, id);
    expect((opened.data!.revisions as { html: string }[]).map((revision) => revision.html)).toEqual(["<p>Tweede versie</p>", "<p>Eerste versie</p>"]);
    expect((await openItem(citizen, id)).status).toBe(403);
    expect((await openItem(modB, id)).status).toBe(403);
  });

  test("the item page: the moderator of its theme and admins; a moderator of another theme and citizens get 403", async () => {
    const id = await reported(threadA);
    expect((await openItem(modA, id)).status).toBe(200);
    expect((await openItem(admin, id)).status).toBe(200);
    expect((await openItem(modB, id)).status).toBe(403);
    expect((await openItem(citizen, id)).status).toBe(403);
    expect((await openItem(null, id)).status).toBe(302);
    expect((await openItem(modA, 2_000_000_000)).status).toBe(404);
  });

  test("every action on an item of theme B is refused to the moderator of theme A and changes nothing; the admin may", async () => {
    const id = await reported(threadB);
    const intents: Record<string, string>[] = [
      { intent: "claim" },
      { intent: "approve" },
      { intent: "hide", reason: "spam", note: "" },
      { intent: "restore" },
      { intent: "redact", bodyText: "Nieuw" },
      { intent: "dismiss" },
      { intent: "lock", lockReason: "Te fel" },
      { intent: "unlock" },
      { intent: "timeout", days: "3" },
      { intent: "appealGrant" },
      { intent: "appealUphold" },
    ];
    for (const fields of intents) {
      expect((await actOn(modA, id, fields)).status, fields.intent).toBe(403);
      expect((await actOn(citizen, id, fields)).status, fields.intent).toBe(403);
    }
    expect(await records(id)).toEqual([]);
    const [entry] = await getDb().select().from(moderationQueue).where(and(eq(moderationQueue.targetType, "comment"), eq(moderationQueue.targetId, id)));
    expect(entry!.claimedById).toBeNull();
    expect(entry!.closedAt).toBeNull();

    const done = await actOn(admin, id, { intent: "dismiss" });
    expect(outcome(done.location)).toBe("dismiss");
    expect((await records(id)).map((row) => row.action)).toEqual(["dismiss"]);
  });

  test("a bulk action with one item of another theme is refused as a whole", async () => {
    const mine = await comment(threadA, { held: true });
    const theirs = await comment(threadB, { held: true });
    const refused = await call(queueAction as never, post("/moderatie", { action: "approve", items: `comment:${mine}` }, { cookie: modA.cookie }).clone());
    expect(refused.status).toBe(302); // one item of their own theme is fine
    const body = new URLSearchParams([["action", "approve"], ["items", `comment:${theirs}`]]);
    const request = new Request("http://localhost/moderatie", { method: "POST", body, headers: { Cookie: modA.cookie, Origin: "http://localhost" } });
    expect((await call(queueAction as never, request)).status).toBe(403);
    expect(await statusOf(theirs)).toBe("pending");
    expect(await records(theirs)).toEqual([]);
    expect((await call(queueAction as never, post("/moderatie", { action: "approve", items: `comment:${theirs}` }, { cookie: citizen.cookie }))).status).toBe(403);
  });
});

describe("the queue", () => {
  test("shows only the moderator's own themes, each with its count of open items, oldest first with context", async () => {
    const parent = await comment(threadA, { text: "Ouder bericht" });
    const reply = await comment(threadA, { text: "Antwoord dat wacht", parentId: parent });
    await getDb().update(comments).set({ status: "pending" }).where(eq(comments.id, reply));
    await enqueue({ type: "comment", id: reply, themeId: themeAId, reason: "spam", spamScore: 2, spamSignals: ["newAccount", "manyLinks"], db: getDb() });
    // An old item: waiting longer than 48 hours comes first and is marked.
    const old = await comment(threadA, { held: true, text: "Oud" });
    await getDb().update(moderationQueue).set({ openedAt: sql`now() - interval '3 days'` }).where(and(eq(moderationQueue.targetType, "comment"), eq(moderationQueue.targetId, old)));

    const page = await call(queueLoader as never, get("/moderatie", { cookie: modA.cookie }));
    const loaded = page.data as unknown as { themes: { id: number; open: number }[]; items: { id: number; theme: { id: number }; overdue: boolean; html: string; reasons: string[]; spam: { signals: string[] }; parent: { html: string } | null; subject: { href: string } | null }[] };
    expect(loaded.themes.map((theme) => theme.id)).toEqual([themeAId]);
    const [{ open }] = await getDb().select({ open: sql<number>`count(*)::int` }).from(moderationQueue).where(and(eq(moderationQueue.themeId, themeAId), sql`closed_at is null`)) as [{ open: number }];
    expect(loaded.themes[0]!.open).toBe(open);
    expect(loaded.items.every((item) => item.theme.id === themeAId)).toBe(true);
    expect(loaded.items[0]!.id).toBe(old);
    expect(loaded.items[0]!.overdue).toBe(true);
    const waiting = loaded.items.find((item) => item.id === reply)!;
    expect(waiting.html).toBe("<p>Antwoord dat wacht</p>");
    expect(waiting.reasons).toEqual(["spam"]);
    expect(waiting.spam.signals).toEqual(["newAccount", "manyLinks"]);
    expect(waiting.parent?.html).toBe("<p>Ouder bericht</p>");
    expect(waiting.subject?.href).toContain("/actiepunt/open-source");

    const adminPage = await call(queueLoader as never, get("/moderatie", { cookie: admin.cookie }));
    const adminThemes = (adminPage.data as unknown as { themes: { id: number }[] }).themes;
    expect(adminThemes.length).toBe((await getDb().select({ id: themes.id }).from(themes)).length);
  });

  test("bulk approve: each item decided on its own, with its own record row and a summary per item", async () => {
    const first = await comment(threadA, { held: true });
    const second = await comment(threadA, { held: true });
    const body = new URLSearchParams([["action", "approve"], ["items", `comment:${first}`], ["items", `comment:${second}`], ["items", "comment:2000000000"]]);
    const request = new Request("http://localhost/moderatie", { method: "POST", body, headers: { Cookie: modA.cookie, Origin: "http://localhost" } });
    const result = await call(queueAction as never, request);
    expect(result.status).toBe(302);
    const summary = new URL(result.location!, "http://localhost").searchParams.get("bulk");
    expect(summary).toBe(`comment:${first}:approve,comment:${second}:approve,comment:2000000000:notFound`);
    expect(await statusOf(first)).toBe("published");
    expect((await records(first)).length).toBe(1);
    expect((await records(second)).length).toBe(1);
  });
});

describe("claims and concurrent decisions", () => {
  test("a claimed item is refused to another moderator; an expired claim can be taken", async () => {
    const id = await reported(threadA);
    expect(outcome((await actOn(modA, id, { intent: "claim" })).location)).toBe("claimed");
    expect(outcome((await actOn(modA2, id, { intent: "claim" })).location)).toBe("claimedByOther");
    expect(outcome((await actOn(modA2, id, { intent: "hide", reason: "spam" })).location)).toBe("claimedByOther");
    expect(await statusOf(id)).toBe("published");
    expect(await records(id)).toEqual([]);
    const view = await openItem(modA2, id);
    expect((view.data as unknown as { item: { claimedByOther: boolean } }).item.claimedByOther).toBe(true);

    await getDb().update(moderationQueue).set({ claimedUntil: sql`now() - interval '1 minute'` }).where(and(eq(moderationQueue.targetType, "comment"), eq(moderationQueue.targetId, id)));
    expect(outcome((await actOn(modA2, id, { intent: "claim" })).location)).toBe("claimed");
    expect(outcome((await actOn(modA2, id, { intent: "dismiss" })).location)).toBe("dismiss");
  });

  test("two moderators deciding at once: exactly one decision wins, the other is told", async () => {
    const pairs: [Parameters<typeof decide>[0]["decision"], Parameters<typeof decide>[0]["decision"]][] = [
      [{ action: "hide", reason: "offensive", note: "" }, { action: "hide", reason: "spam", note: "" }],
      [{ action: "approve" }, { action: "dismiss" }],
    ];
    for (const [first, second] of pairs) {
      const id = await reported(threadA);
      const results = await Promise.all([
        decide({ type: "comment", id, moderatorId: modA.id, decision: first }),
        decide({ type: "comment", id, moderatorId: modA2.id, decision: second }),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, reason: "alreadyDecided" });
      expect(await records(id)).toHaveLength(1);
    }
  });

  test("a moderator cannot decide on their own comment", async () => {
    const id = await comment(threadA, { by: modA });
    await reportItem({ type: "comment", id, reporterId: citizen.id, reason: "spam", note: "" });
    expect(outcome((await actOn(modA, id, { intent: "hide", reason: "spam" })).location)).toBe("ownContent");
    expect(await statusOf(id)).toBe("published");
    expect(await records(id)).toEqual([]);
  });

  test("bad input changes nothing: an unknown reason, a note that is too long", async () => {
    const id = await reported(threadA);
    expect((await actOn(modA, id, { intent: "hide", reason: "boring" })).status).toBe(400);
    expect((await actOn(modA, id, { intent: "hide", reason: "spam", note: "x".repeat(501) })).status).toBe(400);
    expect((await actOn(modA, id, { intent: "timeout", days: "31" })).status).toBe(400);
    expect(await statusOf(id)).toBe("published");
    expect(await records(id)).toEqual([]);
  });
});

describe("hiding, redacting and appeals", () => {
  test("hide: a placeholder in the thread, replies stay, counters go down, one record row, the author is mailed with an appeal link", async () => {
    const top = await comment(threadA, { by: author, text: "Te verbergen" });
    const reply = await comment(threadA, { by: citizen, text: "Een antwoord", parentId: top });
    const counts = async () => ({
      thread: (await getDb().select({ n: threads.commentCount }).from(threads).where(eq(threads.id, threadA.id)))[0]!.n,
    });
    const before = await counts();
    const result = await actOn(modA, top, { intent: "hide", reason: "offensive", note: "Scheldwoorden", terug: "/actiepunt/open-source?draad=public#reactie-1" });
    expect(result.location).toBe(`/actiepunt/open-source?draad=public&gemodereerd=hide#reactie-1`);
    expect((await counts()).thread).toBe(before.thread - 1);

    const rows = await records(top);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "hide", reasonCode: "offensive", publicNote: "Scheldwoorden", moderatorId: modA.id });

    const readAs = async (who: Person) => {
      const page = await call(pointLoader as never, get(`/actiepunt/open-source?draad=public&vanaf=${top}`, { cookie: who.cookie }), { slug: "open-source" });
      const thread = (page.data as unknown as { discussion: { threads: { kind: string; comments: { id: number; html: string | null; hidden: { reason: string; at: string } | null; moderatorHtml: string | null; replies: { id: number; html: string | null }[]; may: { moderate: boolean; report: boolean } }[] }[] } }).discussion.threads.find((t) => t.kind === "public")!;
      return thread.comments.find((c) => c.id === top)!;
    };
    const seen = await readAs(citizen);
    expect(seen.html).toBeNull();
    expect(seen.hidden).toMatchObject({ reason: "offensive" });
    expect(seen.hidden!.at).toBeTruthy();
    expect(seen.moderatorHtml).toBeNull();
    expect(seen.may.moderate).toBe(false);
    expect(seen.replies.find((r) => r.id === reply)?.html).toBe("<p>Een antwoord</p>");
    const [root] = await getDb().select({ replyCount: comments.replyCount }).from(comments).where(eq(comments.id, top));
    expect(root!.replyCount).toBe(1);
    // The moderator of the theme sees the hidden text in place; a moderator of another theme does not.
    const moderatorView = await readAs(modA);
    expect(moderatorView.moderatorHtml).toBe("<p>Te verbergen</p>");
    expect(moderatorView.may.moderate).toBe(true);
    expect((await readAs(modB)).moderatorHtml).toBeNull();

    const mails = await getDb().select().from(outbox).where(eq(outbox.userId, author.id)).orderBy(outbox.id);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe("Je bijdrage op Inspraak is verborgen");
    expect(mail.text).toContain("beledigend of haatdragend");
    expect(mail.text).toContain("Scheldwoorden");
    expect(mail.text).toContain(`http://localhost/beroep/${rows[0]!.id}`);
  });

  test("redaction keeps the original for moderators and the thread shows the new text", async () => {
    const id = await comment(threadA, { text: "Bel Jan op 0612345678" });
    const result = await actOn(modA, id, { intent: "redact", bodyText: "Bel Jan op [weggehaald]", note: "Telefoonnummer weggehaald" });
    expect(outcome(result.location)).toBe("redact");
    const [row] = await records(id);
    expect((row!.original as { html: string }).html).toBe("<p>Bel Jan op 0612345678</p>");
    const [stored] = await getDb().select({ html: comments.bodyHtml }).from(comments).where(eq(comments.id, id));
    expect(stored!.html).toBe("<p>Bel Jan op [weggehaald]</p>");
    const history = await openItem(modA, id);
    expect((history.data as unknown as { history: { originalHtml: string | null }[] }).history[0]!.originalHtml).toBe("<p>Bel Jan op 0612345678</p>");
  });

  test("appeal: only the author, only once; it enters the queue and a different moderator decides; the outcome is mailed", async () => {
    const id = await reported(threadA, "Bezwaar waard", author);
    await actOn(modA, id, { intent: "hide", reason: "off_topic", note: "" });
    const [hiding] = await records(id);
    const appealPath = `/beroep/${hiding!.id}`;
    const params = { actionId: String(hiding!.id) };

    expect((await call(appealLoader as never, get(appealPath, { cookie: author.cookie }), params)).status).toBe(200);
    expect((await call(appealLoader as never, get(appealPath, { cookie: citizen.cookie }), params)).status).toBe(404);
    expect((await call(appealAction as never, post(appealPath, { text: "Dit is een nette bijdrage." }, { cookie: citizen.cookie }), params)).status).toBe(404);
    expect((await call(appealAction as never, post(appealPath, { text: "Te kort" }, { cookie: author.cookie }), params)).status).toBe(400);
    const sent = await call(appealAction as never, post(appealPath, { text: "Dit ging wel over het onderwerp." }, { cookie: author.cookie }), params);
    expect(sent.location).toBe(`${appealPath}?ingediend=1`);
    expect((await call(appealAction as never, post(appealPath, { text: "Nog een keer bezwaar." }, { cookie: author.cookie }), params)).status).toBe(409);
    expect(await getDb().select().from(appeals).where(eq(appeals.actionId, hiding!.id))).toHaveLength(1);
    const [entry] = await getDb().select().from(moderationQueue).where(and(eq(moderationQueue.targetType, "comment"), eq(moderationQueue.targetId, id), sql`closed_at is null`));
    expect(entry!.reasons).toContain("appeal");

    // The moderator who hid it may not decide while another one exists.
    expect(outcome((await actOn(modA, id, { intent: "appealUphold" })).location)).toBe("sameModerator");
    expect(outcome((await actOn(modA2, id, { intent: "appealGrant", note: "Het ging wel over het onderwerp." })).location)).toBe("appealGrant");
    expect(await statusOf(id)).toBe("published");
    expect((await records(id)).map((row) => row.action)).toEqual(["hide", "restore", "appeal_granted"]);
    const [mail] = await getDb().select().from(outbox).where(eq(outbox.userId, author.id)).orderBy(sql`${outbox.id} desc`).limit(1);
    expect(mail!.subject).toBe("Je bezwaar is toegekend");
    expect(mail!.text).toContain("Het ging wel over het onderwerp.");
  });

  test("a time-out is recorded for the author in the item's theme", async () => {
    const id = await comment(threadA, { by: citizen });
    expect(outcome((await actOn(modA, id, { intent: "timeout", days: "2", note: "Even afkoelen" })).location)).toBe("timeout");
    const rows = await getDb().select().from(themeTimeouts).where(and(eq(themeTimeouts.userId, citizen.id), eq(themeTimeouts.themeId, themeAId)));
    expect(rows).toHaveLength(1);
  });

  test("locking the thread refuses new comments", async () => {
    const id = await comment(lockThread, { text: "In een discussie die dicht gaat" });
    expect(outcome((await actOn(modA, id, { intent: "lock", lockReason: "De discussie is klaar" })).location)).toBe("lock");
    const refused = await call(
      pointAction as never,
      post("/actiepunt/open-algoritmen", { intent: "comment", threadId: String(lockThread.id), bodyText: "Nog iets" }, { cookie: citizen.cookie }),
      { slug: "open-algoritmen" },
    );
    expect(refused.status).toBe(403);
    const [row] = await getDb().select({ reason: threads.lockedReason }).from(threads).where(eq(threads.id, lockThread.id));
    expect(row!.reason).toBe("De discussie is klaar");
  });
});
