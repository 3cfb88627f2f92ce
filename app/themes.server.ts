import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, plans, themes } from "#db/schema.ts";
import { localizeFields } from "#app/content/localize.ts";
import type { Locale } from "#app/i18n/index.ts";

/** A theme page: the theme, its plan, its action points and the plan's other themes. */
export async function getTheme({ slug, locale, db = getDb() }: { slug: string; locale: Locale; db?: Executor }) {
  const [theme] = await db
    .select({
      id: themes.id,
      planId: themes.planId,
      number: themes.number,
      slug: themes.slug,
      title: themes.title,
      description: themes.description,
      translations: themes.translations,
      plan: { slug: plans.slug, status: plans.status, title: plans.title, translations: plans.translations },
    })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .where(eq(themes.slug, slug))
    .limit(1);
  if (!theme) return null;

  const [points, siblings] = await Promise.all([
    db
      .select({ number: actionPoints.number, slug: actionPoints.slug, title: actionPoints.title, holder: actionPoints.holder, summary: actionPoints.summary, translations: actionPoints.translations })
      .from(actionPoints)
      .where(eq(actionPoints.themeId, theme.id))
      .orderBy(asc(actionPoints.number)),
    db
      .select({ number: themes.number, slug: themes.slug, title: themes.title, translations: themes.translations })
      .from(themes)
      .where(eq(themes.planId, theme.planId))
      .orderBy(asc(themes.number)),
  ]);

  return {
    number: theme.number,
    slug: theme.slug,
    ...localizeFields(theme, ["title", "description"], locale),
    plan: { slug: theme.plan.slug, status: theme.plan.status, ...localizeFields(theme.plan, ["title"], locale) },
    actionPoints: points.map((point) => ({
      number: point.number,
      slug: point.slug,
      ...localizeFields(point, ["title", "holder", "summary"], locale),
    })),
    otherThemes: siblings
      .filter((sibling) => sibling.slug !== theme.slug)
      .map((sibling) => ({ number: sibling.number, slug: sibling.slug, ...localizeFields(sibling, ["title"], locale) })),
  };
}
