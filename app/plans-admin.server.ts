/**
 * Administration of plans: for now their consultation windows and support
 * budget. Every change writes a `plan.updated` row to the append-only audit
 * log in the same transaction, saying what changed from what to what.
 */
import { asc, count, eq, max, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { auditLog, plans, proposals, supportBudgets, supports } from "#db/schema.ts";

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
