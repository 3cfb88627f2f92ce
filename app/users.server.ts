/**
 * Administration of people: finding them, granting and revoking roles,
 * blocking and unblocking. Every change writes a row to the append-only
 * audit log in the same transaction. Addresses never leave this module
 * unmasked: no response carries another person's e-mail address.
 */
import { and, desc, eq, ilike, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, auditLog, plans, roleGrants, sessions, themes, users, type Role } from "#db/schema.ts";
import { localize, type LocalizedText } from "#app/content/localize.ts";
import type { Locale } from "#app/i18n/index.ts";
import type { Translations } from "#db/seed/types.ts";
import { normalizeEmail } from "./accounts.server.ts";

/** "jan.jansen@example.nl" → "j…@example.nl": enough to recognise, not enough to write to. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email[0]}…${email.slice(at)}` : "…";
}

const PAGE = 25;

/** People whose name or address contains `query`, newest first, keyset-paginated by id. */
export async function searchUsers({ query = "", before, db = getDb() }: { query?: string; before?: number; db?: Executor }) {
  const term = query.trim();
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
      blocked: sql<boolean>`${users.blockedAt} is not null`,
      deleted: sql<boolean>`${users.deletedAt} is not null`,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(term ? or(ilike(users.displayName, pattern), ilike(users.email, pattern)) : undefined, before ? lt(users.id, before) : undefined))
    .orderBy(desc(users.id))
    .limit(PAGE + 1);
  const people = rows.slice(0, PAGE);
  // A second query rather than a correlated subquery: Drizzle leaves columns unqualified in a one-table select,
  // so `role_grants.user_id = users.id` inside the subquery would silently compare with role_grants.id.
  const grants = people.length
    ? await db
        .selectDistinct({ userId: roleGrants.userId, role: roleGrants.role })
        .from(roleGrants)
        .where(and(inArray(roleGrants.userId, people.map((person) => person.id)), isNull(roleGrants.revokedAt)))
        .orderBy(roleGrants.userId, roleGrants.role)
    : [];
  const page = people.map(({ email, ...row }) => ({
    ...row,
    email: maskEmail(email),
    roles: grants.filter((grant) => grant.userId === row.id).map((grant): Role => grant.role),
  }));
  return { users: page, nextBefore: rows.length > PAGE ? page.at(-1)!.id : null };
}

/** One person as admins see them: roles with their scope, and the state of the account. */
export async function getUserForAdmin({ userId, db = getDb() }: { userId: number; db?: Executor }) {
  const [user] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      blockedAt: users.blockedAt,
      deletedAt: users.deletedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const grants = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      organisation: roleGrants.organisation,
      grantedAt: roleGrants.grantedAt,
      theme: { id: themes.id, number: themes.number, title: themes.title, translations: themes.translations },
      // Outside `theme`: a nested object mixing two joined tables would not become null when there is no theme.
      themePeriod: plans.period,
      actionPoint: { id: actionPoints.id, number: actionPoints.number, title: actionPoints.title, translations: actionPoints.translations },
    })
    .from(roleGrants)
    .leftJoin(themes, eq(themes.id, roleGrants.themeId))
    .leftJoin(plans, eq(plans.id, themes.planId))
    .leftJoin(actionPoints, eq(actionPoints.id, roleGrants.actionPointId))
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
    .orderBy(roleGrants.id);
  return { ...user, email: maskEmail(user.email), grants };
}

/** The themes and action points a role can be scoped to, for the grant form. */
export async function listRoleScopes({ db = getDb() }: { db?: Executor } = {}) {
  const [themeRows, pointRows] = await Promise.all([
    db
      .select({ id: themes.id, number: themes.number, title: themes.title, translations: themes.translations, planId: themes.planId, period: plans.period })
      .from(themes)
      .innerJoin(plans, eq(plans.id, themes.planId))
      .orderBy(themes.planId, themes.number),
    db
      .select({ id: actionPoints.id, number: actionPoints.number, title: actionPoints.title, translations: actionPoints.translations, period: plans.period })
      .from(actionPoints)
      .innerJoin(plans, eq(plans.id, actionPoints.planId))
      .orderBy(actionPoints.planId, actionPoints.number),
  ]);
  return { themes: themeRows, actionPoints: pointRows };
}

type ScopedTitle = { number: number; title: string; translations: Translations<"title"> };

/** What a role applies to, as the admin pages show it: the whole site, a theme, an action point or an organisation. */
export type Scope =
  | { kind: "site" }
  | { kind: "theme"; number: number; title: LocalizedText; period: string | null }
  | { kind: "actionPoint"; number: number; title: LocalizedText }
  | { kind: "organisation"; name: string };

/** The scope of a grant (or audit entry); an action holder's grant also has a theme, but their action point is what counts. */
export function scopeOf(
  row: { theme: ScopedTitle | null; themePeriod?: string | null; actionPoint: ScopedTitle | null; organisation?: string | null },
  locale: Locale,
): Scope {
  if (row.actionPoint) return { kind: "actionPoint", number: row.actionPoint.number, title: localize(row.actionPoint, "title", locale) };
  if (row.theme) return { kind: "theme", number: row.theme.number, title: localize(row.theme, "title", locale), period: row.themePeriod ?? null };
  if (row.organisation) return { kind: "organisation", name: row.organisation };
  return { kind: "site" };
}

export type GrantInput =
  | { role: "admin" }
  | { role: "moderator"; themeId: number }
  | { role: "forum_member"; organisation: string }
  | { role: "action_holder"; actionPointId: number };

export type GrantResult = { ok: true; grantId: number } | { ok: false; reason: "unknownUser" | "unknownScope" | "alreadyGranted" };

/** Grants a role with its scope. An action holder's grant also records the theme of their action point. */
export async function grantRole({ actorId, userId, grant, db = getDb() }: { actorId: number; userId: number; grant: GrantInput; db?: Executor }): Promise<GrantResult> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
    if (!user) return { ok: false, reason: "unknownUser" } as const;
    let themeId: number | null = null;
    let actionPointId: number | null = null;
    let organisation: string | null = null;
    if (grant.role === "moderator") {
      const [theme] = await tx.select({ id: themes.id }).from(themes).where(eq(themes.id, grant.themeId));
      if (!theme) return { ok: false, reason: "unknownScope" } as const;
      themeId = theme.id;
    } else if (grant.role === "action_holder") {
      const [point] = await tx.select({ id: actionPoints.id, themeId: actionPoints.themeId }).from(actionPoints).where(eq(actionPoints.id, grant.actionPointId));
      if (!point) return { ok: false, reason: "unknownScope" } as const;
      actionPointId = point.id;
      themeId = point.themeId;
    } else if (grant.role === "forum_member") {
      organisation = grant.organisation.trim();
    }
    const [row] = await tx
      .insert(roleGrants)
      .values({ userId, role: grant.role, themeId, actionPointId, organisation, grantedById: actorId })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id });
    if (!row) return { ok: false, reason: "alreadyGranted" } as const;
    await tx.insert(auditLog).values({
      actorId,
      action: "role.granted",
      subjectUserId: userId,
      details: { role: grant.role, themeId, actionPointId, organisation },
    });
    return { ok: true, grantId: row.id } as const;
  });
}

/** Revokes an active grant. The last active admin cannot be revoked, so the site always has one. */
export async function revokeRole({ actorId, grantId, db = getDb() }: { actorId: number; grantId: number; db?: Executor }): Promise<{ ok: true } | { ok: false; reason: "unknownGrant" | "lastAdmin" }> {
  return db.transaction(async (tx) => {
    // Serialises revocations, so two admins cannot revoke each other at the same moment.
    await tx.execute(sql`select pg_advisory_xact_lock(72616003)`);
    const [grant] = await tx
      .select({ id: roleGrants.id, userId: roleGrants.userId, role: roleGrants.role, themeId: roleGrants.themeId, actionPointId: roleGrants.actionPointId })
      .from(roleGrants)
      .where(and(eq(roleGrants.id, grantId), isNull(roleGrants.revokedAt)));
    if (!grant) return { ok: false, reason: "unknownGrant" } as const;
    if (grant.role === "admin") {
      const [{ admins } = { admins: 0 }] = await tx
        .select({ admins: sql<number>`count(*)::int` })
        .from(roleGrants)
        .where(and(eq(roleGrants.role, "admin"), isNull(roleGrants.revokedAt)));
      if (admins <= 1) return { ok: false, reason: "lastAdmin" } as const;
    }
    await tx.update(roleGrants).set({ revokedAt: new Date(), revokedById: actorId }).where(eq(roleGrants.id, grantId));
    await tx.insert(auditLog).values({
      actorId,
      action: "role.revoked",
      subjectUserId: grant.userId,
      details: { role: grant.role, themeId: grant.themeId, actionPointId: grant.actionPointId },
    });
    return { ok: true } as const;
  });
}

/** Blocks an account: it cannot sign in, and its sessions end at once. */
export async function blockUser({ actorId, userId, db = getDb() }: { actorId: number; userId: number; db?: Executor }): Promise<{ ok: true } | { ok: false; reason: "self" | "unknownUser" }> {
  if (actorId === userId) return { ok: false, reason: "self" };
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ blockedAt: sql`coalesce(${users.blockedAt}, now())`, updatedAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.deletedAt)))
      .returning({ id: users.id });
    if (!user) return { ok: false, reason: "unknownUser" } as const;
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.insert(auditLog).values({ actorId, action: "user.blocked", subjectUserId: userId });
    return { ok: true } as const;
  });
}

export async function unblockUser({ actorId, userId, db = getDb() }: { actorId: number; userId: number; db?: Executor }): Promise<{ ok: true } | { ok: false; reason: "unknownUser" }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ blockedAt: null, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id });
    if (!user) return { ok: false, reason: "unknownUser" } as const;
    await tx.insert(auditLog).values({ actorId, action: "user.unblocked", subjectUserId: userId });
    return { ok: true } as const;
  });
}

const AUDIT_PAGE = 50;

/**
 * The audit log, newest first, keyset-paginated; people by display name ("Verwijderde deelnemer" once deleted),
 * and the theme or action point a role was scoped to, read from the entry's details.
 */
export async function listAuditLog({ before, db = getDb() }: { before?: number; db?: Executor } = {}) {
  const actor = alias(users, "actor");
  const subject = alias(users, "subject");
  // The plan a plan.* entry is about (the `plans` join below is the theme's plan).
  const auditedPlan = alias(plans, "audited_plan");
  const detailId = (key: string) => sql`case when jsonb_typeof(${auditLog.details} -> ${key}) = 'number' then (${auditLog.details} ->> ${key})::int end`;
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actor: { id: actor.id, displayName: actor.displayName },
      subject: { id: subject.id, displayName: subject.displayName },
      theme: { id: themes.id, number: themes.number, title: themes.title, translations: themes.translations },
      // Outside `theme`: a nested object mixing two joined tables would not become null when there is no theme.
      themePeriod: plans.period,
      actionPoint: { id: actionPoints.id, number: actionPoints.number, title: actionPoints.title, translations: actionPoints.translations },
      plan: { id: auditedPlan.id, title: auditedPlan.title, translations: auditedPlan.translations },
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectUserId))
    .leftJoin(themes, eq(themes.id, detailId("themeId")))
    .leftJoin(plans, eq(plans.id, themes.planId))
    .leftJoin(actionPoints, eq(actionPoints.id, detailId("actionPointId")))
    .leftJoin(auditedPlan, eq(auditedPlan.id, detailId("planId")))
    .where(before ? lt(auditLog.id, before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE + 1);
  const page = rows.slice(0, AUDIT_PAGE);
  return { entries: page, nextBefore: rows.length > AUDIT_PAGE ? page.at(-1)!.id : null };
}

/**
 * For `npm run admin:create -- <email>`: makes the person an admin, creating
 * a verified account without a password when there is none (they set one
 * through the reset link this returns).
 */
export async function ensureAdmin({ email, db = getDb() }: { email: string; db?: Executor }) {
  const address = normalizeEmail(email);
  return db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values({ email: address, displayName: address.split("@")[0]!, emailVerifiedAt: new Date() })
      .onConflictDoNothing({ target: users.email });
    const [user] = await tx.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, address));
    const [grant] = await tx.insert(roleGrants).values({ userId: user!.id, role: "admin" }).onConflictDoNothing().returning({ id: roleGrants.id });
    if (grant) await tx.insert(auditLog).values({ actorId: null, action: "role.granted", subjectUserId: user!.id, details: { role: "admin", via: "command line" } });
    return { userId: user!.id, granted: !!grant, hasPassword: !!user!.passwordHash };
  });
}
