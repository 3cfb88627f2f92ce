import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { action as pageAction, loader as pageLoader } from "#app/routes/voorstel.$id.tsx";
import { action as editAction } from "#app/routes/voorstel.$id_.bewerken.tsx";
import { loader as listLoader } from "#app/routes/voorstellen._index.tsx";
import { action as newAction, loader as newLoader } from "#app/routes/voorstellen.nieuw.tsx";
import { decide } from "#app/moderation.server.ts";
import { supportProposal, tallies } from "#app/supports.server.ts";
import { getDb } from "#db/client.ts";
import { plans, proposalStatusChanges, proposals, supportBudgets, themes, threads } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";

let planId: number;
let themeA: number;
let themeB: number;

beforeAll(async () => {
  const [plan] = await getDb().select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  planId = plan!.id;
  const planThemes = await getDb().select({ id: themes.id, slug: themes.slug }).from(themes).where(eq(themes.planId, planId)).orderBy(themes.number);
  themeA = planThemes[0]!.id; // open-democratie-2023-2025
  themeB = planThemes[6]!.id; // open-recht-2023-2025
});

const fields = (extra: Record<string, string> = {}) => ({
  title: "Een burgerberaad over algoritmen",
  summary: "Laat een burgerberaad meedenken over regels voor algoritmen bij de overheid.",
  bodyText: "Mensen merken de gevolgen van algoritmen. Laat ze daarom meepraten.\n\nEen burgerberaad kan advies geven.",
  themeId: String(themeA),
  ...extra,
});

async function propose(cookie: string, extra: Record<string, string> = {}) {
  try {
    const result = await newAction(args(post("/voorstellen/nieuw", fields(extra), { cookie })));
    return { status: unwrap(result).status, id: null as number | null, reply: unwrap(result).data as { result: { error?: Record<string, string[]>; initialValue?: Record<string, string> }; bodyDoc: unknown } };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    const match = error.headers.get("Location")?.match(/^\/voorstel\/(\d+)$/);
    return { status: error.status, id: match ? Number(match[1]) : null, reply: null };
  }
}

const count = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(proposals))[0]!.n;

async function respond(cookie: string, id: number, body: Record<string, string>) {
  try {
    const result = await pageAction(args(post(`/voorstel/${id}`, { intent: "respond", ...body }, { cookie }), { id: String(id) }));
    return { status: unwrap(result).status, data: unwrap(result).data };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, data: null };
  }
}

describe("proposing", () => {
  test("a verified citizen proposes; the proposal gets its discussion and the first line of its history", async () => {
    const citizen = await createUser({ displayName: "Indiener" });
    const result = await propose(citizen.cookie);
    expect(result.status).toBe(302);
    const [row] = await getDb().select().from(proposals).where(eq(proposals.id, result.id!));
    expect(row).toMatchObject({ title: "Een burgerberaad over algoritmen", status: "published", authorId: citizen.id, themeId: themeA, supportCount: 0 });
    expect(row!.bodyHtml).toBe("<p>Mensen merken de gevolgen van algoritmen. Laat ze daarom meepraten.</p><p>Een burgerberaad kan advies geven.</p>");
    expect(await getDb().select({ kind: threads.kind }).from(threads).where(and(eq(threads.subjectType, "proposal"), eq(threads.subjectId, result.id!)))).toEqual([{ kind: "public" }]);
    expect(await getDb().select({ from: proposalStatusChanges.fromStatus, to: proposalStatusChanges.toStatus }).from(proposalStatusChanges).where(eq(proposalStatusChanges.proposalId, result.id!))).toEqual([{ from: null, to: "published" }]);

    const page = unwrap(await pageLoader(args(get(`/voorstel/${result.id}`), { id: String(result.id) }))).data as { proposal: { title: string }; readability: { counts: { words: number; sentences: number } } };
    expect(page.proposal.title).toBe("Een burgerberaad over algoritmen");
    // The readability analysis of title, summary and body comes with the page (the browser gets only the result).
    expect(page.readability.counts.sentences).toBeGreaterThanOrEqual(4);
    expect(page.readability.counts.words).toBeGreaterThan(20);
  });

  test("bad input gets translated errors, keeps what was written, and stores nothing", async () => {
    const citizen = await createUser();
    const [currentTheme] = await getDb().select({ id: themes.id }).from(themes).innerJoin(plans, eq(plans.id, themes.planId)).where(eq(plans.status, "current")).limit(1);
    const before = await count();
    const cases: [Record<string, string>, string, string][] = [
      [{ title: "x".repeat(121) }, "title", "proposal.titleTooLong"],
      [{ summary: "x".repeat(501) }, "summary", "proposal.summaryTooLong"],
      [{ title: "" }, "title", "form.required"],
      [{ themeId: String(currentTheme!.id) }, "themeId", "proposal.unknownTheme"],
      [{ actionPointId: "999999" }, "actionPointId", "proposal.unknownActionPoint"],
    ];
    for (const [extra, field, message] of cases) {
      const result = await propose(citizen.cookie, extra);
      expect(result.status, JSON.stringify(extra).slice(0, 60)).toBe(400);
      expect(result.reply!.result.error?.[field]).toEqual([message]);
      expect(result.reply!.bodyDoc).not.toBeNull();
    }
    const empty = await propose(citizen.cookie, { bodyText: "  " });
    expect(empty.status).toBe(400);
    expect((empty.reply as unknown as { bodyError: string }).bodyError).toBe("richText.empty");
    expect(await count()).toBe(before);
  });

  test("outside the proposal window the form explains, and a post is refused with the text kept", async () => {
    const citizen = await createUser();
    await getDb().update(plans).set({ proposalsCloseAt: sql`now() - interval '1 minute'` }).where(eq(plans.id, planId));
    try {
      const page = unwrap(await newLoader(args(get("/voorstellen/nieuw", { cookie: citizen.cookie })))).data as { mayPropose: boolean; plan: { proposing: { state: string } } };
      expect(page).toMatchObject({ mayPropose: false, plan: { proposing: { state: "closed" } } });
      const before = await count();
      const refused = await propose(citizen.cookie);
      expect(refused.status).toBe(403);
      expect(refused.reply!.result.error?.[""]).toEqual(["proposal.windowClosed"]);
      expect(refused.reply!.result.initialValue?.title).toBe("Een burgerberaad over algoritmen");
      expect(await count()).toBe(before);
    } finally {
      await getDb().update(plans).set({ proposalsCloseAt: sql`now() + interval '180 days'` }).where(eq(plans.id, planId));
    }
  });

  test("unverified people and visitors cannot propose", async () => {
    const unverified = await createUser({ verified: false });
    expect((await thrown(newAction(args(post("/voorstellen/nieuw", fields(), { cookie: unverified.cookie }))))).status).toBe(403);
    expect((await thrown(newAction(args(post("/voorstellen/nieuw", fields()))))).status).toBe(302);
  });
});

describe("editing and withdrawing", () => {
  test("the author edits until the first support; then the text is locked", async () => {
    const author = await createUser();
    const { id } = await propose(author.cookie);
    const edit = (cookie: string, extra: Record<string, string> = {}) => editAction(args(post(`/voorstel/${id}/bewerken`, fields({ title: "Aangepaste titel", ...extra }), { cookie }), { id: String(id) }));
    expect((await thrown(edit(author.cookie))).headers.get("Location")).toBe(`/voorstel/${id}`);
    expect((await getDb().select({ title: proposals.title }).from(proposals).where(eq(proposals.id, id!)))[0]!.title).toBe("Aangepaste titel");

    const other = await createUser();
    expect((await thrown(edit(other.cookie))).status).toBe(403);
    expect((await supportProposal({ proposalId: id!, userId: other.id })).ok).toBe(true);
    expect((await thrown(edit(author.cookie, { title: "Te laat" }))).status).toBe(403);
    expect((await getDb().select({ title: proposals.title }).from(proposals).where(eq(proposals.id, id!)))[0]!.title).toBe("Aangepaste titel");
  });

  test("withdrawing is recorded, and supporters get their budget back", async () => {
    const author = await createUser();
    const fan = await createUser();
    const { id } = await propose(author.cookie);
    await supportProposal({ proposalId: id!, userId: fan.id });
    const used = async () => (await getDb().select({ used: supportBudgets.used }).from(supportBudgets).where(and(eq(supportBudgets.userId, fan.id), eq(supportBudgets.planId, planId))))[0]!.used;
    expect(await used()).toBe(1);
    expect((await thrown(pageAction(args(post(`/voorstel/${id}`, { intent: "withdraw" }, { cookie: fan.cookie }), { id: String(id) })))).status).toBe(403);
    const done = await thrown(pageAction(args(post(`/voorstel/${id}`, { intent: "withdraw" }, { cookie: author.cookie }), { id: String(id) })));
    expect(done.headers.get("Location")).toBe(`/voorstel/${id}?gedaan=ingetrokken`);
    expect((await getDb().select({ status: proposals.status }).from(proposals).where(eq(proposals.id, id!)))[0]!.status).toBe("withdrawn");
    expect(await used()).toBe(0);
    expect((await supportProposal({ proposalId: id!, userId: fan.id })).ok).toBe(false);
  });
});

describe("the official response", () => {
  test("only admins and action holders in the proposal's theme move it on, each step with its explanation on the record", async () => {
    const author = await createUser();
    const { id } = await propose(author.cookie);
    const citizen = await createUser();
    const holderHere = await createUser({ grants: [{ role: "action_holder", actionPointSlug: "transparantie-verkiezingsproces" }] });
    const holderElsewhere = await createUser({ grants: [{ role: "action_holder", actionPointSlug: "open-klachten" }] });
    // The proposal is in theme I of the next plan; this action holder's action point is in theme I of the current one.

    const step = { to: "under_consideration", explanation: "We bespreken dit voorstel in de werkgroep." };
    expect((await respond(citizen.cookie, id!, step)).status).toBe(403);
    expect((await respond(holderElsewhere.cookie, id!, step)).status).toBe(403);
    expect((await respond(holderHere.cookie, id!, { ...step, explanation: "kort" })).status).toBe(400);
    expect((await respond(holderHere.cookie, id!, step)).status).toBe(302);
    expect((await respond(holderHere.cookie, id!, { to: "under_consideration", explanation: "Nog een keer hetzelfde." })).status).toBe(400);
    expect((await respond(holderHere.cookie, id!, { to: "adopted", explanation: "Dit nemen we op in het nieuwe actieplan." })).status).toBe(302);

    const history = await getDb()
      .select({ from: proposalStatusChanges.fromStatus, to: proposalStatusChanges.toStatus, explanation: proposalStatusChanges.explanation, actorId: proposalStatusChanges.actorId })
      .from(proposalStatusChanges)
      .where(eq(proposalStatusChanges.proposalId, id!))
      .orderBy(proposalStatusChanges.id);
    expect(history).toEqual([
      { from: null, to: "published", explanation: "", actorId: author.id },
      { from: "published", to: "under_consideration", explanation: "We bespreken dit voorstel in de werkgroep.", actorId: holderHere.id },
      { from: "under_consideration", to: "adopted", explanation: "Dit nemen we op in het nieuwe actieplan.", actorId: holderHere.id },
    ]);
    const [row] = await getDb().select({ status: proposals.status, response: proposals.response }).from(proposals).where(eq(proposals.id, id!));
    expect(row).toEqual({ status: "adopted", response: "Dit nemen we op in het nieuwe actieplan." });
  });

  test("merging needs another open proposal of the plan, and its page then lists the merged one", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const author = await createUser();
    const { id: first } = await propose(author.cookie, { title: "Eerste idee" });
    const { id: second } = await propose(author.cookie, { title: "Tweede idee" });
    await respond(admin.cookie, first!, { to: "under_consideration", explanation: "Lijkt op een ander voorstel." });
    expect((await respond(admin.cookie, first!, { to: "merged", explanation: "Samen met het andere idee verder." })).status).toBe(400);
    expect((await respond(admin.cookie, first!, { to: "merged", explanation: "Samen met het andere idee verder.", mergedIntoId: String(first) })).status).toBe(400);
    expect((await respond(admin.cookie, first!, { to: "merged", explanation: "Samen met het andere idee verder.", mergedIntoId: String(second) })).status).toBe(302);
    const page = unwrap(await pageLoader(args(get(`/voorstel/${second}`), { id: String(second) }))).data as { proposal: { mergedHere: { id: number; title: string }[] } };
    expect(page.proposal.mergedHere).toEqual([{ id: first, title: "Eerste idee" }]);
  });
});

describe("moderation", () => {
  test("a hidden proposal is a placeholder for others, and leaves the list and the tally", async () => {
    const author = await createUser();
    const fan = await createUser();
    const moderator = await createUser({ grants: [{ role: "moderator", themeSlug: "open-democratie-2023-2025" }] });
    const { id } = await propose(author.cookie, { title: "Verberg mij straks" });
    await supportProposal({ proposalId: id!, userId: fan.id });
    expect((await decide({ type: "proposal", id: id!, moderatorId: moderator.id, decision: { action: "hide", reason: "spam", note: "Reclame." } })).ok).toBe(true);

    const asVisitor = unwrap(await pageLoader(args(get(`/voorstel/${id}`), { id: String(id) }))).data as { kind: string; placeholder?: { reason: string } };
    expect(asVisitor).toMatchObject({ kind: "hidden", placeholder: { reason: "spam" } });
    expect(JSON.stringify(asVisitor)).not.toContain("Verberg mij straks");
    const asAuthor = unwrap(await pageLoader(args(get(`/voorstel/${id}`, { cookie: author.cookie }), { id: String(id) }))).data as { kind: string };
    expect(asAuthor.kind).toBe("visible");

    const list = unwrap(await listLoader(args(get("/voorstellen?q=Verberg")))).data as { proposals: unknown[] };
    expect(list.proposals).toEqual([]);
    const report = await tallies({ planId });
    expect(report.themes.flatMap((theme) => theme.proposals.map((p) => p.id))).not.toContain(id);
  });
});

describe("browsing", () => {
  test("filters by theme and status, searches words, and pages through with a cursor", async () => {
    const author = await createUser({ displayName: "Zoeker" });
    const { id: inB } = await propose(author.cookie, { themeId: String(themeB), title: "Klachten als open data publiceren" });
    const list = async (query: string, cookie = "volgorde=vasteseed1234") =>
      unwrap(await listLoader(args(get(`/voorstellen${query}`, { cookie })))).data as { proposals: { id: number; title: string }[]; next: string | null; sort: string };
    expect((await list(`?thema=${themeB}`)).proposals.map((p) => p.id)).toContain(inB);
    expect((await list(`?thema=${themeA}`)).proposals.map((p) => p.id)).not.toContain(inB);
    expect((await list("?q=klachten%20open")).proposals.map((p) => p.id)).toEqual([inB]);
    expect((await list("?q=klachten%20gesloten")).proposals).toEqual([]);

    // Different authors: one person may make five proposals a day.
    for (let i = 0; i < 22; i++) await propose((await createUser()).cookie, { title: `Voorstel nummer ${i}` });
    const first = await list("?volgorde=nieuw");
    expect(first.proposals).toHaveLength(20);
    const second = await list(`?volgorde=nieuw&na=${first.next}`);
    const ids = [...first.proposals, ...second.proposals].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    // By support (ordered by the counter column): two pages, every proposal once.
    const bySupport = await list("?volgorde=steun");
    expect(bySupport.proposals).toHaveLength(20);
    const bySupportNext = await list(`?volgorde=steun&na=${bySupport.next}`);
    const supportIds = [...bySupport.proposals, ...bySupportNext.proposals].map((p) => p.id);
    expect(new Set(supportIds).size).toBe(supportIds.length);
    expect(supportIds.length).toBe(first.proposals.length + second.proposals.length);

    // The random order is the same for one visitor and differs between visitors.
    const mine = (await list("", "volgorde=aaaaaaaa1111")).proposals.map((p) => p.id);
    expect((await list("", "volgorde=aaaaaaaa1111")).proposals.map((p) => p.id)).toEqual(mine);
    expect((await list("", "volgorde=bbbbbbbb2222")).proposals.map((p) => p.id)).not.toEqual(mine);
    expect((await list("")).sort).toBe("willekeurig");
  });

  test("unknown filters and forged cursors are a 400, never a 500", async () => {
    const textKey = Buffer.from(JSON.stringify({ k: "niet-een-getal", id: 1 })).toString("base64url");
    for (const query of ["?thema=abc", "?status=geheim", "?volgorde=alfabet", "?na=%%%", "?na=bm9uc2Vuc2U", "?thema=-3", `?volgorde=steun&na=${textKey}`, `?volgorde=reacties&na=${textKey}`]) {
      expect((await thrown(listLoader(args(get(`/voorstellen${query}`))))).status, query).toBe(400);
    }
  });
});
