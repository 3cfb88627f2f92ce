import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getThreads } from "#app/comments.server.ts";
import { loader as searchLoader } from "#app/routes/zoeken.tsx";
import { search, SEARCH_PAGE, type SearchKind, type SearchResult } from "#app/search.server.ts";
import { getDb, onQuery } from "#db/client.ts";
import { actionPoints, comments, plans, proposals, themes, threads, type CommentStatus } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, unwrap } from "#tests/setup/requests.ts";

let authorId: number;
let complaintsPoint: { id: number; themeId: number };
let publicThreadId: number;
let draftingPlanId: number;
let draftingThemeId: number;

beforeAll(async () => {
  authorId = (await createUser({ displayName: "Zoeker" })).id;
  const [point] = await getDb().select({ id: actionPoints.id, themeId: actionPoints.themeId }).from(actionPoints).where(eq(actionPoints.slug, "open-klachten"));
  complaintsPoint = point!;
  publicThreadId = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((thread) => thread.kind === "public")!.id;
  const [plan] = await getDb().select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  draftingPlanId = plan!.id;
  const [theme] = await getDb().select({ id: themes.id }).from(themes).where(eq(themes.planId, draftingPlanId)).orderBy(themes.number).limit(1);
  draftingThemeId = theme!.id;
});

async function addComment(html: string, { status = "published", threadId = publicThreadId, themeId = complaintsPoint.themeId }: { status?: CommentStatus; threadId?: number; themeId?: number } = {}) {
  const [row] = await getDb()
    .insert(comments)
    .values({
      threadId,
      authorId,
      body: { type: "doc", content: [] },
      bodyHtml: html,
      status,
      themeId,
      hiddenAt: status === "hidden" ? new Date() : null,
      deletedAt: status === "deleted" ? new Date() : null,
    })
    .returning({ id: comments.id });
  return row!.id;
}

async function addProposal(title: string, { status = "published", hidden = false }: { status?: "published" | "pending"; hidden?: boolean } = {}) {
  const [row] = await getDb()
    .insert(proposals)
    .values({
      planId: draftingPlanId,
      themeId: draftingThemeId,
      authorId,
      title,
      summary: "Een korte samenvatting.",
      body: { type: "doc", content: [] },
      bodyHtml: "<p>Uitleg.</p>",
      status,
      hiddenAt: hidden ? new Date() : null,
    })
    .returning({ id: proposals.id });
  const [thread] = await getDb().insert(threads).values({ subjectType: "proposal", subjectId: row!.id, kind: "public", themeId: draftingThemeId }).returning({ id: threads.id });
  return { id: row!.id, threadId: thread!.id };
}

/** Every result of a search, following the cursor page by page. */
async function everything(query: string, options: { kind?: SearchKind; themeId?: number; locale?: "nl" | "en" } = {}) {
  const results: SearchResult[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page = await search({ query, locale: "nl", ...options, after });
    if (!page) throw new Error("refused");
    results.push(...page.results);
    after = page.next;
    pages++;
  } while (after && pages < 50);
  return { results, pages };
}

const keys = (results: SearchResult[]) => results.map((result) => `${result.kind}:${result.id}`);

describe("search queries", () => {
  test("Dutch stemming: besluiten finds besluit, algoritmen finds algoritme", async () => {
    const decision = await addComment("<p>Het besluit van de gemeente is nu openbaar.</p>");
    const algorithm = await addComment("<p>Welk algoritme gebruikt de dienst?</p>");
    expect(keys((await everything("besluiten", { kind: "reactie" })).results)).toContain(`reactie:${decision}`);
    const found = await everything("algoritmen", { kind: "reactie" });
    expect(keys(found.results)).toContain(`reactie:${algorithm}`);
    const hit = found.results.find((result) => result.id === algorithm)!;
    expect(hit.snippetHtml).toContain("<mark>algoritme</mark>");
    expect(hit.url).toBe(`/reactie/${algorithm}`);
    expect(hit.title.text).toBe("Open Klachten");
  });

  test('a phrase in quotes needs the words together; -word leaves texts with that word out', async () => {
    const together = await addComment("<p>Wij vragen om open data over vergunningen.</p>");
    const apart = await addComment("<p>De data over vergunningen is niet open.</p>");
    const phrase = keys((await everything('"open data" vergunningen', { kind: "reactie" })).results);
    expect(phrase).toContain(`reactie:${together}`);
    expect(phrase).not.toContain(`reactie:${apart}`);
    expect(keys((await everything("open data vergunningen", { kind: "reactie" })).results)).toEqual(expect.arrayContaining([`reactie:${together}`, `reactie:${apart}`]));

    const withRegister = await addComment("<p>Zet elk algoritme in het register.</p>");
    const without = await addComment("<p>Leg elk algoritme goed uit.</p>");
    const excluded = keys((await everything("algoritmen -register", { kind: "reactie" })).results);
    expect(excluded).toContain(`reactie:${without}`);
    expect(excluded).not.toContain(`reactie:${withRegister}`);
  });

  test("English text is found: complaints finds the translation of Open Klachten", async () => {
    const found = await everything("complaints", { kind: "actiepunt", locale: "en" });
    const hit = found.results.find((result) => result.id === complaintsPoint.id);
    expect(hit).toBeDefined();
    expect(hit!.url).toBe("/actiepunt/open-klachten");
    expect(hit!.title).toEqual({ text: "Open Complaints", lang: "en" });
    expect(hit!.snippetHtml).toContain("<mark>complaints</mark>");
    expect(hit!.snippetLang).toBe("en");
  });

  test("filters by kind and by theme", async () => {
    const byKind = await everything("voortgangsrapportage", { kind: "update" });
    expect(byKind.results.length).toBeGreaterThan(0);
    expect(new Set(byKind.results.map((result) => result.kind))).toEqual(new Set(["update"]));
    // Progress reports on the whole plan link to the home page's progress section.
    expect(byKind.results.every((result) => result.url === "/#voortgang")).toBe(true);
    expect(byKind.results.some((result) => /^\d{4}-\d{2}-\d{2}$/.test(result.date ?? ""))).toBe(true);
    expect((await everything("voortgangsrapportage", { kind: "actiepunt" })).results).toEqual([]);

    const all = await everything("open");
    expect(new Set(all.results.map((result) => result.theme?.id)).size).toBeGreaterThan(2);
    const byTheme = await everything("open", { themeId: complaintsPoint.themeId });
    expect(byTheme.results.length).toBeGreaterThan(0);
    expect(byTheme.results.every((result) => result.theme?.id === complaintsPoint.themeId)).toBe(true);
    expect(keys(byTheme.results)).toContain(`actiepunt:${complaintsPoint.id}`);
  });

  test("pages of 20 follow each other without duplicates, best first", async () => {
    // Many equal ranks: the cursor's tie-breakers (kind, id) must carry the order across pages.
    for (let i = 0; i < 2 * SEARCH_PAGE + 5; i++) await addComment(`<p>Een reactie over de paginaproef nummer ${i}.</p>`);
    await addComment("<p>Paginaproef, paginaproef en nog eens paginaproef.</p>");
    const { results, pages } = await everything("paginaproef");
    expect(pages).toBe(3);
    expect(results).toHaveLength(2 * SEARCH_PAGE + 6);
    expect(new Set(keys(results)).size).toBe(results.length);
    expect(results[0]!.snippetHtml).toContain("<mark>Paginaproef</mark>");
    const first = await search({ query: "paginaproef", locale: "nl" });
    expect(first!.results).toHaveLength(SEARCH_PAGE);
    expect(keys(results.slice(0, SEARCH_PAGE))).toEqual(keys(first!.results));
  });

  test("an empty query finds nothing without asking the database; a forged cursor or an overlong query is refused", async () => {
    const seen: string[] = [];
    const stop = onQuery((query) => seen.push(query));
    try {
      expect(await search({ query: "   ", locale: "nl" })).toEqual({ results: [], next: null });
    } finally {
      stop();
    }
    expect(seen).toEqual([]);
    expect(await search({ query: "open", locale: "nl", after: "bm9nIGVlbiBjdXJzb3I" })).toBeNull();
    expect(await search({ query: "open", locale: "nl", after: Buffer.from(JSON.stringify({ r: "1; drop table", k: "reactie", id: 1 })).toString("base64url") })).toBeNull();
    expect(await search({ query: "a".repeat(201), locale: "nl" })).toBeNull();
    // Odd syntax and control characters are just words.
    expect(await search({ query: '"open -(data OR) \u0000 !!: &|', locale: "nl" })).not.toBeNull();
  });
});

describe("only public content is found", () => {
  test("hidden, deleted and pending comments and hidden or pending proposals stay out; published ones with the same words are found", async () => {
    const words = "kwallenplan strandbeheer";
    const published = await addComment(`<p>Het ${words} is goed.</p>`);
    const hidden = await addComment(`<p>Het ${words} is verborgen.</p>`, { status: "hidden" });
    const deleted = await addComment(`<p>Het ${words} is verwijderd.</p>`, { status: "deleted" });
    const pending = await addComment(`<p>Het ${words} wacht.</p>`, { status: "pending" });
    const shownProposal = await addProposal(`Een ${words} voor iedereen`);
    const hiddenProposal = await addProposal(`Een verborgen ${words}`, { hidden: true });
    const pendingProposal = await addProposal(`Een wachtend ${words}`, { status: "pending" });
    // A published comment under a hidden proposal is not public either.
    const underHidden = await addComment(`<p>Onder een verborgen voorstel: ${words}.</p>`, { threadId: hiddenProposal.threadId, themeId: draftingThemeId });
    const underShown = await addComment(`<p>Onder een zichtbaar voorstel: ${words}.</p>`, { threadId: shownProposal.threadId, themeId: draftingThemeId });

    const found = keys((await everything(words)).results);
    expect(found.sort()).toEqual([`reactie:${published}`, `reactie:${underShown}`, `voorstel:${shownProposal.id}`].sort());
    for (const id of [hidden, deleted, pending, underHidden]) expect(found).not.toContain(`reactie:${id}`);
    for (const id of [hiddenProposal.id, pendingProposal.id]) expect(found).not.toContain(`voorstel:${id}`);

    // Hiding the published comment later takes it out too.
    await getDb().update(comments).set({ status: "hidden", hiddenAt: new Date() }).where(and(eq(comments.id, published)));
    expect(keys((await everything(words)).results)).not.toContain(`reactie:${published}`);
  });

  test("the snippet escapes what people wrote; only the matches are marked", async () => {
    const id = await addComment("<p>De kwallensnippet: &lt;script&gt;alert(1)&lt;/script&gt; \uE000 en &lt;b&gt;vet&lt;/b&gt; &amp;amp;</p>");
    const [hit] = (await everything("kwallensnippet")).results;
    expect(hit!.id).toBe(id);
    expect(hit!.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
    expect(hit!.snippetHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(hit!.snippetHtml).toContain("<mark>kwallensnippet</mark>");
    expect(hit!.snippetHtml).toContain("&lt;b&gt;vet&lt;/b&gt; &amp;amp");
    expect(hit!.snippetHtml.match(/<mark>/g)).toHaveLength(1);
  });
});

describe("the /zoeken page", () => {
  const load = (query: string) => searchLoader(args(get(`/zoeken${query}`)));

  test("answers with results for a search", async () => {
    const result = unwrap(await load("?q=klachten&soort=actiepunt"));
    expect(result.status).toBe(200);
    const body = result.data as { page: { results: SearchResult[]; next: string | null }; error: string | null };
    expect(body.error).toBeNull();
    expect(keys(body.page.results)).toContain(`actiepunt:${complaintsPoint.id}`);
  });

  test.each([
    ["an unknown kind", "?q=open&soort=tweet", "Deze soort bestaat niet"],
    ["a theme that is not a number", "?q=open&thema=abc", "Dit thema bestaat niet"],
    ["a theme number too large", "?q=open&thema=99999999999", "Dit thema bestaat niet"],
    ["a forged cursor", "?q=open&na=niet-van-ons", "Deze pagina met resultaten bestaat niet"],
    ["an overlong query", `?q=${"a".repeat(201)}`, "Je zoekvraag is te lang. Gebruik hoogstens 200 tekens."],
  ])("%s gets a 400 with a message", async (_label, query, message) => {
    const result = unwrap(await load(query));
    expect(result.status).toBe(400);
    expect((result.data as { error: string }).error).toContain(message);
  });

  test("an empty search shows the form without results", async () => {
    const result = unwrap(await load("?q=&soort=&thema="));
    expect(result.status).toBe(200);
    expect((result.data as { page: { results: unknown[] } }).page.results).toEqual([]);
  });
});
