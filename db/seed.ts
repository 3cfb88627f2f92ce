import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.ts";
import { actionPoints, plans, progressUpdates, themes, threads } from "./schema.ts";
import { currentPlan, draftingPlan } from "./seed/plans.ts";
import type { SeedPlan } from "./seed/types.ts";

const SEED_LOCK = 72_616_002;

/**
 * Puts the shipped plans in the database. A plan that is already there is
 * left alone, so running it again changes nothing and never overwrites what
 * admins edited later.
 */
export async function seedDatabase(db: Database, seedPlans: SeedPlan[] = [currentPlan, draftingPlan]) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const added: string[] = [];
    for (const plan of seedPlans) {
      if (await insertPlan(tx, plan)) added.push(plan.slug);
    }
    return { added };
  });
}

async function insertPlan(tx: Transaction, plan: SeedPlan): Promise<boolean> {
  const existing = await tx.select({ id: plans.id }).from(plans).where(eq(plans.slug, plan.slug));
  if (existing.length > 0) return false;

  const [planRow] = await tx
    .insert(plans)
    .values({
      slug: plan.slug,
      title: plan.title,
      period: plan.period,
      status: plan.status,
      intro: plan.intro,
      about: plan.about,
      translations: plan.translations,
      // A plan being drafted starts with both consultation windows open for half a year (admins change them).
      ...(plan.status === "drafting"
        ? {
            proposalsOpenAt: sql`now()`,
            proposalsCloseAt: sql`now() + interval '180 days'`,
            supportOpenAt: sql`now()`,
            supportCloseAt: sql`now() + interval '180 days'`,
            supportBudget: 10,
          }
        : {}),
    })
    .returning({ id: plans.id });
  const planId = planRow!.id;

  for (const theme of plan.themes) {
    const [themeRow] = await tx
      .insert(themes)
      .values({
        planId,
        number: theme.number,
        slug: theme.slug,
        title: theme.title,
        description: theme.description,
        translations: theme.translations,
      })
      .returning({ id: themes.id });
    if (theme.actionPoints.length === 0) continue;
    const inserted = await tx.insert(actionPoints).values(
      theme.actionPoints.map((point) => ({
        planId,
        themeId: themeRow!.id,
        number: point.number,
        slug: point.slug,
        title: point.title,
        holder: point.holder,
        partners: point.partners,
        summary: point.summary,
        body: point.body,
        contribution: point.contribution,
        translations: point.translations,
      })),
    ).returning({ id: actionPoints.id, themeId: actionPoints.themeId });
    // Each action point has a public discussion and a stakeholder-forum discussion.
    await tx.insert(threads).values(
      inserted.flatMap((point) =>
        (["public", "forum"] as const).map((kind) => ({ subjectType: "action_point" as const, subjectId: point.id, kind, themeId: point.themeId })),
      ),
    );
  }

  if (plan.updates.length > 0) {
    await tx.insert(progressUpdates).values(
      plan.updates.map((update) => ({
        planId,
        title: update.title,
        publishedOn: update.publishedOn,
        body: update.body,
        translations: update.translations,
      })),
    );
  }
  return true;
}
