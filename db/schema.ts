import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Translations } from "./seed/types.ts";

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const planStatus = pgEnum("plan_status", ["current", "drafting", "archived"]);

export const plans = pgTable(
  "plans",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    period: text().notNull(),
    status: planStatus().notNull(),
    intro: text().notNull().default(""),
    about: text().notNull().default(""),
    translations: jsonb().$type<Translations<"title" | "intro" | "about">>().notNull().default({}),
    proposalsOpenAt: timestamp({ withTimezone: true }),
    proposalsCloseAt: timestamp({ withTimezone: true }),
    supportOpenAt: timestamp({ withTimezone: true }),
    supportCloseAt: timestamp({ withTimezone: true }),
    /** Most supports one person may give within this plan; null is unlimited. */
    supportBudget: integer(),
    ...timestamps,
  },
  (t) => [
    // At most one plan is the current one, and at most one is being drafted (proposals go to it).
    uniqueIndex("plans_one_current").on(t.status).where(sql`${t.status} = 'current'`),
    uniqueIndex("plans_one_drafting").on(t.status).where(sql`${t.status} = 'drafting'`),
  ],
);

export const premoderationMode = pgEnum("premoderation_mode", ["off", "new_accounts", "all"]);

export const themes = pgTable(
  "themes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    number: integer().notNull(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    description: text().notNull().default(""),
    translations: jsonb().$type<Translations<"title" | "description">>().notNull().default({}),
    /** Pre-moderation: off, the first `premoderationCount` contributions of each new account, or everything. */
    premoderation: premoderationMode().notNull().default("off"),
    premoderationCount: integer().notNull().default(3),
    /** After this many distinct reports an item is hidden until a moderator looks at it. */
    flagThreshold: integer().notNull().default(3),
    ...timestamps,
  },
  (t) => [uniqueIndex("themes_plan_number").on(t.planId, t.number)],
);

export const actionPoints = pgTable(
  "action_points",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    number: integer().notNull(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    holder: text().notNull(),
    partners: text().notNull().default(""),
    summary: text().notNull().default(""),
    body: text().notNull().default(""),
    contribution: text().notNull().default(""),
    translations: jsonb()
      .$type<Translations<"title" | "holder" | "partners" | "summary" | "body" | "contribution">>()
      .notNull()
      .default({}),
    ...timestamps,
  },
  (t) => [uniqueIndex("action_points_plan_number").on(t.planId, t.number), index("action_points_theme").on(t.themeId)],
);

/**
 * Progress reports: with an action point they report on that action point,
 * without one they are a report on the whole plan.
 */
export const progressUpdates = pgTable(
  "progress_updates",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    actionPointId: integer().references(() => actionPoints.id),
    title: text().notNull(),
    /** Null while the report is announced but not yet published. */
    publishedOn: date({ mode: "string" }),
    body: text().notNull().default(""),
    translations: jsonb().$type<Translations<"title" | "body">>().notNull().default({}),
    /** Who posted it; null for the reports that came with the plan. */
    authorId: integer().references((): AnyPgColumn => users.id),
    ...timestamps,
  },
  (t) => [index("progress_updates_plan").on(t.planId), index("progress_updates_action_point").on(t.actionPointId)],
);

export const notificationDelivery = pgEnum("notification_delivery", ["immediate", "daily", "weekly", "none"]);

export const users = pgTable("users", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  /** Lower-cased; null once the account is deleted. */
  email: text().unique(),
  /** Null once the account is deleted: the person then shows as "Verwijderde deelnemer". */
  displayName: text(),
  passwordHash: text(),
  /** Language of the e-mails this person gets: the one they used when they registered. */
  locale: text().notNull().default("nl"),
  /** How notifications reach this person by e-mail (they always appear at /meldingen). */
  notificationDelivery: notificationDelivery().notNull().default("daily"),
  emailVerifiedAt: timestamp({ withTimezone: true }),
  blockedAt: timestamp({ withTimezone: true }),
  deletedAt: timestamp({ withTimezone: true }),
  ...timestamps,
});

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the session token, hex; the token itself is only in the person's cookie. */
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const roleName = pgEnum("role_name", ["admin", "moderator", "forum_member", "action_holder"]);

/**
 * Roles, each with its scope: a moderator has a theme, an action holder an
 * action point, a forum member an organisation. Revoked grants stay as history.
 */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: roleName().notNull(),
    themeId: integer().references(() => themes.id),
    actionPointId: integer().references(() => actionPoints.id),
    organisation: text(),
    grantedById: integer().references((): AnyPgColumn => users.id),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedById: integer().references((): AnyPgColumn => users.id),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("role_grants_user").on(t.userId),
    uniqueIndex("role_grants_one_active")
      .on(t.userId, t.role, sql`coalesce(${t.themeId}, 0)`, sql`coalesce(${t.actionPointId}, 0)`)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** Single-use links sent by e-mail: address verification and password reset. Only hashes are stored. */
export const tokenPurpose = pgEnum("token_purpose", ["verify_email", "reset_password"]);
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text().primaryKey(),
    purpose: tokenPurpose().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_tokens_user").on(t.userId)],
);

/** Append-only record of role and account decisions; a trigger refuses updates and deletes. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer().references(() => users.id),
    action: text().notNull(),
    subjectUserId: integer().references(() => users.id),
    details: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_created").on(t.createdAt)],
);

/** Fixed-window counters for rate limits, shared by every app instance. Keys hold no plain personal data. */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});

/**
 * One-time keys of the forms that create something. A key is claimed in the
 * transaction that creates the row, together with what that gave (`result`),
 * so a form sent twice (a double click, a retry after a lost answer) gets the
 * first answer and stores nothing more. The clean-up job removes keys after a day.
 */
export const submissions = pgTable(
  "submissions",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    /** What the form creates (comment, proposal, report, ...) and where (e.g. `thread:12`): a key serves one of each. */
    kind: text().notNull(),
    subject: text().notNull(),
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("submissions_created").on(t.createdAt)],
);

export const mailStatus = pgEnum("mail_status", ["queued", "sending", "sent"]);
/** Every e-mail the app sends, written in the transaction that caused it; a pg-boss job delivers it. */
export const outbox = pgTable(
  "outbox",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    toAddress: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    /** Extra headers, e.g. List-Unsubscribe. */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: mailStatus().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    /** When a worker last took the message to send it; a claim older than a few minutes was lost with its worker. */
    claimedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("outbox_to").on(t.toAddress), index("outbox_user").on(t.userId)],
);

export const subjectType = pgEnum("subject_type", ["action_point", "proposal"]);
export const threadKind = pgEnum("thread_kind", ["public", "forum"]);

/**
 * A discussion about one subject: an action point has a public and a forum
 * thread, a proposal a public one. The theme is copied here so permission
 * and queue queries need no join to the subject.
 */
export const threads = pgTable(
  "threads",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    subjectType: subjectType().notNull(),
    subjectId: integer().notNull(),
    kind: threadKind().notNull(),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    /** Published comments in the thread, replies included. */
    commentCount: integer().notNull().default(0),
    lockedAt: timestamp({ withTimezone: true }),
    lockedReason: text(),
    lockedById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("threads_subject_kind").on(t.subjectType, t.subjectId, t.kind)],
);

export const commentStatus = pgEnum("comment_status", ["published", "pending", "hidden", "deleted"]);

/**
 * Comments and replies. Replies nest three levels deep (`depth` 1–3); a reply
 * to a third-level comment becomes its sibling with `replyToId` pointing at
 * it. `rootId` is the top-level comment of a reply, so a page of top-level
 * comments and their replies loads in one query.
 */
export const comments = pgTable(
  "comments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    threadId: integer()
      .notNull()
      .references(() => threads.id),
    parentId: integer().references((): AnyPgColumn => comments.id),
    rootId: integer().references((): AnyPgColumn => comments.id),
    replyToId: integer().references((): AnyPgColumn => comments.id),
    depth: smallint().notNull().default(1),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    /** ProseMirror JSON, validated against the editor's schema. */
    body: jsonb().notNull(),
    /** HTML rendered by the server from `body`; never taken from the client. */
    bodyHtml: text().notNull(),
    status: commentStatus().notNull().default("published"),
    official: boolean().notNull().default(false),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    /** The paragraph of the subject's text this comment is about, and that paragraph as it read then. */
    paragraphAnchor: text(),
    paragraphQuote: text(),
    likeCount: integer().notNull().default(0),
    /** For a top-level comment: its published replies at every depth. */
    replyCount: integer().notNull().default(0),
    editedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
    /** Set when moderation hides the comment: when, the reason code and the public note of the placeholder. */
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenReason: text(),
    hiddenNote: text(),
    ...timestamps,
  },
  (t) => [
    index("comments_thread_top_oldest").on(t.threadId, t.createdAt, t.id).where(sql`${t.parentId} is null`),
    index("comments_thread_top_liked").on(t.threadId, t.likeCount, t.id).where(sql`${t.parentId} is null`),
    index("comments_root").on(t.rootId, t.id),
    index("comments_author").on(t.authorId),
    index("comments_thread_paragraph").on(t.threadId, t.paragraphAnchor).where(sql`${t.paragraphAnchor} is not null`),
  ],
);

export const commentLikes = pgTable(
  "comment_likes",
  {
    commentId: integer()
      .notNull()
      .references(() => comments.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("comment_likes_user").on(t.userId)],
);

/** Earlier versions of edited comments, kept for moderators. */
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    commentId: integer()
      .notNull()
      .references(() => comments.id),
    body: jsonb().notNull(),
    bodyHtml: text().notNull(),
    /** When this version was replaced by the next. */
    replacedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comment_revisions_comment").on(t.commentId)],
);

export const proposalStatus = pgEnum("proposal_status", [
  "pending",
  "published",
  "under_consideration",
  "adopted",
  "not_adopted",
  "merged",
  "withdrawn",
]);

/**
 * Ideas for the plan being drafted. `pending` is a proposal held for
 * moderation; `withdrawn` ones keep their supports on record but those no
 * longer count. `supportCount` counts the supports of the proposal in the
 * same transaction as the rows.
 */
export const proposals = pgTable(
  "proposals",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    /** The current action point this idea builds on, if any. */
    actionPointId: integer().references(() => actionPoints.id),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    title: text().notNull(),
    summary: text().notNull(),
    body: jsonb().notNull(),
    bodyHtml: text().notNull(),
    status: proposalStatus().notNull().default("published"),
    /** The latest official response, shown on the proposal; every step is in proposal_status_changes. */
    response: text(),
    mergedIntoId: integer().references((): AnyPgColumn => proposals.id),
    supportCount: integer().notNull().default(0),
    commentCount: integer().notNull().default(0),
    /** Moderation hides a proposal apart from its status: when, the reason code and the public note. */
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenReason: text(),
    hiddenNote: text(),
    ...timestamps,
  },
  (t) => [
    index("proposals_plan_status").on(t.planId, t.status),
    index("proposals_plan_support").on(t.planId, t.supportCount, t.id),
    index("proposals_plan_created").on(t.planId, t.createdAt, t.id),
    index("proposals_author").on(t.authorId),
  ],
);

/** The public history of a proposal: every change of status, by whom (role), when, and why. */
export const proposalStatusChanges = pgTable(
  "proposal_status_changes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    proposalId: integer()
      .notNull()
      .references(() => proposals.id),
    fromStatus: proposalStatus(),
    toStatus: proposalStatus().notNull(),
    explanation: text().notNull().default(""),
    actorId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("proposal_status_changes_proposal").on(t.proposalId, t.id)],
);

/** One support per person per proposal, enforced by the primary key. */
export const supports = pgTable(
  "supports",
  {
    proposalId: integer()
      .notNull()
      .references(() => proposals.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] }), index("supports_user").on(t.userId)],
);

/**
 * How many supports a person has given within a plan (on proposals that are
 * not withdrawn): raised and checked against the plan's budget in one
 * statement, so parallel requests cannot exceed it.
 */
export const supportBudgets = pgTable(
  "support_budgets",
  {
    planId: integer()
      .notNull()
      .references(() => plans.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    used: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.planId, t.userId] })],
);

export const moderationTarget = pgEnum("moderation_target", ["comment", "proposal"]);
export const flagReason = pgEnum("flag_reason", ["spam", "offensive", "off_topic", "personal_data", "other"]);

/** Reports of a comment or proposal: one per person per item. */
export const flags = pgTable(
  "flags",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    targetType: moderationTarget().notNull(),
    targetId: integer().notNull(),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    reporterId: integer()
      .notNull()
      .references(() => users.id),
    reason: flagReason().notNull(),
    note: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when a moderator decided on the item; resolved reports no longer count. */
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("flags_one_per_reporter").on(t.targetType, t.targetId, t.reporterId),
    index("flags_target").on(t.targetType, t.targetId),
  ],
);

export const queueReason = pgEnum("queue_reason", ["premoderation", "reports", "spam", "appeal"]);

/**
 * Items waiting for a moderator: at most one open entry per item. A claim
 * holds an item for one moderator for ten minutes.
 */
export const moderationQueue = pgTable(
  "moderation_queue",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    targetType: moderationTarget().notNull(),
    targetId: integer().notNull(),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    reasons: queueReason().array().notNull(),
    /** Advisory spam signals and their score; they never hide anything on their own. */
    spamScore: integer().notNull().default(0),
    spamSignals: jsonb().$type<string[]>().notNull().default([]),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedById: integer().references(() => users.id),
    claimedUntil: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("moderation_queue_one_open").on(t.targetType, t.targetId).where(sql`${t.closedAt} is null`),
    index("moderation_queue_theme_open").on(t.themeId, t.openedAt).where(sql`${t.closedAt} is null`),
  ],
);

export const moderationActionKind = pgEnum("moderation_action_kind", [
  "approve",
  "hide",
  "restore",
  "redact",
  "dismiss",
  "lock",
  "unlock",
  "timeout",
  "appeal_upheld",
  "appeal_granted",
]);

/**
 * The record of every moderation decision, written in the same transaction as
 * the change. The public log shows it without moderator names and without the
 * hidden text; `original` keeps a redacted or hidden text for moderators only.
 */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    targetType: text().notNull(),
    targetId: integer().notNull(),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    moderatorId: integer().references(() => users.id),
    action: moderationActionKind().notNull(),
    reasonCode: text(),
    publicNote: text().notNull().default(""),
    original: jsonb(),
    /** When the item entered the queue, for the time from report to decision. */
    reportedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("moderation_actions_created").on(t.createdAt), index("moderation_actions_target").on(t.targetType, t.targetId)],
);

/** One appeal per hiding decision, by the author. */
export const appeals = pgTable(
  "appeals",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actionId: integer()
      .notNull()
      .unique()
      .references(() => moderationActions.id),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
);

/** A person may not contribute in a theme until `until`. */
export const themeTimeouts = pgTable(
  "theme_timeouts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    themeId: integer()
      .notNull()
      .references(() => themes.id),
    until: timestamp({ withTimezone: true }).notNull(),
    createdById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("theme_timeouts_user_theme").on(t.userId, t.themeId, t.until)],
);

export const followSubject = pgEnum("follow_subject", ["action_point", "theme", "proposal"]);

/** What a person follows; they also follow what they wrote or supported. */
export const follows = pgTable(
  "follows",
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    subjectType: followSubject().notNull(),
    subjectId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.subjectType, t.subjectId] }), index("follows_subject").on(t.subjectType, t.subjectId)],
);

/**
 * One notification for one person about one event. `emailedAt` is set when it
 * went out by e-mail (at once or in a digest), so nothing is mailed twice.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    /** The thing it is about, for the link: comment, proposal, action point, moderation decision. */
    targetType: text().notNull(),
    targetId: integer().notNull(),
    actorId: integer().references(() => users.id),
    /** Short, public-safe facts for the text (titles, status); never hidden content. */
    data: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    emailedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("notifications_user_created").on(t.userId, t.createdAt),
    index("notifications_unmailed").on(t.userId).where(sql`${t.emailedAt} is null`),
    uniqueIndex("notifications_once").on(t.userId, t.kind, t.targetType, t.targetId),
  ],
);

export type Plan = typeof plans.$inferSelect;
export type Theme = typeof themes.$inferSelect;
export type ActionPoint = typeof actionPoints.$inferSelect;
export type ProgressUpdate = typeof progressUpdates.$inferSelect;
export type User = typeof users.$inferSelect;
export type RoleGrant = typeof roleGrants.$inferSelect;
export type Role = (typeof roleName.enumValues)[number];
export type Thread = typeof threads.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type CommentStatus = (typeof commentStatus.enumValues)[number];
export type Proposal = typeof proposals.$inferSelect;
export type ProposalStatus = (typeof proposalStatus.enumValues)[number];
