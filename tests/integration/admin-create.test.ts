import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { isResetTokenValid } from "#app/accounts.server.ts";
import { getDb, rowsOf } from "#db/client.ts";
import { auditLog, roleGrants, users } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";

const APP_URL = "https://inspraak.example.org";

/** Runs `npm run admin:create -- <args>` as its own process against this test file's database. */
function adminCreate(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, APP_URL },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function adminState(email: string) {
  const db = getDb();
  const [user] = await db.select({ id: users.id, emailVerifiedAt: users.emailVerifiedAt, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
  if (!user) return null;
  const grants = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, user.id), eq(roleGrants.role, "admin"), isNull(roleGrants.revokedAt)));
  const audit = await db
    .select({ actorId: auditLog.actorId, action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.subjectUserId, user.id));
  return { user, grants, audit };
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

describe("npm run admin:create", () => {
  test("makes a new address a verified admin and prints a link to choose a password", { timeout: 60_000 }, async () => {
    const result = await adminCreate("  Eerste.Beheerder@Voorbeeld.nl ");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);

    const state = await adminState("eerste.beheerder@voorbeeld.nl");
    expect(state?.user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(state?.user.passwordHash).toBeNull();
    expect(state?.grants).toHaveLength(1);
    expect(state?.audit).toEqual([{ actorId: null, action: "role.granted", details: { role: "admin", via: "command line" } }]);

    const link = /https?:\/\/\S+/.exec(result.stdout)?.[0];
    expect(link).toMatch(/^https:\/\/inspraak\.example\.org\/wachtwoord-herstellen\/[a-z2-7]{32}$/);
    expect(await isResetTokenValid({ token: tokenOf(link!) })).toBe(true);

    // Again: still one grant and one audit row, and a fresh link because there is still no password.
    const again = await adminCreate("eerste.beheerder@voorbeeld.nl");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already an admin");
    expect(again.stdout).toContain(`${APP_URL}/wachtwoord-herstellen/`);
    const after = await adminState("eerste.beheerder@voorbeeld.nl");
    expect(after?.grants).toHaveLength(1);
    expect(after?.audit).toHaveLength(1);
  });

  test("makes an existing person with a password an admin without printing a link", { timeout: 60_000 }, async () => {
    const person = await createUser();
    const result = await adminCreate(person.email);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("is now an admin");
    expect(result.stdout).not.toContain("/wachtwoord-herstellen/");
    expect((await adminState(person.email))?.grants).toHaveLength(1);
  });

  test("refuses a bad address with exit code 2 and changes nothing", { timeout: 60_000 }, async () => {
    const count = async () => {
      const [row] = rowsOf<{ users: number; grants: number; audit: number }>(await getDb().execute<{ users: number; grants: number; audit: number }>(
        sql`select (select count(*)::int from users) as users, (select count(*)::int from role_grants) as grants, (select count(*)::int from audit_log) as audit`,
      ));
      return row;
    };
    const before = await count();

    const result = await adminCreate("geen-adres");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Not a valid e-mail address");
    expect(result.stdout).toBe("");

    const missing = await adminCreate();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("usage: npm run admin:create -- <email>");

    expect(await count()).toEqual(before);
  });
});
