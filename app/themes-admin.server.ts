/**
 * Administration of themes: their number, slug and texts, and how
 * contributions in a theme are moderated (pre-moderation mode, how many first
 * contributions of a new account are held, after how many reports an item is
 * hidden). Every change writes a `theme.created` or `theme.updated` row to the
 * append-only audit log in the same transaction.
 */
import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, auditLog, plans, themes } from "#db/schema.ts";
import { changeSummary, flatTexts, mergeTranslations, versionOf, violatedConstraint } from "#app/content-admin.server.ts";
import { once, type KeyReused } from "./submissions.server.ts";

export const PREMODERATION_MODES = ["off", "new_accounts", "all"] as const;
export type PremoderationMode = (typeof PREMODERATION_MODES)[number];
export const COUNT_RANGE = { min: 1, max: 50 } as const;
export const THRESHOLD_RANGE = { min: 1, max: 20 } as const;

/**
 * Every theme with its moderation settings, by plan and number. Not paginated:
 * a plan has a handful of themes and a new plan comes every two years.
 */
export async function listThemesForAdmin({ db = getDb() }: { db?: Executor } = {}) {
  return db
    .select({
      id: themes.id,
      number: themes.number,
      title: themes.title,
      translations: themes.translations,
      premoderation: themes.premoderation,
      premoderationCount: themes.premoderationCount,
      flagThreshold: themes.flagThreshold,
      plan: { id: plans.id, title: plans.title, translations: plans.translations, period: plans.period, status: plans.status },
    })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .orderBy(asc(plans.id), asc(themes.number));
}

export type ThemeModeration = { premoderation: PremoderationMode; premoderationCount: number; flagThreshold: number };

export type UpdateThemeResult = { ok: true; changed: boolean } | { ok: false; reason: "unknownTheme" | "outOfRange" };

const inRange = (value: number, range: { min: number; max: number }) => Number.isInteger(value) && value >= range.min && value <= range.max;

/**
 * Sets a theme's moderation settings. Items already held or reported stay as
 * they are; the new settings apply to what comes next. Nothing changed means
 * nothing written.
 */
export async function updateThemeModeration({
  actorId,
  themeId,
  db = getDb(),
  ...next
}: ThemeModeration & { actorId: number; themeId: number; db?: Executor }): Promise<UpdateThemeResult> {
  // The form checks this too; repeated so no other caller can store a setting the queue cannot work with.
  if (!PREMODERATION_MODES.includes(next.premoderation) || !inRange(next.premoderationCount, COUNT_RANGE) || !inRange(next.flagThreshold, THRESHOLD_RANGE)) {
    return { ok: false, reason: "outOfRange" };
  }
  return db.transaction(async (tx) => {
    // Locks the theme, so two admins saving at once each record a correct "from" value.
    const [current] = await tx
      .select({ premoderation: themes.premoderation, premoderationCount: themes.premoderationCount, flagThreshold: themes.flagThreshold })
      .from(themes)
      .where(eq(themes.id, themeId))
      .for("update");
    if (!current) return { ok: false, reason: "unknownTheme" } as const;
    const details: Record<string, string | number | null> = {};
    for (const field of ["premoderation", "premoderationCount", "flagThreshold"] as const) {
      if (current[field] !== next[field]) Object.assign(details, { [`${field}.from`]: current[field], [`${field}.to`]: next[field] });
    }
    if (Object.keys(details).length === 0) return { ok: true, changed: false } as const;
    await tx
      .update(themes)
      .set({ premoderation: next.premoderation, premoderationCount: next.premoderationCount, flagThreshold: next.flagThreshold, updatedAt: new Date() })
      .where(eq(themes.id, themeId));
    await tx.insert(auditLog).values({ actorId, action: "theme.updated", details: { themeId, ...details } });
    return { ok: true, changed: true } as const;
  });
}

const THEME_TEXTS = ["title", "description"] as const;
const THEME_LONG_TEXTS = ["description", "descriptionEn"] as const;

/** A theme's number, slug and texts as the edit form shows them. */
export type ThemeTexts = { number: number; slug: string; title: string; titleEn: string; description: string; descriptionEn: string };

function themeTextsOf(row: { number: number; slug: string; title: string; description: string; translations: typeof themes.$inferSelect.translations }): ThemeTexts {
  return { number: row.number, slug: row.slug, ...(flatTexts(row, THEME_TEXTS) as Omit<ThemeTexts, "number" | "slug">) };
}

/** The plan a new theme is for, with the numbers its themes already have; null when there is no such plan. */
export async function getPlanForNewTheme({ planId, db = getDb() }: { planId: number; db?: Executor }) {
  const [plan] = await db.select({ id: plans.id, title: plans.title, translations: plans.translations, period: plans.period }).from(plans).where(eq(plans.id, planId));
  if (!plan) return null;
  const numbers = await db.select({ number: themes.number }).from(themes).where(eq(themes.planId, planId)).orderBy(asc(themes.number));
  return { ...plan, nextNumber: Math.max(0, ...numbers.map((row) => row.number)) + 1 };
}

/** One theme for its edit page: texts, version, moderation settings, plan, and its action points. */
export async function getThemeForEdit({ themeId, db = getDb() }: { themeId: number; db?: Executor }) {
  const [row] = await db
    .select({
      id: themes.id,
      number: themes.number,
      slug: themes.slug,
      title: themes.title,
      description: themes.description,
      translations: themes.translations,
      premoderation: themes.premoderation,
      premoderationCount: themes.premoderationCount,
      flagThreshold: themes.flagThreshold,
      updatedAt: themes.updatedAt,
      plan: { id: plans.id, title: plans.title, translations: plans.translations, period: plans.period },
    })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .where(eq(themes.id, themeId));
  if (!row) return null;
  const points = await db
    .select({ id: actionPoints.id, number: actionPoints.number, slug: actionPoints.slug, title: actionPoints.title, translations: actionPoints.translations, holder: actionPoints.holder })
    .from(actionPoints)
    .where(eq(actionPoints.themeId, themeId))
    .orderBy(asc(actionPoints.number));
  return {
    id: row.id,
    version: versionOf(row.updatedAt),
    texts: themeTextsOf(row),
    moderation: { premoderation: row.premoderation, premoderationCount: row.premoderationCount, flagThreshold: row.flagThreshold },
    plan: row.plan,
    actionPoints: points,
  };
}

export type SaveThemeResult =
  | { ok: true; themeId: number; changed: boolean }
  | { ok: false; reason: "unknownPlan" | "unknownTheme" | "slugTaken" | "numberTaken" }
  | { ok: false; reason: "stale"; current: ThemeTexts; version: string }
  | KeyReused;

function themeConflict(error: unknown): SaveThemeResult {
  const constraint = violatedConstraint(error);
  if (constraint === "themes_slug_unique") return { ok: false, reason: "slugTaken" };
  if (constraint === "themes_plan_number") return { ok: false, reason: "numberTaken" };
  throw error;
}

const themeTranslations = (texts: ThemeTexts) => ({ title: texts.titleEn, description: texts.descriptionEn });

/** Adds a theme to a plan, with the default moderation settings. */
export async function createTheme({
  actorId,
  planId,
  submissionKey = null,
  db = getDb(),
  ...texts
}: ThemeTexts & { actorId: number; planId: number; submissionKey?: string | null; db?: Executor }): Promise<SaveThemeResult> {
  try {
    const submission = { key: submissionKey, userId: actorId, kind: "theme", subject: `plan:${planId}` } as const;
    return await db.transaction((tx) =>
      once(tx, submission, async () => {
        const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
        if (!plan) return { ok: false, reason: "unknownPlan" } as const;
        const [row] = await tx
          .insert(themes)
          .values({ planId, number: texts.number, slug: texts.slug, title: texts.title, description: texts.description, translations: mergeTranslations({}, themeTranslations(texts)) })
          .returning({ id: themes.id });
        await tx.insert(auditLog).values({ actorId, action: "theme.created", details: { themeId: row!.id, planId, ...changeSummary({}, texts, THEME_LONG_TEXTS) } });
        return { ok: true, themeId: row!.id, changed: true } as const;
      }),
    );
  } catch (error) {
    return themeConflict(error);
  }
}

/** Saves a theme's number, slug and texts, if nobody else saved it since `version`. */
export async function updateTheme({
  actorId,
  themeId,
  version,
  db = getDb(),
  ...texts
}: ThemeTexts & { actorId: number; themeId: number; version: string; db?: Executor }): Promise<SaveThemeResult> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ number: themes.number, slug: themes.slug, title: themes.title, description: themes.description, translations: themes.translations, updatedAt: themes.updatedAt })
        .from(themes)
        .where(eq(themes.id, themeId))
        .for("update");
      if (!row) return { ok: false, reason: "unknownTheme" } as const;
      const current = themeTextsOf(row);
      if (versionOf(row.updatedAt) !== version) return { ok: false, reason: "stale", current, version: versionOf(row.updatedAt) } as const;
      const details = changeSummary(current, texts, THEME_LONG_TEXTS);
      if (Object.keys(details).length === 0) return { ok: true, themeId, changed: false } as const;
      await tx
        .update(themes)
        .set({ number: texts.number, slug: texts.slug, title: texts.title, description: texts.description, translations: mergeTranslations(row.translations, themeTranslations(texts)), updatedAt: new Date() })
        .where(eq(themes.id, themeId));
      await tx.insert(auditLog).values({ actorId, action: "theme.updated", details: { themeId, ...details } });
      return { ok: true, themeId, changed: true } as const;
    });
  } catch (error) {
    return themeConflict(error);
  }
}
