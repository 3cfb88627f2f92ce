import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, plans, progressUpdates, themes } from "#db/schema.ts";
import { localizeFields } from "#app/content/localize.ts";
import type { Locale } from "#app/i18n/index.ts";
import { listPlanUpdates, toUpdateView } from "./plans.server.ts";

/**
 * An action point page: the point with its theme and plan, its own progress
 * updates, the plan-wide progress reports, and its neighbours in the plan.
 */
export async function getActionPoint({ slug, locale, db = getDb() }: { slug: string; locale: Locale; db?: Executor }) {
  const [point] = await db
    .select({
      id: actionPoints.id,
      planId: actionPoints.planId,
      number: actionPoints.number,
      slug: actionPoints.slug,
      title: actionPoints.title,
      holder: actionPoints.holder,
      partners: actionPoints.partners,
      summary: actionPoints.summary,
      body: actionPoints.body,
      contribution: actionPoints.contribution,
      translations: actionPoints.translations,
      theme: { number: themes.number, slug: themes.slug, title: themes.title, translations: themes.translations },
      plan: { title: plans.title, translations: plans.translations },
    })
    .from(actionPoints)
    .innerJoin(themes, eq(themes.id, actionPoints.themeId))
    .innerJoin(plans, eq(plans.id, actionPoints.planId))
    .where(eq(actionPoints.slug, slug))
    .limit(1);
  if (!point) return null;

  const [ownUpdates, planUpdates, neighbours] = await Promise.all([
    db
      .select({ id: progressUpdates.id, title: progressUpdates.title, body: progressUpdates.body, publishedOn: progressUpdates.publishedOn, translations: progressUpdates.translations })
      .from(progressUpdates)
      .where(eq(progressUpdates.actionPointId, point.id))
      .orderBy(sql`${progressUpdates.publishedOn} desc nulls first`, desc(progressUpdates.id))
      .limit(100),
    listPlanUpdates({ planId: point.planId, locale, db }),
    db
      .select({ number: actionPoints.number, slug: actionPoints.slug, title: actionPoints.title, translations: actionPoints.translations })
      .from(actionPoints)
      .where(and(eq(actionPoints.planId, point.planId), sql`${actionPoints.number} in (${point.number - 1}, ${point.number + 1})`))
      .orderBy(asc(actionPoints.number)),
  ]);

  const neighbour = (number: number) => {
    const row = neighbours.find((candidate) => candidate.number === number);
    return row ? { number: row.number, slug: row.slug, ...localizeFields(row, ["title"], locale) } : null;
  };

  return {
    number: point.number,
    slug: point.slug,
    ...localizeFields(point, ["title", "holder", "partners", "summary", "body", "contribution"], locale),
    theme: { number: point.theme.number, slug: point.theme.slug, ...localizeFields(point.theme, ["title"], locale) },
    plan: localizeFields(point.plan, ["title"], locale),
    ownUpdates: ownUpdates.map(toUpdateView(locale)),
    planUpdates,
    previous: neighbour(point.number - 1),
    next: neighbour(point.number + 1),
  };
}
