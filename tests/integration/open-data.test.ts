import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { DATASETS, DELETED_AUTHOR, type DatasetSlug } from "#app/open-data.server.ts";
import { loader as indexLoader } from "#app/routes/open-data._index.tsx";
import { loader as actionPointsCsv } from "#app/routes/open-data.actiepunten[.]csv.ts";
import { loader as actionPointsJson } from "#app/routes/open-data.actiepunten[.]json.ts";
import { loader as catalogueLoader } from "#app/routes/open-data.catalogus[.]jsonld.ts";
import { loader as moderationCsv } from "#app/routes/open-data.moderatielog[.]csv.ts";
import { loader as moderationJson } from "#app/routes/open-data.moderatielog[.]json.ts";
import { loader as commentsCsv } from "#app/routes/open-data.reacties[.]csv.ts";
import { loader as commentsJson } from "#app/routes/open-data.reacties[.]json.ts";
import { loader as supportsCsv } from "#app/routes/open-data.steunbetuigingen[.]csv.ts";
import { loader as supportsJson } from "#app/routes/open-data.steunbetuigingen[.]json.ts";
import { loader as proposalsCsv } from "#app/routes/open-data.voorstellen[.]csv.ts";
import { loader as proposalsJson } from "#app/routes/open-data.voorstellen[.]json.ts";
import { loader as progressCsv } from "#app/routes/open-data.voortgang[.]csv.ts";
import { loader as progressJson } from "#app/routes/open-data.voortgang[.]json.ts";
import { loader as actionPointFeedLoader } from "#app/routes/feeds.actiepunt.$slug.ts";
import { loader as themeFeedLoader } from "#app/routes/feeds.thema.$slug.ts";
import { loader as proposalsFeedLoader } from "#app/routes/feeds.voorstellen.ts";
import { publicComment } from "#app/visibility.server.ts";
import { getDb, onQuery } from "#db/client.ts";
import { actionPoints, comments, moderationActions, plans, progressUpdates, proposals, supports, themes, threads, users } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, thrown } from "#tests/setup/requests.ts";

type Loader = (a: ReturnType<typeof args>) => Promise<unknown>;

const FILES: Record<string, Loader> = {
  "/open-data/actiepunten.csv": actionPointsCsv,
  "/open-data/actiepunten.json": actionPointsJson,
  "/open-data/voortgang.csv": progressCsv,
  "/open-data/voortgang.json": progressJson,
  "/open-data/voorstellen.csv": proposalsCsv,
  "/open-data/voorstellen.json": proposalsJson,
  "/open-data/reacties.csv": commentsCsv,
  "/open-data/reacties.json": commentsJson,
  "/open-data/steunbetuigingen.csv": supportsCsv,
  "/open-data/steunbetuigingen.json": supportsJson,
  "/open-data/moderatielog.csv": moderationCsv,
  "/open-data/moderatielog.json": moderationJson,
};

// Words that appear only in the item they mark, so a leak of any of them shows in any file.
const MARK = {
  published: "Gepubliceerdzonnebloem",
  hidden: "Verborgenkoekoeksbloem",
  deleted: "Verwijderdpinksterbloem",
  pending: "Wachtendboterbloem",
  onHiddenProposal: "Ondereenverborgenvoorstelklaproos",
  hiddenProposal: "Verborgenvoorstelkorenbloem",
  pendingProposal: "Wachtendvoorsteldotterbloem",
  publicProposal: "Openbaarvoorstelmargriet",
};
const HIDDEN_MARKS = [MARK.hidden, MARK.deleted, MARK.pending, MARK.onHiddenProposal, MARK.hiddenProposal, MARK.pendingProposal];
const BULK = 2_500;
// The bulk comments are a day old, so they do not crowd the newest entries out of the feeds.
const DAY = 24 * 3_600_000;

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

let theme: { id: number; slug: string };
let draftingTheme: { id: number; slug: string };
let point: { id: number; slug: string };
let publishedCommentId: number;
let publicProposalId: number;
let authorName: string;

// -- parsers -------------------------------------------------------------------------

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length > 0) throw new Error("last line does not end in a line break");
  return rows;
}

type XmlElement = { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string };

/**
 * A small strict XML parser, enough for Atom: one prolog, elements with quoted
 * attributes, text with the predefined and numeric entities only, no
 * characters XML 1.0 forbids, every element closed in order.
 */
function parseXml(source: string): XmlElement {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(source)) throw new Error("a character XML 1.0 forbids");
  let at = 0;
  const prolog = /^<\?xml version="1\.0" encoding="utf-8"\?>\s*/.exec(source);
  if (!prolog) throw new Error("no XML declaration");
  at = prolog[0].length;
  const checkText = (text: string) => {
    if (text.includes("<") || text.includes(">")) throw new Error(`raw angle bracket in text: ${text}`);
    for (const match of text.matchAll(/&([^;]*);?/g)) {
      if (!match[0].endsWith(";") || !/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(match[1]!)) throw new Error(`bad entity ${match[0]}`);
    }
    return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name]!);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (at < source.length) {
    if (source[at] === "<") {
      const end = source.indexOf(">", at);
      if (end < 0) throw new Error("unclosed tag");
      const tag = source.slice(at + 1, end);
      at = end + 1;
      if (tag.startsWith("/")) {
        const open = stack.pop();
        if (!open || open.name !== tag.slice(1).trim()) throw new Error(`mismatched </${tag.slice(1)}>`);
        continue;
      }
      const selfClosing = tag.endsWith("/");
      const inner = selfClosing ? tag.slice(0, -1) : tag;
      const nameMatch = /^([A-Za-z_][\w.:-]*)/.exec(inner);
      if (!nameMatch) throw new Error(`bad tag <${tag}>`);
      const element: XmlElement = { name: nameMatch[1]!, attrs: {}, children: [], text: "" };
      let rest = inner.slice(nameMatch[0].length);
      while (rest.trim() !== "") {
        const attr = /^\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(rest);
        if (!attr) throw new Error(`bad attribute in <${tag}>`);
        if (attr[1]! in element.attrs) throw new Error(`duplicate attribute ${attr[1]}`);
        element.attrs[attr[1]!] = checkText(attr[2]!);
        rest = rest.slice(attr[0].length);
      }
      if (stack.length === 0) {
        if (root) throw new Error("two root elements");
        root = element;
      } else stack.at(-1)!.children.push(element);
      if (!selfClosing) stack.push(element);
    } else {
      const next = source.indexOf("<", at);
      const text = source.slice(at, next < 0 ? source.length : next);
      at = next < 0 ? source.length : next;
      if (stack.length === 0) {
        if (text.trim() !== "") throw new Error("text outside the root element");
      } else stack.at(-1)!.text += checkText(text);
    }
  }
  if (stack.length > 0 || !root) throw new Error("unclosed element");
  return root;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.filter((candidate) => candidate.name === name);
  expect(found, `<${element.name}> has one <${name}>`).toHaveLength(1);
  return found[0]!;
}

/** Checks what Atom 1.0 (RFC 4287) requires of a feed and its entries; returns the entries. */
function checkAtom(xml: string): XmlElement[] {
  const feed = parseXml(xml);
  expect(feed.name).toBe("feed");
  expect(feed.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");
  expect(child(feed, "id").text).toMatch(/^tag:/);
  expect(child(feed, "title").text.length).toBeGreaterThan(0);
  expect(child(feed, "updated").text).toMatch(RFC3339);
  const links = feed.children.filter((element) => element.name === "link");
  expect(links.some((link) => link.attrs.rel === "self" && link.attrs.href?.startsWith("http://localhost/feeds/"))).toBe(true);
  const feedAuthor = feed.children.some((element) => element.name === "author");
  const entries = feed.children.filter((element) => element.name === "entry");
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = child(entry, "id").text;
    expect(id).toMatch(/^tag:localhost,\d{4}:/);
    expect(ids.has(id), `duplicate entry id ${id}`).toBe(false);
    ids.add(id);
    expect(child(entry, "title").text.length).toBeGreaterThan(0);
    expect(child(entry, "updated").text).toMatch(RFC3339);
    expect(child(entry, "link").attrs.href).toMatch(/^http:\/\/localhost\//);
    expect(child(entry, "summary").attrs.type).toBe("text");
    // An entry needs an author unless the feed has one; ours always name one.
    expect(feedAuthor).toBe(true);
    expect(child(child(entry, "author"), "name").text.length).toBeGreaterThan(0);
  }
  return entries;
}

// -- helpers -------------------------------------------------------------------------

async function fetchFile(path: string): Promise<Response> {
  const loader = FILES[path];
  if (!loader) throw new Error(`no loader for ${path}`);
  return (await loader(args(get(path)))) as Response;
}

async function feed(loader: Loader, path: string, params: Record<string, string> = {}): Promise<string> {
  const response = (await loader(args(get(path), params))) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
  return response.text();
}

beforeAll(async () => {
  const db = getDb();
  const [pointRow] = await db
    .select({ id: actionPoints.id, slug: actionPoints.slug, themeId: themes.id, themeSlug: themes.slug })
    .from(actionPoints)
    .innerJoin(themes, eq(themes.id, actionPoints.themeId))
    .innerJoin(plans, eq(plans.id, actionPoints.planId))
    .where(eq(plans.status, "current"))
    .orderBy(asc(actionPoints.id))
    .limit(1);
  point = { id: pointRow!.id, slug: pointRow!.slug };
  theme = { id: pointRow!.themeId, slug: pointRow!.themeSlug };
  const [drafting] = await db
    .select({ id: themes.id, slug: themes.slug, planId: plans.id })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .where(eq(plans.status, "drafting"))
    .orderBy(asc(themes.number))
    .limit(1);
  draftingTheme = { id: drafting!.id, slug: drafting!.slug };

  authorName = `Schrijver ${MARK.published.slice(0, 6)}`;
  const author = await createUser({ displayName: authorName });
  const leaver = await createUser({ displayName: "Vertrokken Persoon" });
  // Deleting an account wipes e-mail and name, as accounts.server.ts does.
  await db.update(users).set({ email: null, displayName: null, passwordHash: null, deletedAt: new Date() }).where(eq(users.id, leaver.id));

  const [existing] = await db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.subjectType, "action_point"), eq(threads.subjectId, point.id), eq(threads.kind, "public")));
  const threadId = existing?.id ?? (await db.insert(threads).values({ subjectType: "action_point", subjectId: point.id, kind: "public", themeId: theme.id }).returning({ id: threads.id }))[0]!.id;

  const comment = (text: string, values: Partial<typeof comments.$inferInsert> = {}) => ({
    threadId,
    authorId: author.id,
    body: doc(text),
    // Quotes, a comma, an entity, a line break and a control character: CSV quoting, tag stripping and XML escaping all get a go.
    bodyHtml: `<p>${text}, met &quot;aanhalingstekens&quot; &amp; een <strong>komma</strong>\u0007</p><p>Tweede regel</p>`,
    themeId: theme.id,
    ...values,
  });
  const [published] = await db.insert(comments).values(comment(MARK.published)).returning({ id: comments.id });
  publishedCommentId = published!.id;
  await db.insert(comments).values([
    comment(MARK.hidden, { status: "hidden", hiddenAt: new Date(), hiddenReason: "offensive" }),
    comment(MARK.deleted, { status: "deleted", deletedAt: new Date() }),
    comment(MARK.pending, { status: "pending" }),
    comment("Van iemand die vertrok", { authorId: leaver.id }),
  ]);

  const proposal = (title: string, values: Partial<typeof proposals.$inferInsert> = {}) => ({
    planId: drafting!.planId,
    themeId: draftingTheme.id,
    authorId: author.id,
    title,
    summary: `Samenvatting van ${title}`,
    body: doc(title),
    bodyHtml: `<p>${title}</p>`,
    ...values,
  });
  const [publicProposal] = await db.insert(proposals).values(proposal(MARK.publicProposal, { supportCount: 1 })).returning({ id: proposals.id });
  publicProposalId = publicProposal!.id;
  const [hiddenProposal] = await db.insert(proposals).values(proposal(MARK.hiddenProposal, { hiddenAt: new Date(), hiddenReason: "spam" })).returning({ id: proposals.id });
  await db.insert(proposals).values(proposal(MARK.pendingProposal, { status: "pending" }));
  await db.insert(supports).values({ proposalId: publicProposalId, userId: author.id });

  // A published comment under the hidden proposal: the proposal's thread is not public, so neither is the comment.
  const [hiddenThread] = await db.insert(threads).values({ subjectType: "proposal", subjectId: hiddenProposal!.id, kind: "public", themeId: draftingTheme.id }).returning({ id: threads.id });
  await db.insert(comments).values(comment(MARK.onHiddenProposal, { threadId: hiddenThread!.id, themeId: draftingTheme.id }));

  await db.insert(moderationActions).values({
    targetType: "comment",
    targetId: publishedCommentId + 1,
    themeId: theme.id,
    action: "hide",
    reasonCode: "offensive",
    publicNote: "Beledigend.",
    original: { html: `<p>${MARK.hidden}</p>` },
  });
  await db.insert(progressUpdates).values({ planId: drafting!.planId, actionPointId: point.id, title: "Stand van zaken", body: "Het gaat goed.", publishedOn: sql`current_date` });
  await db.update(actionPoints).set({ updatedAt: new Date() }).where(eq(actionPoints.id, point.id));
});

describe("the open-data files", () => {
  test.each(DATASETS.map((set) => [set.slug, set] as const))("%s: CSV and JSON have exactly the documented fields", async (slug, set) => {
    const fields = set.fields.map((field) => field.name);
    const csvResponse = await fetchFile(`/open-data/${slug}.csv`);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("Link")).toBe('<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"');
    const [header, ...rows] = parseCsv(await csvResponse.text());
    expect(header).toEqual(fields);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toHaveLength(fields.length);

    const jsonResponse = await fetchFile(`/open-data/${slug}.json`);
    expect(jsonResponse.status).toBe(200);
    const objects = JSON.parse(await jsonResponse.text()) as Record<string, unknown>[];
    expect(objects).toHaveLength(rows.length);
    for (const object of objects) expect(Object.keys(object)).toEqual(fields);
    for (const field of set.fields) {
      const values = objects.map((object) => object[field.name]);
      if (!field.nullable) expect(values, `${slug}.${field.name} is never empty`).not.toContain(null);
      for (const value of values.filter((candidate) => candidate !== null)) {
        if (field.type === "integer") expect(Number.isInteger(value), `${slug}.${field.name}`).toBe(true);
        if (field.type === "number") expect(typeof value).toBe("number");
        if (field.type === "boolean") expect(typeof value).toBe("boolean");
        if (field.type === "datetime") expect(value).toMatch(RFC3339);
        if (field.type === "date") expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (field.type === "url") expect(value).toMatch(/^http:\/\/localhost\//);
        if (field.type === "string" || field.type === "text") expect(typeof value).toBe("string");
      }
    }
  });

  test("comments: the published one as plain text, deleted people anonymised, nothing hidden, held or deleted", async () => {
    const objects = JSON.parse(await (await fetchFile("/open-data/reacties.json")).text()) as Record<string, unknown>[];
    const mine = objects.find((object) => object.id === publishedCommentId);
    expect(mine).toMatchObject({
      author: authorName,
      subject_type: "action_point",
      subject_id: point.id,
      thread_kind: "public",
      parent_id: null,
      edited_at: null,
      url: `http://localhost/reactie/${publishedCommentId}`,
      text: `${MARK.published}, met "aanhalingstekens" & een komma\u0007\nTweede regel`,
    });
    const byLeaver = objects.find((object) => typeof object.text === "string" && object.text.startsWith("Van iemand die vertrok"));
    expect(byLeaver?.author).toBe(DELETED_AUTHOR);

    // The CSV says the same, through its quoting.
    const [header, ...rows] = parseCsv(await (await fetchFile("/open-data/reacties.csv")).text());
    const row = rows.find((candidate) => candidate[0] === String(publishedCommentId))!;
    expect(row[header!.indexOf("text")]).toBe(mine!.text);
  });

  test("proposals: the public one with its support count, not the hidden or held ones", async () => {
    const objects = JSON.parse(await (await fetchFile("/open-data/voorstellen.json")).text()) as Record<string, unknown>[];
    expect(objects.find((object) => object.id === publicProposalId)).toMatchObject({ title: MARK.publicProposal, status: "published", support_count: 1, text: MARK.publicProposal, theme_id: draftingTheme.id });
    expect(objects.map((object) => object.title)).not.toContain(MARK.hiddenProposal);
  });

  test("no file holds an e-mail address or any hidden, held or deleted text, and the published text is there", async () => {
    const emails = (await getDb().select({ email: users.email }).from(users).where(isNotNull(users.email))).map((row) => row.email!);
    expect(emails.length).toBeGreaterThan(0);
    let all = "";
    for (const path of Object.keys(FILES)) {
      const text = await (await fetchFile(path)).text();
      for (const email of emails) expect(text.includes(email), `${email} in ${path}`).toBe(false);
      expect(text, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      for (const mark of HIDDEN_MARKS) expect(text.includes(mark), `${mark} in ${path}`).toBe(false);
      all += text;
    }
    expect(all).toContain(MARK.published);
    expect(all).toContain(MARK.publicProposal);
  });

  test("a large set streams in keyset batches: every public comment once, in order", async () => {
    const db = getDb();
    const [thread] = await db.select({ id: threads.id }).from(threads).where(and(eq(threads.subjectType, "action_point"), eq(threads.subjectId, point.id), eq(threads.kind, "public")));
    const [author] = await db.select({ id: users.id }).from(users).where(eq(users.displayName, authorName));
    await db.insert(comments).values(
    // Two days back: older than a progress update published today even just after midnight in Amsterdam (23:00 UTC).
      Array.from({ length: BULK }, (_, index) => ({ threadId: thread!.id, authorId: author!.id, body: doc(`Bulk ${index}`), bodyHtml: `<p>Bulk ${index}</p>`, themeId: theme.id, createdAt: new Date(Date.now() - 2 * DAY) })),
    );
    const [{ count }] = (await db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(comments).where(publicComment("comments"))) as [{ count: number }];
    expect(count).toBeGreaterThan(BULK);

    const batches: string[] = [];
    const stop = onQuery((query) => {
      if (/from "comments"/.test(query) && /limit/i.test(query)) batches.push(query);
    });
    let header: string[];
    let rows: string[][];
    try {
      [header, ...rows] = parseCsv(await (await fetchFile("/open-data/reacties.csv")).text()) as [string[], ...string[][]];
    } finally {
      stop();
    }
    expect(rows).toHaveLength(count);
    const text = header.indexOf("text");
    expect(rows.filter((row) => /^Bulk \d+$/.test(row[text]!))).toHaveLength(BULK);
    const ids = rows.map((row) => Number(row[0]));
    expect(ids.every((id, index) => index === 0 || id > ids[index - 1]!)).toBe(true);
    // About a thousand rows a query: the file is never read in one go.
    expect(batches.length).toBeGreaterThanOrEqual(Math.ceil(count / 1_000));
  });
});

describe("the /open-data page and the catalogue", () => {
  test("the page lists every set with its fields, licence, files and the feeds", async () => {
    const page = (await indexLoader(args(get("/open-data")))) as {
      licence: string;
      sets: { slug: DatasetSlug; files: { path: string }[]; fields: { name: string }[]; modified: { at: string } | null }[];
      feeds: { proposals: string; themes: { path: string }[]; actionPoints: { path: string }[] };
    };
    expect(page.licence).toBe("https://creativecommons.org/publicdomain/zero/1.0/");
    expect(page.sets.map((set) => set.slug)).toEqual(DATASETS.map((set) => set.slug));
    for (const set of page.sets) {
      expect(set.files.map((file) => file.path)).toEqual([`/open-data/${set.slug}.csv`, `/open-data/${set.slug}.json`]);
      expect(set.fields.length).toBeGreaterThan(2);
      expect(set.modified?.at).toMatch(RFC3339);
    }
    expect(page.feeds.proposals).toBe("/feeds/voorstellen");
    expect(page.feeds.themes.map((item) => item.path)).toContain(`/feeds/thema/${theme.slug}`);
    expect(page.feeds.actionPoints.map((item) => item.path)).toContain(`/feeds/actiepunt/${point.slug}`);
  });

  test("the catalogue is DCAT JSON-LD with a dataset per set whose downloads all exist", async () => {
    const response = (await catalogueLoader(args(get("/open-data/catalogus.jsonld")))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    const catalogue = JSON.parse(await response.text()) as {
      "@context": Record<string, string>;
      "@type": string;
      "dcat:dataset": {
        "@type": string;
        "dct:title": { "@language": string; "@value": string }[];
        "dct:description": { "@language": string }[];
        "dct:license": { "@id": string };
        "dct:publisher": { "foaf:name": string };
        "dct:modified"?: { "@value": string };
        "dcat:theme": { "@id": string };
        "dcat:distribution": { "dcat:downloadURL": { "@id": string }; "dcat:mediaType": { "@id": string } }[];
      }[];
    };
    expect(catalogue["@context"].dcat).toBe("http://www.w3.org/ns/dcat#");
    expect(catalogue["@type"]).toBe("dcat:Catalog");
    const datasets = catalogue["dcat:dataset"];
    expect(datasets).toHaveLength(DATASETS.length);
    for (const [index, dataset] of datasets.entries()) {
      expect(dataset["@type"]).toBe("dcat:Dataset");
      expect(dataset["dct:title"].map((title) => title["@language"])).toEqual(["nl", "en"]);
      expect(dataset["dct:title"][0]!["@value"]).toBe(DATASETS[index]!.title.nl);
      expect(dataset["dct:description"].map((text) => text["@language"])).toEqual(["nl", "en"]);
      expect(dataset["dct:license"]["@id"]).toBe("https://creativecommons.org/publicdomain/zero/1.0/");
      expect(dataset["dct:publisher"]["foaf:name"]).toBe("Inspraak");
      expect(dataset["dcat:theme"]["@id"]).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\/[A-Z]{4}$/);
      expect(dataset["dct:modified"]?.["@value"]).toMatch(RFC3339);
      const media = dataset["dcat:distribution"].map((distribution) => distribution["dcat:mediaType"]["@id"]);
      expect(media).toEqual(["https://www.iana.org/assignments/media-types/text/csv", "https://www.iana.org/assignments/media-types/application/json"]);
      for (const distribution of dataset["dcat:distribution"]) {
        const url = new URL(distribution["dcat:downloadURL"]["@id"]);
        expect(url.origin).toBe("http://localhost");
        const file = await fetchFile(url.pathname);
        expect(file.status, url.pathname).toBe(200);
        await file.body?.cancel();
      }
    }
  });
});

describe("the Atom feeds", () => {
  test("a theme's feed is valid Atom with the published comment and proposal, and nothing hidden", async () => {
    const xml = await feed(themeFeedLoader, `/feeds/thema/${theme.slug}`, { slug: theme.slug });
    const entries = checkAtom(xml);
    const ids = entries.map((entry) => child(entry, "id").text);
    expect(ids).toContain(`tag:localhost,2025:reactie/${publishedCommentId}`);
    expect(ids.some((id) => id.includes(":voortgang/"))).toBe(true);
    const mine = entries.find((entry) => child(entry, "id").text.endsWith(`reactie/${publishedCommentId}`))!;
    expect(child(child(mine, "author"), "name").text).toBe(authorName);
    // Plain text, escaped: no tags survive, the control character is gone.
    expect(child(mine, "summary").text).toBe(`${MARK.published}, met "aanhalingstekens" & een komma Tweede regel`);
    expect(xml).toContain("&quot;aanhalingstekens&quot; &amp; een komma");

    const drafting = await feed(themeFeedLoader, `/feeds/thema/${draftingTheme.slug}`, { slug: draftingTheme.slug });
    checkAtom(drafting);
    expect(drafting).toContain(MARK.publicProposal);
    for (const text of [xml, drafting]) for (const mark of HIDDEN_MARKS) expect(text).not.toContain(mark);
  });

  test("an action point's feed has its updates and public comments", async () => {
    const xml = await feed(actionPointFeedLoader, `/feeds/actiepunt/${point.slug}`, { slug: point.slug });
    const entries = checkAtom(xml);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(50);
    expect(xml).toContain("Stand van zaken");
    expect(xml).toContain(`reactie/${publishedCommentId}`);
    for (const mark of HIDDEN_MARKS) expect(xml).not.toContain(mark);
  });

  test("the new-proposals feed has the public proposal and not the hidden or held ones", async () => {
    const xml = await feed(proposalsFeedLoader, "/feeds/voorstellen");
    const entries = checkAtom(xml);
    expect(entries.length).toBeLessThanOrEqual(50);
    expect(entries.map((entry) => child(entry, "id").text)).toContain(`tag:localhost,2025:voorstel/${publicProposalId}`);
    for (const mark of HIDDEN_MARKS) expect(xml).not.toContain(mark);
  });

  test("no feed holds an e-mail address", async () => {
    const emails = (await getDb().select({ email: users.email }).from(users).where(isNotNull(users.email))).map((row) => row.email!);
    const texts = [
      await feed(themeFeedLoader, `/feeds/thema/${theme.slug}`, { slug: theme.slug }),
      await feed(actionPointFeedLoader, `/feeds/actiepunt/${point.slug}`, { slug: point.slug }),
      await feed(proposalsFeedLoader, "/feeds/voorstellen"),
    ];
    for (const text of texts) for (const email of emails) expect(text.includes(email)).toBe(false);
  });

  test("unknown slugs are 404", async () => {
    expect((await thrown(themeFeedLoader(args(get("/feeds/thema/bestaat-niet"), { slug: "bestaat-niet" })))).status).toBe(404);
    expect((await thrown(actionPointFeedLoader(args(get("/feeds/actiepunt/bestaat-niet"), { slug: "bestaat-niet" })))).status).toBe(404);
  });
});
