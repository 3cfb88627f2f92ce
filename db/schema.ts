import { sql } from "drizzle-orm";
import { type AnyPgColumn, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    // At most one plan is the current one.
    uniqueIndex("plans_one_current").on(t.status).where(sql`${t.status} = 'current'`),
  ],
);

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
    ...timestamps,
  },
  (t) => [index("progress_updates_plan").on(t.planId), index("progress_updates_action_point").on(t.actionPointId)],
);

export const users = pgTable("users", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  /** Lower-cased; null once the account is deleted. */
  email: text().unique(),
  /** Null once the account is deleted: the person then shows as "Verwijderde deelnemer". */
  displayName: text(),
  passwordHash: text(),
  /** Language of the e-mails this person gets: the one they used when they registered. */
  locale: text().notNull().default("nl"),
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

export type Plan = typeof plans.$inferSelect;
export type Theme = typeof themes.$inferSelect;
export type ActionPoint = typeof actionPoints.$inferSelect;
export type ProgressUpdate = typeof progressUpdates.$inferSelect;
export type User = typeof users.$inferSelect;
export type RoleGrant = typeof roleGrants.$inferSelect;
export type Role = (typeof roleName.enumValues)[number];
