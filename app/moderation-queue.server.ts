/**
 * The moderator's side of moderation: which themes someone moderates, the
 * queue with every item in its context (one query per list), decisions that
 * tell the author by e-mail in the same transaction, and appeals. The core
 * decisions (claim, decide, lock, time-out) are in moderation.server.ts.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Executor, type Transaction, rowsOf } from "#db/client.ts";
import { appeals, moderationActions, moderationQueue, themes } from "#db/schema.ts";
import { isLocale, translator, type Locale, type MessageKey } from "./i18n/index.ts";
import { queueMail } from "./mail.server.ts";
import type { DecisionForm } from "./forms/moderation.ts";
import { claimItem, decide, enqueue, getItem, setThreadLock, timeoutUser, type DecideResult, type Decision, type ItemState, type TargetType } from "./moderation.server.ts";
import { notifyModeration } from "./notifications.server.ts";
import { once, type KeyReused } from "./submissions.server.ts";
import { can, type Actor } from "./permissions.server.ts";
import { docToText } from "./richtext/render.ts";
import type { RichTextResult } from "./richtext/form.ts";
import type { RichDoc } from "./richtext/validate.ts";
import { isCursorId, isCursorInstant } from "#app/forms/ids.ts";

export const QUEUE_PAGE = 50;
export const OVERDUE_HOURS = 48;

/** Whether this person may decide on this stored item: the theme always comes from the item itself. */
export function mayActOn(actor: Actor, item: Pick<ItemState, "themeId">): boolean {
  return can(actor, "moderation.act", { kind: "theme", themeId: item.themeId });
}

/** The themes whose queue this person sees, each with its number of open items. Admins see every theme. */
export async function queueThemes({ actor, db = getDb() }: { actor: NonNullable<Actor>; db?: Executor }) {
  const rows = await db
    .select({
      id: themes.id,
      number: themes.number,
      slug: themes.slug,
      title: themes.title,
      translations: themes.translations,
      // Written with the table name: Drizzle leaves columns unqualified in a one-table select.
      open: sql<number>`(select count(*)::int from moderation_queue q where q.theme_id = themes.id and q.closed_at is null)`,
    })
    .from(themes)
    .orderBy(desc(themes.planId), themes.number);
  // The same rule as every action, asked per theme: a moderator of theme A never sees theme B.
  return rows.filter((theme) => can(actor, "moderation.act", { kind: "theme", themeId: theme.id }));
}

type ItemRow = {
  queue_id: number | null;
  target_type: TargetType;
  target_id: number;
  theme_id: number;
  theme_number: number;
  theme_title: string;
  reasons: string[] | null;
  spam_score: number | null;
  spam_signals: string[] | null;
  opened_at: string | null;
  overdue: boolean;
  waited_hours: number | null;
  claimed_by_id: number | null;
  claimed_until: string | null;
  claim_live: boolean;
  author_id: number;
  author_name: string | null;
  status: string;
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_note: string | null;
  html: string;
  body: unknown;
  proposal_title: string | null;
  proposal_summary: string | null;
  thread_id: number | null;
  thread_locked: boolean;
  thread_locked_reason: string | null;
  subject_type: string | null;
  subject_id: number | null;
  ap_slug: string | null;
  ap_number: number | null;
  ap_title: string | null;
  sp_title: string | null;
  root_id: number | null;
  parent_id: number | null;
  parent_html: string | null;
  parent_status: string | null;
  parent_author: string | null;
  reports: { reason: string; note: string; at: string }[];
  last_action_id: number;
  appeal: { id: number; text: string; actionId: number; hiddenById: number | null } | null;
};

export type QueueItem = ReturnType<typeof toItem>;

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** The item columns with their context, for a list of (type, id) pairs in the CTE `base`. */
function itemQuery(base: ReturnType<typeof sql>, order: ReturnType<typeof sql>) {
  return sql`
    with base as (${base})
    select q.id as queue_id, b.target_type, b.target_id, coalesce(c.theme_id, p.theme_id) as theme_id,
      th.number as theme_number, th.title as theme_title,
      q.reasons::text[] as reasons, q.spam_score, q.spam_signals,
      ${iso("q.opened_at")} as opened_at, coalesce(q.opened_at < now() - make_interval(hours => ${OVERDUE_HOURS}), false) as overdue,
      floor(extract(epoch from now() - q.opened_at) / 3600)::int as waited_hours,
      q.claimed_by_id, ${iso("q.claimed_until")} as claimed_until, coalesce(q.claimed_until > now(), false) as claim_live,
      coalesce(c.author_id, p.author_id) as author_id, u.display_name as author_name,
      coalesce(c.status::text, p.status::text) as status,
      ${iso("coalesce(c.hidden_at, p.hidden_at)")} as hidden_at,
      coalesce(c.hidden_reason, p.hidden_reason) as hidden_reason, coalesce(c.hidden_note, p.hidden_note) as hidden_note,
      coalesce(c.body_html, p.body_html) as html, coalesce(c.body, p.body) as body,
      p.title as proposal_title, p.summary as proposal_summary,
      c.thread_id, (t.locked_at is not null) as thread_locked, t.locked_reason as thread_locked_reason,
      t.subject_type::text as subject_type, t.subject_id,
      ap.slug as ap_slug, ap.number as ap_number, ap.title as ap_title, sp.title as sp_title,
      c.root_id, pc.id as parent_id, pc.body_html as parent_html, pc.status::text as parent_status, pu.display_name as parent_author,
      (select coalesce(max(la.id), 0)::int from moderation_actions la where la.target_type = b.target_type::text and la.target_id = b.target_id) as last_action_id,
      (select coalesce(json_agg(json_build_object('reason', f.reason, 'note', f.note, 'at', f.created_at) order by f.id), '[]'::json)
        from flags f where f.target_type = b.target_type and f.target_id = b.target_id and f.resolved_at is null) as reports,
      (select json_build_object('id', a.id, 'text', a.text, 'actionId', a.action_id, 'hiddenById', ma.moderator_id)
        from appeals a join moderation_actions ma on ma.id = a.action_id
        where ma.target_type = b.target_type::text and ma.target_id = b.target_id and a.decided_at is null
        order by a.id desc limit 1) as appeal
    from base b
    left join moderation_queue q on q.target_type = b.target_type and q.target_id = b.target_id and q.closed_at is null
    left join comments c on b.target_type = 'comment' and c.id = b.target_id
    left join proposals p on b.target_type = 'proposal' and p.id = b.target_id
    join themes th on th.id = coalesce(c.theme_id, p.theme_id)
    join users u on u.id = coalesce(c.author_id, p.author_id)
    left join threads t on t.id = c.thread_id
    left join action_points ap on t.subject_type = 'action_point' and ap.id = t.subject_id
    left join proposals sp on t.subject_type = 'proposal' and sp.id = t.subject_id
    left join comments pc on pc.id = coalesce(c.reply_to_id, c.parent_id)
    left join users pu on pu.id = pc.author_id
    order by ${order}`;
}

function subjectLink(row: ItemRow): { href: string; title: string; kind: "actionPoint" | "proposal" } | null {
  if (row.target_type === "proposal") return { href: `/voorstel/${row.target_id}`, title: row.proposal_title ?? "", kind: "proposal" };
  const at = `vanaf=${row.root_id ?? row.target_id}#reactie-${row.target_id}`;
  if (row.subject_type === "proposal" && row.subject_id) return { href: `/voorstel/${row.subject_id}?draad=public&${at}`, title: row.sp_title ?? "", kind: "proposal" };
  if (row.ap_slug) return { href: `/actiepunt/${row.ap_slug}?${at}`, title: row.ap_title ?? "", kind: "actionPoint" };
  return null;
}

function toItem(row: ItemRow, viewerId: number) {
  const claimedByOther = row.claim_live && row.claimed_by_id !== null && row.claimed_by_id !== viewerId;
  return {
    key: `${row.target_type}:${row.target_id}`,
    queueId: row.queue_id,
    type: row.target_type,
    id: row.target_id,
    // The forms post to this address; `gezien` is the latest decision the moderator saw (see decide()).
    path: `/moderatie/item/${row.target_type === "comment" ? "reactie" : "voorstel"}/${row.target_id}?gezien=${row.last_action_id}`,
    theme: { id: row.theme_id, number: row.theme_number, title: row.theme_title },
    reasons: row.reasons ?? [],
    spam: { score: row.spam_score ?? 0, signals: row.spam_signals ?? [] },
    openedAt: row.opened_at,
    overdue: row.overdue,
    waitedHours: row.waited_hours ?? 0,
    claim: row.claim_live ? { mine: row.claimed_by_id === viewerId, until: row.claimed_until! } : null,
    claimedByOther,
    author: { id: row.author_id, name: row.author_name },
    own: row.author_id === viewerId,
    status: row.status,
    hidden: row.hidden_at ? { at: row.hidden_at, reason: row.hidden_reason, note: row.hidden_note } : null,
    // Moderators see the text whatever its state: pending, hidden or published.
    html: row.html,
    text: docToText(row.body as RichDoc),
    proposal: row.target_type === "proposal" ? { title: row.proposal_title ?? "", summary: row.proposal_summary ?? "" } : null,
    thread: row.thread_id ? { id: row.thread_id, locked: row.thread_locked, lockedReason: row.thread_locked_reason } : null,
    subject: subjectLink(row),
    actionPointNumber: row.ap_number,
    parent: row.parent_id ? { id: row.parent_id, html: row.parent_html ?? "", status: row.parent_status, author: row.parent_author } : null,
    reports: row.reports,
    appeal: row.appeal,
  };
}

/** A queue cursor: the opening moment and id of the last item shown. */
export function decodeQueueCursor(raw: string | null): { at: string; id: number } | null {
  const match = raw?.match(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}Z)_(\d{1,10})$/);
  // A crafted cursor (30 February, an id beyond integer) is no cursor, not a failing query.
  return match && isCursorInstant(match[1]!) && isCursorId(Number(match[2])) ? { at: match[1]!, id: Number(match[2]) } : null;
}

/**
 * One page of the open queue of these themes, oldest first (so items waiting
 * longer than 48 hours come first), each item with its context, in one query.
 */
export async function loadQueue({ themeIds, viewerId, after = null, db = getDb() }: { themeIds: number[]; viewerId: number; after?: { at: string; id: number } | null; db?: Executor }) {
  const ids = themeIds.length ? themeIds : [0];
  const keyset = after ? sql`and (opened_at, id) > (${after.at}::timestamptz, ${after.id})` : sql``;
  const base = sql`select target_type, target_id from moderation_queue
    where closed_at is null and theme_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) ${keyset}
    order by opened_at, id limit ${QUEUE_PAGE + 1}`;
  const rows = Array.from((rowsOf<ItemRow>(await db.execute<ItemRow>(itemQuery(base, sql`q.opened_at, q.id`)))) as Iterable<ItemRow>);
  const items = rows.slice(0, QUEUE_PAGE).map((row) => toItem(row, viewerId));
  const last = rows.length > QUEUE_PAGE ? rows[QUEUE_PAGE - 1] : null;
  return { items, next: last ? `${last.opened_at}_${last.queue_id}` : null };
}

/** One item with its context, whether or not it waits in the queue. */
export async function loadItem({ type, id, viewerId, db = getDb() }: { type: TargetType; id: number; viewerId: number; db?: Executor }) {
  const base = sql`select ${type}::moderation_target as target_type, ${id}::int as target_id`;
  const [row] = Array.from((rowsOf<ItemRow>(await db.execute<ItemRow>(itemQuery(base, sql`1`)))) as Iterable<ItemRow>);
  return row ? toItem(row, viewerId) : null;
}

/** The decisions on one item so far, newest first, with the kept original for moderators. */
export async function itemHistory({ type, id, db = getDb() }: { type: TargetType; id: number; db?: Executor }) {
  const rows = await db
    .select({ id: moderationActions.id, action: moderationActions.action, reasonCode: moderationActions.reasonCode, publicNote: moderationActions.publicNote, original: moderationActions.original, createdAt: moderationActions.createdAt })
    .from(moderationActions)
    .where(and(eq(moderationActions.targetType, type), eq(moderationActions.targetId, id)))
    .orderBy(desc(moderationActions.id))
    .limit(50);
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    originalHtml: row.original && typeof row.original === "object" && "html" in row.original ? String((row.original as { html: unknown }).html) : null,
  }));
}

/** The bodies of hidden comments on a thread page, for the moderators of its theme only. */
export async function hiddenCommentTexts({ ids, db = getDb() }: { ids: number[]; db?: Executor }): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ id: number; body_html: string }>(await db.execute<{ id: number; body_html: string }>(
    sql`select id, body_html from comments where status = 'hidden' and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  ));
  return new Map(Array.from(rows as Iterable<{ id: number; body_html: string }>).map((row) => [row.id, row.body_html]));
}

// -- claims and decisions ---------------------------------------------------------

/** Claims the open queue entry of an item for ten minutes. */
export async function claimFor({ type, id, moderatorId, db = getDb() }: { type: TargetType; id: number; moderatorId: number; db?: Executor }): Promise<"claimed" | "claimedByOther" | "notInQueue"> {
  const [entry] = await db
    .select({ id: moderationQueue.id })
    .from(moderationQueue)
    .where(and(eq(moderationQueue.targetType, type), eq(moderationQueue.targetId, id), isNull(moderationQueue.closedAt)));
  if (!entry) return "notInQueue";
  return (await claimItem({ queueId: entry.id, moderatorId, db })) ? "claimed" : "claimedByOther";
}

type Recipient = { email: string; name: string; locale: Locale; subject: string; what: string };

/** Who to tell about a decision on an item, in their own language; null for a deleted account. */
async function recipientOf(tx: Transaction, type: TargetType, id: number): Promise<Recipient | null> {
  const [row] = Array.from(
    (rowsOf<{ email: string | null; name: string | null; locale: string; subject: string | null }>(await tx.execute<{ email: string | null; name: string | null; locale: string; subject: string | null }>(sql`
      select u.email, u.display_name as name, u.locale,
        case when ${type} = 'proposal' then (select title from proposals where id = ${id})
          else (select coalesce(ap.title, sp.title) from comments c join threads t on t.id = c.thread_id
            left join action_points ap on t.subject_type = 'action_point' and ap.id = t.subject_id
            left join proposals sp on t.subject_type = 'proposal' and sp.id = t.subject_id where c.id = ${id}) end as subject
      from users u where u.id = (case when ${type} = 'proposal' then (select author_id from proposals where id = ${id}) else (select author_id from comments where id = ${id}) end)`))) as Iterable<{
      email: string | null;
      name: string | null;
      locale: string;
      subject: string | null;
    }>,
  );
  if (!row?.email) return null;
  const locale = isLocale(row.locale) ? row.locale : "nl";
  const t = translator(locale);
  const subject = row.subject ?? "";
  return { email: row.email, name: row.name ?? "", locale, subject, what: t(type === "comment" ? "moderation.mail.whatComment" : "moderation.mail.whatProposal", { subject }) };
}

async function mailAuthor(tx: Transaction, type: TargetType, id: number, userId: number, kind: "hidden" | "appealGranted" | "appealUpheld", params: Record<string, string>) {
  const to = await recipientOf(tx, type, id);
  if (!to) return;
  const t = translator(to.locale);
  const reason = params.reason ? t(`moderation.reason.${params.reason}` as MessageKey) : "";
  const all = { name: to.name, what: to.what, ...params, reason, note: params.note || t("moderation.mail.noNote") };
  await queueMail(tx, { to: to.email, userId, subject: t(`moderation.mail.${kind}.subject`), text: t(`moderation.mail.${kind}.body`, all) });
}

/**
 * A decision by a moderator. When it hides an item the author is told what
 * and why, with a link to appeal, in the decision's own transaction.
 */
export async function decideAndNotify({
  type,
  id,
  moderatorId,
  decision,
  origin,
  seen,
  db = getDb(),
}: {
  type: TargetType;
  id: number;
  moderatorId: number;
  decision: Decision;
  origin: string;
  seen?: number | null;
  db?: Executor;
}): Promise<DecideResult> {
  return db.transaction(async (tx) => {
    const result = await decide({ type, id, moderatorId, decision, seen, db: tx });
    if (result.ok && decision.action === "hide") {
      const item = await getItem({ type, id, db: tx });
      await mailAuthor(tx, type, id, item!.authorId, "hidden", { reason: decision.reason, note: decision.note, link: `${origin}/beroep/${result.actionId}` });
    }
    if (result.ok) await notifyModeration({ type, id, moderatorId, event: { decision: decision.action, actionId: result.actionId }, reason: decision.action === "hide" ? decision.reason : null, db: tx });
    return result;
  });
}

// -- appeals ----------------------------------------------------------------------

/** A hiding decision as its author sees it, for the appeal page; null when it is not theirs or not a hiding. */
export async function getAppealable({ actionId, userId, db = getDb() }: { actionId: number; userId: number; db?: Executor }) {
  const [action] = await db
    .select({ id: moderationActions.id, targetType: moderationActions.targetType, targetId: moderationActions.targetId, action: moderationActions.action, reasonCode: moderationActions.reasonCode, publicNote: moderationActions.publicNote, createdAt: moderationActions.createdAt })
    .from(moderationActions)
    .where(eq(moderationActions.id, actionId));
  if (!action || action.action !== "hide" || (action.targetType !== "comment" && action.targetType !== "proposal")) return null;
  const item = await getItem({ type: action.targetType, id: action.targetId, db });
  if (!item || item.authorId !== userId) return null;
  const [appeal] = await db.select({ text: appeals.text, createdAt: appeals.createdAt, decidedAt: appeals.decidedAt }).from(appeals).where(eq(appeals.actionId, actionId));
  return {
    actionId: action.id,
    type: action.targetType as TargetType,
    itemId: action.targetId,
    reason: action.reasonCode,
    note: action.publicNote,
    hiddenAt: action.createdAt.toISOString(),
    stillHidden: item.visible === "hidden",
    appeal: appeal ? { text: appeal.text, createdAt: appeal.createdAt.toISOString(), decided: appeal.decidedAt !== null } : null,
  };
}

export type AppealResult = { ok: true } | { ok: false; reason: "notFound" | "alreadyAppealed" | "notHidden" } | KeyReused;

/** The author appeals a hiding, once; the item goes back into its theme's queue. The same form's key again gets the first answer. */
export async function createAppeal({
  actionId,
  authorId,
  text,
  submissionKey = null,
  db = getDb(),
}: {
  actionId: number;
  authorId: number;
  text: string;
  submissionKey?: string | null;
  db?: Executor;
}): Promise<AppealResult> {
  const submission = { key: submissionKey, userId: authorId, kind: "appeal", subject: `action:${actionId}` } as const;
  return db.transaction((tx) =>
    once(tx, submission, async (): Promise<AppealResult> => {
      const found = await getAppealable({ actionId, userId: authorId, db: tx });
      if (!found) return { ok: false, reason: "notFound" } as const;
      const item = await getItem({ type: found.type, id: found.itemId, db: tx, lock: true });
      if (item?.visible !== "hidden") return { ok: false, reason: "notHidden" } as const;
      const inserted = await tx.insert(appeals).values({ actionId, authorId, text }).onConflictDoNothing().returning({ id: appeals.id });
      if (!inserted.length) return { ok: false, reason: "alreadyAppealed" } as const;
      await enqueue({ type: found.type, id: found.itemId, themeId: item.themeId, reason: "appeal", db: tx });
      return { ok: true } as const;
    }),
  );
}

export type AppealDecision = { ok: true } | { ok: false; reason: Extract<DecideResult, { ok: false }>["reason"] | "noAppeal" | "sameModerator" };

/**
 * Decides an open appeal: granted restores the item (a restore on the record
 * and `appeal_granted`), upheld keeps it hidden (`appeal_upheld`). Another
 * moderator than the one who hid it decides, unless there is no other one
 * for the theme (then the same may). The author is told the outcome.
 */
export async function decideAppeal({ type, id, moderatorId, grant, note, db = getDb() }: { type: TargetType; id: number; moderatorId: number; grant: boolean; note: string; db?: Executor }): Promise<AppealDecision> {
  return db.transaction(async (tx) => {
    const item = await getItem({ type, id, db: tx, lock: true });
    if (!item) return { ok: false, reason: "notFound" } as const;
    if (item.authorId === moderatorId) return { ok: false, reason: "ownContent" } as const;
    const [open] = await tx
      .select({ id: appeals.id, hiddenById: moderationActions.moderatorId })
      .from(appeals)
      .innerJoin(moderationActions, eq(moderationActions.id, appeals.actionId))
      .where(and(eq(moderationActions.targetType, type), eq(moderationActions.targetId, id), isNull(appeals.decidedAt)))
      .for("update", { of: appeals });
    if (!open) return { ok: false, reason: "noAppeal" } as const;
    if (open.hiddenById === moderatorId) {
      const [other] = Array.from(
        (rowsOf<{ found: boolean }>(await tx.execute<{ found: boolean }>(sql`
          select exists (select 1 from role_grants g join users u on u.id = g.user_id
            where g.revoked_at is null and u.blocked_at is null and u.deleted_at is null
              and g.user_id <> ${moderatorId} and g.user_id <> ${item.authorId}
              and (g.role = 'admin' or (g.role = 'moderator' and g.theme_id = ${item.themeId}))) as found`))) as Iterable<{ found: boolean }>,
      );
      if (other?.found) return { ok: false, reason: "sameModerator" } as const;
    }
    const [entry] = await tx
      .select({ id: moderationQueue.id, openedAt: moderationQueue.openedAt, claimedById: moderationQueue.claimedById, claimedUntil: moderationQueue.claimedUntil })
      .from(moderationQueue)
      .where(and(eq(moderationQueue.targetType, type), eq(moderationQueue.targetId, id), isNull(moderationQueue.closedAt)))
      .for("update");
    if (entry?.claimedById && entry.claimedById !== moderatorId && entry.claimedUntil && entry.claimedUntil > new Date()) return { ok: false, reason: "claimedByOther" } as const;
    if (grant) {
      const restored = await decide({ type, id, moderatorId, decision: { action: "restore", note }, db: tx });
      if (!restored.ok) return restored;
    } else if (entry) {
      await tx.update(moderationQueue).set({ closedAt: sql`now()` }).where(eq(moderationQueue.id, entry.id));
    }
    await tx.insert(moderationActions).values({
      targetType: type,
      targetId: id,
      themeId: item.themeId,
      moderatorId,
      action: grant ? "appeal_granted" : "appeal_upheld",
      publicNote: note,
      reportedAt: entry?.openedAt ?? null,
    });
    await tx.update(appeals).set({ decidedAt: sql`now()` }).where(eq(appeals.id, open.id));
    await mailAuthor(tx, type, id, item.authorId, grant ? "appealGranted" : "appealUpheld", { note });
    await notifyModeration({ type, id, moderatorId, event: { decision: grant ? "appeal_granted" : "appeal_upheld", appealId: open.id }, db: tx });
    return { ok: true } as const;
  });
}

// -- one decision from a form ---------------------------------------------------------

/** What a decision came to, as a code for the summary (moderation.result.<code>). */
export type Outcome = { ok: boolean; code: string };

const outcome = (result: { ok: true } | { ok: false; reason: string }, done: string): Outcome => (result.ok ? { ok: true, code: done } : { ok: false, code: result.reason });

/**
 * Carries out one parsed moderation form on a stored item. The caller has
 * checked `mayActOn` with the item's own theme. Redaction text errors come
 * back as `{ error }` so the form can show them.
 */
export async function act({
  actor,
  item,
  form,
  redaction,
  origin,
  seen = null,
}: {
  actor: NonNullable<Actor>;
  item: ItemState;
  form: DecisionForm;
  redaction: RichTextResult | null;
  origin: string;
  /** The latest decision the moderator saw when the form was made; see decide(). */
  seen?: number | null;
}): Promise<Outcome | { error: string }> {
  const base = { type: item.type, id: item.id, moderatorId: actor.id, origin, seen };
  switch (form.intent) {
    case "claim": {
      const claimed = await claimFor(base);
      return { ok: claimed === "claimed", code: claimed };
    }
    case "approve":
    case "dismiss":
      return outcome(await decideAndNotify({ ...base, decision: { action: form.intent } }), form.intent);
    case "hide":
      return outcome(await decideAndNotify({ ...base, decision: { action: "hide", reason: form.reason, note: form.note } }), "hide");
    case "restore":
      return outcome(await decideAndNotify({ ...base, decision: { action: "restore", note: form.note } }), "restore");
    case "redact":
      if (!redaction?.ok) return { error: redaction?.error ?? "richText.invalid" };
      return outcome(await decideAndNotify({ ...base, decision: { action: "redact", body: redaction.doc, html: redaction.html, note: form.note } }), "redact");
    case "lock":
    case "unlock": {
      if (!item.threadId) return { ok: false, code: "notApplicable" };
      if (item.authorId === actor.id) return { ok: false, code: "ownContent" };
      const locked = form.intent === "lock";
      const done = await setThreadLock({ threadId: item.threadId, moderatorId: actor.id, locked, reason: locked ? form.lockReason : "" });
      return done.ok ? { ok: true, code: form.intent } : { ok: false, code: "notFound" };
    }
    case "timeout":
      return outcome(await timeoutUser({ userId: item.authorId, themeId: item.themeId, days: form.days, moderatorId: actor.id, note: form.note }), "timeout");
    case "appealGrant":
    case "appealUphold":
      return outcome(await decideAppeal({ type: item.type, id: item.id, moderatorId: actor.id, grant: form.intent === "appealGrant", note: form.note }), form.intent);
  }
}

/** Adds the outcome to the page a form came from, keeping its anchor. */
export function withOutcome(path: string, code: string): string {
  const url = new URL(path, "http://localhost");
  url.searchParams.set("gemodereerd", code);
  return `${url.pathname}${url.search}${url.hash}`;
}
