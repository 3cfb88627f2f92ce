import { and, eq, gt, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { getThreadPage, getThreads, type ThreadInfo } from "#app/comments.server.ts";
import { decide } from "#app/moderation.server.ts";
import { action as pointAction } from "#app/routes/actiepunt.$slug.tsx";
import { action as themesAction, loader as themesLoader } from "#app/routes/beheer.themas.tsx";
import { action as reportAction, loader as reportLoader } from "#app/routes/melden.$type.$id.tsx";
import { action as proposalAction } from "#app/routes/voorstel.$id.tsx";
import { loader as listLoader } from "#app/routes/voorstellen._index.tsx";
import { action as newAction } from "#app/routes/voorstellen.nieuw.tsx";
import { getDb } from "#db/client.ts";
import { actionPoints, auditLog, comments, flags, moderationQueue, plans, proposals, themes, themeTimeouts, threads, users } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";

const SLUG = "open-source";
const OTHER_SLUG = "open-klachten";
let thread: ThreadInfo;
let otherThread: ThreadInfo;
/** The theme of the action point's discussion, and the first theme of the plan being drafted (for proposals). */
let commentTheme: number;
let proposalTheme: number;
let otherProposalTheme: number;

async function publicThreadOf(slug: string) {
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, slug));
  return (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((candidate) => candidate.kind === "public")!;
}

beforeAll(async () => {
  thread = await publicThreadOf(SLUG);
  otherThread = await publicThreadOf(OTHER_SLUG);
  commentTheme = thread.themeId;
  expect(otherThread.themeId).not.toBe(commentTheme);
  const [plan] = await getDb().select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  const planThemes = await getDb().select({ id: themes.id }).from(themes).where(eq(themes.planId, plan!.id)).orderBy(themes.number);
  proposalTheme = planThemes[0]!.id;
  otherProposalTheme = planThemes[1]!.id;
});

// Every test leaves the seeded settings (no pre-moderation, threshold 3) behind; written directly, so without audit rows.
afterEach(async () => {
  await getDb().update(themes).set({ premoderation: "off", premoderationCount: 3, flagThreshold: 3 });
});

async function setTheme(themeId: number, settings: Partial<{ premoderation: "off" | "new_accounts" | "all"; premoderationCount: number; flagThreshold: number }>) {
  await getDb().update(themes).set(settings).where(eq(themes.id, themeId));
}

/** Posts a comment through the action point page, as the browser's form does. */
async function comment(cookie: string, text: string, { slug = SLUG, threadId = thread.id, body }: { slug?: string; threadId?: number; body?: string } = {}) {
  const fields: Record<string, string> = { intent: "comment", threadId: String(threadId), ...(body ? { body } : { bodyText: text }) };
  try {
    const result = await pointAction(args(post(`/actiepunt/${slug}`, fields, { cookie }), { slug }));
    return { status: unwrap(result).status, id: null as number | null, reply: (unwrap(result).data as { comment: { error: string; text: string } }).comment, headers: unwrap(result).headers };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    const match = error.headers.get("Location")?.match(/#reactie-(\d+)$/);
    return { status: error.status, id: match ? Number(match[1]) : null, reply: null, headers: error.headers };
  }
}

const proposalFields = (extra: Record<string, string> = {}) => ({
  title: "Open vergaderingen van waterschappen",
  summary: "Waterschappen zenden hun vergaderingen live uit en publiceren de stukken vooraf.",
  bodyText: "Veel mensen weten niet wat een waterschap besluit. Live uitzenden helpt daarbij.",
  themeId: String(proposalTheme),
  ...extra,
});

async function propose(cookie: string, extra: Record<string, string> = {}) {
  try {
    const result = await newAction(args(post("/voorstellen/nieuw", proposalFields(extra), { cookie })));
    return { status: unwrap(result).status, id: null as number | null, reply: unwrap(result).data as { result: { error?: Record<string, string[]>; initialValue?: Record<string, string> }; bodyDoc: unknown }, headers: unwrap(result).headers };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    const match = error.headers.get("Location")?.match(/^\/voorstel\/(\d+)$/);
    return { status: error.status, id: match ? Number(match[1]) : null, reply: null, headers: error.headers };
  }
}

async function commentRow(id: number) {
  const [row] = await getDb().select({ status: comments.status, hiddenAt: comments.hiddenAt, hiddenReason: comments.hiddenReason }).from(comments).where(eq(comments.id, id));
  return row!;
}

async function threadCount(threadId = thread.id) {
  const [row] = await getDb().select({ n: threads.commentCount }).from(threads).where(eq(threads.id, threadId));
  return row!.n;
}

async function queueOf(type: "comment" | "proposal", id: number) {
  return getDb()
    .select({ reasons: moderationQueue.reasons, spamScore: moderationQueue.spamScore, spamSignals: moderationQueue.spamSignals, themeId: moderationQueue.themeId })
    .from(moderationQueue)
    .where(and(eq(moderationQueue.targetType, type), eq(moderationQueue.targetId, id), sql`${moderationQueue.closedAt} is null`));
}

/** Which comment ids a viewer sees with their text, on the thread's newest page. */
async function visibleTo(viewerId: number | null, threadId = thread.id) {
  const page = await getThreadPage({ threadId, sort: "nieuw", viewerId });
  return page.comments.filter((item) => item.html !== null).map((item) => item.id);
}

describe("pre-moderation", () => {
  test("off: a comment and a proposal are published at once, counted, and not queued", async () => {
    const citizen = await createUser();
    const before = await threadCount();
    const posted = await comment(citizen.cookie, "Meteen zichtbaar");
    expect(posted.status).toBe(302);
    expect((await commentRow(posted.id!)).status).toBe("published");
    expect(await threadCount()).toBe(before + 1);
    expect(await queueOf("comment", posted.id!)).toEqual([]);
    expect(await visibleTo(null)).toContain(posted.id);

    const proposed = await propose(citizen.cookie);
    expect(proposed.status).toBe(302);
    const [row] = await getDb().select({ status: proposals.status }).from(proposals).where(eq(proposals.id, proposed.id!));
    expect(row!.status).toBe("published");
    expect(await queueOf("proposal", proposed.id!)).toEqual([]);
  });

  test("new accounts, N=2: the first two contributions are held until approved, the third is not; an established account is not held", async () => {
    await setTheme(commentTheme, { premoderation: "new_accounts", premoderationCount: 2 });
    const newcomer = await createUser();
    const reader = await createUser();
    const moderator = await createUser({ grants: [{ role: "admin" }] });
    const before = await threadCount();

    const first = await comment(newcomer.cookie, "Mijn eerste reactie");
    const second = await comment(newcomer.cookie, "Mijn tweede reactie");
    for (const held of [first, second]) {
      expect(held.status).toBe(302);
      expect((await commentRow(held.id!)).status).toBe("pending");
      expect((await queueOf("comment", held.id!)).map((entry) => entry.reasons)).toEqual([["premoderation"]]);
    }
    expect(await threadCount()).toBe(before);
    expect(await visibleTo(reader.id)).not.toContain(first.id);
    expect(await visibleTo(null)).not.toContain(first.id);
    const own = await getThreadPage({ threadId: thread.id, sort: "nieuw", viewerId: newcomer.id });
    expect(own.comments.find((item) => item.id === first.id)).toMatchObject({ status: "pending", html: "<p>Mijn eerste reactie</p>" });

    for (const held of [first, second]) expect((await decide({ type: "comment", id: held.id!, moderatorId: moderator.id, decision: { action: "approve" } })).ok).toBe(true);
    expect(await threadCount()).toBe(before + 2);

    const third = await comment(newcomer.cookie, "Mijn derde reactie");
    expect((await commentRow(third.id!)).status).toBe("published");
    expect(await queueOf("comment", third.id!)).toEqual([]);
    expect(await threadCount()).toBe(before + 3);
    expect(await visibleTo(reader.id)).toContain(third.id);
  });

  test("all: everything is held, also for an established account, comments and proposals alike, and nothing is counted", async () => {
    const veteran = await createUser();
    // An account of a year old: no "new account" spam signal.
    await getDb().update(users).set({ createdAt: sql`now() - interval '1 year'` }).where(eq(users.id, veteran.id));
    for (const text of ["Een", "Twee", "Drie"]) expect((await comment(veteran.cookie, text)).status).toBe(302);
    const published = await propose(veteran.cookie);
    expect(published.status).toBe(302);
    const [proposalThread] = await getThreads({ subjectType: "proposal", subjectId: published.id! });

    await setTheme(commentTheme, { premoderation: "all" });
    await setTheme(proposalTheme, { premoderation: "all" });
    const before = await threadCount();
    const held = await comment(veteran.cookie, "Ook deze wacht");
    expect((await commentRow(held.id!)).status).toBe("pending");
    expect(await threadCount()).toBe(before);
    expect((await queueOf("comment", held.id!))[0]).toMatchObject({ reasons: ["premoderation"], themeId: commentTheme });

    // A comment held on a proposal's discussion counts neither in the thread nor in the proposal.
    const onProposal = await proposalAction(args(post(`/voorstel/${published.id}`, { intent: "comment", threadId: String(proposalThread!.id), bodyText: "Reactie op mijn voorstel" }, { cookie: veteran.cookie }), { id: String(published.id) })).catch((error: unknown) => error);
    expect((onProposal as Response).status).toBe(302);
    const [counted] = await getDb().select({ n: proposals.commentCount }).from(proposals).where(eq(proposals.id, published.id!));
    expect(counted!.n).toBe(0);
    expect(await threadCount(proposalThread!.id)).toBe(0);

    const heldProposal = await propose(veteran.cookie, { title: "Een voorstel dat wacht" });
    expect(heldProposal.status).toBe(302);
    const [row] = await getDb().select({ status: proposals.status }).from(proposals).where(eq(proposals.id, heldProposal.id!));
    expect(row!.status).toBe("pending");
    expect((await queueOf("proposal", heldProposal.id!)).map((entry) => entry.reasons)).toEqual([["premoderation"]]);
    const list = unwrap(await listLoader(args(get("/voorstellen?volgorde=nieuw")))).data as { proposals: { id: number }[] };
    expect(list.proposals.map((proposal) => proposal.id)).toContain(published.id);
    expect(list.proposals.map((proposal) => proposal.id)).not.toContain(heldProposal.id);
  });
});

describe("spam signals", () => {
  test("a new account posting many links is queued with its signals, but stays published and counted", async () => {
    const newcomer = await createUser();
    const link = (n: number) => ({ type: "text", text: `link ${n} `, marks: [{ type: "link", attrs: { href: `https://example.org/${n}` } }] });
    const body = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [link(1), link(2), link(3)] }] });
    const before = await threadCount();
    const posted = await comment(newcomer.cookie, "", { body });
    expect(posted.status).toBe(302);
    expect((await commentRow(posted.id!)).status).toBe("published");
    expect(await threadCount()).toBe(before + 1);
    const [entry] = await queueOf("comment", posted.id!);
    expect(entry).toMatchObject({ reasons: ["spam"], spamScore: 2, spamSignals: ["newAccount", "manyLinks"] });
    expect(await visibleTo(null)).toContain(posted.id);
  });

  test("one link from a new account is not enough to queue anything", async () => {
    const newcomer = await createUser();
    const body = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "bron", marks: [{ type: "link", attrs: { href: "https://example.org" } }] }] }] });
    const posted = await comment(newcomer.cookie, "", { body });
    expect(await queueOf("comment", posted.id!)).toEqual([]);
  });
});

describe("limits and time-outs", () => {
  test("the 11th comment within ten minutes is refused with a 429, and the text comes back", async () => {
    const busy = await createUser();
    for (let i = 1; i <= 10; i++) expect((await comment(busy.cookie, `Reactie ${i}`)).status).toBe(302);
    const before = await getDb().select({ n: sql<number>`count(*)::int` }).from(comments).where(eq(comments.authorId, busy.id));
    const refused = await comment(busy.cookie, "Nummer elf");
    expect(refused.status).toBe(429);
    expect(refused.reply).toMatchObject({ error: "moderation.write.commentRateLimited", text: "Nummer elf" });
    // When to try again: the rest of the ten minutes, and the limit that was met.
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(500);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(600);
    expect(refused.headers.get("RateLimit-Limit")).toBe("10");
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(refused.headers.get("RateLimit-Reset")).toBe(refused.headers.get("Retry-After"));
    const after = await getDb().select({ n: sql<number>`count(*)::int` }).from(comments).where(eq(comments.authorId, busy.id));
    expect(after[0]!.n).toBe(before[0]!.n);
    // Someone else can still write.
    expect((await comment((await createUser()).cookie, "Ik wel")).status).toBe(302);
  });

  test("the 6th proposal within a day is refused with a 429, and everything written comes back", async () => {
    const busy = await createUser();
    for (let i = 1; i <= 5; i++) expect((await propose(busy.cookie, { title: `Voorstel ${i}` })).status).toBe(302);
    const refused = await propose(busy.cookie, { title: "Voorstel zes" });
    expect(refused.status).toBe(429);
    expect(refused.reply!.result.error?.[""]).toEqual(["moderation.write.proposalRateLimited"]);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(23 * 60 * 60);
    expect(refused.headers.get("RateLimit-Limit")).toBe("5");
    expect(refused.reply!.result.initialValue).toMatchObject({ title: "Voorstel zes", themeId: String(proposalTheme) });
    expect(refused.reply!.bodyDoc).not.toBeNull();
  });

  test("a time-out refuses contributions in that theme only", async () => {
    const person = await createUser();
    const moderator = await createUser();
    for (const themeId of [commentTheme, proposalTheme]) {
      await getDb().insert(themeTimeouts).values({ userId: person.id, themeId, until: sql`now() + interval '3 days'`, createdById: moderator.id });
    }
    const refused = await comment(person.cookie, "Mag dit?");
    expect(refused.status).toBe(403);
    expect(refused.reply).toMatchObject({ error: "moderation.write.timeout", text: "Mag dit?" });
    expect((await comment(person.cookie, "In een ander thema", { slug: OTHER_SLUG, threadId: otherThread.id })).status).toBe(302);

    const refusedProposal = await propose(person.cookie);
    expect(refusedProposal.status).toBe(403);
    expect(refusedProposal.reply!.result.error?.[""]).toEqual(["moderation.write.timeout"]);
    expect(refusedProposal.reply!.result.initialValue).toMatchObject({ title: proposalFields().title, summary: proposalFields().summary });
    expect((await propose(person.cookie, { themeId: String(otherProposalTheme) })).status).toBe(302);

    // A time-out that has run out no longer counts.
    await getDb().update(themeTimeouts).set({ until: sql`now() - interval '1 minute'` }).where(eq(themeTimeouts.userId, person.id));
    expect((await comment(person.cookie, "Weer terug")).status).toBe(302);
  });
});

type ReportPage = { type: string; back: string; state: "open" | "own" | "notVisible"; shown: { title: string | null; text: string } | null };

async function report(cookie: string, path: string, fields: Record<string, string>) {
  const [, type, id] = path.split("/").slice(1);
  try {
    const result = await reportAction(args(post(path, fields, { cookie }), { type: type!, id: id! }));
    const { status, data } = unwrap(result);
    return { status, location: null as string | null, result: (data as { result: { error?: Record<string, string[]> } }).result };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: error.headers.get("Location"), result: null };
  }
}

describe("reporting", () => {
  test("the page shows what is reported; visitors sign in first; unknown kinds and items are a 404", async () => {
    const author = await createUser();
    const reader = await createUser();
    const posted = await comment(author.cookie, "Een reactie die iemand wil melden");
    const page = unwrap(await reportLoader(args(get(`/melden/reactie/${posted.id}`, { cookie: reader.cookie }), { type: "reactie", id: String(posted.id) }))).data as ReportPage;
    expect(page).toMatchObject({ type: "comment", back: `/reactie/${posted.id}`, state: "open", shown: { title: null, text: "Een reactie die iemand wil melden" } });
    const own = unwrap(await reportLoader(args(get(`/melden/reactie/${posted.id}`, { cookie: author.cookie }), { type: "reactie", id: String(posted.id) }))).data as ReportPage;
    expect(own.state).toBe("own");

    const anonymous = await thrown(reportLoader(args(get(`/melden/reactie/${posted.id}`), { type: "reactie", id: String(posted.id) })));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(`/melden/reactie/${posted.id}`)}`);
    for (const [type, id] of [["gebruiker", String(posted.id)], ["reactie", "abc"], ["reactie", "999999"], ["voorstel", "999999"]]) {
      expect((await thrown(reportLoader(args(get(`/melden/${type}/${id}`, { cookie: reader.cookie }), { type: type!, id: id! })))).status, `${type}/${id}`).toBe(404);
    }
  });

  test("someone else's held comment shows nothing and cannot be reported", async () => {
    await setTheme(commentTheme, { premoderation: "all" });
    const author = await createUser();
    const reader = await createUser();
    const held = await comment(author.cookie, "Nog niet goedgekeurd");
    const page = unwrap(await reportLoader(args(get(`/melden/reactie/${held.id}`, { cookie: reader.cookie }), { type: "reactie", id: String(held.id) }))).data as ReportPage;
    expect(page).toMatchObject({ state: "notVisible", shown: null });
    const refused = await report(reader.cookie, `/melden/reactie/${held.id}`, { reason: "spam" });
    expect(refused.status).toBe(409);
    expect(refused.result?.error?.[""]).toEqual(["report.error.notVisible"]);
  });

  test("a person reports once, not their own contribution, and bad input changes nothing", async () => {
    const author = await createUser();
    const reporter = await createUser();
    const posted = await comment(author.cookie, "Iets wat je kunt melden");
    const path = `/melden/reactie/${posted.id}`;
    const flagCount = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(flags).where(and(eq(flags.targetType, "comment"), eq(flags.targetId, posted.id!))))[0]!.n;

    const cases: [Record<string, string>, string, string][] = [
      [{ reason: "boos" }, "reason", "report.error.unknownReason"],
      [{}, "reason", "report.error.unknownReason"],
      [{ reason: "other" }, "note", "report.error.noteRequired"],
      [{ reason: "other", note: "   " }, "note", "report.error.noteRequired"],
      [{ reason: "spam", note: "x".repeat(501) }, "note", "report.error.noteTooLong"],
    ];
    for (const [fields, field, message] of cases) {
      const result = await report(reporter.cookie, path, fields);
      expect(result.status, JSON.stringify(fields).slice(0, 60)).toBe(400);
      expect(result.result?.error?.[field]).toEqual([message]);
    }
    expect(await flagCount()).toBe(0);

    const own = await report(author.cookie, path, { reason: "spam" });
    expect(own.status).toBe(403);
    expect(own.result?.error?.[""]).toEqual(["report.error.ownContent"]);

    const first = await report(reporter.cookie, path, { reason: "other", note: "Dit is reclame voor een webwinkel." });
    expect(first).toMatchObject({ status: 302, location: `/reactie/${posted.id}?gemeld=1` });
    const again = await report(reporter.cookie, path, { reason: "spam" });
    expect(again.status).toBe(409);
    expect(again.result?.error?.[""]).toEqual(["report.error.alreadyReported"]);
    expect(await getDb().select({ reason: flags.reason, note: flags.note, reporterId: flags.reporterId }).from(flags).where(and(eq(flags.targetType, "comment"), eq(flags.targetId, posted.id!)))).toEqual([
      { reason: "other", note: "Dit is reclame voor een webwinkel.", reporterId: reporter.id },
    ]);
    expect((await queueOf("comment", posted.id!)).map((entry) => entry.reasons)).toEqual([["reports"]]);
    expect((await commentRow(posted.id!)).status).toBe("published");

    const unverified = await createUser({ verified: false });
    expect((await thrown(reportAction(args(post(path, { reason: "spam" }, { cookie: unverified.cookie }), { type: "reactie", id: String(posted.id) })))).status).toBe(403);
  });

  test("a comment is hidden exactly at the theme's threshold of distinct reporters; counters go down; later reports are refused", async () => {
    await setTheme(commentTheme, { flagThreshold: 3 });
    const author = await createUser();
    const posted = await comment(author.cookie, "Hier zijn veel mensen boos over");
    const path = `/melden/reactie/${posted.id}`;
    const counted = await threadCount();
    const reporters = await Promise.all([1, 2, 3, 4].map(() => createUser()));

    for (const reporter of reporters.slice(0, 2)) expect((await report(reporter.cookie, path, { reason: "offensive" })).status).toBe(302);
    expect((await commentRow(posted.id!)).status).toBe("published");
    expect(await threadCount()).toBe(counted);

    expect((await report(reporters[2]!.cookie, path, { reason: "offensive" })).status).toBe(302);
    expect(await commentRow(posted.id!)).toMatchObject({ status: "hidden", hiddenReason: "reports" });
    expect(await threadCount()).toBe(counted - 1);
    expect((await queueOf("comment", posted.id!)).map((entry) => entry.reasons)).toEqual([["reports"]]);
    expect(await visibleTo(reporters[0]!.id)).not.toContain(posted.id);

    const late = await report(reporters[3]!.cookie, path, { reason: "offensive" });
    expect(late.status).toBe(409);
    expect(late.result?.error?.[""]).toEqual(["report.error.notVisible"]);
    expect((await getDb().select({ n: sql<number>`count(*)::int` }).from(flags).where(and(eq(flags.targetType, "comment"), eq(flags.targetId, posted.id!))))[0]!.n).toBe(3);
  });

  test("a proposal is reported from its own page and hidden at a threshold of 1", async () => {
    await setTheme(proposalTheme, { flagThreshold: 1 });
    const author = await createUser();
    const reporter = await createUser();
    const proposed = await propose(author.cookie, { title: "Een voorstel om te melden" });
    const page = unwrap(await reportLoader(args(get(`/melden/voorstel/${proposed.id}`, { cookie: reporter.cookie }), { type: "voorstel", id: String(proposed.id) }))).data as ReportPage;
    expect(page).toMatchObject({ type: "proposal", state: "open", shown: { title: "Een voorstel om te melden", text: proposalFields().summary } });
    const done = await report(reporter.cookie, `/melden/voorstel/${proposed.id}`, { reason: "personal_data" });
    expect(done).toMatchObject({ status: 302, location: `/voorstel/${proposed.id}?gemeld=1` });
    const [row] = await getDb().select({ hiddenAt: proposals.hiddenAt, hiddenReason: proposals.hiddenReason }).from(proposals).where(eq(proposals.id, proposed.id!));
    expect(row!.hiddenAt).not.toBeNull();
    expect(row!.hiddenReason).toBe("reports");
    expect((await queueOf("proposal", proposed.id!)).map((entry) => entry.reasons)).toEqual([["reports"]]);
  });
});

type ThemesPage = { themes: { id: number; premoderation: string; premoderationCount: number; flagThreshold: number }[]; done: { title: string } | null };

async function saveTheme(body: Record<string, string>, cookie?: string) {
  try {
    const { data, status } = unwrap(await themesAction(args(post("/beheer/themas", body, { cookie }))));
    return { status, location: null as string | null, data: data as { themeId: number | null; result: { error?: Record<string, string[]> } } };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: error.headers.get("Location"), data: null };
  }
}

describe("theme moderation settings", () => {
  test("visitors are sent to sign in and citizens are refused, on the page and the form", async () => {
    const page = await thrown(themesLoader(args(get("/beheer/themas"))));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent("/beheer/themas")}`);
    const citizen = await createUser();
    expect((await thrown(themesLoader(args(get("/beheer/themas", { cookie: citizen.cookie }))))).status).toBe(403);
    const form = { themeId: String(commentTheme), premoderation: "all", premoderationCount: "3", flagThreshold: "3" };
    expect((await saveTheme(form, citizen.cookie)).status).toBe(403);
    expect((await saveTheme(form)).status).toBe(302);
    const [row] = await getDb().select({ premoderation: themes.premoderation }).from(themes).where(eq(themes.id, commentTheme));
    expect(row!.premoderation).toBe("off");
  });

  test("an admin saves a theme's settings; the change is on the audit log; saving the same again writes nothing", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const [{ last } = { last: 0 }] = await getDb().select({ last: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
    const form = { themeId: String(commentTheme), premoderation: "new_accounts", premoderationCount: "5", flagThreshold: "7" };
    const saved = await saveTheme(form, admin.cookie);
    expect(saved).toMatchObject({ status: 302, location: `/beheer/themas?gedaan=thema-${commentTheme}` });
    const [row] = await getDb().select({ premoderation: themes.premoderation, premoderationCount: themes.premoderationCount, flagThreshold: themes.flagThreshold }).from(themes).where(eq(themes.id, commentTheme));
    expect(row).toEqual({ premoderation: "new_accounts", premoderationCount: 5, flagThreshold: 7 });
    const audit = await getDb().select({ actorId: auditLog.actorId, action: auditLog.action, details: auditLog.details }).from(auditLog).where(gt(auditLog.id, last));
    expect(audit).toEqual([
      {
        actorId: admin.id,
        action: "theme.updated",
        details: { themeId: commentTheme, "premoderation.from": "off", "premoderation.to": "new_accounts", "premoderationCount.from": 3, "premoderationCount.to": 5, "flagThreshold.from": 3, "flagThreshold.to": 7 },
      },
    ]);
    expect((await saveTheme(form, admin.cookie)).status).toBe(302);
    expect(await getDb().select({ id: auditLog.id }).from(auditLog).where(gt(auditLog.id, last))).toHaveLength(1);

    const page = unwrap(await themesLoader(args(get(`/beheer/themas?gedaan=thema-${commentTheme}`, { cookie: admin.cookie })))).data as ThemesPage;
    expect(page.themes.find((theme) => theme.id === commentTheme)).toMatchObject({ premoderation: "new_accounts", premoderationCount: 5, flagThreshold: 7 });
    expect(page.done).not.toBeNull();
  });

  test("bad input is a 400 with a message at the field, and changes nothing", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const [{ last } = { last: 0 }] = await getDb().select({ last: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
    const valid = { themeId: String(commentTheme), premoderation: "all", premoderationCount: "3", flagThreshold: "3" };
    const cases: [Record<string, string>, string, string][] = [
      [{ premoderation: "soms" }, "premoderation", "themeAdmin.error.mode"],
      [{ premoderationCount: "0" }, "premoderationCount", "themeAdmin.error.count"],
      [{ premoderationCount: "51" }, "premoderationCount", "themeAdmin.error.count"],
      [{ premoderationCount: "2.5" }, "premoderationCount", "themeAdmin.error.count"],
      [{ flagThreshold: "21" }, "flagThreshold", "themeAdmin.error.threshold"],
      [{ flagThreshold: "" }, "flagThreshold", "themeAdmin.error.threshold"],
      [{ flagThreshold: "drie" }, "flagThreshold", "themeAdmin.error.threshold"],
    ];
    for (const [change, field, message] of cases) {
      const result = await saveTheme({ ...valid, ...change }, admin.cookie);
      expect(result.status, JSON.stringify(change)).toBe(400);
      expect(result.data?.result.error?.[field]).toEqual([message]);
      expect(result.data?.themeId).toBe(commentTheme);
    }
    const unknown = await saveTheme({ ...valid, themeId: "999999" }, admin.cookie);
    expect(unknown.status).toBe(404);
    expect(unknown.data?.result.error?.[""]).toEqual(["themeAdmin.error.unknownTheme"]);
    const [row] = await getDb().select({ premoderation: themes.premoderation }).from(themes).where(eq(themes.id, commentTheme));
    expect(row!.premoderation).toBe("off");
    expect(await getDb().select({ id: auditLog.id }).from(auditLog).where(gt(auditLog.id, last))).toEqual([]);
  });
});
