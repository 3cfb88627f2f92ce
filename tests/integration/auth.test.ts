import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { loader as rootLoader } from "#app/root.tsx";
import { action as accountAction, loader as accountLoader } from "#app/routes/account._index.tsx";
import { loader as exportLoader } from "#app/routes/account.gegevens[.]json.ts";
import { action as deleteAction } from "#app/routes/account.verwijderen.tsx";
import { loader as verifyLoader } from "#app/routes/e-mail-bevestigen.$token.tsx";
import { action as signInAction } from "#app/routes/inloggen.tsx";
import { action as registerAction } from "#app/routes/registreren.tsx";
import { action as signOutAction } from "#app/routes/uitloggen.tsx";
import { action as forgotAction } from "#app/routes/wachtwoord-vergeten.tsx";
import { action as resetAction, loader as resetLoader } from "#app/routes/wachtwoord-herstellen.$token.tsx";
import { hashToken } from "#app/auth/session.server.ts";
import { can } from "#app/permissions.server.ts";
import { getActor } from "#app/guard.server.ts";
import { blockUser } from "#app/users.server.ts";
import { getDb } from "#db/client.ts";
import { outbox, roleGrants, sessions, users } from "#db/schema.ts";
import { createUser, PASSWORD } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";
import { withConnection } from "#tests/setup/postgres.ts";

const NEW_PASSWORD = "een heel ander lang wachtwoord";

/** The session cookie a response sets, as a Cookie header value (or null when it clears it). */
function sessionFrom(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("inspraak_session="));
  if (!cookie) throw new Error("no session cookie set");
  const value = cookie.split(";")[0]!;
  return value === "inspraak_session=" ? null : value;
}

async function newestMail(to: string) {
  const [mail] = await getDb().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.id)).limit(1);
  return mail;
}

function linkIn(text: string, path: string): string {
  const match = text.match(new RegExp(`http://localhost(${path}[a-z2-7]+)`));
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1]!;
}

async function signedInUser(cookie: string | null) {
  const result = unwrap(await rootLoader(args(get("/", { cookie: cookie ?? undefined }))));
  return (result.data as { user: { displayName: string } | null }).user;
}

async function signIn(email: string, password: string, ip = "192.0.2.10") {
  return thrown(signInAction(args(post("/inloggen", { email, password, redirectTo: "/account" }), {}, ip)));
}

describe("register, verify, sign in, sign out", () => {
  test("the whole journey works and leaves only a hash of the session token in the database", async () => {
    const email = "Nieuw.Lid@Voorbeeld.nl";
    const response = await thrown(registerAction(args(post("/registreren", { email, displayName: "Nieuw Lid", password: PASSWORD }))));
    expect(response.headers.get("Location")).toBe("/registreren?verstuurd");

    const [user] = await getDb().select().from(users).where(eq(users.email, "nieuw.lid@voorbeeld.nl"));
    expect(user).toMatchObject({ displayName: "Nieuw Lid", emailVerifiedAt: null });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);

    const mail = await newestMail("nieuw.lid@voorbeeld.nl");
    expect(mail?.subject).toBe("Bevestig je e-mailadres voor Inspraak");
    const link = linkIn(mail!.text, "/e-mail-bevestigen/");

    // Unverified people can sign in but not contribute.
    let signedIn = await signIn(email, PASSWORD);
    expect(signedIn.status).toBe(302);
    let cookie = sessionFrom(signedIn)!;
    expect(can(await getActor(get("/", { cookie })), "contribution.create")).toBe(false);

    const verified = unwrap(await verifyLoader(args(get(link), { token: link.split("/").pop()! })));
    expect(verified.data).toMatchObject({ result: "verified" });
    const again = unwrap(await verifyLoader(args(get(link), { token: link.split("/").pop()! })));
    expect(again.data).toMatchObject({ result: "alreadyVerified" });

    signedIn = await signIn(email, PASSWORD);
    expect(signedIn.headers.get("Location")).toBe("/account");
    cookie = sessionFrom(signedIn)!;
    expect(await signedInUser(cookie)).toMatchObject({ displayName: "Nieuw Lid" });
    expect(can(await getActor(get("/", { cookie })), "contribution.create")).toBe(true);

    const token = cookie.split("=")[1]!;
    const stored = await getDb().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user!.id));
    expect(stored.map((row) => row.id)).toContain(hashToken(token));
    expect(stored.map((row) => row.id)).not.toContain(token);

    const signedOut = await signOutAction(args(post("/uitloggen", {}, { cookie })));
    expect((signedOut as Response).headers.get("Set-Cookie")).toMatch(/^inspraak_session=; .*Max-Age=0/);
    expect(await signedInUser(cookie)).toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.id, hashToken(token)))).toEqual([]);
  });

  test("registering an address that has an account answers the same, and tells the owner by mail", async () => {
    const existing = await createUser({ displayName: "Bestaand" });
    const response = await thrown(registerAction(args(post("/registreren", { email: existing.email, displayName: "Indringer", password: NEW_PASSWORD }))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/registreren?verstuurd");
    const [row] = await getDb().select({ count: sql<number>`count(*)::int` }).from(users).where(eq(users.email, existing.email));
    expect(row!.count).toBe(1);
    const mail = await newestMail(existing.email);
    expect(mail?.subject).toBe("Je hebt al een account bij Inspraak");
    expect(mail?.text).toContain("/wachtwoord-herstellen/");
    // The old password still works; the attempt changed nothing.
    expect((await signIn(existing.email, PASSWORD)).status).toBe(302);
  });

  test("bad input gets translated field errors and stores nothing", async () => {
    const before = await getDb().select({ count: sql<number>`count(*)::int` }).from(users);
    const cases: [Record<string, string>, string, string][] = [
      [{ email: "geen-adres", displayName: "A", password: PASSWORD }, "email", "form.email"],
      [{ email: "a@voorbeeld.nl", displayName: "", password: PASSWORD }, "displayName", "form.required"],
      [{ email: "a@voorbeeld.nl", displayName: "x".repeat(61), password: PASSWORD }, "displayName", "form.nameTooLong"],
      [{ email: "a@voorbeeld.nl", displayName: "Ev\u202eil", password: PASSWORD }, "displayName", "form.nameInvalid"],
      [{ email: "a@voorbeeld.nl", displayName: "A", password: "kort" }, "password", "password.tooShort"],
      [{ email: "a@voorbeeld.nl", displayName: "A", password: "Scandinavian" }, "password", "password.common"],
    ];
    for (const [body, field, message] of cases) {
      const result = unwrap(await registerAction(args(post("/registreren", body))));
      expect(result.status, JSON.stringify(body)).toBe(400);
      const reply = result.data as { error: Record<string, string[]>; initialValue: Record<string, string> };
      expect(reply.error[field]).toEqual([message]);
      expect(reply.initialValue.password).toBeUndefined();
    }
    expect(await getDb().select({ count: sql<number>`count(*)::int` }).from(users)).toEqual(before);
  });
});

describe("signing in", () => {
  test("a wrong password and an unknown address get the same answer", async () => {
    const person = await createUser();
    const wrong = unwrap(await signInAction(args(post("/inloggen", { email: person.email, password: "niet het goede wachtwoord" }), {}, "192.0.2.20")));
    const unknown = unwrap(await signInAction(args(post("/inloggen", { email: "niemand@voorbeeld.nl", password: "niet het goede wachtwoord" }), {}, "192.0.2.20")));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.data as { error: unknown }).error).toEqual((unknown.data as { error: unknown }).error);
  });

  test("the 11th failed sign-in in a window gets 429, even with the right password then", async () => {
    const person = await createUser();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const result = unwrap(await signInAction(args(post("/inloggen", { email: person.email, password: `fout wachtwoord nummer ${attempt}` }), {}, `198.51.100.${attempt}`)));
      expect(result.status, `attempt ${attempt}`).toBe(401);
    }
    const limited = unwrap(await signInAction(args(post("/inloggen", { email: person.email, password: PASSWORD }), {}, "198.51.100.77")));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(limited.headers.get("RateLimit-Limit")).toBe("10");
    expect(limited.headers.get("RateLimit-Reset")).toBe(limited.headers.get("Retry-After"));
    expect(JSON.stringify(limited.data)).toContain("Je hebt het te vaak geprobeerd");
  });

  test("a post from another site is refused and changes nothing", async () => {
    const person = await createUser();
    for (const origin of ["https://kwaadwillend.example", null]) {
      const response = await thrown(signInAction(args(post("/inloggen", { email: person.email, password: PASSWORD }, { origin }))));
      expect(response.status).toBe(403);
    }
    const before = await getDb().select().from(users).where(eq(users.id, person.id));
    const response = await thrown(accountAction(args(post("/account", { intent: "name", displayName: "Gekaapt" }, { cookie: person.cookie, origin: "https://kwaadwillend.example" }))));
    expect(response.status).toBe(403);
    expect(await getDb().select().from(users).where(eq(users.id, person.id))).toEqual(before);
  });

  test("garbage and expired cookies give a cleared cookie and a signed-out page", async () => {
    const garbage = unwrap(await rootLoader(args(get("/", { cookie: "inspraak_session=zzzz'; drop table users;--" }))));
    expect((garbage.data as { user: unknown }).user).toBeNull();
    expect(garbage.headers.get("Set-Cookie")).toMatch(/^inspraak_session=; .*Max-Age=0/);

    const person = await createUser();
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, person.id));
    const expired = unwrap(await rootLoader(args(get("/", { cookie: person.cookie }))));
    expect((expired.data as { user: unknown }).user).toBeNull();
    expect(expired.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
  });

  test("a session past half its life is extended, and the cookie with it", async () => {
    const person = await createUser();
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() + 10 * 24 * 3600 * 1000) }).where(eq(sessions.userId, person.id));
    const result = unwrap(await rootLoader(args(get("/", { cookie: person.cookie }))));
    expect((result.data as { user: unknown }).user).not.toBeNull();
    expect(result.headers.get("Set-Cookie")).toMatch(/^inspraak_session=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const [session] = await getDb().select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, person.id));
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  test("a blocked person's session stops working on the very next request", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const person = await createUser();
    expect(await signedInUser(person.cookie)).not.toBeNull();
    await blockUser({ actorId: admin.id, userId: person.id });
    expect(await signedInUser(person.cookie)).toBeNull();
    const again = unwrap(await signInAction(args(post("/inloggen", { email: person.email, password: PASSWORD }), {}, "192.0.2.30")));
    expect(again.status).toBe(403);
  });

  test("a role change takes effect on the very next request", async () => {
    const person = await createUser();
    expect(await signedInUser(person.cookie)).toMatchObject({ mayAdminister: false });
    await getDb().insert(roleGrants).values({ userId: person.id, role: "admin" });
    expect(await signedInUser(person.cookie)).toMatchObject({ mayAdminister: true });
    await getDb().update(roleGrants).set({ revokedAt: new Date() }).where(eq(roleGrants.userId, person.id));
    expect(await signedInUser(person.cookie)).toMatchObject({ mayAdminister: false });
  });
});

describe("passwords", () => {
  test("reset: the link comes by mail, works once, ends every session and signs in anew", async () => {
    const person = await createUser();
    const otherDevice = await signIn(person.email, PASSWORD, "192.0.2.40");
    const otherCookie = sessionFrom(otherDevice)!;

    expect((await thrown(forgotAction(args(post("/wachtwoord-vergeten", { email: person.email }))))).headers.get("Location")).toBe("/wachtwoord-vergeten?verstuurd");
    const mail = await newestMail(person.email);
    expect(mail?.subject).toBe("Kies een nieuw wachtwoord voor Inspraak");
    const link = linkIn(mail!.text, "/wachtwoord-herstellen/");
    const token = link.split("/").pop()!;

    expect(unwrap(await resetLoader(args(get(link), { token }))).data).toEqual({ valid: true });
    const weak = unwrap(await resetAction(args(post(link, { password: "Scandinavian" }), { token })));
    expect(weak.status).toBe(400);

    const done = await thrown(resetAction(args(post(link, { password: NEW_PASSWORD }), { token })));
    expect(done.headers.get("Location")).toBe("/account?gedaan=wachtwoord");
    const newCookie = sessionFrom(done)!;
    expect(await signedInUser(newCookie)).not.toBeNull();
    expect(await signedInUser(person.cookie)).toBeNull();
    expect(await signedInUser(otherCookie)).toBeNull();

    expect(unwrap(await resetLoader(args(get(link), { token }))).data).toEqual({ valid: false });
    expect(unwrap(await resetAction(args(post(link, { password: "nog weer een ander wachtwoord" }), { token }))).status).toBe(400);
    const oldPassword = unwrap(await signInAction(args(post("/inloggen", { email: person.email, password: PASSWORD }), {}, "192.0.2.41")));
    expect(oldPassword.status).toBe(401);
    expect((await signIn(person.email, NEW_PASSWORD, "192.0.2.42")).status).toBe(302);
  });

  test("reset for an unknown address answers the same and sends no link", async () => {
    const response = await thrown(forgotAction(args(post("/wachtwoord-vergeten", { email: "onbekend@voorbeeld.nl" }))));
    expect(response.headers.get("Location")).toBe("/wachtwoord-vergeten?verstuurd");
    const mail = await newestMail("onbekend@voorbeeld.nl");
    expect(mail?.subject).toBe("Wachtwoord herstellen bij Inspraak");
    expect(mail?.text).not.toContain("/wachtwoord-herstellen/");
  });

  test("changing the password ends the other sessions but keeps this one", async () => {
    const person = await createUser();
    const other = sessionFrom(await signIn(person.email, PASSWORD, "192.0.2.50"))!;
    const wrong = unwrap(await accountAction(args(post("/account", { intent: "password", currentPassword: "fout fout fout fout", newPassword: NEW_PASSWORD }, { cookie: person.cookie }))));
    expect(wrong.status).toBe(400);
    expect(await signedInUser(other)).not.toBeNull();

    const done = await thrown(accountAction(args(post("/account", { intent: "password", currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { cookie: person.cookie }))));
    expect(done.headers.get("Location")).toBe("/account?gedaan=wachtwoord");
    expect(await signedInUser(person.cookie)).not.toBeNull();
    expect(await signedInUser(other)).toBeNull();
  });
});

describe("the account page", () => {
  test("shows the person's own address and changes their name; anonymous visitors are sent to sign in", async () => {
    const person = await createUser({ displayName: "Oude Naam" });
    const page = unwrap(await accountLoader(args(get("/account", { cookie: person.cookie })))).data as { account: { email: string; displayName: string } };
    expect(page.account).toMatchObject({ email: person.email, displayName: "Oude Naam" });

    await thrown(accountAction(args(post("/account", { intent: "name", displayName: "  Nieuwe Naam " }, { cookie: person.cookie }))));
    const [row] = await getDb().select({ displayName: users.displayName }).from(users).where(eq(users.id, person.id));
    expect(row!.displayName).toBe("Nieuwe Naam");

    const anonymous = await thrown(accountLoader(args(get("/account"))));
    expect(anonymous.headers.get("Location")).toBe("/inloggen?redirectTo=%2Faccount");
  });

  test("exports all data held about the person as JSON", async () => {
    const person = await createUser({ displayName: "Exporteur", grants: [{ role: "forum_member", organisation: "Open State Foundation" }] });
    const response = (await exportLoader(args(get("/account/gegevens.json", { cookie: person.cookie })))) as Response;
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const body = await response.json();
    expect(body.account).toMatchObject({ id: person.id, email: person.email, displayName: "Exporteur" });
    expect(body.roles).toEqual([expect.objectContaining({ role: "forum_member", organisation: "Open State Foundation" })]);
    expect(body.sessions).toHaveLength(1);
  });
});

describe("deleting an account", () => {
  test("the only admin cannot delete their account; with a second admin they can", async () => {
    await getDb().update(roleGrants).set({ revokedAt: new Date() }).where(and(eq(roleGrants.role, "admin")));
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const refused = unwrap(await deleteAction(args(post("/account/verwijderen", { password: PASSWORD }, { cookie: admin.cookie }))));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("account.lastAdmin");
    expect(await signedInUser(admin.cookie)).not.toBeNull();
    await createUser({ grants: [{ role: "admin" }] });
    const done = await thrown(deleteAction(args(post("/account/verwijderen", { password: PASSWORD }, { cookie: admin.cookie }))));
    expect(done.headers.get("Location")).toBe("/account/verwijderd");
  });

  test("leaves no personal data in any table, while the person's row stays for what they wrote", async () => {
    const email = "te.verwijderen@voorbeeld.nl";
    const name = "Uniek Verwijderbaar";
    const organisation = "Stichting Uniek Verwijderbaar";
    const person = await createUser({ email, displayName: name, grants: [{ role: "forum_member", organisation }] });
    // Leave traces everywhere: mails, rate-limit counters, links, a second session.
    await thrown(forgotAction(args(post("/wachtwoord-vergeten", { email }))));
    await signInAction(args(post("/inloggen", { email, password: "een fout wachtwoord hier" }), {}, "192.0.2.60"));
    await signIn(email, PASSWORD, "192.0.2.61");

    const wrong = unwrap(await deleteAction(args(post("/account/verwijderen", { password: "niet mijn wachtwoord" }, { cookie: person.cookie }))));
    expect(wrong.status).toBe(400);

    const done = await thrown(deleteAction(args(post("/account/verwijderen", { password: PASSWORD }, { cookie: person.cookie }))));
    expect(done.headers.get("Location")).toBe("/account/verwijderd");
    expect(await signedInUser(person.cookie)).toBeNull();

    const [row] = await getDb().select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ email: null, displayName: null, passwordHash: null });
    expect(row!.deletedAt).not.toBeNull();

    // Every table of the app and of the job queue, read as their owner (the app's role may not read them all).
    await withConnection(process.env.DATABASE_OWNER_URL!, async (owner) => {
      const { rows: tables } = await owner.query<{ schema: string; name: string }>(
        `select table_schema as schema, table_name as name from information_schema.tables
        where table_schema in ('public', 'pgboss', 'drizzle') and table_type = 'BASE TABLE'`,
      );
      expect(tables.length).toBeGreaterThan(10);
      expect(tables.map((table) => table.schema)).toEqual(expect.arrayContaining(["public", "pgboss", "drizzle"]));
      for (const table of tables) {
        const { rows } = await owner.query(`select * from "${table.schema}"."${table.name}"`);
        const text = JSON.stringify(rows).toLowerCase();
        for (const secret of [email, name.toLowerCase(), organisation.toLowerCase()]) {
          expect(text.includes(secret), `${table.schema}.${table.name} still holds ${secret}`).toBe(false);
        }
      }
    });
    const grants = await getDb().select().from(roleGrants).where(and(eq(roleGrants.userId, person.id)));
    expect(grants.every((grant) => grant.revokedAt !== null)).toBe(true);
  });
});
