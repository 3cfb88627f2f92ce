/**
 * Sessions the way Lucia documents them (lucia-auth.com, "Basic session API"):
 * a random token in an HttpOnly cookie, only its SHA-256 in the database, a
 * 30-day expiry that is extended once half of it has passed.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { sessions, users } from "#db/schema.ts";
import type { Actor, Grant } from "#app/permissions.server.ts";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession({ userId, db = getDb() }: { userId: number; db?: Executor }) {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME);
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export type SessionValidation = { actor: NonNullable<Actor>; expiresAt: Date; extended: boolean } | null;

/**
 * The person behind a session token, with their current roles, in one query:
 * a role change or a block takes effect on the very next request.
 */
export async function validateSessionToken({ token, db = getDb() }: { token: string; db?: Executor }): Promise<SessionValidation> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return null;
  if (row.expiresAt.getTime() <= Date.now() || row.blockedAt || row.deletedAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.expiresAt;
  const extended = expiresAt.getTime() - Date.now() < SESSION_LIFETIME / 2;
  if (extended) {
    expiresAt = new Date(Date.now() + SESSION_LIFETIME);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }
  return {
    actor: { id: row.userId, displayName: row.displayName ?? "", emailVerified: row.emailVerifiedAt !== null, grants: row.grants },
    expiresAt,
    extended,
  };
}

// Every signed-in request runs this query: it is built once per connection pool (Drizzle's prepared query), not per request.
const sessionLookups = new WeakMap<Executor, ReturnType<typeof buildSessionLookup>>();
function sessionLookup(db: Executor) {
  let prepared = sessionLookups.get(db);
  if (!prepared) sessionLookups.set(db, (prepared = buildSessionLookup(db)));
  return prepared;
}

function buildSessionLookup(db: Executor) {
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      emailVerifiedAt: users.emailVerifiedAt,
      blockedAt: users.blockedAt,
      deletedAt: users.deletedAt,
      expiresAt: sessions.expiresAt,
      grants: sql<Grant[]>`coalesce((
        select json_agg(json_build_object('role', g.role, 'themeId', g.theme_id,
          'themeNumber', (select t.number from themes t where t.id = g.theme_id),
          'actionPointId', g.action_point_id, 'organisation', g.organisation))
        from role_grants g where g.user_id = ${users.id} and g.revoked_at is null), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_lookup");
}

export async function invalidateSession({ token, db = getDb() }: { token: string; db?: Executor }) {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

/** Ends every session of a person, or every one but the session they are using now. */
export async function invalidateUserSessions({ userId, exceptToken, db = getDb() }: { userId: number; exceptToken?: string; db?: Executor }) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptToken ? sql`${sessions.id} <> ${hashToken(exceptToken)}` : undefined));
}

/** Removes expired sessions; run now and then by a job. */
export async function deleteExpiredSessions({ db = getDb() }: { db?: Executor } = {}) {
  await db.delete(sessions).where(sql`${sessions.expiresAt} <= now()`);
}

// -- cookies -------------------------------------------------------------

function isSecure(request: Request) {
  return new URL(request.url).protocol === "https:";
}

/** `__Host-` cookies must be Secure, so plain-http development uses the bare name. */
export function sessionCookieName(request: Request) {
  return isSecure(request) ? "__Host-inspraak_session" : "inspraak_session";
}

export function readSessionToken(request: Request): string | null {
  const name = sessionCookieName(request);
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null;
  }
  return null;
}

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  const secure = isSecure(request) ? "; Secure" : "";
  return `${sessionCookieName(request)}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function clearSessionCookie(request: Request): string {
  const secure = isSecure(request) ? "; Secure" : "";
  return `${sessionCookieName(request)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

