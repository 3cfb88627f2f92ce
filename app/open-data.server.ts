/**
 * The open-data sets: what each one holds (a field list in Dutch and
 * English, shared by the /open-data page, the DCAT catalogue and the tests),
 * and the files themselves, streamed as CSV or JSON from keyset batches so
 * memory stays flat however large a set grows.
 *
 * Every query here reads through the visibility rule (visibility.server.ts):
 * hidden, held and deleted comments and proposals never reach a file. No
 * e-mail address is ever selected; a deleted person is "Verwijderde deelnemer".
 * The support ledger and the moderation record have their own modules; they
 * are only described here.
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, comments, plans, progressUpdates, proposals, themes, threads, users } from "#db/schema.ts";
import { findDraftingPlan, LEDGER_LICENCE } from "./supports.server.ts";
import { publicComment, publicProposal } from "./visibility.server.ts";

export const OPEN_DATA_LICENCE = LEDGER_LICENCE;
export const OPEN_DATA_BATCH_SIZE = 1_000;
/** How open data names a person whose account is deleted (the data is Dutch, whatever the reader's language). */
export const DELETED_AUTHOR = "Verwijderde deelnemer";

import { fileResponse, recordStream, type Format, type Row } from "./record-stream.server.ts";

export type { Format };
export const FORMATS: readonly Format[] = ["csv", "json"];
export const MEDIA_TYPES = { csv: "text/csv", json: "application/json" } as const satisfies Record<Format, string>;
const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json" } as const satisfies Record<Format, string>;

export type FieldType = "integer" | "number" | "string" | "text" | "date" | "datetime" | "boolean" | "url";
export type Bilingual = { nl: string; en: string };
export type Field = { name: string; type: FieldType; nullable?: boolean; description: Bilingual };

export const DATASET_SLUGS = ["actiepunten", "voortgang", "voorstellen", "reacties", "steunbetuigingen", "moderatielog"] as const;
export type DatasetSlug = (typeof DATASET_SLUGS)[number];

export type Dataset = {
  slug: DatasetSlug;
  title: Bilingual;
  description: Bilingual;
  /** EU data theme (publications.europa.eu authority table), for dcat:theme. */
  euTheme: "GOVE" | "SOCI";
  keywords: Bilingual[];
  fields: readonly Field[];
};

const f = (name: string, type: FieldType, nl: string, en: string, nullable = false): Field => ({ name, type, nullable, description: { nl, en } });

const THEME_FIELDS = [
  f("theme_id", "integer", "Nummer (id) van het thema", "Id of the theme"),
  f("theme_number", "integer", "Volgnummer van het thema in het plan", "Number of the theme within the plan"),
  f("theme_title", "string", "Titel van het thema (Nederlands)", "Title of the theme (Dutch)"),
];

export const DATASETS: readonly Dataset[] = [
  {
    slug: "actiepunten",
    title: { nl: "Actiepunten", en: "Action points" },
    description: {
      nl: "Alle actiepunten van de actieplannen, met thema, eigenaar, partners en de teksten zoals ze op de site staan.",
      en: "Every action point of the action plans, with theme, holder, partners and the texts as published on the site.",
    },
    euTheme: "GOVE",
    keywords: [{ nl: "actieplan", en: "action plan" }, { nl: "open overheid", en: "open government" }],
    fields: [
      f("id", "integer", "Unieke id van het actiepunt", "Unique id of the action point"),
      f("plan_slug", "string", "Korte naam van het actieplan", "Short name of the action plan"),
      f("plan_period", "string", "Looptijd van het actieplan", "Period of the action plan"),
      f("number", "integer", "Volgnummer van het actiepunt in het plan", "Number of the action point within the plan"),
      f("slug", "string", "Korte naam, deel van de webadres", "Short name, part of the web address"),
      f("url", "url", "Webadres van het actiepunt", "Web address of the action point"),
      ...THEME_FIELDS,
      f("title", "string", "Titel", "Title"),
      f("holder", "string", "Eigenaar (trekker) van het actiepunt", "Holder (lead organisation) of the action point"),
      f("partners", "text", "Partners die meewerken", "Partner organisations"),
      f("summary", "text", "Samenvatting", "Summary"),
      f("body", "text", "Beschrijving (platte tekst; ## begint een kop, - en 1. een lijst)", "Description (plain text; ## starts a heading, - and 1. a list)"),
      f("contribution", "text", "Bijdrage aan open overheid (zelfde tekstvorm)", "Contribution to open government (same text format)"),
      f("updated_at", "datetime", "Laatst gewijzigd (UTC)", "Last changed (UTC)"),
    ],
  },
  {
    slug: "voortgang",
    title: { nl: "Voortgangsberichten", en: "Progress updates" },
    description: {
      nl: "Voortgangsberichten over actiepunten en over het hele plan; aangekondigde berichten hebben nog geen publicatiedatum.",
      en: "Progress updates on action points and on whole plans; announced updates have no publication date yet.",
    },
    euTheme: "GOVE",
    keywords: [{ nl: "voortgang", en: "progress" }],
    fields: [
      f("id", "integer", "Unieke id van het bericht", "Unique id of the update"),
      f("plan_id", "integer", "Id van het actieplan", "Id of the action plan"),
      f("action_point_id", "integer", "Id van het actiepunt (leeg: bericht over het hele plan)", "Id of the action point (empty: update on the whole plan)", true),
      f("title", "string", "Titel", "Title"),
      f("published_on", "date", "Publicatiedatum (leeg: aangekondigd)", "Publication date (empty: announced)", true),
      f("body", "text", "Tekst van het bericht", "Text of the update"),
      f("updated_at", "datetime", "Laatst gewijzigd (UTC)", "Last changed (UTC)"),
    ],
  },
  {
    slug: "voorstellen",
    title: { nl: "Voorstellen", en: "Proposals" },
    description: {
      nl: "Openbare voorstellen voor het actieplan, met status, officiële reactie en aantal steunbetuigingen. Voorstellen die wachten op moderatie of verborgen zijn staan er niet in.",
      en: "Public proposals for the action plan, with status, official response and number of supports. Proposals awaiting moderation or hidden are left out.",
    },
    euTheme: "GOVE",
    keywords: [{ nl: "burgerparticipatie", en: "citizen participation" }, { nl: "voorstel", en: "proposal" }],
    fields: [
      f("id", "integer", "Unieke id van het voorstel", "Unique id of the proposal"),
      f("plan_id", "integer", "Id van het actieplan", "Id of the action plan"),
      f("url", "url", "Webadres van het voorstel", "Web address of the proposal"),
      ...THEME_FIELDS,
      f("action_point_id", "integer", "Actiepunt waarop het voorstel voortbouwt", "Action point the proposal builds on", true),
      f("title", "string", "Titel", "Title"),
      f("summary", "text", "Samenvatting", "Summary"),
      f("text", "text", "Tekst als platte tekst", "Text as plain text"),
      f("status", "string", "Status: published, under_consideration, adopted, not_adopted, merged of withdrawn", "Status: published, under_consideration, adopted, not_adopted, merged or withdrawn"),
      f("official_response", "text", "Laatste officiële reactie", "Latest official response", true),
      f("merged_into_id", "integer", "Voorstel waarin dit voorstel is samengevoegd", "Proposal this one was merged into", true),
      f("support_count", "integer", "Aantal steunbetuigingen", "Number of supports"),
      f("created_at", "datetime", "Ingediend op (UTC)", "Submitted at (UTC)"),
    ],
  },
  {
    slug: "reacties",
    title: { nl: "Reacties", en: "Comments" },
    description: {
      nl: "Openbare reacties bij actiepunten en voorstellen, als platte tekst. Verwijderde, verborgen en nog niet goedgekeurde reacties staan er niet in; verwijderde accounts heten ‘Verwijderde deelnemer’.",
      en: "Public comments on action points and proposals, as plain text. Deleted, hidden and not yet approved comments are left out; deleted accounts are named ‘Verwijderde deelnemer’.",
    },
    euTheme: "SOCI",
    keywords: [{ nl: "reacties", en: "comments" }, { nl: "burgerparticipatie", en: "citizen participation" }],
    fields: [
      f("id", "integer", "Unieke id van de reactie", "Unique id of the comment"),
      f("url", "url", "Webadres van de reactie", "Web address of the comment"),
      f("thread_kind", "string", "Soort gesprek: public (openbaar) of forum", "Kind of discussion: public or forum"),
      f("subject_type", "string", "Waar het gesprek over gaat: action_point of proposal", "What the discussion is about: action_point or proposal"),
      f("subject_id", "integer", "Id van het actiepunt of voorstel", "Id of the action point or proposal"),
      f("theme_id", "integer", "Id van het thema", "Id of the theme"),
      f("parent_id", "integer", "Reactie waarop dit een antwoord is", "Comment this one replies to", true),
      f("author", "string", "Naam van de schrijver, of ‘Verwijderde deelnemer’", "Name of the author, or ‘Verwijderde deelnemer’ (deleted participant)"),
      f("official", "boolean", "Officiële reactie namens de eigenaar", "Official response on behalf of the holder"),
      f("text", "text", "Tekst als platte tekst", "Text as plain text"),
      f("created_at", "datetime", "Geplaatst op (UTC)", "Posted at (UTC)"),
      f("edited_at", "datetime", "Laatst bewerkt (UTC)", "Last edited (UTC)", true),
    ],
  },
  {
    slug: "steunbetuigingen",
    title: { nl: "Steunbetuigingen", en: "Supports" },
    description: {
      nl: "Elke steunbetuiging die meetelt voor de voorstellen van het plan in voorbereiding; steuners staan onder een vast pseudoniem.",
      en: "Every counted support for the proposals of the plan being drafted; supporters appear under a fixed pseudonym.",
    },
    euTheme: "GOVE",
    keywords: [{ nl: "steun", en: "support" }],
    fields: [
      f("proposal_id", "integer", "Id van het voorstel", "Id of the proposal"),
      f("supporter", "string", "Pseudoniem van de steuner (zelfde persoon, zelfde pseudoniem)", "Pseudonym of the supporter (same person, same pseudonym)"),
      f("supported_at", "datetime", "Moment van steunen (UTC)", "Moment of support (UTC)"),
    ],
  },
  {
    slug: "moderatielog",
    title: { nl: "Moderatielog", en: "Moderation record" },
    description: {
      nl: "Elk moderatiebesluit, zonder de verborgen tekst en zonder namen.",
      en: "Every moderation decision, without the hidden text and without names.",
    },
    euTheme: "GOVE",
    keywords: [{ nl: "moderatie", en: "moderation" }],
    fields: [
      f("id", "integer", "Unieke id van het besluit", "Unique id of the decision"),
      f("decided_at", "datetime", "Moment van het besluit (UTC)", "Moment of the decision (UTC)"),
      ...THEME_FIELDS,
      f("item_type", "string", "Soort item: comment, proposal, thread of person", "Kind of item: comment, proposal, thread or person"),
      f("item_id", "integer", "Id van het item (leeg bij een persoon)", "Id of the item (empty for a person)", true),
      f("item_url", "url", "Webadres van het item", "Web address of the item", true),
      f("action", "string", "Besluit", "Decision"),
      f("reason_code", "string", "Code van de reden", "Reason code", true),
      f("public_note", "text", "Openbare toelichting", "Public note"),
      f("reported_at", "datetime", "Moment van melden (UTC)", "Moment of reporting (UTC)", true),
      f("hours_to_decision", "number", "Uren van melding tot besluit, op één decimaal", "Hours from report to decision, to one decimal", true),
    ],
  },
];

export function findDataset(slug: string): Dataset | undefined {
  return DATASETS.find((set) => set.slug === slug);
}

/** Where a set's file lives on this site. */
export function distributionPath(slug: DatasetSlug, format: Format): string {
  return `/open-data/${slug}.${format}`;
}

// -- text helpers ----------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/**
 * Plain text from the HTML the server rendered from rich text (p, br, lists,
 * blockquote, strong, em, a): block ends become line breaks, tags go, and
 * entities are decoded.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|li|blockquote|ul|ol)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
      if (entity[0] === "#") {
        const code = entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
        return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
      }
      return ENTITIES[entity.toLowerCase()] ?? match;
    })
    .replace(/\n{2,}/g, "\n")
    .trim();
}

function utc(moment: Date | null): string | null {
  return moment ? moment.toISOString().replace(/\.\d{3}Z$/, "Z") : null;
}

const authorName = sql<string | null>`case when ${users.deletedAt} is null then ${users.displayName} end`;

// -- keyset batches and streaming -----------------------------------------------------


/** Reads `fetch` batch after batch, each after the last id of the one before, until a short batch. */
async function* keysetRows<T extends { id: number }>(fetch: (after: number, limit: number) => Promise<T[]>, batchSize: number): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await fetch(after, batchSize);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.id;
  }
}


// -- the sets ---------------------------------------------------------------------------

type Source = { db: Executor; origin: string; batchSize: number };

async function* actionPointRows({ db, origin, batchSize }: Source): AsyncGenerator<Row> {
  const fetch = (after: number, limit: number) =>
    db
      .select({
        id: actionPoints.id,
        planSlug: plans.slug,
        planPeriod: plans.period,
        number: actionPoints.number,
        slug: actionPoints.slug,
        themeId: themes.id,
        themeNumber: themes.number,
        themeTitle: themes.title,
        title: actionPoints.title,
        holder: actionPoints.holder,
        partners: actionPoints.partners,
        summary: actionPoints.summary,
        body: actionPoints.body,
        contribution: actionPoints.contribution,
        updatedAt: actionPoints.updatedAt,
      })
      .from(actionPoints)
      .innerJoin(themes, eq(themes.id, actionPoints.themeId))
      .innerJoin(plans, eq(plans.id, actionPoints.planId))
      .where(gt(actionPoints.id, after))
      .orderBy(asc(actionPoints.id))
      .limit(limit);
  for await (const row of keysetRows(fetch, batchSize)) {
    yield {
      id: row.id,
      plan_slug: row.planSlug,
      plan_period: row.planPeriod,
      number: row.number,
      slug: row.slug,
      url: new URL(`/actiepunt/${row.slug}`, origin).href,
      theme_id: row.themeId,
      theme_number: row.themeNumber,
      theme_title: row.themeTitle,
      title: row.title,
      holder: row.holder,
      partners: row.partners,
      summary: row.summary,
      body: row.body,
      contribution: row.contribution,
      updated_at: utc(row.updatedAt),
    };
  }
}

async function* progressRows({ db, batchSize }: Source): AsyncGenerator<Row> {
  const fetch = (after: number, limit: number) =>
    db
      .select({
        id: progressUpdates.id,
        planId: progressUpdates.planId,
        actionPointId: progressUpdates.actionPointId,
        title: progressUpdates.title,
        publishedOn: progressUpdates.publishedOn,
        body: progressUpdates.body,
        updatedAt: progressUpdates.updatedAt,
      })
      .from(progressUpdates)
      .where(gt(progressUpdates.id, after))
      .orderBy(asc(progressUpdates.id))
      .limit(limit);
  for await (const row of keysetRows(fetch, batchSize)) {
    yield {
      id: row.id,
      plan_id: row.planId,
      action_point_id: row.actionPointId,
      title: row.title,
      published_on: row.publishedOn,
      body: row.body,
      updated_at: utc(row.updatedAt),
    };
  }
}

async function* proposalRows({ db, origin, batchSize }: Source): AsyncGenerator<Row> {
  const fetch = (after: number, limit: number) =>
    db
      .select({
        id: proposals.id,
        planId: proposals.planId,
        themeId: themes.id,
        themeNumber: themes.number,
        themeTitle: themes.title,
        actionPointId: proposals.actionPointId,
        title: proposals.title,
        summary: proposals.summary,
        bodyHtml: proposals.bodyHtml,
        status: proposals.status,
        response: proposals.response,
        mergedIntoId: proposals.mergedIntoId,
        supportCount: proposals.supportCount,
        createdAt: proposals.createdAt,
      })
      .from(proposals)
      .innerJoin(themes, eq(themes.id, proposals.themeId))
      .where(and(publicProposal("proposals"), gt(proposals.id, after)))
      .orderBy(asc(proposals.id))
      .limit(limit);
  for await (const row of keysetRows(fetch, batchSize)) {
    yield {
      id: row.id,
      plan_id: row.planId,
      url: new URL(`/voorstel/${row.id}`, origin).href,
      theme_id: row.themeId,
      theme_number: row.themeNumber,
      theme_title: row.themeTitle,
      action_point_id: row.actionPointId,
      title: row.title,
      summary: row.summary,
      text: htmlToText(row.bodyHtml),
      status: row.status,
      official_response: row.response,
      merged_into_id: row.mergedIntoId,
      support_count: row.supportCount,
      created_at: utc(row.createdAt),
    };
  }
}

async function* commentRows({ db, origin, batchSize }: Source): AsyncGenerator<Row> {
  const fetch = (after: number, limit: number) =>
    db
      .select({
        id: comments.id,
        threadKind: threads.kind,
        subjectType: threads.subjectType,
        subjectId: threads.subjectId,
        themeId: comments.themeId,
        parentId: comments.parentId,
        author: authorName,
        official: comments.official,
        bodyHtml: comments.bodyHtml,
        createdAt: comments.createdAt,
        editedAt: comments.editedAt,
      })
      .from(comments)
      .innerJoin(threads, eq(threads.id, comments.threadId))
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(and(publicComment("comments"), gt(comments.id, after)))
      .orderBy(asc(comments.id))
      .limit(limit);
  for await (const row of keysetRows(fetch, batchSize)) {
    yield {
      id: row.id,
      url: new URL(`/reactie/${row.id}`, origin).href,
      thread_kind: row.threadKind,
      subject_type: row.subjectType,
      subject_id: row.subjectId,
      theme_id: row.themeId,
      parent_id: row.parentId,
      author: row.author ?? DELETED_AUTHOR,
      official: row.official,
      text: htmlToText(row.bodyHtml),
      created_at: utc(row.createdAt),
      edited_at: utc(row.editedAt),
    };
  }
}

/** The sets this module streams itself; the ledger and the moderation record have their own routes. */
export const STREAMED_SETS = ["actiepunten", "voortgang", "voorstellen", "reacties"] as const;
export type StreamedSet = (typeof STREAMED_SETS)[number];

const SOURCES: Record<StreamedSet, (source: Source) => AsyncGenerator<Row>> = {
  actiepunten: actionPointRows,
  voortgang: progressRows,
  voorstellen: proposalRows,
  reacties: commentRows,
};

/** One of the sets as a stream in `format`. */
export function datasetStream({ set, format, origin, batchSize = OPEN_DATA_BATCH_SIZE, db = getDb() }: { set: StreamedSet; format: Format; origin: string; batchSize?: number; db?: Executor }): ReadableStream<Uint8Array> {
  const fields = findDataset(set)!.fields.map((field) => field.name);
  return recordStream({ rows: SOURCES[set]({ db, origin, batchSize }), fields, format });
}

/** One of the sets as an HTTP response, streamed, under CC0 (the Link header says so), like the support ledger. */
export function datasetResponse({ set, format, request, db }: { set: StreamedSet; format: Format; request: Request; db?: Executor }): Promise<Response> {
  return fileResponse(datasetStream({ set, format, origin: new URL(request.url).origin, db }), {
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": `inline; filename="${set}.${format}"`,
    // A request with cookies may get a refreshed session cookie from the guard: no shared cache may keep that.
    "Cache-Control": request.headers.has("Cookie") ? "private, max-age=60" : "public, max-age=60",
    Link: `<${OPEN_DATA_LICENCE}>; rel="license"`,
  });
}

// -- what is published, and when it last changed -----------------------------------------

const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : utc(new Date(value as string)));

/**
 * Per set, when its content last changed (null for an empty set), in one
 * statement. The support ledger exists only while a plan is being drafted:
 * `ledger` says whether it does.
 */
export async function datasetsOverview({ db = getDb() }: { db?: Executor } = {}): Promise<{ modified: Record<DatasetSlug, string | null>; ledger: boolean }> {
  const [rows, drafting] = await Promise.all([
    db.execute<Record<DatasetSlug, string | Date | null>>(sql`select
      greatest((select max(updated_at) from action_points), (select max(updated_at) from themes)) as actiepunten,
      (select max(updated_at) from progress_updates) as voortgang,
      (select max(proposals.updated_at) from proposals where ${publicProposal("proposals")}) as voorstellen,
      (select max(comments.updated_at) from comments where ${publicComment("comments")}) as reacties,
      (select max(created_at) from supports) as steunbetuigingen,
      (select max(created_at) from moderation_actions) as moderatielog`),
    findDraftingPlan({ db }),
  ]);
  const row = rows.rows[0];
  const modified = Object.fromEntries(DATASET_SLUGS.map((slug) => [slug, isoOrNull(row?.[slug])])) as Record<DatasetSlug, string | null>;
  return { modified, ledger: drafting !== null };
}

/** The sets on offer right now: every set, except the ledger while no plan is being drafted. */
export async function publishedDatasets({ db }: { db?: Executor } = {}) {
  const { modified, ledger } = await datasetsOverview({ db });
  return DATASETS.filter((set) => set.slug !== "steunbetuigingen" || ledger).map((set) => ({ ...set, modified: modified[set.slug] }));
}

// -- the DCAT catalogue ---------------------------------------------------------------------

const EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/";
const EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
const IANA = "https://www.iana.org/assignments/media-types/";

const both = (text: Bilingual) => [
  { "@language": "nl", "@value": text.nl },
  { "@language": "en", "@value": text.en },
];
const dateTime = (iso: string) => ({ "@value": iso, "@type": "xsd:dateTime" });

/** A DCAT-AP(-NL) style catalogue of the sets, as JSON-LD, with absolute URLs on `origin`. */
export async function openDataCatalogue({ origin, publisher, db }: { origin: string; publisher: string; db?: Executor }) {
  const sets = await publishedDatasets({ db });
  const page = new URL("/open-data", origin).href;
  const agent = { "@type": "foaf:Agent", "foaf:name": publisher, "foaf:homepage": { "@id": new URL("/", origin).href } };
  const licence = { "@id": OPEN_DATA_LICENCE };
  const latest = sets.map((set) => set.modified).filter((value): value is string => value !== null).sort().at(-1);
  return {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@id": new URL("/open-data/catalogus.jsonld", origin).href,
    "@type": "dcat:Catalog",
    "dct:title": both({ nl: `Open data van ${publisher}`, en: `Open data of ${publisher}` }),
    "dct:description": both({
      nl: "Actiepunten, voortgang, voorstellen, reacties, steunbetuigingen en moderatiebesluiten van het open-overheidsplatform, als CSV en JSON.",
      en: "Action points, progress, proposals, comments, supports and moderation decisions of the open government platform, as CSV and JSON.",
    }),
    "dct:publisher": agent,
    "dct:license": licence,
    "dct:language": [{ "@id": "http://publications.europa.eu/resource/authority/language/NLD" }],
    "foaf:homepage": { "@id": page },
    ...(latest ? { "dct:modified": dateTime(latest) } : {}),
    "dcat:dataset": sets.map((set) => ({
      "@id": `${page}#${set.slug}`,
      "@type": "dcat:Dataset",
      "dct:identifier": `${page}#${set.slug}`,
      "dct:title": both(set.title),
      "dct:description": both(set.description),
      "dct:publisher": agent,
      "dct:license": licence,
      "dcat:theme": { "@id": `${EU_THEME}${set.euTheme}` },
      "dcat:keyword": set.keywords.flatMap(both),
      "dcat:landingPage": { "@id": `${page}#${set.slug}` },
      ...(set.modified ? { "dct:modified": dateTime(set.modified) } : {}),
      "dcat:distribution": FORMATS.map((format) => ({
        "@id": new URL(distributionPath(set.slug, format), origin).href,
        "@type": "dcat:Distribution",
        "dct:title": both({ nl: `${set.title.nl} (${format.toUpperCase()})`, en: `${set.title.en} (${format.toUpperCase()})` }),
        "dcat:accessURL": { "@id": new URL(distributionPath(set.slug, format), origin).href },
        "dcat:downloadURL": { "@id": new URL(distributionPath(set.slug, format), origin).href },
        "dcat:mediaType": { "@id": `${IANA}${MEDIA_TYPES[format]}` },
        "dct:format": { "@id": `${EU_FILE_TYPE}${format.toUpperCase()}` },
        "dct:license": licence,
      })),
    })),
  };
}
