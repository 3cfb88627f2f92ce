import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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

export type Plan = typeof plans.$inferSelect;
export type Theme = typeof themes.$inferSelect;
export type ActionPoint = typeof actionPoints.$inferSelect;
export type ProgressUpdate = typeof progressUpdates.$inferSelect;
