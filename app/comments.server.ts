/**
 * Discussions: threads on a subject (an action point's public and forum
 * discussion, a proposal's discussion) and their comments. A page of
 * top-level comments with their first replies is one SQL query, whatever the
 * size of the thread. Counters change in the same transaction as the rows
 * they count.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor, rowsOf } from "#db/client.ts";
import { actionPoints, commentLikes, commentRevisions, comments, proposals, themes, threads, type CommentStatus } from "#db/schema.ts";
import { activeTimeout, enqueue, holdUnder, spamSignals } from "./moderation.server.ts";
import { notifyNewComment } from "./notifications.server.ts";
import type { Target } from "./permissions.server.ts";
import { consume, LIMITS } from "./rate-limit.server.ts";
import { once, type KeyReused } from "./submissions.server.ts";
import { isCursorId, isCursorInstant, MAX_ID } from "#app/forms/ids.ts";

export const PAGE_SIZE = 20;
/** Replies shown under a top-level comment before "show N more". */
export const REPLIES_SHOWN = 3;
export const MAX_DEPTH = 3;

export const SORTS = ["oud", "nieuw", "waardering"] as const;
export type Sort = (typeof SORTS)[number];

export type ThreadKind = "public" | "forum";
export type SubjectType = "action_point" | "proposal";

// -- threads ---------------------------------------------------------------------

export type ThreadInfo = {
  id: number;
  kind: ThreadKind;
  themeId: number;
  subjectType: SubjectType;
  subjectId: number;
  commentCount: number;
  locked: boolean;
  lockedReason: string | null;
  /** Published comments per paragraph anchor of the subject's text. */
  paragraphCounts: Record<string, number>;
};

/**
 * The threads of a subject, with their comment counts per paragraph, in one
 * query. Without `paragraphCounts` (posting a comment needs only the thread)
 * the counts are left empty rather than counted over the thread's comments.
 */
export async function getThreads({
  subjectType,
  subjectId,
  paragraphCounts = true,
  db = getDb(),
}: {
  subjectType: SubjectType;
  subjectId: number;
  paragraphCounts?: boolean;
  db?: Executor;
}): Promise<ThreadInfo[]> {
  const rows = await db
    .select({
      id: threads.id,
      kind: threads.kind,
      themeId: threads.themeId,
      subjectType: threads.subjectType,
      subjectId: threads.subjectId,
      commentCount: threads.commentCount,
      lockedAt: threads.lockedAt,
      lockedReason: threads.lockedReason,
      // Written out with table names: Drizzle leaves columns unqualified in a one-table select.
      paragraphCounts: paragraphCounts
        ? sql<Record<string, number>>`coalesce((
        select json_object_agg(anchor, n) from (
          select c.paragraph_anchor as anchor, count(*)::int as n from comments c
          where c.thread_id = threads.id and c.paragraph_anchor is not null and c.status = 'published'
          group by 1) counts), '{}'::json)`
        : sql<Record<string, number>>`'{}'::json`,
    })
    .from(threads)
    .where(and(eq(threads.subjectType, subjectType), eq(threads.subjectId, subjectId)))
    .orderBy(threads.kind);
  return rows.map(({ lockedAt, ...row }) => ({ ...row, locked: lockedAt !== null }));
}

/** The permission target for writing in a thread. */
export function threadTarget(thread: Pick<ThreadInfo, "kind" | "themeId" | "subjectType" | "subjectId" | "locked">): Target {
  return {
    kind: "thread",
    threadKind: thread.kind,
    themeId: thread.themeId,
    actionPointId: thread.subjectType === "action_point" ? thread.subjectId : null,
    locked: thread.locked,
  };
}

// -- reading a page ------------------------------------------------------------

/** Where a page starts: after a comment (keyset cursor), or at a given top-level comment (permalinks). */
export type PageStart = { after: string } | { from: number } | null;

// What encodeCursor writes, and nothing a query would choke on: an instant PostgreSQL reads, a count and an id within integer.
const cursorSchema = z.object({
  v: z.union([z.string().max(40).refine(isCursorInstant), z.number().int().min(0).max(MAX_ID)]),
  id: z.number().refine(isCursorId),
});

export function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify({ v: value, id })).toString("base64url");
}

/** A cursor from the URL; null when it is not one we made. */
export function decodeCursor(raw: string): { v: string | number; id: number } | null {
  if (raw.length > 200) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export type CommentView = {
  id: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  status: CommentStatus;
  /** Null when the comment is not shown (deleted, hidden, or someone else's pending one). */
  html: string | null;
  official: boolean;
  author: { id: number; name: string | null; organisation: string | null };
  replyTo: { id: number; name: string | null } | null;
  paragraph: { anchor: string; quote: string | null } | null;
  likeCount: number;
  likedByViewer: boolean;
  replyCount: number;
  createdAt: string;
  editedAt: string | null;
  /** For a comment hidden by moderation: when, why (a reason code) and the moderator's public note. */
  hidden: { at: string; reason: string | null; note: string | null } | null;
  /** The latest moderation decision on this comment (0 for none), so moderating in place cannot overrule a newer one unseen. */
  lastDecisionId: number;
};

export type ThreadPage = {
  comments: (CommentView & { replies: CommentView[]; hiddenReplies: number })[];
  nextCursor: string | null;
};

type Row = {
  id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  status: CommentStatus;
  body_html: string;
  official: boolean;
  author_id: number;
  author_name: string | null;
  organisation: string | null;
  reply_to_id: number | null;
  reply_to_name: string | null;
  paragraph_anchor: string | null;
  paragraph_quote: string | null;
  like_count: number;
  liked: boolean;
  reply_count: number;
  created_at: string;
  edited_at: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_note: string | null;
  last_decision_id: number;
  is_top: boolean;
  position: number;
};

/**
 * One page of a thread: up to PAGE_SIZE top-level comments in the chosen
 * order, each with its first REPLIES_SHOWN replies (all of them for the
 * comment a permalink points into), in a single query.
 */
export async function getThreadPage({
  threadId,
  sort = "oud",
  start = null,
  paragraph = null,
  viewerId = null,
  expandRootId = null,
  db = getDb(),
}: {
  threadId: number;
  sort?: Sort;
  start?: PageStart;
  paragraph?: string | null;
  viewerId?: number | null;
  expandRootId?: number | null;
  db?: Executor;
}): Promise<ThreadPage> {
  const viewer = viewerId ?? 0;
  const order =
    sort === "oud"
      ? sql`c.created_at asc, c.id asc`
      : sort === "nieuw"
        ? sql`c.created_at desc, c.id desc`
        : sql`c.like_count desc, c.id desc`;
  let startCondition = sql`true`;
  if (start && "after" in start) {
    const cursor = decodeCursor(start.after);
    if (cursor) {
      if (sort === "waardering") startCondition = sql`(c.like_count, c.id) < (${Number(cursor.v)}, ${cursor.id})`;
      else if (sort === "oud") startCondition = sql`(c.created_at, c.id) > (${String(cursor.v)}::timestamptz, ${cursor.id})`;
      else startCondition = sql`(c.created_at, c.id) < (${String(cursor.v)}::timestamptz, ${cursor.id})`;
    }
  } else if (start && "from" in start) {
    // A permalink: the page starts at this top-level comment (oldest first).
    startCondition = sql`(c.created_at, c.id) >= (select created_at, id from comments where id = ${start.from} and thread_id = ${threadId})`;
  }
  const rows = rowsOf<Row>(await db.execute<Row>(sql`
    with page as (
      select c.id, row_number() over (order by ${order}) as position
      from comments c
      where c.thread_id = ${threadId} and c.parent_id is null
        and (c.status <> 'pending' or c.author_id = ${viewer})
        and (${paragraph}::text is null or c.paragraph_anchor = ${paragraph})
        and ${startCondition}
      order by ${order}
      limit ${PAGE_SIZE + 1}
    ), replies as (
      select r.id, row_number() over (partition by r.root_id order by r.created_at, r.id) as position
      from comments r
      where r.root_id in (select id from page where position <= ${PAGE_SIZE})
        and (r.status <> 'pending' or r.author_id = ${viewer})
    ), chosen as (
      select id, position, true as is_top from page
      union all
      select replies.id, replies.position, false from replies
      join comments x on x.id = replies.id
      where replies.position <= ${REPLIES_SHOWN} or x.root_id = ${expandRootId ?? 0}
    )
    select c.id, c.parent_id, c.root_id, c.depth, c.status, c.body_html, c.official,
      c.author_id, u.display_name as author_name,
      (select g.organisation from role_grants g
        where g.user_id = c.author_id and g.role = 'forum_member' and g.revoked_at is null
        order by g.id limit 1) as organisation,
      c.reply_to_id, rt.display_name as reply_to_name,
      c.paragraph_anchor, c.paragraph_quote, c.like_count,
      (l.user_id is not null) as liked, c.reply_count,
      to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
      to_char(c.edited_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as edited_at,
      to_char(c.hidden_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as hidden_at, c.hidden_reason, c.hidden_note,
      (select coalesce(max(ma.id), 0)::int from moderation_actions ma where ma.target_type = 'comment' and ma.target_id = c.id) as last_decision_id,
      chosen.is_top, chosen.position::int as position
    from chosen
    join comments c on c.id = chosen.id
    join users u on u.id = c.author_id
    left join comments rc on rc.id = c.reply_to_id
    left join users rt on rt.id = rc.author_id
    left join comment_likes l on l.comment_id = c.id and l.user_id = ${viewer}
  `));

  const list = Array.from(rows as Iterable<Row>);
  const tops = list.filter((row) => row.is_top).sort((a, b) => a.position - b.position);
  const hasMore = tops.length > PAGE_SIZE;
  const shown = tops.slice(0, PAGE_SIZE);
  const repliesByRoot = new Map<number, Row[]>();
  for (const row of list) {
    if (row.is_top || row.root_id === null) continue;
    const bucket = repliesByRoot.get(row.root_id) ?? [];
    bucket.push(row);
    repliesByRoot.set(row.root_id, bucket);
  }
  const last = shown.at(-1);
  return {
    comments: shown.map((row) => {
      const replies = (repliesByRoot.get(row.id) ?? []).sort((a, b) => a.position - b.position).map((reply) => toView(reply, viewer));
      return { ...toView(row, viewer), replies, hiddenReplies: Math.max(0, row.reply_count - replies.filter((r) => r.status === "published").length) };
    }),
    nextCursor: hasMore && last ? encodeCursor(sort === "waardering" ? last.like_count : last.created_at, last.id) : null,
  };
}

function toView(row: Row, viewer: number): CommentView {
  const visible = row.status === "published" || (row.status === "pending" && row.author_id === viewer);
  return {
    id: row.id,
    parentId: row.parent_id,
    rootId: row.root_id,
    depth: row.depth,
    status: row.status,
    html: visible ? row.body_html : null,
    official: row.official,
    author: { id: row.author_id, name: row.author_name, organisation: row.organisation },
    replyTo: row.reply_to_id ? { id: row.reply_to_id, name: row.reply_to_name } : null,
    paragraph: row.paragraph_anchor ? { anchor: row.paragraph_anchor, quote: row.paragraph_quote } : null,
    likeCount: row.like_count,
    likedByViewer: row.liked,
    replyCount: row.reply_count,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    hidden: row.status === "hidden" && row.hidden_at ? { at: row.hidden_at, reason: row.hidden_reason, note: row.hidden_note } : null,
    lastDecisionId: row.last_decision_id,
  };
}

// -- one comment ---------------------------------------------------------------

export type CommentContext = {
  id: number;
  threadId: number;
  rootId: number | null;
  parentId: number | null;
  depth: number;
  authorId: number;
  status: CommentStatus;
  themeId: number;
  thread: { kind: ThreadKind; subjectType: SubjectType; subjectId: number; locked: boolean };
  subjectSlug: string | null;
};

/** A comment with its thread and subject: what permissions and permalinks need. */
export async function getCommentContext({ commentId, db = getDb() }: { commentId: number; db?: Executor }): Promise<CommentContext | null> {
  const [row] = await db
    .select({
      id: comments.id,
      threadId: comments.threadId,
      rootId: comments.rootId,
      parentId: comments.parentId,
      depth: comments.depth,
      authorId: comments.authorId,
      status: comments.status,
      themeId: comments.themeId,
      kind: threads.kind,
      subjectType: threads.subjectType,
      subjectId: threads.subjectId,
      lockedAt: threads.lockedAt,
      subjectSlug: actionPoints.slug,
    })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .leftJoin(actionPoints, and(eq(threads.subjectType, "action_point"), eq(actionPoints.id, threads.subjectId)))
    .where(eq(comments.id, commentId));
  if (!row) return null;
  return {
    id: row.id,
    threadId: row.threadId,
    rootId: row.rootId,
    parentId: row.parentId,
    depth: row.depth,
    authorId: row.authorId,
    status: row.status,
    themeId: row.themeId,
    thread: { kind: row.kind, subjectType: row.subjectType, subjectId: row.subjectId, locked: row.lockedAt !== null },
    subjectSlug: row.subjectSlug,
  };
}

export function commentTarget(comment: Pick<CommentContext, "authorId" | "status" | "themeId" | "thread">): Target {
  return {
    kind: "comment",
    authorId: comment.authorId,
    status: comment.status,
    themeId: comment.themeId,
    actionPointId: comment.thread.subjectType === "action_point" ? comment.thread.subjectId : null,
    threadLocked: comment.thread.locked,
  };
}

/** The current text of a comment, for its author's edit form. */
export async function getCommentBody({ commentId, db = getDb() }: { commentId: number; db?: Executor }) {
  const [row] = await db.select({ body: comments.body }).from(comments).where(eq(comments.id, commentId));
  return row?.body ?? null;
}

// -- writing ---------------------------------------------------------------------

export type NewComment = {
  threadId: number;
  authorId: number;
  body: unknown;
  html: string;
  parentId?: number | null;
  official?: boolean;
  paragraph?: { anchor: string; quote: string } | null;
  /** The form's one-time key (app/submissions.server.ts): the same key again returns the first comment. */
  submissionKey?: string | null;
};

export type CreateResult =
  | { ok: true; id: number; rootId: number | null; held: boolean }
  | { ok: false; reason: "unknownThread" | "locked" | "parentGone" | "timeout" }
  /** The posting limit: when the person may post again, and how many comments its window allows. */
  | { ok: false; reason: "rateLimited"; retryAfter: number; limit: number }
  | KeyReused;

/** What the spam signals look at in rendered HTML: the text as the database compares it, and the links. */
export function spamInput(html: string) {
  return { text: html.replace(/<[^>]+>/g, ""), linkCount: (html.match(/<a\s/g) ?? []).length };
}

/**
 * Adds a comment or a reply. A reply's parent must be a visible comment of
 * the same thread; a reply to a third-level comment becomes its sibling, with
 * `replyToId` saying whom it answers. Thread and reply counters change in the
 * same transaction. Moderation is part of the same transaction: a time-out in
 * the thread's theme refuses, the posting limit refuses, pre-moderation holds
 * the comment as `pending` (not counted) and queues it, and spam signals only
 * queue it. The form's key is claimed first, in the same transaction.
 */
export async function createComment(input: NewComment, db: Executor = getDb()): Promise<CreateResult> {
  const subject = `thread:${input.threadId}${input.parentId ? `/parent:${input.parentId}` : ""}`;
  return db.transaction((tx) => once(tx, { key: input.submissionKey, userId: input.authorId, kind: "comment", subject }, () => insertComment(tx, input)));
}

async function insertComment(tx: Executor, input: NewComment): Promise<CreateResult> {
  // The thread, with the author's time-out and the theme's pre-moderation setting in the same query.
  const [thread] = await tx
    .select({
      id: threads.id,
      themeId: threads.themeId,
      lockedAt: threads.lockedAt,
      subjectType: threads.subjectType,
      subjectId: threads.subjectId,
      timedOut: activeTimeout(input.authorId, threads.themeId),
      premoderation: themes.premoderation,
      premoderationCount: themes.premoderationCount,
    })
    .from(threads)
    .leftJoin(themes, eq(themes.id, threads.themeId))
    .where(eq(threads.id, input.threadId));
  if (!thread) return { ok: false, reason: "unknownThread" } as const;
  if (thread.lockedAt) return { ok: false, reason: "locked" } as const;
  if (thread.timedOut) return { ok: false, reason: "timeout" } as const;

  let parentId: number | null = null;
  let rootId: number | null = null;
  let replyToId: number | null = null;
  let depth = 1;
  if (input.parentId) {
    // Locks the parent row, so it cannot be deleted or hidden while the reply is being added.
    const [parent] = await tx
      .select({ id: comments.id, threadId: comments.threadId, rootId: comments.rootId, parentId: comments.parentId, depth: comments.depth, status: comments.status })
      .from(comments)
      .where(eq(comments.id, input.parentId))
      .for("update");
    if (!parent || parent.threadId !== thread.id || parent.status !== "published") return { ok: false, reason: "parentGone" } as const;
    rootId = parent.rootId ?? parent.id;
    if (parent.depth >= MAX_DEPTH) {
      parentId = parent.parentId;
      replyToId = parent.id;
      depth = MAX_DEPTH;
    } else {
      parentId = parent.id;
      depth = parent.depth + 1;
    }
  }

  // Counted last, so a refusal for another reason does not use up the person's limit.
  const used = await consume({ limit: LIMITS.commentPerUser, subject: `user:${input.authorId}`, db: tx });
  if (!used.allowed) return { ok: false, reason: "rateLimited", retryAfter: used.retryAfter, limit: LIMITS.commentPerUser.max } as const;
  const held = await holdUnder({ userId: input.authorId, mode: thread.premoderation, count: thread.premoderationCount ?? 0, db: tx });
  // Before the insert, so the new comment is not its own "same text again".
  const spam = await spamSignals({ userId: input.authorId, ...spamInput(input.html), db: tx });

  const [row] = await tx
    .insert(comments)
    .values({
      threadId: thread.id,
      parentId,
      rootId,
      replyToId,
      depth,
      authorId: input.authorId,
      body: input.body,
      bodyHtml: input.html,
      official: input.official ?? false,
      themeId: thread.themeId,
      paragraphAnchor: input.paragraph?.anchor ?? null,
      paragraphQuote: input.paragraph?.quote ?? null,
      status: held ? "pending" : "published",
    })
    .returning({ id: comments.id, status: comments.status });
  if (held) await enqueue({ type: "comment", id: row!.id, themeId: thread.themeId, reason: "premoderation", db: tx });
  if (spam.score >= 2) await enqueue({ type: "comment", id: row!.id, themeId: thread.themeId, reason: "spam", spamScore: spam.score, spamSignals: spam.signals, db: tx });
  // The author follows the subject; the followers' notifications are a job for the worker (notify-comment).
  await notifyNewComment({
    commentId: row!.id,
    db: tx,
    known: { authorId: input.authorId, subjectType: thread.subjectType, subjectId: thread.subjectId, published: row!.status === "published" },
  });
  // The counters last: every comment in a thread updates the same thread row, and its lock is held until commit.
  if (row!.status === "published") {
    await tx.update(threads).set({ commentCount: sql`${threads.commentCount} + 1` }).where(eq(threads.id, thread.id));
    if (rootId) await tx.update(comments).set({ replyCount: sql`${comments.replyCount} + 1` }).where(eq(comments.id, rootId));
    if (thread.subjectType === "proposal") await tx.update(proposals).set({ commentCount: sql`${proposals.commentCount} + 1` }).where(eq(proposals.id, thread.subjectId));
  }
  return { ok: true, id: row!.id, rootId, held } as const;
}

/** Likes a comment once; liking again changes nothing. Returns the new count. */
export async function likeComment({ commentId, userId, db = getDb() }: { commentId: number; userId: number; db?: Executor }): Promise<number> {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(commentLikes).values({ commentId, userId }).onConflictDoNothing().returning({ commentId: commentLikes.commentId });
    const [row] = inserted.length
      ? await tx.update(comments).set({ likeCount: sql`${comments.likeCount} + 1` }).where(eq(comments.id, commentId)).returning({ likeCount: comments.likeCount })
      : await tx.select({ likeCount: comments.likeCount }).from(comments).where(eq(comments.id, commentId));
    return row?.likeCount ?? 0;
  });
}

/** Takes a like back; without a like this changes nothing. Returns the new count. */
export async function unlikeComment({ commentId, userId, db = getDb() }: { commentId: number; userId: number; db?: Executor }): Promise<number> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(commentLikes)
      .where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, userId)))
      .returning({ commentId: commentLikes.commentId });
    const [row] = deleted.length
      ? await tx.update(comments).set({ likeCount: sql`${comments.likeCount} - 1` }).where(eq(comments.id, commentId)).returning({ likeCount: comments.likeCount })
      : await tx.select({ likeCount: comments.likeCount }).from(comments).where(eq(comments.id, commentId));
    return row?.likeCount ?? 0;
  });
}

/** A comment's earlier versions, newest first, as the renderer stored them (for moderators). */
export async function commentRevisionsOf({ commentId, db = getDb() }: { commentId: number; db?: Executor }) {
  const rows = await db
    .select({ id: commentRevisions.id, html: commentRevisions.bodyHtml, replacedAt: commentRevisions.replacedAt })
    .from(commentRevisions)
    .where(eq(commentRevisions.commentId, commentId))
    .orderBy(desc(commentRevisions.replacedAt), desc(commentRevisions.id));
  return rows.map((row) => ({ ...row, replacedAt: row.replacedAt.toISOString() }));
}

/** Replaces a comment's text, keeping the earlier version for moderators. */
export async function editComment({ commentId, body, html, db = getDb() }: { commentId: number; body: unknown; html: string; db?: Executor }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ body: comments.body, bodyHtml: comments.bodyHtml, status: comments.status })
      .from(comments)
      .where(eq(comments.id, commentId))
      .for("update");
    if (!current || (current.status !== "published" && current.status !== "pending")) return false;
    await tx.insert(commentRevisions).values({ commentId, body: current.body, bodyHtml: current.bodyHtml });
    await tx.update(comments).set({ body, bodyHtml: html, editedAt: new Date(), updatedAt: new Date() }).where(eq(comments.id, commentId));
    return true;
  });
}

const EMPTY_DOC = { type: "doc", content: [] };

/**
 * Deletes a comment at its author's request: the text and its earlier
 * versions are erased, a placeholder stays so replies keep their place.
 */
export async function deleteComment({ commentId, db = getDb() }: { commentId: number; db?: Executor }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: comments.status, threadId: comments.threadId, rootId: comments.rootId })
      .from(comments)
      .where(eq(comments.id, commentId))
      .for("update");
    if (!current || current.status === "deleted") return false;
    await tx.delete(commentRevisions).where(eq(commentRevisions.commentId, commentId));
    await tx
      .update(comments)
      .set({ status: "deleted", body: EMPTY_DOC, bodyHtml: "", paragraphQuote: null, deletedAt: new Date(), updatedAt: new Date() })
      .where(eq(comments.id, commentId));
    if (current.status === "published") {
      const [thread] = await tx
        .update(threads)
        .set({ commentCount: sql`${threads.commentCount} - 1` })
        .where(eq(threads.id, current.threadId))
        .returning({ subjectType: threads.subjectType, subjectId: threads.subjectId });
      if (current.rootId) await tx.update(comments).set({ replyCount: sql`${comments.replyCount} - 1` }).where(eq(comments.id, current.rootId));
      if (thread?.subjectType === "proposal") await tx.update(proposals).set({ commentCount: sql`${proposals.commentCount} - 1` }).where(eq(proposals.id, thread.subjectId));
    }
    return true;
  });
}

/** What a person wrote, for their data export. */
export async function listCommentsByAuthor({ userId, db = getDb() }: { userId: number; db?: Executor }) {
  return db
    .select({ id: comments.id, threadId: comments.threadId, parentId: comments.parentId, status: comments.status, body: comments.body, createdAt: comments.createdAt, editedAt: comments.editedAt })
    .from(comments)
    .where(eq(comments.authorId, userId))
    .orderBy(comments.id);
}

