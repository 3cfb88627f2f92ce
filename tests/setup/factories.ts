import { eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server.ts";
import { hashPassword } from "#app/auth/password.server.ts";
import { getDb } from "#db/client.ts";
import { actionPoints, roleGrants, themes, users, type Role } from "#db/schema.ts";

export const PASSWORD = "een lange zin als wachtwoord";
let cachedHash: Promise<string> | undefined;
let counter = 0;

export type GrantSpec =
  | { role: "admin" }
  | { role: "moderator"; themeSlug: string }
  | { role: "forum_member"; organisation: string }
  | { role: "action_holder"; actionPointSlug: string };

/** A person with PASSWORD, optionally verified and with roles, and a signed-in session. */
export async function createUser({
  verified = true,
  displayName,
  email,
  grants = [],
  blocked = false,
}: { verified?: boolean; displayName?: string; email?: string; grants?: GrantSpec[]; blocked?: boolean } = {}) {
  const db = getDb();
  counter++;
  const address = email ?? `persoon${counter}.${process.pid}.${Math.random().toString(36).slice(2, 7)}@voorbeeld.nl`;
  cachedHash ??= hashPassword(PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: address,
      displayName: displayName ?? `Persoon ${counter}`,
      passwordHash: await cachedHash,
      emailVerifiedAt: verified ? new Date() : null,
      blockedAt: blocked ? new Date() : null,
    })
    .returning({ id: users.id });
  for (const grant of grants) {
    const role: Role = grant.role;
    let themeId: number | null = null;
    let actionPointId: number | null = null;
    if (grant.role === "moderator") {
      const [theme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.slug, grant.themeSlug));
      themeId = theme!.id;
    }
    if (grant.role === "action_holder") {
      const [point] = await db.select({ id: actionPoints.id, themeId: actionPoints.themeId }).from(actionPoints).where(eq(actionPoints.slug, grant.actionPointSlug));
      actionPointId = point!.id;
      themeId = point!.themeId;
    }
    await db.insert(roleGrants).values({ userId: user!.id, role, themeId, actionPointId, organisation: grant.role === "forum_member" ? grant.organisation : null });
  }
  const session = await createSession({ userId: user!.id });
  return { id: user!.id, email: address, token: session.token, cookie: `inspraak_session=${session.token}` };
}
