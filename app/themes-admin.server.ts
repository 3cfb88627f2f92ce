/**
 * Administration of themes: how contributions in a theme are moderated
 * (pre-moderation mode, how many first contributions of a new account are
 * held, after how many reports an item is hidden). Every change writes a
 * `theme.updated` row to the append-only audit log in the same transaction.
 */
import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { auditLog, plans, themes } from "#db/schema.ts";

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
