import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { createProgressUpdate } from "#app/actionPoints.server.ts";
import { createComment, getThreads, type ThreadInfo } from "#app/comments.server.ts";
import { createAppeal, decideAndNotify, decideAppeal } from "#app/moderation-queue.server.ts";
import {
  countUnread,
  DELIVERIES,
  fanOutNewComment,
  follow,
  isFollowing,
  runQueuedNotificationJobs,
  sendNotificationDigests,
  setDelivery,
  unsubscribeToken,
  type Delivery,
} from "#app/notifications.server.ts";
import { enqueue, QUEUES } from "#app/jobs.server.ts";
import { changeStatus, createProposal } from "#app/proposals.server.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "#app/routes/afmelden.tsx";
import { action as notificationsAction, loader as notificationsLoader } from "#app/routes/meldingen.tsx";
import { action as followAction } from "#app/routes/volgen.tsx";
import { releaseSupportsOfWithdrawnProposal, supportProposal } from "#app/supports.server.ts";
import { runQueuedJobs } from "#app/workers.server.ts";
import { getDb, rowsOf } from "#db/client.ts";
import { actionPoints, notifications, outbox, plans, themes, users } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";
import { asOwner } from "#tests/setup/owner.ts";

type Person = Awaited<ReturnType<typeof createUser>>;
const SLUG = "open-source";
const THEME = "open-technologie";
let thread: ThreadInfo;
let pointId: number;
let themeId: number;
let planId: number;
let draftThemeId: number;
let moderator: Person;
let moderator2: Person;
let holder: Person;
let admin: Person;

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

beforeAll(async () => {
  const db = getDb();
  const [point] = await db.select({ id: actionPoints.id, themeId: actionPoints.themeId }).from(actionPoints).where(eq(actionPoints.slug, SLUG));
  pointId = point!.id;
  themeId = point!.themeId;
  thread = (await getThreads({ subjectType: "action_point", subjectId: pointId })).find((t) => t.kind === "public")!;
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  planId = plan!.id;
  const [theme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.planId, planId)).orderBy(themes.number).limit(1);
  draftThemeId = theme!.id;
  await db.update(plans).set({ supportOpenAt: new Date(Date.now() - 86_400_000), supportCloseAt: new Date(Date.now() + 86_400_000), supportBudget: null }).where(eq(plans.id, planId));
  [moderator, moderator2, holder, admin] = await Promise.all([
    createUser({ displayName: "Moderator", grants: [{ role: "moderator", themeSlug: THEME }] }),
    createUser({ displayName: "Moderator twee", grants: [{ role: "moderator", themeSlug: THEME }] }),
    createUser({ displayName: "Houder", grants: [{ role: "action_holder", actionPointSlug: SLUG }] }),
    createUser({ displayName: "Beheerder", grants: [{ role: "admin" }] }),
  ]);
});

async function person(delivery: Delivery = "daily", name?: string) {
  const user = await createUser({ displayName: name });
  await setDelivery({ userId: user.id, delivery });
  return user;
}

/** The background worker's part of a new comment: its notifications (a `notify-comment` job each). */
const runCommentJobs = () => runQueuedJobs(QUEUES.commentNotification);

/** A comment, and then its queued notification job run (unless `queued`: left in the queue). */
async function comment(by: Person, { parentId = null as number | null, threadId = thread.id, text = "Een reactie", queued = false } = {}) {
  const result = await createComment({ threadId, authorId: by.id, body: doc(text), html: `<p>${text}</p>`, parentId });
  if (!result.ok) throw new Error(result.reason);
  if (!queued) await runCommentJobs();
  return result.id;
}

async function notesOf(userId: number) {
  return getDb().select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id);
}

async function mailsTo(email: string) {
  return getDb().select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(outbox.id);
}

async function proposalBy(author: Person, title = "Een open voorstel") {
  const result = await createProposal({
    planId,
    authorId: author.id,
    input: { themeId: draftThemeId, actionPointId: null, title, summary: "Kort gezegd", body: doc("Tekst"), html: "<p>Tekst</p>" },
  });
  if (!result.ok) throw new Error(result.reason);
  return result.id;
}

async function proposalThread(proposalId: number) {
  return (await getThreads({ subjectType: "proposal", subjectId: proposalId }))[0]!;
}

/** After an event: what each delivery preference gets by mail, at once and after the digests (one mail each at most). */
async function expectDelivery(recipients: Person | Person[], delivery: Delivery, kind: string) {
  const people = Array.isArray(recipients) ? recipients : [recipients];
  const count = async (n: number) => {
    for (const who of people) expect(await mailsTo(who.email), who.email).toHaveLength(n);
  };
  for (const who of people) expect((await notesOf(who.id)).filter((note) => note.kind === kind)).toHaveLength(1);
  await runQueuedNotificationJobs();
  await count(delivery === "immediate" ? 1 : 0);
  await sendNotificationDigests({ deliveries: ["daily"] });
  await count(delivery === "immediate" || delivery === "daily" ? 1 : 0);
  await sendNotificationDigests({ deliveries: ["daily", "weekly"] });
  await count(delivery === "none" ? 0 : 1);
  const mails = (await Promise.all(people.map((who) => mailsTo(who.email)))).flat();
  for (const mail of mails) {
    expect(mail.headers["List-Unsubscribe"]).toMatch(/^<http.*\/afmelden\?token=\d+\.[\w-]+>$/);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain("/afmelden?token=");
  }
  return mails;
}

describe.each(DELIVERIES)("fan-out with delivery %s", (delivery) => {
  test("a reply notifies the parent's author (once, as a reply), never the one who replied", async () => {
    const parentAuthor = await person(delivery);
    const replier = await person("immediate", "Antwoorder");
    const parentId = await comment(parentAuthor);
    await follow({ userId: replier.id, subjectType: "action_point", subjectId: pointId });
    await comment(replier, { parentId });
    expect((await notesOf(parentAuthor.id)).map((note) => note.kind)).toEqual(["reply"]);
    expect(await notesOf(replier.id)).toHaveLength(0);
    const [mail] = await expectDelivery(parentAuthor, delivery, "reply");
    if (mail) expect(mail.text).toContain("Antwoorder");
  });

  test("a comment on an action point notifies the followers of the point and of its theme", async () => {
    const pointFollower = await person(delivery);
    const themeFollower = await person(delivery);
    const writer = await person();
    await follow({ userId: pointFollower.id, subjectType: "action_point", subjectId: pointId });
    await follow({ userId: themeFollower.id, subjectType: "theme", subjectId: themeId });
    await follow({ userId: writer.id, subjectType: "theme", subjectId: themeId });
    await comment(writer);
    expect(await notesOf(writer.id)).toHaveLength(0);
    await expectDelivery([pointFollower, themeFollower], delivery, "comment");
    // The writer now follows the action point they commented on.
    expect(await isFollowing({ userId: writer.id, subjectType: "action_point", subjectId: pointId })).toBe(true);
  });

  test("a comment on a proposal notifies its author, who follows it without asking", async () => {
    const author = await person(delivery);
    const proposalId = await proposalBy(author);
    const writer = await person();
    await comment(writer, { threadId: (await proposalThread(proposalId)).id });
    await expectDelivery(author, delivery, "comment");
  });

  test("a progress update notifies the followers of the action point", async () => {
    const follower = await person(delivery);
    await follow({ userId: follower.id, subjectType: "action_point", subjectId: pointId });
    await createProgressUpdate({ actionPointId: pointId, authorId: holder.id, title: "Eerste stap gezet", body: "Het gaat goed." });
    const [mail] = await expectDelivery(follower, delivery, "update");
    if (mail) expect(mail.text).toContain("Eerste stap gezet");
  });

  test("a status change with an official response notifies the author and the supporters", async () => {
    const author = await person(delivery);
    const supporter = await person(delivery);
    const proposalId = await proposalBy(author);
    expect((await supportProposal({ proposalId, userId: supporter.id })).ok).toBe(true);
    expect(await isFollowing({ userId: supporter.id, subjectType: "proposal", subjectId: proposalId })).toBe(true);
    const changed = await changeStatus({ proposalId, actorId: admin.id, to: "under_consideration", explanation: "We kijken ernaar." }, releaseSupportsOfWithdrawnProposal);
    expect(changed.ok).toBe(true);
    expect(await notesOf(admin.id)).toHaveLength(0);
    await expectDelivery([author, supporter], delivery, "status");
  });

  test("restoring a hidden comment notifies its author by their preference", async () => {
    const author = await person(delivery);
    const commentId = await comment(author);
    const hidden = await decideAndNotify({ type: "comment", id: commentId, moderatorId: moderator.id, decision: { action: "hide", reason: "off_topic", note: "Geheime notitie" }, origin: "http://localhost" });
    expect(hidden.ok).toBe(true);
    const restored = await decideAndNotify({ type: "comment", id: commentId, moderatorId: moderator.id, decision: { action: "restore", note: "" }, origin: "http://localhost" });
    expect(restored.ok).toBe(true);
    const notes = await notesOf(author.id);
    expect(notes.map((note) => note.data.decision)).toEqual(["hide", "restore"]);
    // Hiding was mailed by moderation itself; its notification does not mail it again.
    expect(notes[0]!.emailedAt).not.toBeNull();
    const hideMails = (await mailsTo(author.email)).length;
    expect(hideMails).toBe(1);
    await runQueuedNotificationJobs();
    await sendNotificationDigests({ deliveries: ["daily", "weekly"] });
    expect(await mailsTo(author.email)).toHaveLength(delivery === "none" ? 1 : 2);
  });
});

describe("moderation decisions", () => {
  test("hiding and the appeal outcome reach the author with the reason code only, never the hidden text", async () => {
    const author = await person("immediate");
    const secret = "Dit is de verborgen tekst";
    const commentId = await comment(author, { text: secret });
    const hidden = await decideAndNotify({ type: "comment", id: commentId, moderatorId: moderator.id, decision: { action: "hide", reason: "offensive", note: "notitie" }, origin: "http://localhost" });
    if (!hidden.ok) throw new Error(hidden.reason);
    expect((await createAppeal({ actionId: hidden.actionId, authorId: author.id, text: "Onterecht" })).ok).toBe(true);
    expect((await decideAppeal({ type: "comment", id: commentId, moderatorId: moderator2.id, grant: false, note: "" })).ok).toBe(true);
    const notes = await notesOf(author.id);
    expect(notes.map((note) => [note.kind, note.data.decision])).toEqual([
      ["moderation", "hide"],
      ["moderation", "appeal_upheld"],
    ]);
    expect(notes[0]!.data).toMatchObject({ reason: "offensive", item: "comment", link: `/beroep/${hidden.actionId}` });
    expect(JSON.stringify(notes)).not.toContain(secret);
    expect(JSON.stringify(notes)).not.toContain("notitie");
    const page = unwrap(await notificationsLoader(args(get("/meldingen", { cookie: author.cookie })))).data as { items: { text: string }[] };
    expect(page.items[0]!.text).toContain("verborgen");
    expect(page.items[1]!.text).toContain("beledigend");
  });
});

describe("hidden content", () => {
  test("a comment held for moderation notifies nobody until it is approved", async () => {
    const follower = await person("immediate");
    await follow({ userId: follower.id, subjectType: "action_point", subjectId: pointId });
    await getDb().update(themes).set({ premoderation: "all" }).where(eq(themes.id, themeId));
    let held: number;
    try {
      held = await comment(await person());
    } finally {
      await getDb().update(themes).set({ premoderation: "off" }).where(eq(themes.id, themeId));
    }
    expect(await notesOf(follower.id)).toHaveLength(0);
    expect((await decideAndNotify({ type: "comment", id: held, moderatorId: moderator.id, decision: { action: "approve" }, origin: "http://localhost" })).ok).toBe(true);
    // Approval takes the same path as a new public comment: a job, run by the worker.
    expect(await notesOf(follower.id)).toHaveLength(0);
    expect(await runCommentJobs()).toBe(1);
    expect((await notesOf(follower.id)).map((note) => note.kind)).toEqual(["comment"]);
  });

  test("a notification whose comment was hidden later is not shown, counted or mailed", async () => {
    const daily = await person("daily");
    const immediate = await person("immediate");
    for (const who of [daily, immediate]) await follow({ userId: who.id, subjectType: "action_point", subjectId: pointId });
    const commentId = await comment(await person());
    expect(await countUnread({ userId: daily.id })).toBe(1);
    await decideAndNotify({ type: "comment", id: commentId, moderatorId: moderator.id, decision: { action: "hide", reason: "spam", note: "" }, origin: "http://localhost" });
    // The mail job of the immediate person runs after the hiding.
    await runQueuedNotificationJobs();
    await sendNotificationDigests({ deliveries: ["daily"] });
    for (const who of [daily, immediate]) {
      expect(await mailsTo(who.email)).toHaveLength(0);
      expect(await countUnread({ userId: who.id })).toBe(0);
      const page = unwrap(await notificationsLoader(args(get("/meldingen", { cookie: who.cookie })))).data as { items: unknown[] };
      expect(page.items).toHaveLength(0);
    }
  });
});

describe("the fan-out of a new comment", () => {
  test("runs in the worker, not the request: 500 followers get one notification each, once, however often the job runs", async () => {
    const db = getDb();
    const tag = `volger-${Date.now()}`;
    // 500 followers of the action point (no mail, so later digests here stay small): one insert for the people, one for their follows.
    const created = rowsOf(
      await db.execute(sql`insert into users (email, display_name, notification_delivery, email_verified_at)
        select ${tag} || '-' || g || '@voorbeeld.nl', 'Volger ' || g, 'none', now() from generate_series(1, 500) g returning id`),
    ) as { id: number }[];
    expect(created).toHaveLength(500);
    const ids = created.map((row) => row.id);
    await db.execute(sql`insert into follows (user_id, subject_type, subject_id)
      select id, 'action_point', ${pointId} from users where email like ${`${tag}-%`}`);
    const writer = await person("daily", "Drukke schrijver");

    const notesOfFollowers = () => db.select({ userId: notifications.userId, kind: notifications.kind, targetId: notifications.targetId }).from(notifications).where(inArray(notifications.userId, ids));
    const commentId = await comment(writer, { queued: true });
    // The comment committed with its job queued and no follower's notification written.
    expect(await notesOfFollowers()).toHaveLength(0);
    expect(await isFollowing({ userId: writer.id, subjectType: "action_point", subjectId: pointId })).toBe(true);
    const jobs = Array.from(rowsOf(await asOwner((owner) => owner.execute(sql`select id from pgboss.job where name = ${QUEUES.commentNotification} and data->>'commentId' = ${String(commentId)}`))));
    expect(jobs).toHaveLength(1);

    expect(await runCommentJobs()).toBe(1);
    const notes = await notesOfFollowers();
    expect(notes).toHaveLength(500);
    expect(new Set(notes.map((note) => note.userId)).size).toBe(500);
    expect(notes.every((note) => note.kind === "comment" && note.targetId === commentId)).toBe(true);

    // A job run again (a retry after a crash, or a second job for the same comment) adds nothing.
    await enqueue(db, QUEUES.commentNotification, { commentId });
    expect(await runCommentJobs()).toBe(1);
    expect(await fanOutNewComment({ commentId })).toBe(0);
    expect(await notesOfFollowers()).toHaveLength(500);
  });
});

describe("digests", () => {
  test("gather exactly the unsent notifications and send once, even with two runs at the same time", async () => {
    const reader = await person("daily");
    await follow({ userId: reader.id, subjectType: "action_point", subjectId: pointId });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await comment(await person("daily", `Schrijver ${i}`)));
    const notes = await notesOf(reader.id);
    expect(notes).toHaveLength(3);
    // One of them already went out: it is not in the digest.
    await getDb().update(notifications).set({ emailedAt: new Date() }).where(eq(notifications.id, notes[0]!.id));
    await Promise.all([sendNotificationDigests({ deliveries: ["daily"] }), sendNotificationDigests({ deliveries: ["daily"] })]);
    const mails = await mailsTo(reader.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("(2)");
    expect(mails[0]!.text).not.toContain("Schrijver 0");
    expect(mails[0]!.text).toContain("Schrijver 1");
    expect(mails[0]!.text).toContain("Schrijver 2");
    const unsent = await getDb().select().from(notifications).where(and(eq(notifications.userId, reader.id), sql`${notifications.emailedAt} is null`));
    expect(unsent).toHaveLength(0);
    await sendNotificationDigests({ deliveries: ["daily"] });
    expect(await mailsTo(reader.email)).toHaveLength(1);
  });
});

describe("unsubscribing", () => {
  test("the link in the mail works without signing in: GET asks, the one-click POST unsubscribes", async () => {
    const reader = await person("immediate");
    await follow({ userId: reader.id, subjectType: "action_point", subjectId: pointId });
    await comment(await person());
    await runQueuedNotificationJobs();
    const [mail] = await mailsTo(reader.email);
    const link = new URL(mail!.headers["List-Unsubscribe"]!.slice(1, -1));
    const path = `${link.pathname}${link.search}`;
    const page = unwrap(await unsubscribeLoader(args(get(path))));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ valid: true });
    // A link scanner's GET changed nothing.
    const [before] = await getDb().select({ delivery: users.notificationDelivery }).from(users).where(eq(users.id, reader.id));
    expect(before!.delivery).toBe("immediate");
    // What a mail client sends (RFC 8058): no cookie, no Origin.
    const request = new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    expect(unwrap(await unsubscribeAction(args(request))).data).toEqual({ done: true });
    const [after] = await getDb().select({ delivery: users.notificationDelivery }).from(users).where(eq(users.id, reader.id));
    expect(after!.delivery).toBe("none");
  });

  test("a forged token is refused and changes nothing", async () => {
    const victim = await person("daily");
    const mine = await person("daily");
    const forged = `${victim.id}.${unsubscribeToken(mine.id).split(".")[1]}`;
    expect(unwrap(await unsubscribeLoader(args(get(`/afmelden?token=${forged}`)))).status).toBe(400);
    expect(unwrap(await unsubscribeAction(args(post(`/afmelden?token=${forged}`, {}))))).toMatchObject({ status: 400 });
    // From another site without a valid token the guard's Origin check applies.
    const crossSite = await thrown(unsubscribeAction(args(post(`/afmelden?token=${forged}`, {}, { origin: "https://elders.example" }))));
    expect(crossSite.status).toBe(403);
    const [row] = await getDb().select({ delivery: users.notificationDelivery }).from(users).where(eq(users.id, victim.id));
    expect(row!.delivery).toBe("daily");
  });
});

describe("/meldingen", () => {
  test("anonymous visitors are sent to sign in", async () => {
    const response = await thrown(notificationsLoader(args(get("/meldingen"))));
    expect(response.headers.get("Location")).toBe("/inloggen?redirectTo=%2Fmeldingen");
  });

  test("lists newest first with unread marked; mark one and all as read; the header counts unread", async () => {
    const reader = await person("none");
    await follow({ userId: reader.id, subjectType: "action_point", subjectId: pointId });
    await comment(await person("daily", "Eerste"));
    await comment(await person("daily", "Tweede"));
    const root = unwrap(await rootLoader(args(get("/", { cookie: reader.cookie })))).data as { user: { unread: number } };
    expect(root.user.unread).toBe(2);
    const page = unwrap(await notificationsLoader(args(get("/meldingen", { cookie: reader.cookie })))).data as { items: { id: number; text: string; read: boolean; link: string }[] };
    expect(page.items.map((item) => [item.text.split(" ")[0], item.read])).toEqual([
      ["Tweede", false],
      ["Eerste", false],
    ]);
    expect(page.items[0]!.link).toMatch(/^\/reactie\/\d+$/);

    // Someone else cannot mark my notification.
    const other = await person();
    await thrown(notificationsAction(args(post("/meldingen", { intent: "read", id: String(page.items[0]!.id) }, { cookie: other.cookie }))));
    const marked = await thrown(notificationsAction(args(post("/meldingen", { intent: "read", id: String(page.items[0]!.id), redirectTo: "/meldingen" }, { cookie: reader.cookie }))));
    expect(marked.status).toBe(302);
    const [first] = await getDb().select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, page.items[0]!.id));
    expect(first!.readAt).not.toBeNull();
    expect(await countUnread({ userId: reader.id })).toBe(1);
    await thrown(notificationsAction(args(post("/meldingen", { intent: "readAll" }, { cookie: reader.cookie }))));
    expect(await countUnread({ userId: reader.id })).toBe(0);
    // Delivery "none": nothing was ever mailed.
    expect(await mailsTo(reader.email)).toHaveLength(0);
  });

  test("a forged page cursor is a 400", async () => {
    const reader = await person();
    expect((await thrown(notificationsLoader(args(get("/meldingen?na=nonsense", { cookie: reader.cookie }))))).status).toBe(400);
  });
});

describe("following", () => {
  test("the follow form follows and unfollows, back to the page without JavaScript", async () => {
    const reader = await person();
    const followed = await thrown(followAction(args(post("/volgen", { intent: "follow", subjectType: "theme", subjectId: String(themeId), redirectTo: "/thema/x" }, { cookie: reader.cookie }))));
    expect(followed.headers.get("Location")).toBe("/thema/x");
    expect(await isFollowing({ userId: reader.id, subjectType: "theme", subjectId: themeId })).toBe(true);
    const answer = unwrap(await followAction(args(post("/volgen", { intent: "unfollow", subjectType: "theme", subjectId: String(themeId), respond: "data" }, { cookie: reader.cookie }))));
    expect(answer.data).toEqual({ following: false });
    expect(await isFollowing({ userId: reader.id, subjectType: "theme", subjectId: themeId })).toBe(false);
    expect((await thrown(followAction(args(post("/volgen", { intent: "follow", subjectType: "proposal", subjectId: "999999" }, { cookie: reader.cookie }))))).status).toBe(404);
    const rows = await getDb().select().from(notifications).where(inArray(notifications.userId, [reader.id]));
    expect(rows).toHaveLength(0);
  });
});

describe("in the reader's language", () => {
  test("an English reader sees an action point's English title in the notification; a Dutch reader the Dutch one", async () => {
    const [point] = await getDb().select({ id: actionPoints.id, title: actionPoints.title, translations: actionPoints.translations }).from(actionPoints).where(eq(actionPoints.slug, "open-algoritmen"));
    const english = (point!.translations as { en?: { title?: string } }).en?.title;
    expect(english).toBeTruthy();
    expect(english).not.toBe(point!.title);
    const reader = await createUser({ displayName: "Lezer in het Engels" });
    await follow({ userId: reader.id, subjectType: "action_point", subjectId: point!.id });
    const publicThread = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((candidate) => candidate.kind === "public")!;
    await comment(await createUser({ displayName: "Schrijver Taal" }), { threadId: publicThread.id });
    const listed = async (cookie: string) => (unwrap(await notificationsLoader(args(get("/meldingen", { cookie })))).data as { items: { text: string }[] }).items[0]!.text;
    const inEnglish = await listed(`${reader.cookie}; lang=en`);
    expect(inEnglish).toContain(english!);
    expect(inEnglish).not.toContain(point!.title);
    expect(await listed(reader.cookie)).toContain(point!.title);
  });
});
