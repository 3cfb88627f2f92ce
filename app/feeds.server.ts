/**
 * Atom 1.0 feeds: per theme (published progress updates, public comments and
 * proposals), per action point (its progress updates and public comments)
 * and of new proposals. Each holds the newest FEED_SIZE entries.
 *
 * Comments and proposals are read through the visibility rule
 * (visibility.server.ts), so nothing hidden, held or deleted reaches a feed.
 * Every text is XML-escaped and stripped of the characters XML 1.0 forbids;
 * summaries are plain text, never HTML.
 */
import { and, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { localize } from "#app/content/localize.ts";
import type { Locale, Translate } from "#app/i18n/index.ts";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, comments, progressUpdates, proposals, themes, threads, users } from "#db/schema.ts";
import { htmlToText } from "./open-data.server.ts";
import { publicComment, publicProposal } from "./visibility.server.ts";

export const FEED_SIZE = 50;
const SUMMARY_LENGTH = 1_000;
/** The year in the tag: URIs of entries (RFC 4151); it never changes, so ids stay the same. */
const TAG_YEAR = "2025";
export const ATOM_TYPE = "application/atom+xml; charset=utf-8";

export type FeedEntry = { id: string; title: string; updated: Date; published: Date; path: string; author: string; summary: string };
export type Feed = { id: string; title: string; subtitle: string; selfPath: string; pagePath: string; updated: Date; entries: FeedEntry[] };

// -- XML ----------------------------------------------------------------------------

/** Everything XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function xmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);
}

function instant(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= SUMMARY_LENGTH ? flat : `${flat.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}

/** The feed as an Atom 1.0 document, with absolute links on `origin`. */
export function renderAtom(feed: Feed, { origin, locale, generator }: { origin: string; locale: Locale; generator: string }): string {
  const href = (path: string) => xmlText(new URL(path, origin).href);
  const entries = feed.entries.map(
    (entry) => `  <entry>
    <id>${xmlText(entry.id)}</id>
    <title type="text">${xmlText(entry.title)}</title>
    <updated>${instant(entry.updated)}</updated>
    <published>${instant(entry.published)}</published>
    <link rel="alternate" type="text/html" href="${href(entry.path)}"/>
    <author><name>${xmlText(entry.author)}</name></author>
    <summary type="text">${xmlText(shorten(entry.summary))}</summary>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${xmlText(feed.id)}</id>
  <title type="text">${xmlText(feed.title)}</title>
  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>
  <updated>${instant(feed.updated)}</updated>
  <link rel="self" type="application/atom+xml" href="${href(feed.selfPath)}"/>
  <link rel="alternate" type="text/html" href="${href(feed.pagePath)}"/>
  <author><name>${xmlText(generator)}</name></author>
  <generator>${xmlText(generator)}</generator>
${entries.join("")}</feed>
`;
}

/** A feed as an HTTP response. */
export function atomResponse({ feed, request, locale, t }: { feed: Feed; request: Request; locale: Locale; t: Translate }): Response {
  const body = renderAtom(feed, { origin: new URL(request.url).origin, locale, generator: t("site.name") });
  return new Response(body, {
    headers: {
      "Content-Type": ATOM_TYPE,
      // A request with cookies may get a refreshed session cookie from the guard: no shared cache may keep that.
      "Cache-Control": request.headers.has("Cookie") ? "private, max-age=300" : "public, max-age=300",
    },
  });
}

// -- entries --------------------------------------------------------------------------

type Context = { host: string; locale: Locale; t: Translate; db: Executor };

const tag = (host: string, specific: string) => `tag:${host},${TAG_YEAR}:${specific}`;
const authorName = sql<string | null>`case when ${users.deletedAt} is null then ${users.displayName} end`;
// Published on a date: taken as the start of that day in the Netherlands.
const publishedAt = sql<Date>`(${progressUpdates.publishedOn}::timestamp at time zone 'Europe/Amsterdam')`.mapWith((value: string | Date) => new Date(value));

function newest(entries: FeedEntry[]): FeedEntry[] {
  return entries.sort((a, b) => b.published.getTime() - a.published.getTime() || a.id.localeCompare(b.id)).slice(0, FEED_SIZE);
}

function latest(entries: FeedEntry[], fallback: Date): Date {
  return entries.reduce((max, entry) => (entry.updated > max ? entry.updated : max), fallback);
}

async function updateEntries(where: SQL | undefined, { host, locale, t, db }: Context): Promise<FeedEntry[]> {
  const rows = await db
    .select({
      id: progressUpdates.id,
      title: progressUpdates.title,
      body: progressUpdates.body,
      translations: progressUpdates.translations,
      publishedAt,
      updatedAt: progressUpdates.updatedAt,
      point: { slug: actionPoints.slug, title: actionPoints.title, holder: actionPoints.holder, translations: actionPoints.translations },
    })
    .from(progressUpdates)
    .innerJoin(actionPoints, eq(actionPoints.id, progressUpdates.actionPointId))
    .where(and(where, isNotNull(progressUpdates.publishedOn)))
    .orderBy(desc(progressUpdates.publishedOn), desc(progressUpdates.id))
    .limit(FEED_SIZE);
  return rows.map((row) => ({
    id: tag(host, `voortgang/${row.id}`),
    title: t("feeds.update.title", { point: localize(row.point, "title", locale).text, title: localize(row, "title", locale).text }),
    published: row.publishedAt,
    updated: row.updatedAt > row.publishedAt ? row.updatedAt : row.publishedAt,
    path: `/actiepunt/${row.point.slug}`,
    author: localize(row.point, "holder", locale).text,
    summary: localize(row, "body", locale).text,
  }));
}

const subjectPoint = alias(actionPoints, "feed_subject_point");
const subjectProposal = alias(proposals, "feed_subject_proposal");

async function commentEntries(where: SQL, { host, locale, t, db }: Context): Promise<FeedEntry[]> {
  const rows = await db
    .select({
      id: comments.id,
      bodyHtml: comments.bodyHtml,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      author: authorName,
      point: { title: subjectPoint.title, translations: subjectPoint.translations },
      proposalTitle: subjectProposal.title,
    })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(subjectPoint, and(eq(threads.subjectType, "action_point"), eq(subjectPoint.id, threads.subjectId)))
    .leftJoin(subjectProposal, and(eq(threads.subjectType, "proposal"), eq(subjectProposal.id, threads.subjectId)))
    .where(and(publicComment("comments"), where))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(FEED_SIZE);
  return rows.map((row) => {
    const author = row.author ?? t("deletedParticipant");
    const subject = row.point?.title ? localize(row.point, "title", locale).text : (row.proposalTitle ?? "");
    return {
      id: tag(host, `reactie/${row.id}`),
      title: t("feeds.comment.title", { name: author, subject }),
      published: row.createdAt,
      updated: row.editedAt ?? row.createdAt,
      path: `/reactie/${row.id}`,
      author,
      summary: htmlToText(row.bodyHtml),
    };
  });
}

async function proposalEntries(where: SQL | undefined, { host, t, db }: Context): Promise<FeedEntry[]> {
  const rows = await db
    .select({ id: proposals.id, title: proposals.title, summary: proposals.summary, createdAt: proposals.createdAt, updatedAt: proposals.updatedAt, author: authorName })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.authorId))
    .where(and(publicProposal("proposals"), where))
    .orderBy(desc(proposals.createdAt), desc(proposals.id))
    .limit(FEED_SIZE);
  return rows.map((row) => ({
    id: tag(host, `voorstel/${row.id}`),
    title: t("feeds.proposal.title", { title: row.title }),
    published: row.createdAt,
    updated: row.updatedAt > row.createdAt ? row.updatedAt : row.createdAt,
    path: `/voorstel/${row.id}`,
    author: row.author ?? t("deletedParticipant"),
    summary: row.summary,
  }));
}

// -- the feeds ------------------------------------------------------------------------------

type FeedArgs = { origin: string; locale: Locale; t: Translate; db?: Executor };

function context({ origin, locale, t, db = getDb() }: FeedArgs): Context {
  return { host: new URL(origin).hostname, locale, t, db };
}

/** A theme's feed; null for an unknown theme. */
export async function themeFeed({ slug, ...args }: FeedArgs & { slug: string }): Promise<Feed | null> {
  const ctx = context(args);
  const [theme] = await ctx.db
    .select({ id: themes.id, slug: themes.slug, title: themes.title, translations: themes.translations, updatedAt: themes.updatedAt })
    .from(themes)
    .where(eq(themes.slug, slug))
    .limit(1);
  if (!theme) return null;
  const parts = await Promise.all([
    updateEntries(eq(actionPoints.themeId, theme.id), ctx),
    commentEntries(eq(comments.themeId, theme.id), ctx),
    proposalEntries(eq(proposals.themeId, theme.id), ctx),
  ]);
  const entries = newest(parts.flat());
  const title = localize(theme, "title", ctx.locale).text;
  return {
    id: tag(ctx.host, `feed/thema/${theme.slug}`),
    title: args.t("feeds.theme.title", { title }),
    subtitle: args.t("feeds.theme.subtitle", { title }),
    selfPath: `/feeds/thema/${theme.slug}`,
    pagePath: `/thema/${theme.slug}`,
    updated: latest(entries, theme.updatedAt),
    entries,
  };
}

/** An action point's feed; null for an unknown action point. */
export async function actionPointFeed({ slug, ...args }: FeedArgs & { slug: string }): Promise<Feed | null> {
  const ctx = context(args);
  const [point] = await ctx.db
    .select({ id: actionPoints.id, slug: actionPoints.slug, title: actionPoints.title, translations: actionPoints.translations, updatedAt: actionPoints.updatedAt })
    .from(actionPoints)
    .where(eq(actionPoints.slug, slug))
    .limit(1);
  if (!point) return null;
  const onThisPoint = sql`${comments.threadId} in (select ${threads.id} from ${threads} where ${threads.subjectType} = 'action_point' and ${threads.subjectId} = ${point.id})`;
  const parts = await Promise.all([updateEntries(eq(progressUpdates.actionPointId, point.id), ctx), commentEntries(onThisPoint, ctx)]);
  const entries = newest(parts.flat());
  const title = localize(point, "title", ctx.locale).text;
  return {
    id: tag(ctx.host, `feed/actiepunt/${point.slug}`),
    title: args.t("feeds.actionPoint.title", { title }),
    subtitle: args.t("feeds.actionPoint.subtitle", { title }),
    selfPath: `/feeds/actiepunt/${point.slug}`,
    pagePath: `/actiepunt/${point.slug}`,
    updated: latest(entries, point.updatedAt),
    entries,
  };
}

/** The newest public proposals of every plan. */
export async function proposalsFeed(args: FeedArgs): Promise<Feed> {
  const ctx = context(args);
  const entries = newest(await proposalEntries(undefined, ctx));
  return {
    id: tag(ctx.host, "feed/voorstellen"),
    title: args.t("feeds.proposals.title"),
    subtitle: args.t("feeds.proposals.subtitle"),
    selfPath: "/feeds/voorstellen",
    pagePath: "/voorstellen",
    // An empty feed still needs a fixed `updated`: the start of the tag year, not the moment of the request.
    updated: latest(entries, new Date(`${TAG_YEAR}-01-01T00:00:00Z`)),
    entries,
  };
}

/** The feeds, for the /open-data page: every theme and action point with its feed's path. */
export async function listFeeds({ locale, db = getDb() }: { locale: Locale; db?: Executor }) {
  const [themeRows, pointRows] = await Promise.all([
    db.select({ slug: themes.slug, number: themes.number, title: themes.title, translations: themes.translations, planId: themes.planId }).from(themes).orderBy(desc(themes.planId), themes.number),
    db
      .select({ slug: actionPoints.slug, number: actionPoints.number, title: actionPoints.title, translations: actionPoints.translations, planId: actionPoints.planId })
      .from(actionPoints)
      .orderBy(desc(actionPoints.planId), actionPoints.number),
  ]);
  return {
    proposals: "/feeds/voorstellen",
    themes: themeRows.map((row) => ({ path: `/feeds/thema/${row.slug}`, number: row.number, title: localize(row, "title", locale) })),
    actionPoints: pointRows.map((row) => ({ path: `/feeds/actiepunt/${row.slug}`, number: row.number, title: localize(row, "title", locale) })),
  };
}
