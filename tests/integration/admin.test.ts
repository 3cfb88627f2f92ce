import { and, count, desc, eq, isNull, ne } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { deleteAccount } from "#app/accounts.server.ts";
import { translator } from "#app/i18n/index.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as auditLoader } from "#app/routes/beheer.auditlog.tsx";
import { action as userAction, loader as userLoader } from "#app/routes/beheer.gebruikers.$id.tsx";
import { loader as usersLoader } from "#app/routes/beheer.gebruikers._index.tsx";
import { loader as adminHomeLoader } from "#app/routes/beheer._index.tsx";
import { ensureAdmin } from "#app/users.server.ts";
import { getPool, getDb } from "#db/client.ts";
import { actionPoints, auditLog, roleGrants, sessions, themes, users } from "#db/schema.ts";
import { createUser, PASSWORD } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";
import { withConnection } from "#tests/setup/postgres.ts";

const nl = translator("nl");
const unique = () => Math.random().toString(36).slice(2, 8);

type UsersPage = {
  query: string;
  error: string | null;
  users: { id: number; displayName: string | null; email: string | null; emailVerified: boolean; blocked: boolean; deleted: boolean; roles: string[] }[];
  nextBefore: number | null;
};
type UserPage = {
  person: { id: number; displayName: string | null; email: string | null; blockedSince: string | null; grants: { id: number; role: string; scope: Record<string, unknown> }[] };
  isSelf: boolean;
  done: string | null;
};
type AuditPage = {
  error: string | null;
  entries: {
    id: number;
    action: string;
    actor: { id: number; displayName: string | null } | null;
    subject: { id: number; displayName: string | null } | null;
    role: string | null;
    scope: Record<string, unknown> | null;
  }[];
  nextBefore: number | null;
};
type FailedForm = { intent: string; result: { error?: Record<string, string[] | null> } };

async function loadUsers(search: string, cookie: string) {
  const { data, status } = unwrap(await usersLoader(args(get(`/beheer/gebruikers${search}`, { cookie }))));
  return { data: data as UsersPage, status };
}

async function loadUser(id: number | string, cookie: string, search = "") {
  const { data, status } = unwrap(await userLoader(args(get(`/beheer/gebruikers/${id}${search}`, { cookie }), { id: String(id) })));
  return { data: data as UserPage, status };
}

async function loadAudit(search: string, cookie: string) {
  const { data, status } = unwrap(await auditLoader(args(get(`/beheer/auditlog${search}`, { cookie }))));
  return { data: data as AuditPage, status };
}

/** Posts one of the forms of a person's page; a redirect comes back as the thrown Response. */
async function submit(id: number | string, body: Record<string, string>, cookie: string) {
  try {
    const { data, status } = unwrap(await userAction(args(post(`/beheer/gebruikers/${id}`, body, { cookie }), { id: String(id) })));
    return { status, form: data as FailedForm, location: null };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, form: null, location: error.headers.get("Location") };
  }
}

async function signedInUser(cookie: string) {
  const { data } = unwrap(await rootLoader(args(get("/", { cookie }))));
  return (data as { user: { displayName: string } | null }).user;
}

async function themeBySlug(slug: string) {
  const [theme] = await getDb().select({ id: themes.id, number: themes.number }).from(themes).where(eq(themes.slug, slug));
  return theme!;
}

async function activeGrants(userId: number) {
  return getDb().select().from(roleGrants).where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt))).orderBy(roleGrants.id);
}

async function auditRowsAbout(userId: number) {
  return getDb().select().from(auditLog).where(eq(auditLog.subjectUserId, userId)).orderBy(auditLog.id);
}

describe("who may use the admin pages", () => {
  test("an anonymous visitor is sent to sign in, and back afterwards", async () => {
    const person = await createUser();
    for (const [loader, path, params] of [
      [adminHomeLoader, "/beheer", {}],
      [usersLoader, "/beheer/gebruikers?q=jan", {}],
      [userLoader, `/beheer/gebruikers/${person.id}`, { id: String(person.id) }],
      [auditLoader, "/beheer/auditlog", {}],
    ] as const) {
      const response = await thrown(loader(args(get(path), params)));
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(path)}`);
    }
    const response = await thrown(userAction(args(post(`/beheer/gebruikers/${person.id}`, { intent: "block" }), { id: String(person.id) })));
    expect(response.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(`/beheer/gebruikers/${person.id}`)}`);
    expect((await getDb().select({ blockedAt: users.blockedAt }).from(users).where(eq(users.id, person.id)))[0]!.blockedAt).toBeNull();
  });

  test("a verified citizen, and a moderator, get 403 on every loader and action", async () => {
    const citizen = await createUser();
    const moderator = await createUser({ grants: [{ role: "moderator", themeSlug: "open-organisatie" }] });
    const target = await createUser();
    const theme = await themeBySlug("open-organisatie");
    for (const { cookie } of [citizen, moderator]) {
      expect((await thrown(adminHomeLoader(args(get("/beheer", { cookie }))))).status).toBe(403);
      expect((await thrown(usersLoader(args(get("/beheer/gebruikers", { cookie }))))).status).toBe(403);
      expect((await thrown(userLoader(args(get(`/beheer/gebruikers/${target.id}`, { cookie }), { id: String(target.id) })))).status).toBe(403);
      expect((await thrown(auditLoader(args(get("/beheer/auditlog", { cookie }))))).status).toBe(403);
      const bodies: Record<string, string>[] = [{ intent: "grant", role: "admin" }, { intent: "grant", role: "moderator", themeId: String(theme.id) }, { intent: "block" }, { intent: "unblock" }];
      for (const body of bodies) {
        expect((await submit(target.id, body, cookie)).status).toBe(403);
      }
      // Not even their own role can be given away or taken back by themselves.
      expect((await submit(citizen.id, { intent: "grant", role: "admin" }, cookie)).status).toBe(403);
    }
    expect(await activeGrants(target.id)).toEqual([]);
    expect(await activeGrants(citizen.id)).toEqual([]);
    expect(await auditRowsAbout(target.id)).toEqual([]);
  });

  test("an admin gets the pages, and /beheer leads to the people", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const home = await thrown(adminHomeLoader(args(get("/beheer", { cookie: admin.cookie }))));
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/beheer/gebruikers");

    const list = await loadUsers("", admin.cookie);
    expect(list.status).toBe(200);
    expect(list.data.users.map((user) => user.id)).toContain(admin.id);

    const own = await loadUser(admin.id, admin.cookie);
    expect(own.status).toBe(200);
    expect(own.data.isSelf).toBe(true);
    expect(own.data.person.grants.map((grant) => grant.role)).toEqual(["admin"]);

    expect((await loadAudit("", admin.cookie)).status).toBe(200);
  });
});

describe("finding people", () => {
  test("by part of their name or of their address, with the address masked and never in full", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const tag = unique();
    const wanted = await createUser({ displayName: `Wilhelmina Zoekers${tag}`, email: `w.vindbaar.${tag}@voorbeeld.nl` });
    const other = await createUser({ displayName: `Iemand Anders${tag}`, email: `anders.${tag}@voorbeeld.nl`, grants: [{ role: "forum_member", organisation: "Open State Foundation" }] });

    const byName = await loadUsers(`?q=${encodeURIComponent(`lhelmina zoekers${tag}`)}`, admin.cookie);
    expect(byName.status).toBe(200);
    expect(byName.data.users.map((user) => user.id)).toEqual([wanted.id]);
    expect(byName.data.users[0]).toMatchObject({ displayName: `Wilhelmina Zoekers${tag}`, email: "w…@voorbeeld.nl", emailVerified: true, blocked: false, roles: [] });

    const byAddress = await loadUsers(`?q=${encodeURIComponent(`VINDBAAR.${tag}`)}`, admin.cookie);
    expect(byAddress.data.users.map((user) => user.id)).toEqual([wanted.id]);

    const both = await loadUsers(`?q=${tag}`, admin.cookie);
    expect(both.data.users.map((user) => user.id)).toEqual([other.id, wanted.id]);
    expect(both.data.users[0]!.roles).toEqual(["forum_member"]);

    const everyone = await loadUsers("", admin.cookie);
    for (const page of [byName, byAddress, both, everyone]) {
      const json = JSON.stringify(page.data);
      for (const address of [wanted.email, other.email, admin.email]) expect(json).not.toContain(address);
      expect(json).not.toMatch(/[a-z0-9.]{2,}@voorbeeld\.nl/);
    }
  });

  test("pages through older people with ?voor=", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const tag = unique();
    const created: number[] = [];
    for (let i = 0; i < 27; i++) created.push((await createUser({ displayName: `Bladeren${tag} ${i}` })).id);

    const first = await loadUsers(`?q=Bladeren${tag}`, admin.cookie);
    expect(first.data.users).toHaveLength(25);
    expect(first.data.nextBefore).not.toBeNull();
    const second = await loadUsers(`?q=Bladeren${tag}&voor=${first.data.nextBefore}`, admin.cookie);
    expect(second.data.users).toHaveLength(2);
    expect(second.data.nextBefore).toBeNull();
    expect([...first.data.users, ...second.data.users].map((user) => user.id)).toEqual(created.toReversed());
  });

  test("a deleted person shows without name or address", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const leaver = await createUser();
    expect(await deleteAccount({ userId: leaver.id, password: PASSWORD })).toEqual({ ok: true });
    const list = await loadUsers("", admin.cookie);
    expect(list.data.users.find((user) => user.id === leaver.id)).toMatchObject({ displayName: null, email: null, deleted: true });
    const page = await loadUser(leaver.id, admin.cookie);
    expect(page.data.person).toMatchObject({ displayName: null, email: null });
  });

  test("bad query parameters give a translated 400, not a 500", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    for (const search of ["?voor=abc", "?voor=-1", "?voor=0", "?voor=1.5", "?voor=1e3", "?voor=99999999999", "?q=jan&voor=%20"]) {
      const result = await loadUsers(search, admin.cookie);
      expect(result.status, search).toBe(400);
      expect(result.data.error).toBe(nl("admin.query.invalidCursor"));
      expect(result.data.users).toEqual([]);
    }
    const tooLong = await loadUsers(`?q=${"a".repeat(101)}`, admin.cookie);
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.error).toBe(nl("admin.users.queryTooLong"));

    const english = unwrap(await usersLoader(args(get("/beheer/gebruikers?voor=abc", { cookie: `${admin.cookie}; lang=en` }))));
    expect((english.data as UsersPage).error).toBe(translator("en")("admin.query.invalidCursor"));

    for (const search of ["?voor=abc", "?voor=-5", "?voor=99999999999"]) {
      const audit = await loadAudit(search, admin.cookie);
      expect(audit.status, search).toBe(400);
      expect(audit.data.error).toBe(nl("admin.query.invalidCursor"));
    }
  });

  test("an unknown or malformed person id is a 404, for the page and its forms", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    for (const id of ["abc", "0", "-3", "12abc", "99999999999", "2147483647"]) {
      const response = await thrown(userLoader(args(get(`/beheer/gebruikers/${id}`, { cookie: admin.cookie }), { id })));
      expect(response.status, id).toBe(404);
      expect((await submit(id, { intent: "grant", role: "admin" }, admin.cookie)).status, id).toBe(404);
    }
  });
});

describe("granting and revoking roles", () => {
  test("grants a moderator a theme, once, and writes it to the audit log", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const person = await createUser();
    const theme = await themeBySlug("open-organisatie");

    const granted = await submit(person.id, { intent: "grant", role: "moderator", themeId: String(theme.id) }, admin.cookie);
    expect(granted.location).toBe(`/beheer/gebruikers/${person.id}?gedaan=granted`);
    const grants = await activeGrants(person.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ role: "moderator", themeId: theme.id, actionPointId: null, grantedById: admin.id });
    const audit = await auditRowsAbout(person.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "role.granted", actorId: admin.id, details: { role: "moderator", themeId: theme.id } });

    const page = await loadUser(person.id, admin.cookie, "?gedaan=granted");
    expect(page.data.done).toBe("granted");
    expect(page.data.person.grants).toEqual([
      expect.objectContaining({ role: "moderator", scope: { kind: "theme", number: theme.number, title: { text: "Open Organisatie", lang: "nl" }, period: "2020-2022" } }),
    ]);

    const again = await submit(person.id, { intent: "grant", role: "moderator", themeId: String(theme.id) }, admin.cookie);
    expect(again.status).toBe(400);
    expect(again.form!.intent).toBe("grant");
    expect(again.form!.result.error?.[""]).toEqual(["admin.grant.already"]);
    expect(nl("admin.grant.already")).toMatch(/heeft deze rol al/);
    expect(await activeGrants(person.id)).toHaveLength(1);
    expect(await auditRowsAbout(person.id)).toHaveLength(1);
  });

  test("an unknown theme or action point, or a missing scope, stores nothing", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const person = await createUser();
    const cases: [Record<string, string>, string, string][] = [
      [{ intent: "grant", role: "moderator", themeId: "999999" }, "themeId", "admin.grant.unknownTheme"],
      [{ intent: "grant", role: "action_holder", actionPointId: "999999" }, "actionPointId", "admin.grant.unknownActionPoint"],
      [{ intent: "grant", role: "moderator" }, "themeId", "admin.grant.themeRequired"],
      [{ intent: "grant", role: "moderator", themeId: "99999999999" }, "themeId", "admin.grant.themeRequired"],
      [{ intent: "grant", role: "action_holder", themeId: "1" }, "actionPointId", "admin.grant.actionPointRequired"],
      [{ intent: "grant", role: "forum_member", organisation: "   " }, "organisation", "admin.grant.organisationRequired"],
      [{ intent: "grant", role: "forum_member", organisation: "a".repeat(121) }, "organisation", "admin.grant.organisationTooLong"],
      [{ intent: "grant", role: "superuser" }, "role", "admin.grant.roleRequired"],
      [{ intent: "grant" }, "role", "admin.grant.roleRequired"],
    ];
    for (const [body, field, message] of cases) {
      const result = await submit(person.id, body, admin.cookie);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.form!.result.error?.[field]).toEqual([message]);
    }
    const nonsense = await submit(person.id, { intent: "promote" }, admin.cookie);
    expect(nonsense.status).toBe(400);
    expect(nonsense.form!.result.error?.intent).toEqual(["admin.error.invalid"]);
    expect(await activeGrants(person.id)).toEqual([]);
    expect(await auditRowsAbout(person.id)).toEqual([]);
  });

  test("an action holder gets the theme of their action point; a forum member their organisation", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const person = await createUser();
    const [point] = await getDb().select({ id: actionPoints.id, themeId: actionPoints.themeId }).from(actionPoints).where(eq(actionPoints.slug, "open-klachten"));

    expect((await submit(person.id, { intent: "grant", role: "action_holder", actionPointId: String(point!.id) }, admin.cookie)).location).toMatch(/gedaan=granted$/);
    expect((await submit(person.id, { intent: "grant", role: "forum_member", organisation: "  Open State Foundation " }, admin.cookie)).location).toMatch(/gedaan=granted$/);

    const grants = await activeGrants(person.id);
    expect(grants.map(({ role, themeId, actionPointId, organisation }) => ({ role, themeId, actionPointId, organisation }))).toEqual([
      { role: "action_holder", themeId: point!.themeId, actionPointId: point!.id, organisation: null },
      { role: "forum_member", themeId: null, actionPointId: null, organisation: "Open State Foundation" },
    ]);
    const page = await loadUser(person.id, `${admin.cookie}; lang=en`);
    expect(page.data.person.grants.map((grant) => grant.scope)).toEqual([
      { kind: "actionPoint", number: 13, title: { text: "Open Complaints", lang: "en" } },
      { kind: "organisation", name: "Open State Foundation" },
    ]);
  });

  test("revokes a role: revoked_at is set and the audit log says who did it", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const person = await createUser({ grants: [{ role: "moderator", themeSlug: "open-inkoop" }] });
    const [grant] = await activeGrants(person.id);

    const revoked = await submit(person.id, { intent: "revoke", grantId: String(grant!.id) }, admin.cookie);
    expect(revoked.location).toBe(`/beheer/gebruikers/${person.id}?gedaan=revoked`);
    const [row] = await getDb().select().from(roleGrants).where(eq(roleGrants.id, grant!.id));
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect(row!.revokedById).toBe(admin.id);
    expect(await auditRowsAbout(person.id)).toEqual([
      expect.objectContaining({ action: "role.revoked", actorId: admin.id, details: expect.objectContaining({ role: "moderator", themeId: grant!.themeId }) }),
    ]);
    expect((await loadUser(person.id, admin.cookie)).data.person.grants).toEqual([]);

    // Revoking it once more, or a grant of somebody else through this person's page, is a 404 and changes nothing.
    expect((await submit(person.id, { intent: "revoke", grantId: String(grant!.id) }, admin.cookie)).status).toBe(404);
    const [adminGrant] = await activeGrants(admin.id);
    const foreign = await submit(person.id, { intent: "revoke", grantId: String(adminGrant!.id) }, admin.cookie);
    expect(foreign.status).toBe(404);
    expect(foreign.form!.result.error?.[""]).toEqual(["admin.revoke.unknown"]);
    expect(await activeGrants(admin.id)).toHaveLength(1);
    expect(await auditRowsAbout(person.id)).toHaveLength(1);
  });
});

describe("blocking", () => {
  test("ends the person's sessions at once; unblocking lets them back; both are in the audit log", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const person = await createUser({ displayName: "Te Blokkeren" });
    expect(await signedInUser(person.cookie)).toMatchObject({ displayName: "Te Blokkeren" });

    const blocked = await submit(person.id, { intent: "block" }, admin.cookie);
    expect(blocked.location).toBe(`/beheer/gebruikers/${person.id}?gedaan=blocked`);
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect(await signedInUser(person.cookie)).toBeNull();
    expect((await loadUser(person.id, admin.cookie)).data.person.blockedSince).toEqual(expect.any(String));

    const unblocked = await submit(person.id, { intent: "unblock" }, admin.cookie);
    expect(unblocked.location).toBe(`/beheer/gebruikers/${person.id}?gedaan=unblocked`);
    const [row] = await getDb().select({ blockedAt: users.blockedAt }).from(users).where(eq(users.id, person.id));
    expect(row!.blockedAt).toBeNull();
    expect((await auditRowsAbout(person.id)).map(({ action, actorId }) => ({ action, actorId }))).toEqual([
      { action: "user.blocked", actorId: admin.id },
      { action: "user.unblocked", actorId: admin.id },
    ]);
  });

  test("an admin cannot block themselves", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const result = await submit(admin.id, { intent: "block" }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.form).toMatchObject({ intent: "block", result: { error: { "": ["admin.block.self"] } } });
    expect(await signedInUser(admin.cookie)).not.toBeNull();
    expect(await auditRowsAbout(admin.id)).toEqual([]);
  });
});

describe("audit log page", () => {
  test("lists what admins did, newest first, with names and roles but no e-mail addresses", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }], displayName: "Beheerder Bea" });
    const person = await createUser({ displayName: "Gewone Gerrit" });
    const theme = await themeBySlug("open-informatie");

    await submit(person.id, { intent: "grant", role: "moderator", themeId: String(theme.id) }, admin.cookie);
    const [grant] = await activeGrants(person.id);
    await submit(person.id, { intent: "revoke", grantId: String(grant!.id) }, admin.cookie);
    await submit(person.id, { intent: "block" }, admin.cookie);
    await submit(person.id, { intent: "unblock" }, admin.cookie);

    const { data, status } = await loadAudit("", admin.cookie);
    expect(status).toBe(200);
    const ids = data.entries.map((entry) => entry.id);
    expect(ids).toEqual(ids.toSorted((a, b) => b - a));
    const mine = data.entries.filter((entry) => entry.subject?.id === person.id);
    expect(mine.map((entry) => entry.action)).toEqual(["user.unblocked", "user.blocked", "role.revoked", "role.granted"]);
    for (const entry of mine) {
      expect(entry.actor).toEqual({ id: admin.id, displayName: "Beheerder Bea" });
      expect(entry.subject).toEqual({ id: person.id, displayName: "Gewone Gerrit" });
    }
    expect(mine[3]).toMatchObject({ role: "moderator", scope: { kind: "theme", number: theme.number, title: { text: "Open Informatie" } } });
    expect(mine[0]).toMatchObject({ role: null, scope: null });

    const json = JSON.stringify(data);
    expect(json).not.toContain(admin.email);
    expect(json).not.toContain(person.email);
    expect(json).not.toMatch(/@voorbeeld\.nl/);
  });

  test("shows the command line as actor, and a deleted person without their name", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const email = `opdrachtregel.${unique()}@voorbeeld.nl`;
    const { userId } = await ensureAdmin({ email });
    const leaver = await createUser();
    await deleteAccount({ userId: leaver.id, password: PASSWORD });

    const { data } = await loadAudit("", admin.cookie);
    expect(data.entries.find((entry) => entry.subject?.id === userId)).toMatchObject({ action: "role.granted", actor: null, role: "admin", scope: { kind: "site" } });
    expect(data.entries.find((entry) => entry.subject?.id === leaver.id)).toMatchObject({
      action: "account.deleted",
      actor: { id: leaver.id, displayName: null },
      subject: { id: leaver.id, displayName: null },
    });
    expect(JSON.stringify(data)).not.toContain(email);
  });

  test("pages by 50 with ?voor=", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const person = await createUser();
    await getDb()
      .insert(auditLog)
      .values(Array.from({ length: 60 }, () => ({ actorId: admin.id, action: "user.unblocked", subjectUserId: person.id })));
    const [{ total } = { total: 0 }] = await getDb().select({ total: count() }).from(auditLog);

    const first = await loadAudit("", admin.cookie);
    expect(first.data.entries).toHaveLength(50);
    const second = await loadAudit(`?voor=${first.data.nextBefore}`, admin.cookie);
    const seen = [...first.data.entries, ...second.data.entries].map((entry) => entry.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(seen.toSorted((a, b) => b - a));
    expect(second.data.entries.length).toBe(Math.min(50, total - 50));
    expect(first.data.entries[0]!.id).toBe((await getDb().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!.id);
  });

  test("is append-only: the database refuses updates and deletes, from the app's role and from the table's owner", async () => {
    const pool = getPool();
    const total = async () => (await pool.query<{ total: number }>("select count(*)::int as total from audit_log")).rows[0]!.total;
    const before = await total();
    expect(before).toBeGreaterThan(0);
    // The app's role has no right to (tests/integration/database-roles.test.ts); for the owner, the trigger refuses.
    await expect(pool.query("update audit_log set action = 'role.granted'")).rejects.toThrow(/permission denied/);
    await expect(pool.query("delete from audit_log")).rejects.toThrow(/permission denied/);
    await withConnection(process.env.DATABASE_OWNER_URL!, async (owner) => {
      await expect(owner.query("update audit_log set action = 'role.granted'")).rejects.toThrow(/append-only/);
      await expect(owner.query("delete from audit_log")).rejects.toThrow(/append-only/);
    });
    expect(await total()).toBe(before);
  });
});

// Last in the file: it revokes every other admin grant.
describe("the last admin", () => {
  test("an admin may give up their own admin role while there is another admin, but the last one cannot be revoked", async () => {
    const first = await createUser({ grants: [{ role: "admin" }] });
    const second = await createUser({ grants: [{ role: "admin" }] });
    const [secondGrant] = await activeGrants(second.id);
    const resigned = await submit(second.id, { intent: "revoke", grantId: String(secondGrant!.id) }, second.cookie);
    // They can no longer see the admin pages, so they go to the home page.
    expect(resigned.location).toBe("/");

    const [firstGrant] = await activeGrants(first.id);
    await getDb()
      .update(roleGrants)
      .set({ revokedAt: new Date() })
      .where(and(eq(roleGrants.role, "admin"), isNull(roleGrants.revokedAt), ne(roleGrants.id, firstGrant!.id)));
    const refused = await submit(first.id, { intent: "revoke", grantId: String(firstGrant!.id) }, first.cookie);
    expect(refused.status).toBe(400);
    expect(refused.form!.result.error?.[""]).toEqual(["admin.revoke.lastAdmin"]);
    expect(await activeGrants(first.id)).toHaveLength(1);
    expect((await auditRowsAbout(first.id)).filter((row) => row.action === "role.revoked")).toEqual([]);
  });
});
