import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, plans, progressUpdates, themes } from "#db/schema.ts";
import { localizeFields, type LocalizedText } from "#app/content/localize.ts";
import type { Translations } from "#db/seed/types.ts";
import type { Locale } from "#app/i18n/index.ts";

export type ProgressUpdateView = { id: number; title: LocalizedText; body: LocalizedText; publishedOn: string | null };

const planColumns = {
  id: plans.id,
  slug: plans.slug,
  title: plans.title,
  period: plans.period,
  status: plans.status,
  intro: plans.intro,
  translations: plans.translations,
};

async function findPlan(db: Executor, status: "current" | "drafting") {
  const [plan] = await db.select(planColumns).from(plans).where(eq(plans.status, status)).orderBy(desc(plans.id)).limit(1);
  return plan;
}

/**
 * Everything the home page shows: the current plan with its themes and their
 * action points, its plan-wide progress reports, and the plan being drafted.
 */
export async function getPlanOverview({ locale, db = getDb() }: { locale: Locale; db?: Executor }) {
  const plan = await findPlan(db, "current");
  if (!plan) return null;

  const [themeRows, pointRows, updates, drafting] = await Promise.all([
    db
      .select({ id: themes.id, number: themes.number, slug: themes.slug, title: themes.title, description: themes.description, translations: themes.translations })
      .from(themes)
      .where(eq(themes.planId, plan.id))
      .orderBy(asc(themes.number)),
    db
      .select({ themeId: actionPoints.themeId, number: actionPoints.number, slug: actionPoints.slug, title: actionPoints.title, holder: actionPoints.holder, translations: actionPoints.translations })
      .from(actionPoints)
      .where(eq(actionPoints.planId, plan.id))
      .orderBy(asc(actionPoints.number)),
    listPlanUpdates({ planId: plan.id, locale, db }),
    findPlan(db, "drafting"),
  ]);

  return {
    plan: { slug: plan.slug, period: plan.period, ...localizeFields(plan, ["title", "intro"], locale) },
    themes: themeRows.map((theme) => ({
      number: theme.number,
      slug: theme.slug,
      ...localizeFields(theme, ["title", "description"], locale),
      actionPoints: pointRows
        .filter((point) => point.themeId === theme.id)
        .map((point) => ({ number: point.number, slug: point.slug, ...localizeFields(point, ["title", "holder"], locale) })),
    })),
    actionPointCount: pointRows.length,
    updates,
    draftingPlan: drafting ? { slug: drafting.slug, ...localizeFields(drafting, ["title", "intro"], locale) } : null,
  };
}

/** The "over het actieplan" page of the current plan. */
export async function getPlanAbout({ locale, db = getDb() }: { locale: Locale; db?: Executor }) {
  const [plan] = await db
    .select({ title: plans.title, about: plans.about, translations: plans.translations })
    .from(plans)
    .where(eq(plans.status, "current"))
    .limit(1);
  return plan ? localizeFields(plan, ["title", "about"], locale) : null;
}

/** Progress reports on a whole plan, newest first, announced ones on top. */
export async function listPlanUpdates({ planId, locale, db = getDb() }: { planId: number; locale: Locale; db?: Executor }) {
  const rows = await db
    .select({ id: progressUpdates.id, title: progressUpdates.title, body: progressUpdates.body, publishedOn: progressUpdates.publishedOn, translations: progressUpdates.translations })
    .from(progressUpdates)
    .where(and(eq(progressUpdates.planId, planId), isNull(progressUpdates.actionPointId)))
    .orderBy(sql`${progressUpdates.publishedOn} desc nulls first`, desc(progressUpdates.id))
    .limit(100);
  return rows.map(toUpdateView(locale));
}

export type UpdateRow = { id: number; title: string; body: string; publishedOn: string | null; translations: Translations<"title" | "body"> };

/**
 * The progress updates matching `where` (about the alias `u` of
 * progress_updates) as one JSON column, in the order and number of
 * listPlanUpdates, for a page that folds them into its own query.
 */
export function updatesJson(where: SQL): SQL<UpdateRow[]> {
  return sql<UpdateRow[]>`coalesce((
    select json_agg(json_build_object('id', u.id, 'title', u.title, 'body', u.body, 'publishedOn', u.published_on, 'translations', u.translations)
      order by u.published_on desc nulls first, u.id desc)
    from (select u.id, u.title, u.body, u.published_on, u.translations from progress_updates u where ${where}
      order by u.published_on desc nulls first, u.id desc limit 100) u), '[]'::json)`;
}

export function toUpdateView(locale: Locale) {
  return (row: { id: number; title: string; body: string; publishedOn: string | null; translations: Translations<"title" | "body"> }): ProgressUpdateView => ({
    id: row.id,
    publishedOn: row.publishedOn,
    ...localizeFields(row, ["title", "body"], locale),
  });
}
