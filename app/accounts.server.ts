/**
 * Accounts: registering, verifying the address, signing in and out, resetting
 * and changing the password, and the person's privacy rights (export,
 * deletion). Register, sign-in and reset answer alike whether or not an
 * address is known, and do the same work either way.
 */
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { getDb, type Executor, rowsOf } from "#db/client.ts";
import { actionPoints, auditLog, commentLikes, emailTokens, outbox, rateLimits, roleGrants, sessions, supports, themes, users } from "#db/schema.ts";
import { isLocale, translator, type Locale } from "#app/i18n/index.ts";
import { checkNewPassword, hashPassword, verifyAgainstNothing, verifyPassword, type PasswordProblem } from "#app/auth/password.server.ts";
import { createSession, generateToken, hashToken, invalidateUserSessions } from "#app/auth/session.server.ts";
import { listCommentsByAuthor } from "#app/comments.server.ts";
import { listProposalsByAuthor } from "#app/proposals.server.ts";
import { queueMail } from "#app/mail.server.ts";
import { consume, LIMITS, limitKey, reset } from "#app/rate-limit.server.ts";

const HOUR = 60 * 60 * 1000;
const TOKEN_LIFETIME = { verify_email: 48 * HOUR, reset_password: 1 * HOUR } as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function createEmailToken(db: Executor, userId: number, purpose: keyof typeof TOKEN_LIFETIME) {
  const token = generateToken();
  await db.insert(emailTokens).values({ tokenHash: hashToken(token), purpose, userId, expiresAt: new Date(Date.now() + TOKEN_LIFETIME[purpose]) });
  return token;
}

/** Refused by a limit: when to try again, and how many attempts its window allows (for the RateLimit-* headers). */
type RateLimited = { ok: false; reason: "rateLimited"; retryAfter: number; limit: number };

// -- registration and verification ------------------------------------------

/**
 * Registers a new account and mails a verification link. When the address
 * already has an account, that person gets a mail saying so (with a link to
 * reset the password) and the answer here is the same.
 */
export async function registerAccount({
  email,
  displayName,
  password,
  locale,
  origin,
  ip,
  db = getDb(),
}: {
  email: string;
  displayName: string;
  password: string;
  locale: Locale;
  origin: string;
  ip: string;
  db?: Executor;
}): Promise<{ ok: true } | RateLimited> {
  const limit = await consume({ limit: LIMITS.registerPerIp, subject: ip, db });
  if (!limit.allowed) return { ok: false, reason: "rateLimited", retryAfter: limit.retryAfter, limit: LIMITS.registerPerIp.max };
  const address = normalizeEmail(email);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email: address, displayName: displayName.trim(), passwordHash, locale })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (created) {
      const token = await createEmailToken(tx, created.id, "verify_email");
      await queueMail(tx, mailFor(locale, "verify", address, created.id, { name: displayName.trim(), link: `${origin}/e-mail-bevestigen/${token}` }));
    } else {
      const [existing] = await tx.select({ id: users.id, locale: users.locale, displayName: users.displayName }).from(users).where(eq(users.email, address));
      const token = await createEmailToken(tx, existing!.id, "reset_password");
      const theirLocale = isLocale(existing!.locale) ? existing!.locale : locale;
      await queueMail(
        tx,
        mailFor(theirLocale, "alreadyRegistered", address, existing!.id, {
          name: existing!.displayName ?? "",
          link: `${origin}/inloggen`,
          resetLink: `${origin}/wachtwoord-herstellen/${token}`,
        }),
      );
    }
  });
  return { ok: true };
}

/** Sends a new verification link to a signed-in person whose address is not verified yet. */
export async function resendVerification({ userId, origin, db = getDb() }: { userId: number; origin: string; db?: Executor }): Promise<{ ok: true } | RateLimited | { ok: false; reason: "alreadyVerified" }> {
  const [user] = await db
    .select({ email: users.email, displayName: users.displayName, locale: users.locale, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.email) return { ok: true };
  if (user.verifiedAt) return { ok: false, reason: "alreadyVerified" };
  const limit = await consume({ limit: LIMITS.verifyMailPerAccount, subject: String(userId), db });
  if (!limit.allowed) return { ok: false, reason: "rateLimited", retryAfter: limit.retryAfter, limit: LIMITS.verifyMailPerAccount.max };
  await db.transaction(async (tx) => {
    const token = await createEmailToken(tx, userId, "verify_email");
    const locale = isLocale(user.locale) ? user.locale : "nl";
    await queueMail(tx, mailFor(locale, "verify", user.email!, userId, { name: user.displayName ?? "", link: `${origin}/e-mail-bevestigen/${token}` }));
  });
  return { ok: true };
}

/** Follows a verification link. A link that was already used still says the address is verified. */
export async function verifyEmail({ token, db = getDb() }: { token: string; db?: Executor }): Promise<"verified" | "alreadyVerified" | "invalid"> {
  if (!/^[a-z2-7]{32}$/.test(token)) return "invalid";
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ userId: emailTokens.userId, usedAt: emailTokens.usedAt, expiresAt: emailTokens.expiresAt })
      .from(emailTokens)
      .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, "verify_email")))
      .for("update");
    if (!row) return "invalid";
    if (row.usedAt) return "alreadyVerified";
    if (row.expiresAt.getTime() < Date.now()) return "invalid";
    await tx.update(emailTokens).set({ usedAt: new Date() }).where(eq(emailTokens.tokenHash, hashToken(token)));
    await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() }).where(eq(users.id, row.userId));
    return "verified";
  });
}

// -- signing in --------------------------------------------------------------

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: number }
  | { ok: false; reason: "invalid" | "blocked" }
  | RateLimited;

/**
 * Checks the password and starts a new session. Every attempt counts
 * against limits per IP and per account (keys hashed); a success clears the
 * account's count. Unknown addresses cost the same password check.
 */
export async function signIn({ email, password, ip, db = getDb() }: { email: string; password: string; ip: string; db?: Executor }): Promise<SignInResult> {
  const address = normalizeEmail(email);
  const [perIp, perAccount] = await Promise.all([
    consume({ limit: LIMITS.signInPerIp, subject: ip, db }),
    consume({ limit: LIMITS.signInPerAccount, subject: address, db }),
  ]);
  if (!perIp.allowed || !perAccount.allowed) {
    // The limit that keeps the door shut longest is the one to name.
    const byAccount = !perAccount.allowed && (perIp.allowed || perAccount.retryAfter >= perIp.retryAfter);
    return { ok: false, reason: "rateLimited", retryAfter: Math.max(perIp.retryAfter, perAccount.retryAfter), limit: (byAccount ? LIMITS.signInPerAccount : LIMITS.signInPerIp).max };
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, blockedAt: users.blockedAt })
    .from(users)
    .where(eq(users.email, address));
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.blockedAt) return { ok: false, reason: "blocked" };
  await reset({ limit: LIMITS.signInPerAccount, subject: address, db });
  const session = await createSession({ userId: user.id, db });
  return { ok: true, token: session.token, expiresAt: session.expiresAt, userId: user.id };
}

// -- passwords ---------------------------------------------------------------

/** Mails a reset link when the address has an account, or says there is none; the answer here is the same. */
export async function requestPasswordReset({
  email,
  locale,
  origin,
  ip,
  db = getDb(),
}: {
  email: string;
  locale: Locale;
  origin: string;
  ip: string;
  db?: Executor;
}): Promise<{ ok: true } | RateLimited> {
  const address = normalizeEmail(email);
  const [perIp, perAccount] = await Promise.all([
    consume({ limit: LIMITS.resetPerIp, subject: ip, db }),
    consume({ limit: LIMITS.resetPerAccount, subject: address, db }),
  ]);
  if (!perIp.allowed) return { ok: false, reason: "rateLimited", retryAfter: perIp.retryAfter, limit: LIMITS.resetPerIp.max };
  // Past the per-address limit the answer stays the same, but no more mail goes to that address.
  if (!perAccount.allowed) return { ok: true };
  await db.transaction(async (tx) => {
    const token = generateToken();
    // One statement whether or not the address is known: it inserts a token only for an existing, active account.
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME.reset_password).toISOString();
    const [created] = rowsOf<{ user_id: number; locale: string; display_name: string | null }>(await tx.execute<{ user_id: number; locale: string; display_name: string | null }>(sql`
      with target as (
        select id, locale, display_name from ${users} where email = ${address} and deleted_at is null
      ), inserted as (
        insert into ${emailTokens} (token_hash, purpose, user_id, expires_at)
        select ${hashToken(token)}, 'reset_password', id, ${expiresAt}::timestamptz from target
        returning user_id
      )
      select target.id as user_id, target.locale, target.display_name from target join inserted on inserted.user_id = target.id`));
    if (created) {
      const theirLocale = isLocale(created.locale) ? created.locale : locale;
      await queueMail(tx, mailFor(theirLocale, "reset", address, created.user_id, { name: created.display_name ?? "", link: `${origin}/wachtwoord-herstellen/${token}` }));
    } else {
      await queueMail(tx, mailFor(locale, "noAccount", address, null, { link: `${origin}/registreren` }));
    }
  });
  return { ok: true };
}

/** A fresh reset link for a person, e.g. for the first admin made from the command line. */
export async function createPasswordLink({ userId, origin, db = getDb() }: { userId: number; origin: string; db?: Executor }) {
  const token = await createEmailToken(db, userId, "reset_password");
  return `${origin}/wachtwoord-herstellen/${token}`;
}

/** Whether a reset link can still be used (for showing the form). */
export async function isResetTokenValid({ token, db = getDb() }: { token: string; db?: Executor }): Promise<boolean> {
  if (!/^[a-z2-7]{32}$/.test(token)) return false;
  const [row] = await db
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())));
  return !!row;
}

/**
 * Sets a new password from a reset link: the link is used up, every session
 * of the person ends, the address counts as verified (the link proved it),
 * and a new session starts.
 */
export async function resetPassword({
  token,
  password,
  db = getDb(),
}: {
  token: string;
  password: string;
  db?: Executor;
}): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false; reason: "invalidToken" | "blocked" | PasswordProblem }> {
  if (!/^[a-z2-7]{32}$/.test(token)) return { ok: false, reason: "invalidToken" };
  const usable = and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date()));
  const [found] = await db
    .select({ userId: users.id, email: users.email, displayName: users.displayName, blockedAt: users.blockedAt })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(usable);
  if (!found) return { ok: false, reason: "invalidToken" };
  const problem = checkNewPassword(password, { email: found.email ?? undefined, displayName: found.displayName ?? undefined });
  if (problem) return { ok: false, reason: problem };
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Used up in the same statement that checks it, so a link works once even when clicked twice at once.
    const [used] = await tx.update(emailTokens).set({ usedAt: new Date() }).where(usable).returning({ userId: emailTokens.userId });
    if (!used) return { ok: false as const, reason: "invalidToken" as const };
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, used.userId));
    await invalidateUserSessions({ userId: used.userId, db: tx });
    if (found.blockedAt) return { ok: false as const, reason: "blocked" as const };
    const session = await createSession({ userId: used.userId, db: tx });
    return { ok: true as const, token: session.token, expiresAt: session.expiresAt };
  });
}

/** Changes the password after checking the current one; every other session of the person ends. */
export async function changePassword({
  userId,
  currentPassword,
  newPassword,
  currentSessionToken,
  db = getDb(),
}: {
  userId: number;
  currentPassword: string;
  newPassword: string;
  currentSessionToken: string | null;
  db?: Executor;
}): Promise<{ ok: true } | { ok: false; reason: "wrongPassword" | PasswordProblem }> {
  const [user] = await db.select({ email: users.email, displayName: users.displayName, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) return { ok: false, reason: "wrongPassword" };
  const problem = checkNewPassword(newPassword, { email: user.email ?? undefined, displayName: user.displayName ?? undefined });
  if (problem) return { ok: false, reason: problem };
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    await invalidateUserSessions({ userId, exceptToken: currentSessionToken ?? undefined, db: tx });
  });
  return { ok: true };
}

export async function changeDisplayName({ userId, displayName, db = getDb() }: { userId: number; displayName: string; db?: Executor }) {
  await db.update(users).set({ displayName: displayName.trim(), updatedAt: new Date() }).where(and(eq(users.id, userId), isNull(users.deletedAt)));
}

/** What the account page shows about the person themself (their own address included), with their roles. */
export async function getOwnAccount({ userId, db = getDb() }: { userId: number; db?: Executor }) {
  const [user] = await db
    .select({ email: users.email, displayName: users.displayName, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const roles = await db
    .select({
      role: roleGrants.role,
      organisation: roleGrants.organisation,
      themeNumber: themes.number,
      themeTitle: themes.title,
      actionPointNumber: actionPoints.number,
      actionPointTitle: actionPoints.title,
    })
    .from(roleGrants)
    .leftJoin(themes, eq(themes.id, roleGrants.themeId))
    .leftJoin(actionPoints, eq(actionPoints.id, roleGrants.actionPointId))
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
    .orderBy(asc(roleGrants.id));
  return { ...user, roles };
}

// -- privacy rights ------------------------------------------------------------

/** Everything held about a person, as a JSON-ready object (AVG/GDPR art. 15 and 20). */
export async function exportPersonalData({ userId, db = getDb() }: { userId: number; db?: Executor }) {
  const [user] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, emailVerifiedAt: users.emailVerifiedAt, blockedAt: users.blockedAt, createdAt: users.createdAt, updatedAt: users.updatedAt })
    .from(users)
    .where(eq(users.id, userId));
  const [grants, activeSessions, mails, audit] = await Promise.all([
    db
      .select({ role: roleGrants.role, themeId: roleGrants.themeId, actionPointId: roleGrants.actionPointId, organisation: roleGrants.organisation, grantedAt: roleGrants.grantedAt, revokedAt: roleGrants.revokedAt })
      .from(roleGrants)
      .where(eq(roleGrants.userId, userId))
      .orderBy(asc(roleGrants.id)),
    db.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt)),
    db.select({ subject: outbox.subject, createdAt: outbox.createdAt, sentAt: outbox.sentAt }).from(outbox).where(eq(outbox.userId, userId)).orderBy(asc(outbox.id)),
    db
      .select({ action: auditLog.action, details: auditLog.details, createdAt: auditLog.createdAt, byThisPerson: sql<boolean>`${auditLog.actorId} = ${userId}` })
      .from(auditLog)
      .where(or(eq(auditLog.subjectUserId, userId), eq(auditLog.actorId, userId)))
      .orderBy(asc(auditLog.id)),
  ]);
  const [written, likes, proposed, supported] = await Promise.all([
    listCommentsByAuthor({ userId, db }),
    db.select({ commentId: commentLikes.commentId, createdAt: commentLikes.createdAt }).from(commentLikes).where(eq(commentLikes.userId, userId)).orderBy(asc(commentLikes.createdAt)),
    listProposalsByAuthor({ userId, db }),
    db.select({ proposalId: supports.proposalId, createdAt: supports.createdAt }).from(supports).where(eq(supports.userId, userId)).orderBy(asc(supports.createdAt)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user ?? null,
    roles: grants,
    sessions: activeSessions,
    emails: mails,
    auditLog: audit,
    comments: written,
    likes,
    proposals: proposed,
    supports: supported,
  };
}

/**
 * Deletes an account: sessions, links, mails and rate-limit counters go,
 * roles are revoked, and the person's row keeps only its id, so what they
 * wrote stays readable under "Verwijderde deelnemer".
 */
export async function deleteAccount({ userId, password, db = getDb() }: { userId: number; password: string; db?: Executor }): Promise<{ ok: true } | { ok: false; reason: "wrongPassword" | "lastAdmin" }> {
  const [user] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "wrongPassword" };
  const email = user.email;
  return db.transaction(async (tx) => {
    // The same lock as revoking a role: the site always keeps one admin.
    await tx.execute(sql`select pg_advisory_xact_lock(72616003)`);
    const [admins] = await tx
      .select({ total: sql<number>`count(*)::int`, mine: sql<number>`count(*) filter (where ${roleGrants.userId} = ${userId})::int` })
      .from(roleGrants)
      .where(and(eq(roleGrants.role, "admin"), isNull(roleGrants.revokedAt)));
    if (admins && admins.mine > 0 && admins.total <= 1) return { ok: false, reason: "lastAdmin" } as const;
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(emailTokens).where(eq(emailTokens.userId, userId));
    await tx.delete(outbox).where(email ? or(eq(outbox.userId, userId), eq(outbox.toAddress, email)) : eq(outbox.userId, userId));
    if (email) {
      const keys = [LIMITS.signInPerAccount, LIMITS.resetPerAccount].map((limit) => limitKey(limit, email));
      keys.push(limitKey(LIMITS.verifyMailPerAccount, String(userId)));
      await tx.delete(rateLimits).where(sql`${rateLimits.key} in ${keys}`);
    }
    await tx
      .update(roleGrants)
      .set({ revokedAt: sql`coalesce(${roleGrants.revokedAt}, now())`, revokedById: sql`coalesce(${roleGrants.revokedById}, ${userId})`, organisation: null })
      .where(eq(roleGrants.userId, userId));
    await tx
      .update(users)
      .set({ email: null, displayName: null, passwordHash: null, emailVerifiedAt: null, blockedAt: null, deletedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId));
    await tx.insert(auditLog).values({ actorId: userId, action: "account.deleted", subjectUserId: userId });
    return { ok: true } as const;
  });
}

// -- mail texts ----------------------------------------------------------------

type MailKind = "verify" | "alreadyRegistered" | "reset" | "noAccount";

function mailFor(locale: Locale, kind: MailKind, to: string, userId: number | null, params: Record<string, string>) {
  const t = translator(locale);
  return { to, userId, subject: t(`mail.${kind}.subject`), text: t(`mail.${kind}.body`, params) };
}
