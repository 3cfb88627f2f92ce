/**
 * Following and notifications.
 *
 * - People follow action points, themes and proposals; they follow what they
 *   wrote, commented on or supported without asking.
 * - Each event (a comment, a progress update, a status change, a moderation
 *   decision) writes one notification per person, with `on conflict do
 *   nothing` on (user, kind, target). Progress updates, status changes and
 *   moderation decisions write them in the event's own transaction; a new
 *   comment (frequent, and on a busy action point followed by thousands)
 *   enqueues a `notify-comment` job in its transaction, and the background
 *   worker writes them within seconds.
 * - Only published, public things cause notifications, and every channel that
 *   shows or mails one checks the visibility rule again (`visibleNotification`),
 *   so a comment hidden later disappears from /meldingen and is never mailed.
 * - Mail: `immediate` people get a pg-boss job enqueued with the event;
 *   `daily`/`weekly` people a digest; `none` never. `emailedAt` is set in the
 *   transaction that queues the mail, on rows locked with `skip locked`, so two
 *   workers never mail the same notification.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf, type Executor } from "#db/client.ts";
import { follows, users } from "#db/schema.ts";
import { isLocale, translator, type Locale, type MessageKey, type Translate } from "./i18n/index.ts";
import { enqueue, getBoss, QUEUES } from "./jobs.server.ts";
import { queueMail } from "./mail.server.ts";
import { siteOrigin } from "./moderation-digest.server.ts";
import { serverSecret } from "./supports.server.ts";
import { publicComment, publicProposal } from "./visibility.server.ts";

import { DELIVERIES, FOLLOW_SUBJECTS, type Delivery, type FollowSubject } from "./notifications.ts";
import { isCursorId, isCursorInstant } from "#app/forms/ids.ts";

export { DELIVERIES, FOLLOW_SUBJECTS, type Delivery, type FollowSubject };
export const NOTIFICATIONS_PAGE = 20;
/** Lines in one digest; the rest are counted and waiting at /meldingen. */
const DIGEST_LINES = 50;

type Ref = { userId: number; subjectType: FollowSubject; subjectId: number; db?: Executor };

// -- following ----------------------------------------------------------------------

export async function follow({ userId, subjectType, subjectId, db = getDb() }: Ref): Promise<void> {
  await db.insert(follows).values({ userId, subjectType, subjectId }).onConflictDoNothing();
}

export async function unfollow({ userId, subjectType, subjectId, db = getDb() }: Ref): Promise<void> {
  await db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.subjectType, subjectType), eq(follows.subjectId, subjectId)));
}

export async function isFollowing({ userId, subjectType, subjectId, db = getDb() }: Ref): Promise<boolean> {
  const [row] = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.subjectType, subjectType), eq(follows.subjectId, subjectId)));
  return row !== undefined;
}

/** A theme's id for its follow button (the theme page's own query does not carry it). */
export async function themeIdBySlug({ slug, db = getDb() }: { slug: string; db?: Executor }): Promise<number | null> {
  const [row] = rowsOf<{ id: number }>(await db.execute(sql`select id from themes where slug = ${slug}`));
  return row?.id ?? null;
}

/** Whether a subject exists and may be followed: action points and themes always, proposals when public. */
export async function followable({ subjectType, subjectId, db = getDb() }: { subjectType: FollowSubject; subjectId: number; db?: Executor }): Promise<boolean> {
  const query =
    subjectType === "action_point"
      ? sql`select 1 from action_points where id = ${subjectId}`
      : subjectType === "theme"
        ? sql`select 1 from themes where id = ${subjectId}`
        : sql`select 1 from proposals where id = ${subjectId} and ${publicProposal("proposals")}`;
  return rowsOf(await db.execute(query)).length > 0;
}

// -- the visibility of a notification ------------------------------------------------

/** A notification whose subject the public may see now (moderation decisions are about the person's own item and carry no text). */
function visibleNotification(n = "n"): SQL {
  const a = sql.raw(n);
  return sql`(case ${a}.target_type
    when 'comment' then exists (select 1 from comments nc where nc.id = ${a}.target_id and ${publicComment("nc")})
    when 'progress_update' then exists (select 1 from progress_updates nu where nu.id = ${a}.target_id and nu.published_on is not null)
    when 'status_change' then exists (select 1 from proposal_status_changes ns join proposals np on np.id = ns.proposal_id
      where ns.id = ${a}.target_id and ${publicProposal("np")})
    else true end)`;
}

// -- fan-out ----------------------------------------------------------------------

type Data = Record<string, string | number | null>;

/**
 * Writes one notification per recipient (never the actor, never a deleted
 * account) and enqueues one mail job for the new ones of people who want mail
 * at once. `mailed`: the event already mailed the person (moderation decisions).
 */
async function fanOut(
  db: Executor,
  { kind, targetType, targetId, actorId, data, recipients, mailed = false }: { kind: string; targetType: string; targetId: number; actorId: number | null; data: Data; recipients: SQL; mailed?: boolean },
): Promise<number> {
  const rows = rowsOf<{ id: number; immediate: boolean }>(
    await db.execute(sql`
      with recipients as (${recipients}),
      inserted as (
        insert into notifications (user_id, kind, target_type, target_id, actor_id, data, emailed_at)
        select distinct r.user_id, ${kind}::text, ${targetType}::text, ${targetId}::int, ${actorId}::int, ${JSON.stringify(data)}::jsonb,
          case when ${mailed}::boolean then now() end
        from recipients r join users u on u.id = r.user_id
        where r.user_id is not null and u.deleted_at is null and r.user_id is distinct from ${actorId}::int
        on conflict do nothing
        returning id, user_id, emailed_at)
      select i.id, (u.notification_delivery = 'immediate' and i.emailed_at is null) as immediate
      from inserted i join users u on u.id = i.user_id`),
  );
  const immediate = rows.filter((row) => row.immediate).map((row) => row.id);
  if (immediate.length) await enqueue(db, QUEUES.notificationMail, { notificationIds: immediate });
  return rows.length;
}

const followersOf = (type: FollowSubject, id: number) => sql`select user_id from follows where subject_type = ${type}::follow_subject and subject_id = ${id}`;

type CommentFacts = {
  author_id: number;
  answered_author: number | null;
  subject_type: "action_point" | "proposal";
  subject_id: number;
  theme_id: number;
  subject: string | null;
  /** An action point's English title (proposals are written in one language). */
  subject_en: string | null;
  visible: boolean;
};

async function commentFacts(db: Executor, commentId: number): Promise<CommentFacts | undefined> {
  const [row] = rowsOf<CommentFacts>(
    await db.execute(sql`
      select c.author_id, pc.author_id as answered_author, t.subject_type, t.subject_id, t.theme_id,
        coalesce(ap.title, sp.title) as subject, ap.translations->'en'->>'title' as subject_en, ${publicComment("c")} as visible
      from comments c join threads t on t.id = c.thread_id
      left join comments pc on pc.id = coalesce(c.reply_to_id, c.parent_id)
      left join action_points ap on t.subject_type = 'action_point' and ap.id = t.subject_id
      left join proposals sp on t.subject_type = 'proposal' and sp.id = t.subject_id
      where c.id = ${commentId}`),
  );
  return row;
}

/**
 * A comment was written (or approved by a moderator), in its transaction: its
 * author follows the subject, and when the comment is public a
 * `notify-comment` job is enqueued in the same transaction. The fan-out to the
 * followers (thousands of rows on a busy action point) is the job's work
 * (`fanOutNewComment`), so the comment's transaction, which holds its thread's
 * row lock, stays short.
 */
export async function notifyNewComment({ commentId, db, known }: { commentId: number; db: Executor; known?: KnownComment }): Promise<void> {
  const row = known
    ? { author_id: known.authorId, subject_type: known.subjectType, subject_id: known.subjectId, visible: known.published }
    : await commentFacts(db, commentId);
  if (!row) return;
  await follow({ userId: row.author_id, subjectType: row.subject_type, subjectId: row.subject_id, db });
  if (row.visible) await enqueue(db, QUEUES.commentNotification, { commentId });
}

/**
 * What the transaction that wrote a comment knows already, so notifyNewComment
 * need not read it back. "Published" is enough to enqueue: the job itself
 * notifies only while the comment is public.
 */
export type KnownComment = { authorId: number; subjectType: FollowSubject; subjectId: number; published: boolean };

/**
 * The `notify-comment` job: when the comment is (still) public, the author of
 * the comment it answers gets a "reply", and the followers of the subject (an
 * action point and its theme, or a proposal) get a "comment". One transaction,
 * with the mail jobs of the new notifications; running it again adds nothing
 * (`on conflict do nothing` on the unique (user, kind, target) index), so a
 * job retried after a crash notifies nobody twice. Returns the rows written.
 */
export async function fanOutNewComment({ commentId, db = getDb() }: { commentId: number; db?: Executor }): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await commentFacts(tx, commentId);
    if (!row || !row.visible) return 0;
    const data = { subject: row.subject ?? "", ...(row.subject_en ? { subjectEn: row.subject_en } : {}), link: `/reactie/${commentId}` };
    const base = { targetType: "comment", targetId: commentId, actorId: row.author_id, data };
    const answered = row.answered_author ?? 0;
    let written = 0;
    if (row.answered_author) written += await fanOut(tx, { ...base, kind: "reply", recipients: sql`select ${answered}::int as user_id` });
    const followers =
      row.subject_type === "action_point"
        ? sql`${followersOf("action_point", row.subject_id)} union ${followersOf("theme", row.theme_id)}`
        : followersOf("proposal", row.subject_id);
    written += await fanOut(tx, { ...base, kind: "comment", recipients: sql`select user_id from (${followers}) f where user_id <> ${answered}::int` });
    return written;
  });
}

/** A progress update on an action point: its followers and its theme's followers are told. */
export async function notifyProgressUpdate({ updateId, db }: { updateId: number; db: Executor }): Promise<void> {
  const [row] = rowsOf<{ author_id: number | null; title: string; title_en: string | null; slug: string; subject: string; subject_en: string | null; action_point_id: number; theme_id: number }>(
    await db.execute(sql`
      select u.author_id, u.title, u.translations->'en'->>'title' as title_en, ap.slug, ap.title as subject,
        ap.translations->'en'->>'title' as subject_en, ap.id as action_point_id, ap.theme_id
      from progress_updates u join action_points ap on ap.id = u.action_point_id
      where u.id = ${updateId} and u.published_on is not null`),
  );
  if (!row) return;
  await fanOut(db, {
    kind: "update",
    targetType: "progress_update",
    targetId: updateId,
    actorId: row.author_id,
    data: {
      subject: row.subject,
      title: row.title,
      ...(row.subject_en ? { subjectEn: row.subject_en } : {}),
      ...(row.title_en ? { titleEn: row.title_en } : {}),
      link: `/actiepunt/${row.slug}#voortgang`,
    },
    recipients: sql`${followersOf("action_point", row.action_point_id)} union ${followersOf("theme", row.theme_id)}`,
  });
}

/** The latest status change (with its official response) of a public proposal: its author, supporters and followers are told. */
export async function notifyStatusChange({ proposalId, db }: { proposalId: number; db: Executor }): Promise<void> {
  const [row] = rowsOf<{ id: number; to_status: string; actor_id: number | null; title: string; author_id: number; explained: boolean }>(
    await db.execute(sql`
      select s.id, s.to_status, s.actor_id, p.title, p.author_id, (s.explanation <> '') as explained
      from proposal_status_changes s join proposals p on p.id = s.proposal_id
      where s.proposal_id = ${proposalId} and ${publicProposal("p")}
      order by s.id desc limit 1`),
  );
  if (!row) return;
  await fanOut(db, {
    kind: "status",
    targetType: "status_change",
    targetId: row.id,
    actorId: row.actor_id,
    data: { subject: row.title, status: row.to_status, response: row.explained ? 1 : 0, link: `/voorstel/${proposalId}` },
    recipients: sql`select ${row.author_id}::int as user_id union select user_id from supports where proposal_id = ${proposalId} union ${followersOf("proposal", proposalId)}`,
  });
}

export type ModerationEvent =
  | { decision: "hide" | "restore" | "approve" | "redact" | "dismiss"; actionId: number }
  | { decision: "appeal_granted" | "appeal_upheld"; appealId: number };

/**
 * A moderation decision about someone's comment or proposal: its author is
 * told (hide, restore, appeal outcome), with the reason code only, never the
 * hidden text. Hiding and appeal outcomes are already mailed by moderation, so
 * their notification counts as mailed. Approving a held comment publishes it:
 * that is when its readers hear of it.
 */
export async function notifyModeration({ type, id, moderatorId, event, reason = null, db }: { type: "comment" | "proposal"; id: number; moderatorId: number; event: ModerationEvent; reason?: string | null; db: Executor }): Promise<void> {
  if (event.decision === "approve" && type === "comment") return notifyNewComment({ commentId: id, db });
  if (event.decision === "approve" || event.decision === "redact" || event.decision === "dismiss") return;
  const [item] = rowsOf<{ author_id: number }>(
    await db.execute(type === "comment" ? sql`select author_id from comments where id = ${id}` : sql`select author_id from proposals where id = ${id}`),
  );
  if (!item) return;
  const itemLink = type === "comment" ? `/reactie/${id}` : `/voorstel/${id}`;
  let targetType = "moderation_action";
  let targetId: number;
  let link = itemLink;
  if ("appealId" in event) {
    targetType = "appeal";
    targetId = event.appealId;
    if (event.decision === "appeal_upheld") {
      const [appeal] = rowsOf<{ action_id: number }>(await db.execute(sql`select action_id from appeals where id = ${event.appealId}`));
      if (appeal) link = `/beroep/${appeal.action_id}`;
    }
  } else {
    targetId = event.actionId;
    if (event.decision === "hide") link = `/beroep/${event.actionId}`;
  }
  await fanOut(db, {
    kind: "moderation",
    targetType,
    targetId,
    actorId: moderatorId,
    data: { decision: event.decision, item: type, reason, link },
    recipients: sql`select ${item.author_id}::int as user_id`,
    mailed: event.decision !== "restore",
  });
}

// -- reading ----------------------------------------------------------------------

export type NotificationView = { id: number; kind: string; text: string; link: string; createdAt: string; read: boolean };

type Row = { id: number; kind: string; data: Data; created_at: string; read_at: string | null; actor_name: string | null };

/** The sentence for one notification, in the reader's language. */
export function describe(row: Pick<Row, "kind" | "data" | "actor_name">, t: Translate, locale: Locale = "nl"): string {
  const d = row.data;
  const actor = row.actor_name ?? t("notifications.someone");
  // Action points and progress updates have English titles; English readers get them where there are.
  const subject = String((locale === "en" && d.subjectEn) || d.subject || "");
  switch (row.kind) {
    case "reply":
      return t("notifications.text.reply", { actor, subject });
    case "comment":
      return t("notifications.text.comment", { actor, subject });
    case "update":
      return t("notifications.text.update", { subject, title: String((locale === "en" && d.titleEn) || d.title || "") });
    case "status":
      return t(d.response ? "notifications.text.statusWithResponse" : "notifications.text.status", { subject, status: t(`proposalStatus.${String(d.status)}` as MessageKey) });
    case "moderation": {
      const item = t(d.item === "proposal" ? "notifications.item.proposal" : "notifications.item.comment");
      const reason = d.reason ? t(`moderation.reason.${String(d.reason)}` as MessageKey) : t("notifications.noReason");
      return t(`notifications.text.moderation.${String(d.decision)}` as MessageKey, { item, reason });
    }
    default:
      return t("notifications.text.other");
  }
}

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** A page cursor: the moment and id of the last notification shown. */
export function decodeNotificationCursor(raw: string | null): { at: string; id: number } | null {
  const match = raw?.match(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}Z)_(\d{1,10})$/);
  // A crafted cursor (30 February, an id beyond integer) is no cursor, not a failing query.
  return match && isCursorInstant(match[1]!) && isCursorId(Number(match[2])) ? { at: match[1]!, id: Number(match[2]) } : null;
}

/** One page of a person's visible notifications, newest first, in one query. */
export async function listNotifications({
  userId,
  after = null,
  t,
  locale = "nl",
  db = getDb(),
}: {
  userId: number;
  after?: { at: string; id: number } | null;
  t: Translate;
  locale?: Locale;
  db?: Executor;
}) {
  const keyset = after ? sql`and (n.created_at, n.id) < (${after.at}::timestamptz, ${after.id})` : sql``;
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select n.id, n.kind, n.data, ${iso("n.created_at")} as created_at, ${iso("n.read_at")} as read_at, a.display_name as actor_name
      from notifications n left join users a on a.id = n.actor_id
      where n.user_id = ${userId} and ${visibleNotification("n")} ${keyset}
      order by n.created_at desc, n.id desc
      limit ${NOTIFICATIONS_PAGE + 1}`),
  );
  const page = rows.slice(0, NOTIFICATIONS_PAGE);
  const last = rows.length > NOTIFICATIONS_PAGE ? page.at(-1) : undefined;
  return {
    items: page.map((row): NotificationView => ({ id: row.id, kind: row.kind, text: describe(row, t, locale), link: String(row.data.link ?? "/"), createdAt: row.created_at, read: row.read_at !== null })),
    next: last ? `${last.created_at}_${last.id}` : null,
  };
}

/** Unread visible notifications, counted up to 100 (the header shows "99+"): cheap enough for every page. */
export async function countUnread({ userId, db = getDb() }: { userId: number; db?: Executor }): Promise<number> {
  const [row] = rowsOf<{ count: number }>(
    await db.execute(sql`select count(*)::int as count from (
      select 1 from notifications n where n.user_id = ${userId} and n.read_at is null and ${visibleNotification("n")} limit 100) unread`),
  );
  return row?.count ?? 0;
}

export async function markRead({ userId, notificationId, db = getDb() }: { userId: number; notificationId: number; db?: Executor }): Promise<void> {
  await db.execute(sql`update notifications set read_at = now() where id = ${notificationId} and user_id = ${userId} and read_at is null`);
}

export async function markAllRead({ userId, db = getDb() }: { userId: number; db?: Executor }): Promise<void> {
  await db.execute(sql`update notifications set read_at = now() where user_id = ${userId} and read_at is null`);
}

// -- delivery and unsubscribing ---------------------------------------------------------

export async function getDelivery({ userId, db = getDb() }: { userId: number; db?: Executor }): Promise<Delivery> {
  const [row] = await db.select({ delivery: users.notificationDelivery }).from(users).where(eq(users.id, userId));
  return row?.delivery ?? "none";
}

export async function setDelivery({ userId, delivery, db = getDb() }: { userId: number; delivery: Delivery; db?: Executor }): Promise<void> {
  await db.update(users).set({ notificationDelivery: delivery, updatedAt: new Date() }).where(eq(users.id, userId));
}

const UNSUBSCRIBE_PREFIX = "unsubscribe:";

function unsubscribeMac(userId: number): Buffer {
  return createHmac("sha256", serverSecret()).update(`${UNSUBSCRIBE_PREFIX}${userId}`).digest();
}

/** "<user id>.<HMAC-SHA256 of unsubscribe:<user id> with SECRET, base64url>": proves the link came from us, without a session. */
export function unsubscribeToken(userId: number): string {
  return `${userId}.${unsubscribeMac(userId).toString("base64url")}`;
}

/** The person a token is for, or null when it is not one we made. */
export function verifyUnsubscribeToken(token: string | null | undefined): number | null {
  const match = token?.match(/^(\d{1,10})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return null;
  const userId = Number(match[1]);
  const given = Buffer.from(match[2]!, "base64url");
  const expected = unsubscribeMac(userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

export function unsubscribeUrl(userId: number, origin = siteOrigin()): string {
  return `${origin}/afmelden?token=${unsubscribeToken(userId)}`;
}

/** One-click unsubscribe (RFC 8058): the link in the body and the headers mail clients act on. */
export function unsubscribeHeaders(userId: number, origin = siteOrigin()): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(userId, origin)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

// -- mailing ----------------------------------------------------------------------

type MailRow = Row & { user_id: number; email: string; name: string | null; locale: string; delivery: Delivery; visible: boolean };

/** Locks unmailed notifications (`skip locked`: rows another worker is mailing are left to it), with their recipient. */
function lockUnmailed(where: SQL) {
  return sql`
    select n.id, n.kind, n.data, ${iso("n.created_at")} as created_at, ${iso("n.read_at")} as read_at, a.display_name as actor_name,
      n.user_id, u.email, u.display_name as name, u.locale, u.notification_delivery as delivery, ${visibleNotification("n")} as visible
    from notifications n join users u on u.id = n.user_id left join users a on a.id = n.actor_id
    where n.emailed_at is null and u.email is not null and u.deleted_at is null and u.email_verified_at is not null and ${where}
    order by n.created_at, n.id
    for update of n skip locked`;
}

function footer(t: Translate, userId: number, origin: string): string {
  return t("notifications.mail.footer", { all: `${origin}/meldingen`, unsubscribe: unsubscribeUrl(userId, origin), account: `${origin}/account` });
}

const localeOf = (value: string): Locale => (isLocale(value) ? value : "nl");

/**
 * The job of an event for people who want mail at once: one mail per
 * notification, each in its own transaction. A notification already mailed,
 * taken by another worker, no longer public, or whose person changed their
 * preference meanwhile, is left alone.
 */
export async function mailNotifications({ notificationIds, origin = siteOrigin(), db = getDb() }: { notificationIds: number[]; origin?: string; db?: Executor }): Promise<number> {
  let sent = 0;
  for (const id of notificationIds) {
    sent += await db.transaction(async (tx) => {
      const [row] = rowsOf<MailRow>(await tx.execute(lockUnmailed(sql`n.id = ${id}`)));
      if (!row || row.delivery !== "immediate" || !row.visible) return 0;
      const t = translator(localeOf(row.locale));
      const text = describe(row, t, localeOf(row.locale));
      await queueMail(tx, {
        to: row.email,
        userId: row.user_id,
        subject: t("notifications.mail.subject", { text: text.length > 90 ? `${text.slice(0, 89)}…` : text }),
        text: t("notifications.mail.body", { name: row.name ?? "", text, link: `${origin}${String(row.data.link ?? "/")}` }) + footer(t, row.user_id, origin),
        headers: unsubscribeHeaders(row.user_id, origin),
      });
      await tx.execute(sql`update notifications set emailed_at = now() where id = ${id}`);
      return 1;
    });
  }
  return sent;
}

/** The digests due at `now`: daily ones every day, weekly ones on Mondays (in the Netherlands). */
export function dueDigests(now: Date): Delivery[] {
  const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "Europe/Amsterdam" }).format(now);
  return weekday === "Mon" ? ["daily", "weekly"] : ["daily"];
}

/**
 * One digest per person with these delivery preferences and unmailed public
 * notifications: every such notification, marked as mailed in the
 * transaction that queues the mail. The rows are locked with `skip locked`,
 * so a second run at the same time finds nothing left to send.
 */
export async function sendNotificationDigests({ now = new Date(), deliveries = dueDigests(now), origin = siteOrigin(), db = getDb() }: { now?: Date; deliveries?: Delivery[]; origin?: string; db?: Executor } = {}): Promise<{ sent: number; notifications: number }> {
  const wanted = deliveries.filter((delivery) => delivery === "daily" || delivery === "weekly");
  if (!wanted.length) return { sent: 0, notifications: 0 };
  const list = sql.join(wanted.map((delivery) => sql`${delivery}::notification_delivery`), sql`, `);
  const people = rowsOf<{ user_id: number }>(
    await db.execute(sql`select distinct n.user_id from notifications n join users u on u.id = n.user_id
      where n.emailed_at is null and u.notification_delivery in (${list}) and u.email is not null and u.deleted_at is null and u.email_verified_at is not null`),
  );
  let sent = 0;
  let count = 0;
  for (const { user_id: userId } of people) {
    count += await db.transaction(async (tx) => {
      const rows = rowsOf<MailRow>(await tx.execute(lockUnmailed(sql`n.user_id = ${userId} and u.notification_delivery in (${list})`))).filter((row) => row.visible);
      if (!rows.length) return 0;
      const first = rows[0]!;
      const t = translator(localeOf(first.locale));
      const lines = rows.slice(0, DIGEST_LINES).map((row) => `- ${describe(row, t, localeOf(first.locale))}\n  ${origin}${String(row.data.link ?? "/")}`);
      if (rows.length > DIGEST_LINES) lines.push(t("notifications.mail.more", { count: rows.length - DIGEST_LINES }));
      await queueMail(tx, {
        to: first.email,
        userId,
        subject: t(first.delivery === "weekly" ? "notifications.mail.weeklySubject" : "notifications.mail.dailySubject", { count: rows.length }),
        text: t("notifications.mail.digestBody", { name: first.name ?? "", lines: lines.join("\n") }) + footer(t, userId, origin),
        headers: unsubscribeHeaders(userId, origin),
      });
      await tx.execute(sql`update notifications set emailed_at = now() where id in (${sql.join(rows.map((row) => sql`${row.id}`), sql`, `)})`);
      sent++;
      return rows.length;
    });
  }
  return { sent, notifications: count };
}

/** Runs the notification mail jobs queued now, in this process (tests and scripts); returns how many ran. */
export async function runQueuedNotificationJobs(): Promise<number> {
  const boss = await getBoss();
  let ran = 0;
  for (;;) {
    const jobs = await boss.fetch<{ notificationIds: number[] }>(QUEUES.notificationMail, { batchSize: 20 });
    if (!jobs || jobs.length === 0) return ran;
    for (const job of jobs) {
      try {
        await mailNotifications({ notificationIds: job.data.notificationIds });
        await boss.complete(QUEUES.notificationMail, job.id);
      } catch (error) {
        await boss.fail(QUEUES.notificationMail, job.id, { message: String(error) });
      }
      ran++;
    }
  }
}
