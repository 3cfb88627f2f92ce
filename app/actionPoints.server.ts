import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, plans, progressUpdates, themes } from "#db/schema.ts";
import { localizeFields } from "#app/content/localize.ts";
import type { Locale } from "#app/i18n/index.ts";
import { commentableParagraphs } from "#app/content/blocks.ts";
import { notifyProgressUpdate } from "./notifications.server.ts";
import { once } from "./submissions.server.ts";
import { toUpdateView, updatesJson } from "./plans.server.ts";
import type { Translations } from "#db/seed/types.ts";

const BODY_ANCHORS = "alinea";
const CONTRIBUTION_ANCHORS = "bijdrage";

function paragraphAnchors(text: string, prefix: string): string[] {
  return commentableParagraphs(text, prefix).map((paragraph) => paragraph.anchor);
}

/** The paragraph of an action point's text that `anchor` names, as it reads now; null when it no longer exists. */
export async function findParagraph({ actionPointId, anchor, db = getDb() }: { actionPointId: number; anchor: string; db?: Executor }) {
  const [point] = await db.select({ body: actionPoints.body, contribution: actionPoints.contribution }).from(actionPoints).where(eq(actionPoints.id, actionPointId));
  if (!point) return null;
  const paragraphs = [...commentableParagraphs(point.body, BODY_ANCHORS), ...commentableParagraphs(point.contribution, CONTRIBUTION_ANCHORS)];
  return paragraphs.find((paragraph) => paragraph.anchor === anchor) ?? null;
}

/** The few facts about an action point that actions on its page need. */
export async function getActionPointRef({ slug, db = getDb() }: { slug: string; db?: Executor }) {
  const [row] = await db.select({ id: actionPoints.id, themeId: actionPoints.themeId, slug: actionPoints.slug }).from(actionPoints).where(eq(actionPoints.slug, slug));
  return row ?? null;
}

/** Posts an action holder's progress update on their action point; the same form's key again returns the first update. */
export async function createProgressUpdate({
  actionPointId,
  authorId,
  title,
  body,
  submissionKey = null,
  db = getDb(),
}: {
  actionPointId: number;
  authorId: number;
  title: string;
  body: string;
  submissionKey?: string | null;
  db?: Executor;
}) {
  return db.transaction((tx) =>
    once(tx, { key: submissionKey, userId: authorId, kind: "progressUpdate", subject: `actionPoint:${actionPointId}` }, async () => {
      const [point] = await tx.select({ planId: actionPoints.planId }).from(actionPoints).where(eq(actionPoints.id, actionPointId));
      if (!point) return { ok: false, reason: "unknownActionPoint" } as const;
      const [row] = await tx
        .insert(progressUpdates)
        .values({ planId: point.planId, actionPointId, authorId, title, body, publishedOn: sql`current_date` })
        .returning({ id: progressUpdates.id });
      await notifyProgressUpdate({ updateId: row!.id, db: tx });
      return { ok: true, id: row!.id } as const;
    }),
  );
}

/**
 * An action point page: the point with its theme and plan, its own progress
 * updates, the plan-wide progress reports, and its neighbours in the plan, in
 * one query (the updates and neighbours as JSON columns).
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
      themeId: actionPoints.themeId,
      theme: { number: themes.number, slug: themes.slug, title: themes.title, translations: themes.translations },
      plan: { title: plans.title, translations: plans.translations },
      // Written out with table names: the subqueries refer to the outer row.
      ownUpdates: updatesJson(sql`u.action_point_id = action_points.id`),
      planUpdates: updatesJson(sql`u.plan_id = action_points.plan_id and u.action_point_id is null`),
      neighbours: sql<{ number: number; slug: string; title: string; translations: Translations<"title"> }[]>`coalesce((
        select json_agg(json_build_object('number', n.number, 'slug', n.slug, 'title', n.title, 'translations', n.translations) order by n.number)
        from action_points n where n.plan_id = action_points.plan_id and n.number in (action_points.number - 1, action_points.number + 1)), '[]'::json)`,
    })
    .from(actionPoints)
    .innerJoin(themes, eq(themes.id, actionPoints.themeId))
    .innerJoin(plans, eq(plans.id, actionPoints.planId))
    .where(eq(actionPoints.slug, slug))
    .limit(1);
  if (!point) return null;

  const neighbour = (number: number) => {
    const row = point.neighbours.find((candidate) => candidate.number === number);
    return row ? { number: row.number, slug: row.slug, ...localizeFields(row, ["title"], locale) } : null;
  };

  return {
    id: point.id,
    planId: point.planId,
    themeId: point.themeId,
    number: point.number,
    slug: point.slug,
    ...localizeFields(point, ["title", "holder", "partners", "summary", "body", "contribution"], locale),
    // Anchors come from the original text, so they are the same in every language.
    anchors: { body: paragraphAnchors(point.body, BODY_ANCHORS), contribution: paragraphAnchors(point.contribution, CONTRIBUTION_ANCHORS) },
    theme: { number: point.theme.number, slug: point.theme.slug, ...localizeFields(point.theme, ["title"], locale) },
    plan: localizeFields(point.plan, ["title"], locale),
    ownUpdates: point.ownUpdates.map(toUpdateView(locale)),
    planUpdates: point.planUpdates.map(toUpdateView(locale)),
    previous: neighbour(point.number - 1),
    next: neighbour(point.number + 1),
  };
}
