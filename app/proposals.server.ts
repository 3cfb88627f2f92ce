/**
 * Proposals for the plan being drafted: writing and editing them (until the
 * first support), withdrawing, browsing with filters, search and a fair
 * random order, and the official response that moves a proposal through
 * its statuses, each step on the public record.
 */
import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, plans, proposalStatusChanges, proposals, themes, threads, users, type ProposalStatus } from "#db/schema.ts";
import { localize, localizeFields } from "#app/content/localize.ts";
import type { Locale } from "#app/i18n/index.ts";
import { windowState } from "#app/windows.ts";
import { spamInput } from "./comments.server.ts";
import { enqueue, hasTimeout, mustHold, spamSignals } from "./moderation.server.ts";
import { follow, notifyStatusChange } from "./notifications.server.ts";
import { consume, LIMITS } from "./rate-limit.server.ts";
import { once } from "./submissions.server.ts";
import { isCursorId } from "#app/forms/ids.ts";

export const PROPOSAL_PAGE = 20;
export const TITLE_MAX = 120;
export const SUMMARY_MAX = 500;

export const PROPOSAL_SORTS = ["willekeurig", "steun", "nieuw", "reacties"] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

/** Statuses that anyone sees in lists; pending ones wait for moderation, withdrawn ones only show when asked for. */
export const LISTED_STATUSES: ProposalStatus[] = ["published", "under_consideration", "adopted", "not_adopted", "merged"];

/** The official response's steps: who may take them is in the permission table (proposal.respond). */
export const TRANSITIONS: Partial<Record<ProposalStatus, ProposalStatus[]>> = {
  published: ["under_consideration"],
  under_consideration: ["adopted", "not_adopted", "merged"],
};

/** The plan being drafted, with its windows as they stand now. */
export async function getDraftingPlan({ locale, db = getDb() }: { locale: Locale; db?: Executor }) {
  const [plan] = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      translations: plans.translations,
      proposalsOpenAt: plans.proposalsOpenAt,
      proposalsCloseAt: plans.proposalsCloseAt,
      supportOpenAt: plans.supportOpenAt,
      supportCloseAt: plans.supportCloseAt,
      supportBudget: plans.supportBudget,
    })
    .from(plans)
    .where(eq(plans.status, "drafting"))
    .orderBy(desc(plans.id))
    .limit(1);
  if (!plan) return null;
  return {
    id: plan.id,
    slug: plan.slug,
    title: localize(plan, "title", locale),
    proposing: windowState(plan.proposalsOpenAt, plan.proposalsCloseAt),
    supporting: windowState(plan.supportOpenAt, plan.supportCloseAt),
    supportBudget: plan.supportBudget,
  };
}

/** A plan's windows as they stand now, for a proposal's page. */
export async function getPlanWindows({ planId, db = getDb() }: { planId: number; db?: Executor }) {
  const [plan] = await db
    .select({ proposalsOpenAt: plans.proposalsOpenAt, proposalsCloseAt: plans.proposalsCloseAt, supportOpenAt: plans.supportOpenAt, supportCloseAt: plans.supportCloseAt })
    .from(plans)
    .where(eq(plans.id, planId));
  return plan
    ? { proposing: windowState(plan.proposalsOpenAt, plan.proposalsCloseAt), supporting: windowState(plan.supportOpenAt, plan.supportCloseAt) }
    : null;
}

/** Themes and current action points to choose from when proposing. */
export async function proposalChoices({ planId, locale, db = getDb() }: { planId: number; locale: Locale; db?: Executor }) {
  const [themeRows, pointRows] = await Promise.all([
    db.select({ id: themes.id, number: themes.number, title: themes.title, translations: themes.translations }).from(themes).where(eq(themes.planId, planId)).orderBy(themes.number),
    db
      .select({ id: actionPoints.id, number: actionPoints.number, title: actionPoints.title, translations: actionPoints.translations })
      .from(actionPoints)
      .innerJoin(plans, eq(plans.id, actionPoints.planId))
      .where(eq(plans.status, "current"))
      .orderBy(actionPoints.number),
  ]);
  return {
    themes: themeRows.map((row) => ({ id: row.id, number: row.number, title: localize(row, "title", locale) })),
    actionPoints: pointRows.map((row) => ({ id: row.id, number: row.number, title: localize(row, "title", locale) })),
  };
}

export type ProposalInput = { themeId: number; actionPointId: number | null; title: string; summary: string; body: unknown; html: string };

/** Checks that the theme belongs to the plan and the action point to the current plan. */
async function checkChoices(db: Executor, planId: number, input: Pick<ProposalInput, "themeId" | "actionPointId">) {
  const [theme] = await db.select({ id: themes.id }).from(themes).where(and(eq(themes.id, input.themeId), eq(themes.planId, planId)));
  if (!theme) return "unknownTheme" as const;
  if (input.actionPointId) {
    const [point] = await db
      .select({ id: actionPoints.id })
      .from(actionPoints)
      .innerJoin(plans, eq(plans.id, actionPoints.planId))
      .where(and(eq(actionPoints.id, input.actionPointId), eq(plans.status, "current")));
    if (!point) return "unknownActionPoint" as const;
  }
  return null;
}

/**
 * Publishes a proposal with its discussion thread and the first line of its
 * history. In the same transaction: a time-out in the chosen theme or the
 * posting limit refuses; pre-moderation keeps it `pending` (its author alone
 * sees it) and queues it; spam signals only queue it. The same form's key
 * again returns the first proposal.
 */
export async function createProposal({
  planId,
  authorId,
  input,
  submissionKey = null,
  db = getDb(),
}: {
  planId: number;
  authorId: number;
  input: ProposalInput;
  submissionKey?: string | null;
  db?: Executor;
}) {
  return db.transaction((tx) => once(tx, { key: submissionKey, userId: authorId, kind: "proposal", subject: `plan:${planId}` }, () => insertProposal(tx, planId, authorId, input)));
}

async function insertProposal(tx: Executor, planId: number, authorId: number, input: ProposalInput) {
  const problem = await checkChoices(tx, planId, input);
  if (problem) return { ok: false as const, reason: problem };
  if (await hasTimeout({ userId: authorId, themeId: input.themeId, db: tx })) return { ok: false as const, reason: "timeout" as const };
  const used = await consume({ limit: LIMITS.proposalPerUser, subject: `user:${authorId}`, db: tx });
  if (!used.allowed) return { ok: false as const, reason: "rateLimited" as const, retryAfter: used.retryAfter, limit: LIMITS.proposalPerUser.max };
  const held = await mustHold({ userId: authorId, themeId: input.themeId, db: tx });
  const spam = await spamSignals({ userId: authorId, ...spamInput(input.html), db: tx });
  const [row] = await tx
    .insert(proposals)
    .values({
      planId,
      authorId,
      themeId: input.themeId,
      actionPointId: input.actionPointId,
      title: input.title,
      summary: input.summary,
      body: input.body,
      bodyHtml: input.html,
      status: held ? "pending" : "published",
    })
    .returning({ id: proposals.id, status: proposals.status });
  await tx.insert(proposalStatusChanges).values({ proposalId: row!.id, fromStatus: null, toStatus: row!.status, actorId: authorId });
  await tx.insert(threads).values({ subjectType: "proposal", subjectId: row!.id, kind: "public", themeId: input.themeId });
  if (held) await enqueue({ type: "proposal", id: row!.id, themeId: input.themeId, reason: "premoderation", db: tx });
  if (spam.score >= 2) await enqueue({ type: "proposal", id: row!.id, themeId: input.themeId, reason: "spam", spamScore: spam.score, spamSignals: spam.signals, db: tx });
  await follow({ userId: authorId, subjectType: "proposal", subjectId: row!.id, db: tx });
  return { ok: true as const, id: row!.id, held };
}

/**
 * Changes a proposal's text, only while nobody supports it yet: the check and
 * the change are one statement, so a support arriving at the same moment
 * either comes first (and the edit is refused) or after.
 */
export async function updateProposal({ proposalId, authorId, input, db = getDb() }: { proposalId: number; authorId: number; input: ProposalInput; db?: Executor }) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ planId: proposals.planId }).from(proposals).where(eq(proposals.id, proposalId));
    if (!current) return { ok: false as const, reason: "notFound" as const };
    const problem = await checkChoices(tx, current.planId, input);
    if (problem) return { ok: false as const, reason: problem };
    const [row] = await tx
      .update(proposals)
      .set({ themeId: input.themeId, actionPointId: input.actionPointId, title: input.title, summary: input.summary, body: input.body, bodyHtml: input.html, updatedAt: new Date() })
      .where(and(eq(proposals.id, proposalId), eq(proposals.authorId, authorId), eq(proposals.supportCount, 0), inArray(proposals.status, ["pending", "published"])))
      .returning({ id: proposals.id });
    if (!row) return { ok: false as const, reason: "locked" as const };
    await tx.update(threads).set({ themeId: input.themeId }).where(and(eq(threads.subjectType, "proposal"), eq(threads.subjectId, proposalId)));
    return { ok: true as const };
  });
}

export type StatusChange = {
  proposalId: number;
  actorId: number;
  to: ProposalStatus;
  explanation: string;
  mergedIntoId?: number | null;
  /** The response form's one-time key: the same form again returns the first answer. */
  submissionKey?: string | null;
};

/**
 * Moves a proposal to a new status with a public explanation, when that step
 * is allowed from where it is now. Withdrawing and merging give the
 * supporters their budget back (`release`, from supports.server.ts).
 */
export async function changeStatus(
  { proposalId, actorId, to, explanation, mergedIntoId = null, submissionKey = null }: StatusChange,
  release: (args: { proposalId: number; db: Executor }) => Promise<unknown>,
  db: Executor = getDb(),
) {
  const submission = { key: submissionKey, userId: actorId, kind: "proposalResponse", subject: `proposal:${proposalId}` } as const;
  return db.transaction((tx) =>
    once(tx, submission, async () => {
      const [current] = await tx.select({ status: proposals.status, planId: proposals.planId }).from(proposals).where(eq(proposals.id, proposalId)).for("update");
      if (!current) return { ok: false as const, reason: "notFound" as const };
      const allowed = to === "withdrawn" ? ["pending", "published", "under_consideration"].includes(current.status) : (TRANSITIONS[current.status] ?? []).includes(to);
      if (!allowed) return { ok: false as const, reason: "notAllowed" as const };
      if (to === "merged") {
        const [target] = mergedIntoId
          ? await tx
              .select({ id: proposals.id })
              .from(proposals)
              .where(and(eq(proposals.id, mergedIntoId), ne(proposals.id, proposalId), eq(proposals.planId, current.planId), inArray(proposals.status, ["published", "under_consideration", "adopted"])))
          : [];
        if (!target) return { ok: false as const, reason: "badMergeTarget" as const };
      }
      await tx
        .update(proposals)
        .set({ status: to, response: to === "withdrawn" ? undefined : explanation, mergedIntoId: to === "merged" ? mergedIntoId : null, updatedAt: new Date() })
        .where(eq(proposals.id, proposalId));
      await tx.insert(proposalStatusChanges).values({ proposalId, fromStatus: current.status, toStatus: to, explanation, actorId });
      if (to === "withdrawn" || to === "merged") await release({ proposalId, db: tx });
      await notifyStatusChange({ proposalId, db: tx });
      return { ok: true as const };
    }),
  );
}

// -- reading -------------------------------------------------------------------

type ListFilters = { planId: number; themeId?: number | null; status?: ProposalStatus | null; query?: string | null; sort: ProposalSort; seed: string; after?: string | null; viewerId?: number | null };

/** Words of a search, each required, matched in title or summary. */
function searchCondition(query: string | null | undefined): SQL | undefined {
  const words = (query ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) => {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return or(ilike(proposals.title, pattern), ilike(proposals.summary, pattern));
    }),
  );
}

const sortKey: Record<ProposalSort, (seed: string) => SQL> = {
  willekeurig: (seed) => sql`md5(${proposals.id}::text || ${seed})`,
  steun: () => sql`lpad(${proposals.supportCount}::text, 10, '0')`,
  nieuw: () => sql`to_char(${proposals.createdAt} at time zone 'UTC', 'YYYYMMDDHH24MISSUS')`,
  reacties: () => sql`lpad(${proposals.commentCount}::text, 10, '0')`,
};

/** Sorts on a counter: ordered by the column itself, so `proposals_plan_support` (plan, support_count, id) serves "steun". */
const counterColumn: Partial<Record<ProposalSort, SQL>> = { steun: sql`${proposals.supportCount}`, reacties: sql`${proposals.commentCount}` };

/**
 * A page of proposals: keyset-paginated on (sort key, id), so every page costs
 * one query. "willekeurig" orders by a hash of the id and the visitor's seed:
 * stable for that visitor, different between visitors, so early proposals
 * do not win by position.
 */
export async function listProposals({ planId, themeId, status, query, sort, seed, after, locale, db = getDb() }: ListFilters & { locale: Locale; db?: Executor }) {
  const key = sortKey[sort](seed);
  const ascending = sort === "willekeurig";
  let cursor: { k: string; id: number } | null = null;
  if (after) {
    try {
      const parsed = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as { k?: unknown; id?: unknown };
      // Every sort key is lower-case hex or digits (see sortKey); anything else, or an id beyond integer, is a crafted cursor.
      if (typeof parsed.k === "string" && /^[0-9a-f]{1,40}$/.test(parsed.k) && isCursorId(parsed.id)) cursor = { k: parsed.k, id: parsed.id };
    } catch {
      cursor = null;
    }
    if (!cursor) return null;
  }
  const counter = counterColumn[sort];
  if (cursor && counter && !/^\d{1,10}$/.test(cursor.k)) return null;
  const order = counter ?? key;
  const position = cursor ? (counter ? sql`${Number(cursor.k)}::int` : sql`${cursor.k}`) : undefined;
  const statusCondition = status ? eq(proposals.status, status) : inArray(proposals.status, LISTED_STATUSES);
  const cursorCondition = cursor ? (ascending ? sql`(${order}, ${proposals.id}) > (${position}, ${cursor.id})` : sql`(${order}, ${proposals.id}) < (${position}, ${cursor.id})`) : undefined;
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      summary: proposals.summary,
      status: proposals.status,
      supportCount: proposals.supportCount,
      commentCount: proposals.commentCount,
      createdAt: proposals.createdAt,
      authorName: users.displayName,
      themeNumber: themes.number,
      themeTitle: themes.title,
      themeTranslations: themes.translations,
      sortKey: sql<string>`${key}`,
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.authorId))
    .innerJoin(themes, eq(themes.id, proposals.themeId))
    .where(and(eq(proposals.planId, planId), statusCondition, isNull(proposals.hiddenAt), themeId ? eq(proposals.themeId, themeId) : undefined, searchCondition(query), cursorCondition))
    .orderBy(ascending ? asc(order) : desc(order), ascending ? asc(proposals.id) : desc(proposals.id))
    .limit(PROPOSAL_PAGE + 1);
  const page = rows.slice(0, PROPOSAL_PAGE);
  const last = page.at(-1);
  return {
    proposals: page.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      status: row.status,
      supportCount: row.supportCount,
      commentCount: row.commentCount,
      createdAt: row.createdAt.toISOString(),
      authorName: row.authorName,
      theme: { number: row.themeNumber, title: localize({ title: row.themeTitle, translations: row.themeTranslations }, "title", locale) },
    })),
    next: rows.length > PROPOSAL_PAGE && last ? Buffer.from(JSON.stringify({ k: last.sortKey, id: last.id })).toString("base64url") : null,
  };
}

/**
 * What the actions on a proposal's page need to decide (author, status,
 * theme, supports, the plan's support window), in one query: a support
 * posted does not load the whole page's proposal first.
 */
export async function getProposalRef({ proposalId, db = getDb() }: { proposalId: number; db?: Executor }) {
  const [row] = await db
    .select({
      id: proposals.id,
      planId: proposals.planId,
      themeId: proposals.themeId,
      themeNumber: themes.number,
      authorId: proposals.authorId,
      status: proposals.status,
      supportCount: proposals.supportCount,
      supportOpenAt: plans.supportOpenAt,
      supportCloseAt: plans.supportCloseAt,
    })
    .from(proposals)
    .innerJoin(themes, eq(themes.id, proposals.themeId))
    .innerJoin(plans, eq(plans.id, proposals.planId))
    .where(eq(proposals.id, proposalId));
  if (!row) return null;
  const { supportOpenAt, supportCloseAt, ...ref } = row;
  return { ...ref, supporting: windowState(supportOpenAt, supportCloseAt) };
}

/** One proposal with everything its page shows except the discussion and supports. */
export async function getProposal({ proposalId, locale, db = getDb() }: { proposalId: number; locale: Locale; db?: Executor }) {
  const mergedInto = alias(proposals, "merged_into");
  const [row] = await db
    .select({
      id: proposals.id,
      planId: proposals.planId,
      themeId: proposals.themeId,
      actionPointId: proposals.actionPointId,
      authorId: proposals.authorId,
      authorName: users.displayName,
      title: proposals.title,
      summary: proposals.summary,
      body: proposals.body,
      bodyHtml: proposals.bodyHtml,
      status: proposals.status,
      response: proposals.response,
      supportCount: proposals.supportCount,
      createdAt: proposals.createdAt,
      updatedAt: proposals.updatedAt,
      theme: { number: themes.number, title: themes.title, translations: themes.translations },
      actionPoint: { slug: actionPoints.slug, number: actionPoints.number, title: actionPoints.title, translations: actionPoints.translations },
      mergedInto: { id: mergedInto.id, title: mergedInto.title },
      hiddenAt: proposals.hiddenAt,
      hiddenReason: proposals.hiddenReason,
      hiddenNote: proposals.hiddenNote,
      proposalsOpenAt: plans.proposalsOpenAt,
      proposalsCloseAt: plans.proposalsCloseAt,
      supportOpenAt: plans.supportOpenAt,
      supportCloseAt: plans.supportCloseAt,
      // Its status history and the proposals merged into it, as JSON columns of the same query.
      history: sql<{ from: ProposalStatus | null; to: ProposalStatus; explanation: string | null; at: string }[]>`coalesce((
        select json_agg(json_build_object('from', h.from_status, 'to', h.to_status, 'explanation', h.explanation,
          'at', to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by h.id)
        from proposal_status_changes h where h.proposal_id = ${proposalId}), '[]'::json)`,
      mergedHere: sql<{ id: number; title: string }[]>`coalesce((
        select json_agg(json_build_object('id', m.id, 'title', m.title) order by m.id)
        from proposals m where m.merged_into_id = ${proposalId} and m.status = 'merged'), '[]'::json)`,
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.authorId))
    .innerJoin(themes, eq(themes.id, proposals.themeId))
    .innerJoin(plans, eq(plans.id, proposals.planId))
    .leftJoin(actionPoints, eq(actionPoints.id, proposals.actionPointId))
    .leftJoin(mergedInto, eq(mergedInto.id, proposals.mergedIntoId))
    .where(eq(proposals.id, proposalId));
  if (!row) return null;
  const { proposalsOpenAt, proposalsCloseAt, supportOpenAt, supportCloseAt, ...rest } = row;
  return {
    ...rest,
    /** The plan's consultation windows, as getPlanWindows gives them. */
    windows: { proposing: windowState(proposalsOpenAt, proposalsCloseAt), supporting: windowState(supportOpenAt, supportCloseAt) },
    hiddenAt: row.hiddenAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    theme: { number: row.theme.number, ...localizeFields(row.theme, ["title"], locale) },
    actionPoint: row.actionPoint?.slug ? { slug: row.actionPoint.slug, number: row.actionPoint.number, title: localize({ title: row.actionPoint.title, translations: row.actionPoint.translations! }, "title", locale) } : null,
    mergedInto: row.mergedInto?.id ? row.mergedInto : null,
    history: row.history,
    mergedHere: row.mergedHere,
  };
}

/** Proposals of the same plan a proposal can be merged into. */
export async function mergeCandidates({ proposalId, planId, db = getDb() }: { proposalId: number; planId: number; db?: Executor }) {
  return db
    .select({ id: proposals.id, title: proposals.title })
    .from(proposals)
    .where(and(eq(proposals.planId, planId), ne(proposals.id, proposalId), inArray(proposals.status, ["published", "under_consideration", "adopted"])))
    .orderBy(desc(proposals.supportCount), asc(proposals.id))
    .limit(200);
}

/** What a person proposed, for their data export. */
export async function listProposalsByAuthor({ userId, db = getDb() }: { userId: number; db?: Executor }) {
  return db.select({ id: proposals.id, title: proposals.title, summary: proposals.summary, status: proposals.status, createdAt: proposals.createdAt }).from(proposals).where(eq(proposals.authorId, userId)).orderBy(asc(proposals.id));
}
