/**
 * Administration of action points: number, slug, title, action holder,
 * partners and texts, each with an English translation. A new action point
 * gets its public and forum discussion at once. Texts stay in the block
 * format of app/content/blocks.ts, whose paragraph anchors are made from each
 * paragraph's own text: an edit keeps the anchor (and the comments on it) of
 * every paragraph it leaves unchanged. Every change writes an
 * `actionPoint.created` or `actionPoint.updated` row to the audit log.
 */
import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, auditLog, plans, themes, threads } from "#db/schema.ts";
import { changeSummary, flatTexts, mergeTranslations, versionOf, violatedConstraint } from "#app/content-admin.server.ts";
import { once, type KeyReused } from "./submissions.server.ts";

const TEXTS = ["title", "holder", "partners", "summary", "body", "contribution"] as const;
const LONG_TEXTS = ["body", "bodyEn", "contribution", "contributionEn"] as const;

type TextField = (typeof TEXTS)[number];
export type ActionPointTexts = { number: number; slug: string } & Record<TextField | `${TextField}En`, string>;

type Row = { number: number; slug: string; translations: typeof actionPoints.$inferSelect.translations } & Record<TextField, string>;

function textsOf(row: Row): ActionPointTexts {
  return { number: row.number, slug: row.slug, ...(flatTexts(row, TEXTS) as Record<TextField | `${TextField}En`, string>) };
}

const rowColumns = {
  number: actionPoints.number,
  slug: actionPoints.slug,
  title: actionPoints.title,
  holder: actionPoints.holder,
  partners: actionPoints.partners,
  summary: actionPoints.summary,
  body: actionPoints.body,
  contribution: actionPoints.contribution,
  translations: actionPoints.translations,
};

function columns(texts: ActionPointTexts) {
  return {
    number: texts.number,
    slug: texts.slug,
    title: texts.title,
    holder: texts.holder,
    partners: texts.partners,
    summary: texts.summary,
    body: texts.body,
    contribution: texts.contribution,
  };
}

const englishOf = (texts: ActionPointTexts) => Object.fromEntries(TEXTS.map((field) => [field, texts[`${field}En`]])) as Record<TextField, string>;

/** The theme a new action point is for, and the next free number in its plan (numbers run through the whole plan). */
export async function getThemeForNewActionPoint({ themeId, db = getDb() }: { themeId: number; db?: Executor }) {
  const [theme] = await db
    .select({ id: themes.id, number: themes.number, title: themes.title, translations: themes.translations, planId: themes.planId, period: plans.period })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .where(eq(themes.id, themeId));
  if (!theme) return null;
  const numbers = await db.select({ number: actionPoints.number }).from(actionPoints).where(eq(actionPoints.planId, theme.planId)).orderBy(asc(actionPoints.number));
  return { ...theme, nextNumber: Math.max(0, ...numbers.map((row) => row.number)) + 1 };
}

/** One action point for its edit page: texts, version, and its theme and plan. */
export async function getActionPointForEdit({ actionPointId, db = getDb() }: { actionPointId: number; db?: Executor }) {
  const [row] = await db
    .select({
      id: actionPoints.id,
      ...rowColumns,
      updatedAt: actionPoints.updatedAt,
      theme: { id: themes.id, number: themes.number, title: themes.title, translations: themes.translations },
      period: plans.period,
    })
    .from(actionPoints)
    .innerJoin(themes, eq(themes.id, actionPoints.themeId))
    .innerJoin(plans, eq(plans.id, actionPoints.planId))
    .where(eq(actionPoints.id, actionPointId));
  if (!row) return null;
  return { id: row.id, version: versionOf(row.updatedAt), texts: textsOf(row), theme: row.theme, period: row.period };
}

export type SaveActionPointResult =
  | { ok: true; actionPointId: number; changed: boolean }
  | { ok: false; reason: "unknownTheme" | "unknownActionPoint" | "slugTaken" | "numberTaken" }
  | { ok: false; reason: "stale"; current: ActionPointTexts; version: string }
  | KeyReused;

function conflict(error: unknown): SaveActionPointResult {
  const constraint = violatedConstraint(error);
  if (constraint === "action_points_slug_unique") return { ok: false, reason: "slugTaken" };
  if (constraint === "action_points_plan_number") return { ok: false, reason: "numberTaken" };
  throw error;
}

/** Adds an action point to a theme (and so to the theme's plan), with its two discussions. */
export async function createActionPoint({
  actorId,
  themeId,
  submissionKey = null,
  db = getDb(),
  ...texts
}: ActionPointTexts & { actorId: number; themeId: number; submissionKey?: string | null; db?: Executor }): Promise<SaveActionPointResult> {
  try {
    const submission = { key: submissionKey, userId: actorId, kind: "actionPoint", subject: `theme:${themeId}` } as const;
    return await db.transaction((tx) =>
      once(tx, submission, async () => {
        const [theme] = await tx.select({ planId: themes.planId }).from(themes).where(eq(themes.id, themeId));
        if (!theme) return { ok: false, reason: "unknownTheme" } as const;
        const [row] = await tx
          .insert(actionPoints)
          .values({ planId: theme.planId, themeId, ...columns(texts), translations: mergeTranslations({}, englishOf(texts)) })
          .returning({ id: actionPoints.id });
        const actionPointId = row!.id;
        // Every action point has a public discussion and a stakeholder-forum discussion, as the seeded ones do.
        await tx.insert(threads).values((["public", "forum"] as const).map((kind) => ({ subjectType: "action_point" as const, subjectId: actionPointId, kind, themeId })));
        await tx.insert(auditLog).values({ actorId, action: "actionPoint.created", details: { actionPointId, themeId, ...changeSummary({}, texts, LONG_TEXTS) } });
        return { ok: true, actionPointId, changed: true } as const;
      }),
    );
  } catch (error) {
    return conflict(error);
  }
}

/** Saves an action point's number, slug and texts, if nobody else saved it since `version`. Its theme stays. */
export async function updateActionPoint({
  actorId,
  actionPointId,
  version,
  db = getDb(),
  ...texts
}: ActionPointTexts & { actorId: number; actionPointId: number; version: string; db?: Executor }): Promise<SaveActionPointResult> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ ...rowColumns, updatedAt: actionPoints.updatedAt })
        .from(actionPoints)
        .where(eq(actionPoints.id, actionPointId))
        .for("update");
      if (!row) return { ok: false, reason: "unknownActionPoint" } as const;
      const current = textsOf(row);
      if (versionOf(row.updatedAt) !== version) return { ok: false, reason: "stale", current, version: versionOf(row.updatedAt) } as const;
      const details = changeSummary(current, texts, LONG_TEXTS);
      if (Object.keys(details).length === 0) return { ok: true, actionPointId, changed: false } as const;
      await tx
        .update(actionPoints)
        .set({ ...columns(texts), translations: mergeTranslations(row.translations, englishOf(texts)), updatedAt: new Date() })
        .where(eq(actionPoints.id, actionPointId));
      await tx.insert(auditLog).values({ actorId, action: "actionPoint.updated", details: { actionPointId, ...details } });
      return { ok: true, actionPointId, changed: true } as const;
    });
  } catch (error) {
    return conflict(error);
  }
}
