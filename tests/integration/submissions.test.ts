/**
 * One-time form keys (app/submissions.server.ts): the same form sent twice,
 * or two copies racing, store one row and get the same answer; different
 * keys store two; one person's key is not another's.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, test } from "vitest";
import { getThreads, type ThreadInfo } from "#app/comments.server.ts";
import { decide } from "#app/moderation.server.ts";
import { action as pointAction, loader as pointLoader } from "#app/routes/actiepunt.$slug.tsx";
import { action as appealAction } from "#app/routes/beroep.$actionId.tsx";
import { action as newPointAction } from "#app/routes/beheer.actiepunten.nieuw.tsx";
import { action as newPlanAction } from "#app/routes/beheer.plannen_.nieuw.tsx";
import { action as newThemeAction } from "#app/routes/beheer.themas_.nieuw.tsx";
import { action as reportAction, loader as reportLoader } from "#app/routes/melden.$type.$id.tsx";
import { action as proposalAction } from "#app/routes/voorstel.$id.tsx";
import { action as newProposalAction, loader as newProposalLoader } from "#app/routes/voorstellen.nieuw.tsx";
import { deleteOldSubmissions, newSubmissionKey } from "#app/submissions.server.ts";
import { getDb } from "#db/client.ts";
import { actionPoints, appeals, comments, flags, plans, progressUpdates, proposalStatusChanges, proposals, submissions, themes, threads } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, unwrap } from "#tests/setup/requests.ts";

const SLUG = "open-source";
let pointId: number;
let publicThread: ThreadInfo;
let draftingPlanId: number;
let draftingThemeId: number;

beforeAll(async () => {
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, SLUG));
  pointId = point!.id;
  publicThread = (await getThreads({ subjectType: "action_point", subjectId: pointId })).find((thread) => thread.kind === "public")!;
  const [plan] = await getDb().select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  draftingPlanId = plan!.id;
  draftingThemeId = (await getDb().select({ id: themes.id }).from(themes).where(eq(themes.planId, draftingPlanId)).orderBy(themes.number))[0]!.id;
});

type Answer = { status: number; location: string | null; data: unknown };
type Handler = (input: ReturnType<typeof args>) => Promise<unknown>;

/** Posts a form to an action as the browser does; a thrown redirect or refusal is an answer too. */
async function send(handler: Handler, path: string, body: Record<string, string>, cookie: string, params: Record<string, string> = {}): Promise<Answer> {
  try {
    const result = unwrap(await handler(args(post(path, body, { cookie }), params)));
    return { status: result.status, location: null, data: result.data };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: error.headers.get("Location"), data: error.status >= 400 ? await error.text() : null };
  }
}

const postComment = (cookie: string, fields: Record<string, string>) =>
  send(pointAction as Handler, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(publicThread.id), ...fields }, cookie, { slug: SLUG });

const countWhere = async (table: PgTable, where: SQL | undefined) => (await getDb().select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;
const commentsBy = (authorId: number) => countWhere(comments, eq(comments.authorId, authorId));

/** Starts every call at the same moment, once all are set up. */
async function race<T>(calls: (() => Promise<T>)[]): Promise<T[]> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const running = calls.map((call) => gate.then(call));
  open();
  return Promise.all(running);
}

/** A published comment written straight into the thread, to report or hide without anyone's posting limit. */
async function plainComment(authorId: number, text = "Een bijdrage") {
  const [row] = await getDb()
    .insert(comments)
    .values({ threadId: publicThread.id, authorId, themeId: publicThread.themeId, body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] }, bodyHtml: `<p>${text}</p>` })
    .returning({ id: comments.id });
  return row!.id;
}

describe("comments", () => {
  test("the same form twice stores one comment and answers both times with the same redirect", async () => {
    const person = await createUser();
    const key = newSubmissionKey();
    const first = await postComment(person.cookie, { bodyText: "Een keer", submissionKey: key });
    const second = await postComment(person.cookie, { bodyText: "Een keer", submissionKey: key });
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/#reactie-\d+$/);
    expect(second).toEqual(first);
    expect(await commentsBy(person.id)).toBe(1);
  });

  test("two copies racing store exactly one comment, every round", async () => {
    for (let round = 0; round < 50; round++) {
      const person = await createUser();
      const key = newSubmissionKey();
      const answers = await race([0, 1].map(() => () => postComment(person.cookie, { bodyText: `Ronde ${round}`, submissionKey: key })));
      expect(answers.map((answer) => answer.status), `round ${round}`).toEqual([302, 302]);
      expect(answers[1]!.location, `round ${round}`).toBe(answers[0]!.location);
      expect(await commentsBy(person.id), `round ${round}`).toBe(1);
    }
  });

  test("a reply sent twice is one reply, and the thread's counters count it once", async () => {
    const person = await createUser();
    const parent = await plainComment(person.id, "Waar antwoord ik op?");
    const [before] = await getDb().select({ count: threads.commentCount }).from(threads).where(eq(threads.id, publicThread.id));
    const key = `${newSubmissionKey()}.${parent}`;
    const answers = await race([0, 1].map(() => () => postComment(person.cookie, { bodyText: "Mijn antwoord", parentId: String(parent), submissionKey: key })));
    expect(answers[0]!.location).toMatch(new RegExp(`vanaf=${parent}#reactie-\\d+$`));
    expect(answers[1]).toEqual(answers[0]);
    expect(await countWhere(comments, eq(comments.parentId, parent))).toBe(1);
    const [root] = await getDb().select({ replies: comments.replyCount }).from(comments).where(eq(comments.id, parent));
    expect(root!.replies).toBe(1);
    const [after] = await getDb().select({ count: threads.commentCount }).from(threads).where(eq(threads.id, publicThread.id));
    expect(after!.count).toBe(before!.count + 1);
  });

  test("different keys are different comments; without a key there is no such protection", async () => {
    const person = await createUser();
    await postComment(person.cookie, { bodyText: "Eerste", submissionKey: newSubmissionKey() });
    await postComment(person.cookie, { bodyText: "Tweede", submissionKey: newSubmissionKey() });
    expect(await commentsBy(person.id)).toBe(2);
    await postComment(person.cookie, { bodyText: "Zonder sleutel" });
    await postComment(person.cookie, { bodyText: "Zonder sleutel" });
    expect(await commentsBy(person.id)).toBe(4);
  });

  test("someone else's key is theirs: the same key from two people stores a comment for each", async () => {
    const [one, two] = [await createUser(), await createUser()];
    const key = newSubmissionKey();
    const answers = await race([one, two].map((person) => () => postComment(person.cookie, { bodyText: "Dezelfde sleutel", submissionKey: key })));
    expect(answers[0]!.location).not.toBe(answers[1]!.location);
    expect([await commentsBy(one.id), await commentsBy(two.id)]).toEqual([1, 1]);
  });

  test("a refused post keeps its key for the corrected form, which is then stored once", async () => {
    const person = await createUser();
    const key = newSubmissionKey();
    const refused = await postComment(person.cookie, { bodyText: "   ", submissionKey: key });
    expect(refused.status).toBe(400);
    expect((refused.data as { comment: { error: string; submissionKey: string } }).comment).toMatchObject({ error: "richText.empty", submissionKey: key });
    const stored = await postComment(person.cookie, { bodyText: "Nu wel goed", submissionKey: key });
    expect(stored.status).toBe(302);
    expect(await postComment(person.cookie, { bodyText: "Nu wel goed", submissionKey: key })).toEqual(stored);
    expect(await commentsBy(person.id)).toBe(1);
  });

  test("a key used for another thread or parent is refused with a message, and nothing is stored", async () => {
    const person = await createUser();
    const parent = await plainComment(person.id);
    const key = newSubmissionKey();
    await postComment(person.cookie, { bodyText: "Bovenaan", submissionKey: key });
    const reused = await postComment(person.cookie, { bodyText: "Als antwoord", parentId: String(parent), submissionKey: key });
    expect(reused.status).toBe(422);
    expect((reused.data as { comment: { error: string; text: string } }).comment).toMatchObject({ error: "submission.keyReused", text: "Als antwoord" });
    expect(await commentsBy(person.id)).toBe(2);
  });

  test("a key in a format no page makes is refused with a translated 400, and nothing is stored", async () => {
    const person = await createUser();
    for (const key of ["kort", "x".repeat(200), "a b c d e f g h i j k l", "'; drop table submissions; --"]) {
      const refused = await postComment(person.cookie, { bodyText: "Met een rare sleutel", submissionKey: key });
      expect(refused.status, key).toBe(400);
      expect(refused.data).toBe("Dit formulier kon niet worden gelezen: de code die erbij hoort klopt niet. Laad de pagina opnieuw en probeer het nog eens. Er is niets opgeslagen.");
    }
    const twice = new URLSearchParams({ intent: "comment", threadId: String(publicThread.id), bodyText: "Twee sleutels" });
    twice.append("submissionKey", newSubmissionKey());
    twice.append("submissionKey", newSubmissionKey());
    const request = new Request(`http://localhost/actiepunt/${SLUG}`, { method: "POST", body: twice, headers: { Cookie: person.cookie, Origin: "http://localhost" } });
    await expect(pointAction(args(request, { slug: SLUG }))).rejects.toMatchObject({ status: 400 });
    expect(await commentsBy(person.id)).toBe(0);
  });

  test("the page gives each thread a fresh key on every render, and none to visitors", async () => {
    const person = await createUser();
    const keys = async (cookie?: string) => {
      const page = unwrap(await pointLoader(args(get(`/actiepunt/${SLUG}`, { cookie }), { slug: SLUG }))).data as { discussion: { threads: { kind: string; write: { submissionKey: string | null } }[] } };
      return page.discussion.threads.find((thread) => thread.kind === "public")!.write.submissionKey;
    };
    const [first, second] = [await keys(person.cookie), await keys(person.cookie)];
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second).not.toBe(first);
    expect(await keys()).toBeNull();
  });
});

describe("proposals", () => {
  const proposalForm = (extra: Record<string, string>) => ({
    title: "Een burgerberaad over algoritmen",
    summary: "Laat een burgerberaad meedenken over regels voor algoritmen bij de overheid.",
    bodyText: "Mensen merken de gevolgen van algoritmen. Laat ze daarom meepraten.",
    themeId: String(draftingThemeId),
    ...extra,
  });
  const propose = (cookie: string, extra: Record<string, string>) => send(newProposalAction as Handler, "/voorstellen/nieuw", proposalForm(extra), cookie);
  const proposalsBy = (authorId: number) => countWhere(proposals, eq(proposals.authorId, authorId));

  test("the new-proposal page carries a key; the same form twice is one proposal with the same redirect", async () => {
    const person = await createUser();
    const page = unwrap(await newProposalLoader(args(get("/voorstellen/nieuw", { cookie: person.cookie })))).data as { submissionKey: string };
    const first = await propose(person.cookie, { submissionKey: page.submissionKey });
    expect(first.location).toMatch(/^\/voorstel\/\d+$/);
    expect(await propose(person.cookie, { submissionKey: page.submissionKey })).toEqual(first);
    expect(await proposalsBy(person.id)).toBe(1);
    // A refusal keeps the key it was sent with, for the corrected form.
    const key = newSubmissionKey();
    const refused = await propose(person.cookie, { title: "", submissionKey: key });
    expect(refused.status).toBe(400);
    expect((refused.data as { result: { initialValue: Record<string, string> } }).result.initialValue.submissionKey).toBe(key);
  });

  test("two copies racing store exactly one proposal with one thread, every round", async () => {
    for (let round = 0; round < 50; round++) {
      const person = await createUser();
      const key = newSubmissionKey();
      const answers = await race([0, 1].map(() => () => propose(person.cookie, { title: `Voorstel ronde ${round}`, submissionKey: key })));
      expect(answers.map((answer) => answer.status), `round ${round}`).toEqual([302, 302]);
      expect(answers[1]!.location, `round ${round}`).toBe(answers[0]!.location);
      expect(await proposalsBy(person.id), `round ${round}`).toBe(1);
      const id = Number(answers[0]!.location!.split("/").at(-1));
      expect(await countWhere(threads, and(eq(threads.subjectType, "proposal"), eq(threads.subjectId, id))), `round ${round}`).toBe(1);
    }
  });

  test("the official response sent twice is one step in the history, answered alike", async () => {
    const [author, admin] = [await createUser(), await createUser({ grants: [{ role: "admin" }] })];
    const created = await propose(author.cookie, { submissionKey: newSubmissionKey() });
    const id = created.location!.split("/").at(-1)!;
    const key = newSubmissionKey();
    const respond = () => send(proposalAction as Handler, `/voorstel/${id}`, { intent: "respond", to: "under_consideration", explanation: "Wij kijken ernaar.", submissionKey: key }, admin.cookie, { id });
    const answers = await race([respond, respond]);
    expect(answers[0]!.location).toBe(`/voorstel/${id}?gedaan=reactie#geschiedenis`);
    expect(answers[1]).toEqual(answers[0]);
    expect(await countWhere(proposalStatusChanges, and(eq(proposalStatusChanges.proposalId, Number(id)), eq(proposalStatusChanges.toStatus, "under_consideration")))).toBe(1);
  });
});

describe("reports", () => {
  const report = (cookie: string, commentId: number, extra: Record<string, string> = {}) =>
    send(reportAction as Handler, `/melden/reactie/${commentId}`, { reason: "spam", note: "", ...extra }, cookie, { type: "reactie", id: String(commentId) });
  const flagsOn = (commentId: number) => countWhere(flags, and(eq(flags.targetType, "comment"), eq(flags.targetId, commentId)));

  test("the same report twice is one report, answered both times with the thanks; without a key the second is refused", async () => {
    const [author, reporter] = [await createUser(), await createUser()];
    const id = await plainComment(author.id);
    const page = unwrap(await reportLoader(args(get(`/melden/reactie/${id}`, { cookie: reporter.cookie }), { type: "reactie", id: String(id) }))).data as { submissionKey: string };
    const first = await report(reporter.cookie, id, { submissionKey: page.submissionKey });
    expect(first.location).toBe(`/reactie/${id}?gemeld=1`);
    expect(await report(reporter.cookie, id, { submissionKey: page.submissionKey })).toEqual(first);
    expect((await report(reporter.cookie, id)).status).toBe(409);
    expect(await flagsOn(id)).toBe(1);
  });

  test("two copies racing store one report and both get the thanks, every round", async () => {
    const author = await createUser();
    for (let round = 0; round < 50; round++) {
      const reporter = await createUser();
      const id = await plainComment(author.id, `Ronde ${round}`);
      const key = newSubmissionKey();
      const answers = await race([0, 1].map(() => () => report(reporter.cookie, id, { submissionKey: key })));
      expect(answers.map((answer) => answer.location), `round ${round}`).toEqual([`/reactie/${id}?gemeld=1`, `/reactie/${id}?gemeld=1`]);
      expect(await flagsOn(id), `round ${round}`).toBe(1);
    }
  });
});

describe("the other forms that create something", () => {
  test("a progress update sent twice is one update", async () => {
    const holder = await createUser({ grants: [{ role: "action_holder", actionPointSlug: SLUG }] });
    const key = newSubmissionKey();
    const update = () => send(pointAction as Handler, `/actiepunt/${SLUG}`, { intent: "update", title: "Stap gezet", body: "Het gaat goed.", submissionKey: key }, holder.cookie, { slug: SLUG });
    const answers = await race([update, update]);
    expect(answers[0]!.location).toBe(`/actiepunt/${SLUG}?gedaan=update#voortgang`);
    expect(answers[1]).toEqual(answers[0]);
    expect(await countWhere(progressUpdates, eq(progressUpdates.authorId, holder.id))).toBe(1);
  });

  test("an appeal sent twice is one appeal, answered both times with the confirmation", async () => {
    const [author, moderator] = [await createUser(), await createUser({ grants: [{ role: "admin" }] })];
    const id = await plainComment(author.id, "Dit was een echte vraag");
    const hidden = await decide({ type: "comment", id, moderatorId: moderator.id, decision: { action: "hide", reason: "spam", note: "" } });
    if (!hidden.ok) throw new Error("not hidden");
    const path = `/beroep/${hidden.actionId}`;
    const key = newSubmissionKey();
    const appeal = () => send(appealAction as Handler, path, { text: "Dit ging wel over het onderwerp.", submissionKey: key }, author.cookie, { actionId: String(hidden.actionId) });
    const answers = await race([appeal, appeal]);
    expect(answers[0]!.location).toBe(`${path}?ingediend=1`);
    expect(answers[1]).toEqual(answers[0]);
    expect(await countWhere(appeals, eq(appeals.actionId, hidden.actionId))).toBe(1);
  });

  test("an admin's new plan, theme and action point, each sent twice, are one of each", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const twice = async (handler: Handler, path: string, body: Record<string, string>) => {
      const key = newSubmissionKey();
      const answers = await race([0, 1].map(() => () => send(handler, path, { ...body, submissionKey: key }, admin.cookie)));
      expect(answers[0]!.location).toMatch(/\?gedaan=aangemaakt$/);
      expect(answers[1]).toEqual(answers[0]);
      return Number(answers[0]!.location!.match(/\/(\d+)\?/)![1]);
    };
    const plan = await twice(newPlanAction as Handler, "/beheer/plannen/nieuw", { slug: "plan-een-keer", title: "Een plan", titleEn: "", period: "2030-2032", status: "archived", intro: "", introEn: "", about: "", aboutEn: "" });
    expect(await countWhere(plans, eq(plans.slug, "plan-een-keer"))).toBe(1);
    const theme = await twice(newThemeAction as Handler, "/beheer/themas/nieuw", { planId: String(plan), number: "1", slug: "thema-een-keer", title: "Een thema", titleEn: "", description: "", descriptionEn: "" });
    expect(await countWhere(themes, eq(themes.planId, plan))).toBe(1);
    await twice(newPointAction as Handler, "/beheer/actiepunten/nieuw", {
      themeId: String(theme),
      number: "1",
      slug: "actiepunt-een-keer",
      title: "Een actiepunt",
      titleEn: "",
      holder: "BZK",
      holderEn: "",
      partners: "",
      partnersEn: "",
      summary: "",
      summaryEn: "",
      body: "Een alinea.",
      bodyEn: "",
      contribution: "",
      contributionEn: "",
    });
    expect(await countWhere(actionPoints, eq(actionPoints.themeId, theme))).toBe(1);
  });
});

test("the clean-up job removes keys older than a day and keeps newer ones", async () => {
  const person = await createUser();
  await getDb()
    .insert(submissions)
    .values([
      { userId: person.id, key: "oud", kind: "comment", subject: "thread:1", result: { ok: true }, createdAt: sql`now() - interval '25 hours'` },
      { userId: person.id, key: "nieuw", kind: "comment", subject: "thread:1", result: { ok: true }, createdAt: sql`now() - interval '23 hours'` },
    ]);
  await deleteOldSubmissions();
  expect((await getDb().select({ key: submissions.key }).from(submissions).where(eq(submissions.userId, person.id))).map((row) => row.key)).toEqual(["nieuw"]);
});
