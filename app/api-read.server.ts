/**
 * What the JSON API reads: themes, action points with their progress
 * updates, proposals and comments, in the shapes that app/api-schema.ts
 * documents. Every list is keyset-paginated and costs a fixed number of
 * queries; proposals and comments go through the public-visibility rule
 * (app/visibility.server.ts), and people appear by display name only.
 */
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Executor, rowsOf } from "#db/client.ts";
import { actionPoints, plans, progressUpdates, proposalStatusChanges, proposals, themes, users, type ProposalStatus } from "#db/schema.ts";
import { translator } from "#app/i18n/index.ts";
import { ApiProblem, badFilter, decodeCursor, encodeCursor, idKey, timeIdKey } from "./api.server.ts";
import { publicComment, publicProposal } from "./visibility.server.ts";
import { idParam } from "#app/forms/ids.ts";

/** How a deleted account shows: the same words as on the site, in the data's language (Dutch). */
export const DELETED_NAME = translator("nl")("deletedParticipant");

/** Statuses a public proposal can have (pending ones are never public). */
export const PUBLIC_STATUSES = ["published", "under_consideration", "adopted", "not_adopted", "merged", "withdrawn"] as const satisfies readonly ProposalStatus[];

export type Page<T> = { data: T[]; volgende: string | null };

const utc = (column: unknown) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function page<R, T>(rows: R[], size: number, view: (row: R) => T, cursor: (row: R) => string): Page<T> {
  const shown = rows.slice(0, size);
  const last = shown.at(-1);
  return { data: shown.map(view), volgende: rows.length > size && last ? cursor(last) : null };
}

type PageArgs = { after?: string; size: number; db?: Executor };

// -- themes ----------------------------------------------------------------------

const themeColumns = {
  id: themes.id,
  slug: themes.slug,
  number: themes.number,
  title: themes.title,
  description: themes.description,
  translations: themes.translations,
  planSlug: plans.slug,
  planStatus: plans.status,
};

function themeView(row: { slug: string; number: number; title: string; description: string; translations: unknown; planSlug: string; planStatus: string }) {
  return { slug: row.slug, number: row.number, title: row.title, description: row.description, translations: row.translations, plan: { slug: row.planSlug, status: row.planStatus } };
}

export async function apiThemes({ after, size, db = getDb() }: PageArgs) {
  const cursor = decodeCursor(after, "themas", idKey);
  const rows = await db
    .select(themeColumns)
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .where(cursor ? gt(themes.id, cursor[0]) : undefined)
    .orderBy(asc(themes.id))
    .limit(size + 1);
  return page(rows, size, themeView, (row) => encodeCursor("themas", [row.id]));
}

export async function apiTheme({ slug, db = getDb() }: { slug: string; db?: Executor }) {
  const [row] = await db.select(themeColumns).from(themes).innerJoin(plans, eq(plans.id, themes.planId)).where(eq(themes.slug, slug));
  if (!row) return null;
  const points = await db
    .select({ slug: actionPoints.slug, number: actionPoints.number, title: actionPoints.title, translations: actionPoints.translations })
    .from(actionPoints)
    .where(eq(actionPoints.themeId, row.id))
    .orderBy(asc(actionPoints.number));
  return {
    ...themeView(row),
    actionPoints: points.map((point) => ({ slug: point.slug, number: point.number, title: point.title, translations: onlyFields(point.translations, ["title"]) })),
  };
}

async function themeIdBySlug(db: Executor, slug: string | undefined) {
  if (slug === undefined) return null;
  const [row] = await db.select({ id: themes.id }).from(themes).where(eq(themes.slug, slug));
  if (!row) throw badFilter("thema", slug);
  return row.id;
}

/** Keeps only the translated fields a shape documents. */
function onlyFields(translations: unknown, fields: string[]) {
  const result: Record<string, Record<string, string>> = {};
  for (const [lang, values] of Object.entries((translations ?? {}) as Record<string, Record<string, string>>)) {
    const kept = Object.fromEntries(Object.entries(values ?? {}).filter(([field, value]) => fields.includes(field) && typeof value === "string"));
    if (Object.keys(kept).length > 0) result[lang] = kept;
  }
  return result;
}

// -- action points ----------------------------------------------------------------

const actionPointColumns = {
  id: actionPoints.id,
  slug: actionPoints.slug,
  number: actionPoints.number,
  title: actionPoints.title,
  holder: actionPoints.holder,
  partners: actionPoints.partners,
  summary: actionPoints.summary,
  translations: actionPoints.translations,
  themeSlug: themes.slug,
  planSlug: plans.slug,
};

type ActionPointRow = { slug: string; number: number; title: string; holder: string; partners: string; summary: string; translations: unknown; themeSlug: string; planSlug: string };

function actionPointView(row: ActionPointRow) {
  return {
    slug: row.slug,
    number: row.number,
    title: row.title,
    holder: row.holder,
    partners: row.partners,
    summary: row.summary,
    translations: onlyFields(row.translations, ["title", "holder", "partners", "summary"]),
    theme: row.themeSlug,
    plan: row.planSlug,
  };
}

export async function apiActionPoints({ after, size, theme, db = getDb() }: PageArgs & { theme?: string }) {
  const themeId = await themeIdBySlug(db, theme);
  const cursor = decodeCursor(after, "actiepunten", idKey);
  const rows = await db
    .select(actionPointColumns)
    .from(actionPoints)
    .innerJoin(themes, eq(themes.id, actionPoints.themeId))
    .innerJoin(plans, eq(plans.id, actionPoints.planId))
    .where(and(themeId ? eq(actionPoints.themeId, themeId) : undefined, cursor ? gt(actionPoints.id, cursor[0]) : undefined))
    .orderBy(asc(actionPoints.id))
    .limit(size + 1);
  return page(rows, size, actionPointView, (row) => encodeCursor("actiepunten", [row.id]));
}

export async function apiActionPoint({ slug, db = getDb() }: { slug: string; db?: Executor }) {
  const [row] = await db
    .select({ ...actionPointColumns, body: actionPoints.body, contribution: actionPoints.contribution })
    .from(actionPoints)
    .innerJoin(themes, eq(themes.id, actionPoints.themeId))
    .innerJoin(plans, eq(plans.id, actionPoints.planId))
    .where(eq(actionPoints.slug, slug));
  if (!row) return null;
  const updates = await db
    .select({ id: progressUpdates.id, title: progressUpdates.title, body: progressUpdates.body, publishedOn: progressUpdates.publishedOn, translations: progressUpdates.translations })
    .from(progressUpdates)
    .where(eq(progressUpdates.actionPointId, row.id))
    .orderBy(sql`${progressUpdates.publishedOn} desc nulls first`, desc(progressUpdates.id))
    .limit(100);
  return {
    ...actionPointView(row),
    body: row.body,
    contribution: row.contribution,
    translations: onlyFields(row.translations, ["title", "holder", "partners", "summary", "body", "contribution"]),
    progressUpdates: updates.map((update) => ({
      id: update.id,
      title: update.title,
      body: update.body,
      publishedOn: update.publishedOn,
      translations: onlyFields(update.translations, ["title", "body"]),
    })),
  };
}

// -- proposals --------------------------------------------------------------------

const proposalColumns = {
  id: proposals.id,
  title: proposals.title,
  summary: proposals.summary,
  status: proposals.status,
  supportCount: proposals.supportCount,
  commentCount: proposals.commentCount,
  createdAt: utc(proposals.createdAt),
  authorName: users.displayName,
  themeSlug: themes.slug,
  planSlug: plans.slug,
  actionPointSlug: actionPoints.slug,
};

type ProposalRow = { id: number; title: string; summary: string; status: ProposalStatus; supportCount: number; commentCount: number; createdAt: string; authorName: string | null; themeSlug: string; planSlug: string; actionPointSlug: string | null };

function proposalView(row: ProposalRow) {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: row.status,
    supportCount: row.supportCount,
    commentCount: row.commentCount,
    createdAt: row.createdAt,
    author: { name: row.authorName ?? DELETED_NAME },
    theme: row.themeSlug,
    plan: row.planSlug,
    actionPoint: row.actionPointSlug,
  };
}

function isPublicStatus(value: string): value is (typeof PUBLIC_STATUSES)[number] {
  return (PUBLIC_STATUSES as readonly string[]).includes(value);
}

/** Public proposals, newest first, optionally of one theme and one status. */
export async function apiProposals({ after, size, theme, status, db = getDb() }: PageArgs & { theme?: string; status?: string }) {
  if (status !== undefined && !isPublicStatus(status)) throw badFilter("status", status);
  const themeId = await themeIdBySlug(db, theme);
  const cursor = decodeCursor(after, "voorstellen", timeIdKey);
  const rows = await db
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.authorId))
    .innerJoin(themes, eq(themes.id, proposals.themeId))
    .innerJoin(plans, eq(plans.id, proposals.planId))
    .leftJoin(actionPoints, eq(actionPoints.id, proposals.actionPointId))
    .where(
      and(
        publicProposal("proposals"),
        themeId ? eq(proposals.themeId, themeId) : undefined,
        status ? eq(proposals.status, status) : undefined,
        cursor ? sql`(${proposals.createdAt}, ${proposals.id}) < (${cursor[0]}::timestamptz, ${cursor[1]})` : undefined,
      ),
    )
    .orderBy(desc(proposals.createdAt), desc(proposals.id))
    .limit(size + 1);
  return page(rows, size, proposalView, (row) => encodeCursor("voorstellen", [row.createdAt, row.id]));
}

export async function apiProposal({ id, db = getDb() }: { id: number; db?: Executor }) {
  const [row] = await db
    .select({
      ...proposalColumns,
      bodyHtml: proposals.bodyHtml,
      response: proposals.response,
      // A merge target that is not public (any more) is not named.
      mergedIntoId: sql<number | null>`(select m.id from proposals m where m.id = ${proposals.mergedIntoId} and ${publicProposal("m")})`,
      updatedAt: utc(proposals.updatedAt),
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.authorId))
    .innerJoin(themes, eq(themes.id, proposals.themeId))
    .innerJoin(plans, eq(plans.id, proposals.planId))
    .leftJoin(actionPoints, eq(actionPoints.id, proposals.actionPointId))
    .where(and(eq(proposals.id, id), publicProposal("proposals")));
  if (!row) return null;
  const history = await db
    .select({ from: proposalStatusChanges.fromStatus, to: proposalStatusChanges.toStatus, explanation: proposalStatusChanges.explanation, at: utc(proposalStatusChanges.createdAt) })
    .from(proposalStatusChanges)
    .where(eq(proposalStatusChanges.proposalId, id))
    .orderBy(asc(proposalStatusChanges.id));
  return {
    ...proposalView(row),
    html: row.bodyHtml,
    response: row.response,
    updatedAt: row.updatedAt,
    mergedInto: row.mergedIntoId,
    // "pending" is the moderation hold before publication: not part of the public history.
    history: history.filter((step) => step.to !== "pending").map((step) => ({ ...step, from: step.from === "pending" ? null : step.from })),
  };
}

// -- comments ---------------------------------------------------------------------

type CommentRow = {
  id: number;
  parent_id: number | null;
  root_id: number | null;
  reply_to_id: number | null;
  depth: number;
  body_html: string;
  official: boolean;
  paragraph_anchor: string | null;
  paragraph_quote: string | null;
  like_count: number;
  created_at: string;
  edited_at: string | null;
  author_name: string | null;
  organisation: string | null;
  thread_kind: "public" | "forum";
  subject_type: "action_point" | "proposal";
  subject_id: number;
  action_point_slug: string | null;
};

export type CommentSubject = { type: "actiepunt"; slug: string } | { type: "voorstel"; id: number };

/** `actiepunt:<slug>` or `voorstel:<id>`; anything else is a 400. */
export function parseSubject(raw: string | undefined): CommentSubject | null {
  if (raw === undefined) return null;
  const match = /^(actiepunt|voorstel):(.{1,200})$/.exec(raw);
  if (match?.[1] === "actiepunt") return { type: "actiepunt", slug: match[2]! };
  if (match?.[1] === "voorstel" && /^[1-9]\d{0,9}$/.test(match[2]!) && Number(match[2]) <= 2 ** 31 - 1) return { type: "voorstel", id: Number(match[2]) };
  throw badFilter("onderwerp", raw);
}

/** Which subject's threads, resolved to its id; an unknown or non-public subject is a 400 (nothing to tell apart). */
async function subjectCondition(db: Executor, subject: CommentSubject | null, raw: string) {
  if (!subject) return sql`true`;
  if (subject.type === "actiepunt") {
    const [point] = await db.select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, subject.slug));
    if (!point) throw badFilter("onderwerp", raw);
    return sql`t.subject_type = 'action_point' and t.subject_id = ${point.id}`;
  }
  const [proposal] = await db.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.id, subject.id), publicProposal("proposals")));
  if (!proposal) throw badFilter("onderwerp", raw);
  return sql`t.subject_type = 'proposal' and t.subject_id = ${proposal.id}`;
}

/** Public comments in the order they were written, optionally of one subject and one kind of thread. */
export async function apiComments({ after, size, subject: rawSubject, thread, db = getDb() }: PageArgs & { subject?: string; thread?: string }) {
  if (thread !== undefined && thread !== "public" && thread !== "forum") throw badFilter("draad", thread);
  const subject = parseSubject(rawSubject);
  const cursor = decodeCursor(after, "reacties", idKey);
  const bySubject = await subjectCondition(db, subject, rawSubject ?? "");
  const rows = rowsOf<CommentRow>(await db.execute<CommentRow>(sql`
    select c.id, c.parent_id, c.root_id, c.reply_to_id, c.depth, c.body_html, c.official,
      c.paragraph_anchor, c.paragraph_quote, c.like_count,
      ${utc(sql`c.created_at`)} as created_at, ${utc(sql`c.edited_at`)} as edited_at,
      case when u.deleted_at is null then u.display_name end as author_name,
      case when u.deleted_at is null then (select g.organisation from role_grants g
        where g.user_id = c.author_id and g.role = 'forum_member' and g.revoked_at is null
        order by g.id limit 1) end as organisation,
      t.kind as thread_kind, t.subject_type, t.subject_id, ap.slug as action_point_slug
    from comments c
    join threads t on t.id = c.thread_id
    join users u on u.id = c.author_id
    left join action_points ap on t.subject_type = 'action_point' and ap.id = t.subject_id
    where ${publicComment("c")} and ${bySubject}
      and (${thread ?? null}::text is null or t.kind::text = ${thread ?? null})
      and c.id > ${cursor ? cursor[0] : 0}
    order by c.id
    limit ${size + 1}
  `));
  return page(Array.from(rows as Iterable<CommentRow>), size, commentView, (row) => encodeCursor("reacties", [row.id]));
}

function commentView(row: CommentRow) {
  return {
    id: row.id,
    subject: row.subject_type === "action_point" ? { type: "actiepunt" as const, slug: row.action_point_slug! } : { type: "voorstel" as const, id: row.subject_id },
    thread: row.thread_kind,
    parentId: row.parent_id,
    rootId: row.root_id,
    replyToId: row.reply_to_id,
    depth: row.depth,
    author: { name: row.author_name ?? DELETED_NAME, organisation: row.organisation },
    html: row.body_html,
    official: row.official,
    paragraph: row.paragraph_anchor ? { anchor: row.paragraph_anchor, quote: row.paragraph_quote } : null,
    likeCount: row.like_count,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

/** A path parameter that must be a proposal id; anything else is simply not found. */
export function proposalIdParam(raw: string | undefined): number {
  const id = idParam(raw);
  if (id === null) throw new ApiProblem(404, "not_found", "api.error.notFound");
  return id;
}
