/**
 * Administration of plans: their texts and status, their consultation windows
 * and support budget. Every change writes a `plan.created` or `plan.updated`
 * row to the append-only audit log in the same transaction, saying what
 * changed from what to what.
 */
import { and, asc, count, eq, max, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, auditLog, plans, proposals, supportBudgets, supports, themes, type Plan } from "#db/schema.ts";
import { changeSummary, flatTexts, mergeTranslations, versionOf, violatedConstraint, type AuditDetails } from "#app/content-admin.server.ts";
import { once, type KeyReused } from "./submissions.server.ts";

/**
 * Every plan with its windows, budget and activity, oldest first. Not paginated:
 * a plan covers two years, so this list stays short for decades.
 */
export async function listPlansForAdmin({ db = getDb() }: { db?: Executor } = {}) {
  const [planRows, proposalCounts, supportCounts, budgetUse] = await Promise.all([
    db
      .select({
        id: plans.id,
        slug: plans.slug,
        title: plans.title,
        translations: plans.translations,
        period: plans.period,
        status: plans.status,
        proposalsOpenAt: plans.proposalsOpenAt,
        proposalsCloseAt: plans.proposalsCloseAt,
        supportOpenAt: plans.supportOpenAt,
        supportCloseAt: plans.supportCloseAt,
        supportBudget: plans.supportBudget,
      })
      .from(plans)
      .orderBy(asc(plans.id)),
    // Withdrawn proposals and their supports no longer count, as for the budget.
    db
      .select({ planId: proposals.planId, total: count() })
      .from(proposals)
      .where(ne(proposals.status, "withdrawn"))
      .groupBy(proposals.planId),
    db
      .select({ planId: proposals.planId, total: count() })
      .from(supports)
      .innerJoin(proposals, eq(proposals.id, supports.proposalId))
      .where(ne(proposals.status, "withdrawn"))
      .groupBy(proposals.planId),
    db.select({ planId: supportBudgets.planId, most: max(supportBudgets.used) }).from(supportBudgets).groupBy(supportBudgets.planId),
  ]);
  const lookup = (rows: { planId: number; total: number }[], planId: number) => rows.find((row) => row.planId === planId)?.total ?? 0;
  return planRows.map((plan) => ({
    ...plan,
    proposalCount: lookup(proposalCounts, plan.id),
    supportCount: lookup(supportCounts, plan.id),
    /** The most supports one person gave in this plan: the budget cannot go below it. */
    mostSupportsByOnePerson: budgetUse.find((row) => row.planId === plan.id)?.most ?? 0,
  }));
}

export type PlanAdminRow = Awaited<ReturnType<typeof listPlansForAdmin>>[number];

export type PlanWindows = {
  proposalsOpenAt: Date | null;
  proposalsCloseAt: Date | null;
  supportOpenAt: Date | null;
  supportCloseAt: Date | null;
  /** Null is unlimited. */
  supportBudget: number | null;
};

const windowFields = ["proposalsOpenAt", "proposalsCloseAt", "supportOpenAt", "supportCloseAt"] as const;

export type UpdatePlanWindowsResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: "unknownPlan" }
  | { ok: false; reason: "closesBeforeOpens"; field: "proposalsCloseAt" | "supportCloseAt" }
  | { ok: false; reason: "budgetBelowUsed"; used: number };

/**
 * Sets a plan's windows and support budget. The budget may not go below what
 * one person already used in the plan: people keep the supports they gave.
 * Nothing changed means nothing written.
 */
export async function updatePlanWindows({
  actorId,
  planId,
  db = getDb(),
  ...next
}: PlanWindows & { actorId: number; planId: number; db?: Executor }): Promise<UpdatePlanWindowsResult> {
  // The form checks this too; repeated here so no other caller can store a window that closes before it opens.
  for (const [open, close] of [
    ["proposalsOpenAt", "proposalsCloseAt"],
    ["supportOpenAt", "supportCloseAt"],
  ] as const) {
    const opens = next[open];
    const closes = next[close];
    if (opens && closes && closes.getTime() <= opens.getTime()) return { ok: false, reason: "closesBeforeOpens", field: close };
  }
  return db.transaction(async (tx) => {
    // Locks the plan, so two admins saving at once write one after the other, each with a correct "old" value.
    const [current] = await tx
      .select({
        proposalsOpenAt: plans.proposalsOpenAt,
        proposalsCloseAt: plans.proposalsCloseAt,
        supportOpenAt: plans.supportOpenAt,
        supportCloseAt: plans.supportCloseAt,
        supportBudget: plans.supportBudget,
      })
      .from(plans)
      .where(eq(plans.id, planId))
      .for("update");
    if (!current) return { ok: false, reason: "unknownPlan" } as const;

    if (next.supportBudget !== null && next.supportBudget !== current.supportBudget) {
      const [usage] = await tx
        .select({ most: sql<number>`coalesce(max(${supportBudgets.used}), 0)::int` })
        .from(supportBudgets)
        .where(eq(supportBudgets.planId, planId));
      const used = usage?.most ?? 0;
      if (next.supportBudget < used) return { ok: false, reason: "budgetBelowUsed", used } as const;
    }

    const details: Record<string, string | number | null> = {};
    for (const field of windowFields) {
      const from = current[field]?.toISOString() ?? null;
      const to = next[field]?.toISOString() ?? null;
      if (from !== to) Object.assign(details, { [`${field}.from`]: from, [`${field}.to`]: to });
    }
    if (current.supportBudget !== next.supportBudget) Object.assign(details, { "supportBudget.from": current.supportBudget, "supportBudget.to": next.supportBudget });
    if (Object.keys(details).length === 0) return { ok: true, changed: false } as const;

    await tx
      .update(plans)
      .set({
        proposalsOpenAt: next.proposalsOpenAt,
        proposalsCloseAt: next.proposalsCloseAt,
        supportOpenAt: next.supportOpenAt,
        supportCloseAt: next.supportCloseAt,
        supportBudget: next.supportBudget,
        updatedAt: new Date(),
      })
      .where(eq(plans.id, planId));
    await tx.insert(auditLog).values({ actorId, action: "plan.updated", details: { planId, ...details } });
    return { ok: true, changed: true } as const;
  });
}

const PLAN_TEXTS = ["title", "intro", "about"] as const;
const PLAN_LONG_TEXTS = ["intro", "introEn", "about", "aboutEn"] as const;

type PlanStatus = Plan["status"];

/** A plan's texts and status as the edit form shows them, with `version` for refusing a stale save. */
export type PlanTexts = {
  title: string;
  titleEn: string;
  period: string;
  status: PlanStatus;
  intro: string;
  introEn: string;
  about: string;
  aboutEn: string;
};

/** One plan for its edit page: texts, status, version, and its themes with how many action points each has. */
export async function getPlanForEdit({ planId, db = getDb() }: { planId: number; db?: Executor }) {
  const [row] = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      period: plans.period,
      status: plans.status,
      intro: plans.intro,
      about: plans.about,
      translations: plans.translations,
      updatedAt: plans.updatedAt,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!row) return null;
  const themeRows = await db
    .select({ id: themes.id, number: themes.number, slug: themes.slug, title: themes.title, translations: themes.translations, actionPointCount: count(actionPoints.id) })
    .from(themes)
    .leftJoin(actionPoints, eq(actionPoints.themeId, themes.id))
    .where(eq(themes.planId, planId))
    .groupBy(themes.id)
    .orderBy(asc(themes.number));
  return { id: row.id, slug: row.slug, version: versionOf(row.updatedAt), texts: planTextsOf(row), themes: themeRows };
}

function planTextsOf(row: { title: string; period: string; status: PlanStatus; intro: string; about: string; translations: typeof plans.$inferSelect.translations }): PlanTexts {
  const flat = flatTexts(row, PLAN_TEXTS) as Omit<PlanTexts, "period" | "status">;
  return { ...flat, period: row.period, status: row.status };
}

function planColumns(texts: PlanTexts) {
  return { title: texts.title, period: texts.period, status: texts.status, intro: texts.intro, about: texts.about };
}

export type SavePlanResult =
  | { ok: true; planId: number; changed: boolean }
  | { ok: false; reason: "unknownPlan" | "slugTaken" }
  | { ok: false; reason: "otherCurrent" | "otherDrafting"; currentTitle: string }
  | { ok: false; reason: "stale"; current: PlanTexts; version: string }
  | KeyReused;

/** The statuses only one plan at a time may have (unique indexes say so too): the current plan, and the one being drafted. */
const SINGLE_STATUSES = { current: "otherCurrent", drafting: "otherDrafting" } as const;

/** Which plan has this status now, other than `planId`. */
async function otherPlanWith(db: Executor, status: keyof typeof SINGLE_STATUSES, planId: number | null) {
  const [row] = await db
    .select({ title: plans.title })
    .from(plans)
    .where(planId === null ? eq(plans.status, status) : and(eq(plans.status, status), ne(plans.id, planId)));
  return row ?? null;
}

/** The refusal when another plan already has the single status this save asks for. */
async function singleStatusTaken(db: Executor, status: string, planId: number | null): Promise<SavePlanResult | null> {
  if (status !== "current" && status !== "drafting") return null;
  const other = await otherPlanWith(db, status, planId);
  return other ? { ok: false, reason: SINGLE_STATUSES[status], currentTitle: other.title } : null;
}

/** Maps a unique-index violation of a plan save to the reason the form shows; anything else is rethrown. */
async function planConflict(error: unknown, db: Executor, planId: number | null): Promise<SavePlanResult> {
  const constraint = violatedConstraint(error);
  if (constraint === "plans_slug_unique") return { ok: false, reason: "slugTaken" };
  if (constraint === "plans_one_current") return { ok: false, reason: "otherCurrent", currentTitle: (await otherPlanWith(db, "current", planId))?.title ?? "" };
  if (constraint === "plans_one_drafting") return { ok: false, reason: "otherDrafting", currentTitle: (await otherPlanWith(db, "drafting", planId))?.title ?? "" };
  throw error;
}

/** Adds a plan (without windows: those are set at /beheer/plannen). */
/** The same form's key again returns the first plan (app/submissions.server.ts). */
export async function createPlan({
  actorId,
  slug,
  submissionKey = null,
  db = getDb(),
  ...texts
}: PlanTexts & { actorId: number; slug: string; submissionKey?: string | null; db?: Executor }): Promise<SavePlanResult> {
  try {
    const submission = { key: submissionKey, userId: actorId, kind: "plan", subject: "plans" } as const;
    return await db.transaction((tx) =>
      once(tx, submission, async () => {
        const taken = await singleStatusTaken(tx, texts.status, null);
        if (taken) return taken;
        const [row] = await tx
          .insert(plans)
          .values({ slug, ...planColumns(texts), translations: mergeTranslations({}, { title: texts.titleEn, intro: texts.introEn, about: texts.aboutEn }) })
          .returning({ id: plans.id });
        const details: AuditDetails = { planId: row!.id, slug, ...changeSummary({}, { ...texts }, PLAN_LONG_TEXTS) };
        await tx.insert(auditLog).values({ actorId, action: "plan.created", details });
        return { ok: true, planId: row!.id, changed: true } as const;
      }),
    );
  } catch (error) {
    return planConflict(error, db, null);
  }
}

/**
 * Saves a plan's texts and status, if nobody else saved it since `version`;
 * otherwise returns what is stored now, so the page can show both.
 */
export async function updatePlan({
  actorId,
  planId,
  version,
  db = getDb(),
  ...texts
}: PlanTexts & { actorId: number; planId: number; version: string; db?: Executor }): Promise<SavePlanResult> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ title: plans.title, period: plans.period, status: plans.status, intro: plans.intro, about: plans.about, translations: plans.translations, updatedAt: plans.updatedAt })
        .from(plans)
        .where(eq(plans.id, planId))
        .for("update");
      if (!row) return { ok: false, reason: "unknownPlan" } as const;
      const current = planTextsOf(row);
      if (versionOf(row.updatedAt) !== version) return { ok: false, reason: "stale", current, version: versionOf(row.updatedAt) } as const;
      const details = changeSummary(current, texts, PLAN_LONG_TEXTS);
      if (Object.keys(details).length === 0) return { ok: true, planId, changed: false } as const;
      if (texts.status !== row.status) {
        const taken = await singleStatusTaken(tx, texts.status, planId);
        if (taken) return taken;
      }
      await tx
        .update(plans)
        .set({ ...planColumns(texts), translations: mergeTranslations(row.translations, { title: texts.titleEn, intro: texts.introEn, about: texts.aboutEn }), updatedAt: new Date() })
        .where(eq(plans.id, planId));
      await tx.insert(auditLog).values({ actorId, action: "plan.updated", details: { planId, ...details } });
      return { ok: true, planId, changed: true } as const;
    });
  } catch (error) {
    return planConflict(error, db, planId);
  }
}
