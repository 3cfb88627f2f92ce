/**
 * Moderation: what is held or reported waits in a queue per theme; a
 * moderator claims an item and decides. Every decision changes the item and
 * writes one row to the public, append-only record in the same transaction.
 * Hidden items leave a placeholder; their text stays for moderators only.
 */
import { and, asc, eq, gt, inArray, isNull, lt, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Transaction, rowsOf } from "#db/client.ts";
import { once, type KeyReused } from "./submissions.server.ts";
import { comments, flags, moderationActions, moderationQueue, proposals, themes, themeTimeouts, threads, users } from "#db/schema.ts";

export type TargetType = "comment" | "proposal";
export type QueueReason = "premoderation" | "reports" | "spam" | "appeal";
export const FLAG_REASONS = ["spam", "offensive", "off_topic", "personal_data", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
/** Reason codes for hiding, shown in the placeholder and the public record. */
export const HIDE_REASONS = ["spam", "offensive", "off_topic", "personal_data", "illegal", "other"] as const;
export type HideReason = (typeof HIDE_REASONS)[number];
export const CLAIM_MINUTES = 10;

/** What moderation needs to know about an item: its theme, author and visibility. */
export type ItemState = { type: TargetType; id: number; themeId: number; authorId: number; visible: "published" | "pending" | "hidden" | "deleted" | "other"; threadId: number | null };

export async function getItem({ type, id, db = getDb(), lock = false }: { type: TargetType; id: number; db?: Executor; lock?: boolean }): Promise<ItemState | null> {
  if (type === "comment") {
    const query = db.select({ themeId: comments.themeId, authorId: comments.authorId, status: comments.status, threadId: comments.threadId }).from(comments).where(eq(comments.id, id));
    const [row] = lock ? await query.for("update") : await query;
    return row ? { type, id, themeId: row.themeId, authorId: row.authorId, visible: row.status, threadId: row.threadId } : null;
  }
  const query = db.select({ themeId: proposals.themeId, authorId: proposals.authorId, status: proposals.status, hiddenAt: proposals.hiddenAt }).from(proposals).where(eq(proposals.id, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return null;
  const visible = row.hiddenAt ? "hidden" : row.status === "pending" ? "pending" : row.status === "withdrawn" ? "other" : "published";
  return { type, id, themeId: row.themeId, authorId: row.authorId, visible, threadId: null };
}

// -- the queue ------------------------------------------------------------------

/** Puts an item in its theme's queue (or adds a reason to its open entry). */
export async function enqueue({ type, id, themeId, reason, spamScore = 0, spamSignals = [], db }: { type: TargetType; id: number; themeId: number; reason: QueueReason; spamScore?: number; spamSignals?: string[]; db: Executor }) {
  await db.execute(sql`
    insert into moderation_queue (target_type, target_id, theme_id, reasons, spam_score, spam_signals)
    values (${type}, ${id}, ${themeId}, array[${reason}]::queue_reason[], ${spamScore}, ${JSON.stringify(spamSignals)}::jsonb)
    on conflict (target_type, target_id) where closed_at is null do update set
      reasons = case when ${reason}::queue_reason = any(moderation_queue.reasons) then moderation_queue.reasons
        else moderation_queue.reasons || ${reason}::queue_reason end,
      spam_score = greatest(moderation_queue.spam_score, excluded.spam_score),
      spam_signals = case when excluded.spam_score > moderation_queue.spam_score then excluded.spam_signals else moderation_queue.spam_signals end`);
}

/**
 * Claims an open item for ten minutes. Another moderator's live claim wins;
 * an expired one may be taken over. Returns false when it cannot be claimed.
 */
export async function claimItem({ queueId, moderatorId, db = getDb() }: { queueId: number; moderatorId: number; db?: Executor }): Promise<boolean> {
  const rows = await db
    .update(moderationQueue)
    .set({ claimedById: moderatorId, claimedUntil: sql`now() + make_interval(mins => ${CLAIM_MINUTES})` })
    .where(
      and(
        eq(moderationQueue.id, queueId),
        isNull(moderationQueue.closedAt),
        or(isNull(moderationQueue.claimedUntil), lt(moderationQueue.claimedUntil, sql`now()`), eq(moderationQueue.claimedById, moderatorId)),
      ),
    )
    .returning({ id: moderationQueue.id });
  return rows.length === 1;
}

// -- changing what people see -----------------------------------------------------

/** Shows or stops showing a comment, keeping the thread, reply and proposal counters equal to the rows. */
async function setCommentVisible(tx: Transaction, commentId: number, visible: boolean, hidden: { reason: string | null; note: string } | null) {
  const [row] = await tx
    .update(comments)
    .set(
      visible
        ? { status: "published", hiddenAt: null, hiddenReason: null, hiddenNote: null, updatedAt: new Date() }
        : { status: "hidden", hiddenAt: new Date(), hiddenReason: hidden?.reason ?? null, hiddenNote: hidden?.note ?? "", updatedAt: new Date() },
    )
    .where(eq(comments.id, commentId))
    .returning({ threadId: comments.threadId, rootId: comments.rootId });
  const step = visible ? 1 : -1;
  const [thread] = await tx
    .update(threads)
    .set({ commentCount: sql`${threads.commentCount} + ${step}` })
    .where(eq(threads.id, row!.threadId))
    .returning({ subjectType: threads.subjectType, subjectId: threads.subjectId });
  if (row!.rootId) await tx.update(comments).set({ replyCount: sql`${comments.replyCount} + ${step}` }).where(eq(comments.id, row!.rootId));
  if (thread?.subjectType === "proposal") await tx.update(proposals).set({ commentCount: sql`${proposals.commentCount} + ${step}` }).where(eq(proposals.id, thread.subjectId));
}

async function originalOf(tx: Transaction, item: ItemState) {
  if (item.type === "comment") {
    const [row] = await tx.select({ body: comments.body, html: comments.bodyHtml }).from(comments).where(eq(comments.id, item.id));
    return row ?? null;
  }
  const [row] = await tx.select({ title: proposals.title, summary: proposals.summary, body: proposals.body, html: proposals.bodyHtml }).from(proposals).where(eq(proposals.id, item.id));
  return row ?? null;
}

export type Decision =
  | { action: "approve" }
  | { action: "hide"; reason: HideReason; note: string }
  | { action: "restore"; note: string }
  | { action: "redact"; body: unknown; html: string; note: string }
  | { action: "dismiss" };

export type DecideResult =
  | { ok: true; actionId: number }
  | { ok: false; reason: "notFound" | "alreadyDecided" | "claimedByOther" | "ownContent" | "notApplicable" };

/**
 * Decides on an item: the item changes, its reports are resolved, its queue
 * entry closes and the decision is recorded, in one transaction that locks
 * the item, so of two moderators acting at once exactly one decision wins.
 */
export async function decide({
  type,
  id,
  moderatorId,
  decision,
  seen,
  db = getDb(),
}: {
  type: TargetType;
  id: number;
  moderatorId: number;
  decision: Decision;
  /**
   * The latest decision on the item the moderator saw (0 for none). When
   * given, a decision made by someone else in the meantime wins and this one
   * is refused, also when the item is not in the queue (moderating in place).
   */
  seen?: number | null;
  db?: Executor;
}): Promise<DecideResult> {
  return db.transaction(async (tx) => {
    const item = await getItem({ type, id, db: tx, lock: true });
    if (!item) return { ok: false, reason: "notFound" } as const;
    if (seen !== undefined && seen !== null && (await latestDecisionId(tx, type, id)) !== seen) return { ok: false, reason: "alreadyDecided" } as const;
    if (item.authorId === moderatorId) return { ok: false, reason: "ownContent" } as const;
    const [entry] = await tx
      .select({ id: moderationQueue.id, openedAt: moderationQueue.openedAt, claimedById: moderationQueue.claimedById, claimedUntil: moderationQueue.claimedUntil })
      .from(moderationQueue)
      .where(and(eq(moderationQueue.targetType, type), eq(moderationQueue.targetId, id), isNull(moderationQueue.closedAt)))
      .for("update");
    if (entry?.claimedById && entry.claimedById !== moderatorId && entry.claimedUntil && entry.claimedUntil > new Date()) return { ok: false, reason: "claimedByOther" } as const;

    let original: unknown = null;
    let reasonCode: string | null = null;
    let note = "";
    switch (decision.action) {
      case "approve":
        // Approving answers an open queue entry: a hidden item without one was hidden by a moderator, and only "restore" undoes that.
        if (item.visible === "hidden" && !entry) return { ok: false, reason: "alreadyDecided" } as const;
        if (item.visible !== "pending" && item.visible !== "hidden") {
          if (!entry) return { ok: false, reason: "alreadyDecided" } as const;
          break;
        }
        if (type === "comment") await setCommentVisible(tx, id, true, null);
        else await tx.update(proposals).set({ status: sql`case when ${proposals.status} = 'pending' then 'published'::proposal_status else ${proposals.status} end`, hiddenAt: null, hiddenReason: null, hiddenNote: null }).where(eq(proposals.id, id));
        break;
      case "restore":
        if (item.visible !== "hidden") return { ok: false, reason: "alreadyDecided" } as const;
        note = decision.note;
        if (type === "comment") await setCommentVisible(tx, id, true, null);
        else await tx.update(proposals).set({ hiddenAt: null, hiddenReason: null, hiddenNote: null }).where(eq(proposals.id, id));
        break;
      case "hide":
        if (item.visible === "hidden" && !entry) return { ok: false, reason: "alreadyDecided" } as const;
        if (item.visible === "deleted" || item.visible === "other") return { ok: false, reason: "notApplicable" } as const;
        reasonCode = decision.reason;
        note = decision.note;
        original = await originalOf(tx, item);
        if (type === "comment") {
          if (item.visible === "published") await setCommentVisible(tx, id, false, { reason: reasonCode, note });
          else await tx.update(comments).set({ status: "hidden", hiddenAt: new Date(), hiddenReason: reasonCode, hiddenNote: note }).where(eq(comments.id, id));
        } else {
          await tx.update(proposals).set({ hiddenAt: new Date(), hiddenReason: reasonCode, hiddenNote: note }).where(eq(proposals.id, id));
        }
        break;
      case "redact":
        if (item.visible === "deleted") return { ok: false, reason: "notApplicable" } as const;
        note = decision.note;
        original = await originalOf(tx, item);
        if (type === "comment") await tx.update(comments).set({ body: decision.body, bodyHtml: decision.html, updatedAt: new Date() }).where(eq(comments.id, id));
        else await tx.update(proposals).set({ body: decision.body, bodyHtml: decision.html, updatedAt: new Date() }).where(eq(proposals.id, id));
        break;
      case "dismiss":
        if (!entry) return { ok: false, reason: "alreadyDecided" } as const;
        break;
    }
    await tx.update(flags).set({ resolvedAt: sql`now()` }).where(and(eq(flags.targetType, type), eq(flags.targetId, id), isNull(flags.resolvedAt)));
    if (entry) await tx.update(moderationQueue).set({ closedAt: sql`now()` }).where(eq(moderationQueue.id, entry.id));
    const [row] = await tx
      .insert(moderationActions)
      .values({ targetType: type, targetId: id, themeId: item.themeId, moderatorId, action: decision.action, reasonCode, publicNote: note, original, reportedAt: entry?.openedAt ?? null })
      .returning({ id: moderationActions.id });
    return { ok: true, actionId: row!.id } as const;
  });
}

/** The id of the latest recorded decision on an item, 0 when there is none. */
export async function latestDecisionId(db: Executor, type: TargetType, id: number): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${moderationActions.id}), 0)::int` })
    .from(moderationActions)
    .where(and(eq(moderationActions.targetType, type), eq(moderationActions.targetId, id)));
  return row?.id ?? 0;
}

// -- reports --------------------------------------------------------------------

export type ReportResult = { ok: true; hidden: boolean } | { ok: false; reason: "notFound" | "alreadyReported" | "ownContent" | "notVisible" } | KeyReused;

/**
 * A person reports an item, once. It enters the queue; at the theme's
 * threshold of distinct open reports it is hidden until a moderator decides.
 * A report arriving while a moderator decides waits for that decision (row
 * lock) and then opens a new queue entry: it is never lost. The same form's
 * key again gets the first answer instead of "already reported".
 */
export async function reportItem({
  type,
  id,
  reporterId,
  reason,
  note,
  submissionKey = null,
  db = getDb(),
}: {
  type: TargetType;
  id: number;
  reporterId: number;
  reason: FlagReason;
  note: string;
  submissionKey?: string | null;
  db?: Executor;
}): Promise<ReportResult> {
  const submission = { key: submissionKey, userId: reporterId, kind: "report", subject: `${type}:${id}` } as const;
  return db.transaction((tx) =>
    once(tx, submission, async (): Promise<ReportResult> => {
      const item = await getItem({ type, id, db: tx, lock: true });
      if (!item) return { ok: false, reason: "notFound" } as const;
      if (item.authorId === reporterId) return { ok: false, reason: "ownContent" } as const;
      if (item.visible !== "published") return { ok: false, reason: "notVisible" } as const;
      const inserted = await tx.insert(flags).values({ targetType: type, targetId: id, themeId: item.themeId, reporterId, reason, note }).onConflictDoNothing().returning({ id: flags.id });
      if (inserted.length === 0) return { ok: false, reason: "alreadyReported" } as const;
      await enqueue({ type, id, themeId: item.themeId, reason: "reports", db: tx });
      const [{ open } = { open: 0 }] = await tx
        .select({ open: sql<number>`count(*)::int` })
        .from(flags)
        .where(and(eq(flags.targetType, type), eq(flags.targetId, id), isNull(flags.resolvedAt)));
      const [theme] = await tx.select({ threshold: themes.flagThreshold }).from(themes).where(eq(themes.id, item.themeId));
      if (open < (theme?.threshold ?? 3)) return { ok: true, hidden: false } as const;
      // Hidden pending review: no moderator decided yet, so nothing goes on the record until one does.
      if (type === "comment") await setCommentVisible(tx, id, false, { reason: "reports", note: "" });
      else await tx.update(proposals).set({ hiddenAt: new Date(), hiddenReason: "reports", hiddenNote: "" }).where(eq(proposals.id, id));
      return { ok: true, hidden: true } as const;
    }),
  );
}

// -- pre-moderation, spam signals, time-outs -------------------------------------

/** Whether a new contribution by this person in this theme is held for moderation first. */
export async function mustHold({ userId, themeId, db = getDb() }: { userId: number; themeId: number; db?: Executor }): Promise<boolean> {
  const [theme] = await db.select({ mode: themes.premoderation, count: themes.premoderationCount }).from(themes).where(eq(themes.id, themeId));
  return holdUnder({ userId, mode: theme?.mode ?? null, count: theme?.count ?? 0, db });
}

/**
 * `mustHold` for a caller that read the theme's pre-moderation setting in its
 * own query already (a comment reads it with its thread): no setting is "off".
 * Only the "first contributions" mode needs a query of its own.
 */
export async function holdUnder({ userId, mode, count, db = getDb() }: { userId: number; mode: (typeof themes.$inferSelect)["premoderation"] | null; count: number; db?: Executor }): Promise<boolean> {
  if (!mode || mode === "off") return false;
  if (mode === "all") return true;
  const [row] = rowsOf<{ n: number }>(await db.execute<{ n: number }>(sql`
    select (select count(*) from comments where author_id = ${userId} and status = 'published')
         + (select count(*) from proposals where author_id = ${userId} and status <> 'pending' and hidden_at is null) as n`));
  return Number(row?.n ?? 0) < count;
}

/**
 * Advisory spam signals, each visible to the moderator: a new account, many
 * links, the same text again, posting fast. They put an item in the queue
 * with its reasons; they never hide it.
 */
export async function spamSignals({ userId, text, linkCount, db = getDb() }: { userId: number; text: string; linkCount: number; db?: Executor }) {
  const [row] = rowsOf<{ new_account: boolean; same_text: number; recent: number }>(await db.execute<{ new_account: boolean; same_text: number; recent: number }>(sql`
    select (select created_at > now() - interval '1 day' from users where id = ${userId}) as new_account,
      (select count(*)::int from comments where author_id = ${userId} and created_at > now() - interval '1 day'
        and body_html <> '' and regexp_replace(body_html, '<[^>]+>', '', 'g') = ${text}) as same_text,
      (select count(*)::int from comments where author_id = ${userId} and created_at > now() - interval '2 minutes') as recent`));
  const signals: string[] = [];
  if (row?.new_account) signals.push("newAccount");
  if (linkCount >= 3) signals.push("manyLinks");
  if (Number(row?.same_text ?? 0) > 0) signals.push("repeatedText");
  if (Number(row?.recent ?? 0) >= 3) signals.push("fastPosting");
  return { score: signals.length, signals };
}

/** Whether the person has a running time-out in this theme. */
/** SQL: whether the person has a time-out running in the theme (`themeId` may be a column of the caller's query). */
export function activeTimeout(userId: number, themeId: SQL | AnyColumn | number): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${themeTimeouts} where ${themeTimeouts.userId} = ${userId} and ${themeTimeouts.themeId} = ${themeId} and ${themeTimeouts.until} > now())`;
}

export async function hasTimeout({ userId, themeId, db = getDb() }: { userId: number; themeId: number; db?: Executor }): Promise<boolean> {
  const rows = await db
    .select({ id: themeTimeouts.id })
    .from(themeTimeouts)
    .where(and(eq(themeTimeouts.userId, userId), eq(themeTimeouts.themeId, themeId), gt(themeTimeouts.until, sql`now()`)))
    .limit(1);
  return rows.length > 0;
}

/** Gives a person a time-out of 1–30 days from a theme, on the record. */
export async function timeoutUser({ userId, themeId, days, moderatorId, note, db = getDb() }: { userId: number; themeId: number; days: number; moderatorId: number; note: string; db?: Executor }) {
  if (!Number.isInteger(days) || days < 1 || days > 30) return { ok: false as const, reason: "badDays" as const };
  if (userId === moderatorId) return { ok: false as const, reason: "ownContent" as const };
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!person) return { ok: false as const, reason: "notFound" as const };
    await tx.insert(themeTimeouts).values({ userId, themeId, until: sql`now() + make_interval(days => ${days})`, createdById: moderatorId });
    await tx.insert(moderationActions).values({ targetType: "user", targetId: userId, themeId, moderatorId, action: "timeout", reasonCode: `${days}d`, publicNote: note });
    return { ok: true as const };
  });
}

/** Locks or unlocks a thread with a public reason, on the record. */
export async function setThreadLock({ threadId, moderatorId, locked, reason, db = getDb() }: { threadId: number; moderatorId: number; locked: boolean; reason: string; db?: Executor }) {
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .update(threads)
      .set(locked ? { lockedAt: new Date(), lockedReason: reason, lockedById: moderatorId } : { lockedAt: null, lockedReason: null, lockedById: null })
      .where(eq(threads.id, threadId))
      .returning({ themeId: threads.themeId });
    if (!thread) return { ok: false as const };
    await tx.insert(moderationActions).values({ targetType: "thread", targetId: threadId, themeId: thread.themeId, moderatorId, action: locked ? "lock" : "unlock", publicNote: reason });
    return { ok: true as const };
  });
}

/** Open queue entries of these themes, oldest first. */
export async function listQueue({ themeIds, db = getDb() }: { themeIds: number[] | "all"; db?: Executor }) {
  return db
    .select({
      id: moderationQueue.id,
      targetType: moderationQueue.targetType,
      targetId: moderationQueue.targetId,
      themeId: moderationQueue.themeId,
      reasons: moderationQueue.reasons,
      spamScore: moderationQueue.spamScore,
      spamSignals: moderationQueue.spamSignals,
      openedAt: moderationQueue.openedAt,
      claimedById: moderationQueue.claimedById,
      claimedUntil: moderationQueue.claimedUntil,
    })
    .from(moderationQueue)
    .where(and(isNull(moderationQueue.closedAt), themeIds === "all" ? undefined : inArray(moderationQueue.themeId, themeIds.length ? themeIds : [0])))
    .orderBy(asc(moderationQueue.openedAt), asc(moderationQueue.id))
    .limit(200);
}
