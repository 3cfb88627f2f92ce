import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createComment, getThreads } from "#app/comments.server.ts";
import { decide } from "#app/moderation.server.ts";
import { getDb, rowsOf } from "#db/client.ts";
import { APPEND_ONLY_TABLES, grantAppRole, setUpAppRole } from "#db/roles.ts";
import { actionPoints, auditLog, moderationActions } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { createTestDatabase, TEST_APP_ROLE, withConnection } from "#tests/setup/postgres.ts";

// The app and these tests work as the app's role (DATABASE_URL); DATABASE_OWNER_URL is the owner of the tables.
const appUrl = () => process.env.DATABASE_URL!;
const ownerUrl = () => process.env.DATABASE_OWNER_URL!;

const TRIGGERS: Record<(typeof APPEND_ONLY_TABLES)[number], string> = {
  moderation_actions: "moderation_actions_no_update_or_delete",
  audit_log: "audit_log_no_update_or_delete",
};

let app: pg.Client;

/** The SQLSTATE `statement` fails with on the app's connection, or "ok". */
async function outcome(statement: string): Promise<string> {
  try {
    await app.query(statement);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function rows(table: string): Promise<unknown[]> {
  return (await app.query(`select * from ${table} order by id`)).rows;
}

beforeAll(async () => {
  // A record in each table, written the way the app writes it.
  const author = await createUser();
  const moderator = await createUser({ grants: [{ role: "admin" }] });
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).limit(1);
  const thread = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((found) => found.kind === "public")!;
  const comment = await createComment({ threadId: thread.id, authorId: author.id, body: { type: "doc", content: [] }, html: "<p>Weg ermee.</p>" });
  if (!comment.ok) throw new Error("no comment");
  expect(await decide({ type: "comment", id: comment.id, moderatorId: moderator.id, decision: { action: "hide", reason: "spam", note: "Reclame." } })).toMatchObject({ ok: true });
  await getDb().insert(auditLog).values({ actorId: moderator.id, action: "test.recorded" });

  app = new pg.Client({ connectionString: appUrl() });
  app.on("error", () => {});
  await app.connect();
});

afterAll(async () => {
  await app.end();
});

test("the app's role is what the tests work as, and no superuser", async () => {
  const { rows: [who] } = await app.query("select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as superuser");
  expect(who).toEqual({ role: TEST_APP_ROLE.name, superuser: false });
});

describe.each(APPEND_ONLY_TABLES)("%s, as the app's role", (table) => {
  test("rows can be added and read", async () => {
    const before = (await rows(table)).length;
    expect(before).toBeGreaterThan(0);
    if (table === "audit_log") await app.query("insert into audit_log (action) values ('test.appended')");
    else await app.query("insert into moderation_actions (target_type, target_id, theme_id, action) select target_type, target_id, theme_id, 'approve' from moderation_actions limit 1");
    expect(await rows(table)).toHaveLength(before + 1);
  });

  test("TRUNCATE, UPDATE, DELETE and DROP TABLE are refused, and the rows stay as they were", async () => {
    const before = await rows(table);
    expect(await outcome(`truncate ${table}`)).toBe("42501");
    expect(await outcome(`truncate ${table} cascade`)).toBe("42501");
    expect(await outcome(`update ${table} set created_at = now() - interval '1 year'`)).toBe("42501");
    expect(await outcome(`delete from ${table}`)).toBe("42501");
    expect(await outcome(`drop table ${table}`)).toBe("42501");
    expect(await outcome(`drop table ${table} cascade`)).toBe("42501");
    expect(await rows(table)).toEqual(before);
  });

  test("its triggers cannot be switched off, so an UPDATE after trying is refused too", async () => {
    const before = await rows(table);
    expect(await outcome(`alter table ${table} disable trigger all`)).toBe("42501");
    expect(await outcome(`alter table ${table} disable trigger ${TRIGGERS[table]}`)).toBe("42501");
    expect(await outcome(`drop trigger ${TRIGGERS[table]} on ${table}`)).toBe("42501");
    expect(await outcome(`update ${table} set created_at = now() - interval '1 year'`)).toBe("42501");
    expect(await rows(table)).toEqual(before);
    const { rows: triggers } = await app.query("select tgenabled from pg_trigger where tgname = $1", [TRIGGERS[table]]);
    expect(triggers).toEqual([{ tgenabled: "O" }]);
  });

  test("session_replication_role cannot be set to replica (which skips triggers), so a DELETE after trying is refused too", async () => {
    const before = await rows(table);
    expect(await outcome("set session_replication_role = replica")).toBe("42501");
    expect(await outcome("set local session_replication_role = replica")).toBe("42501");
    expect(await outcome("select set_config('session_replication_role', 'replica', false)")).toBe("42501");
    expect((await app.query("show session_replication_role")).rows).toEqual([{ session_replication_role: "origin" }]);
    expect(await outcome(`delete from ${table}`)).toBe("42501");
    expect(await rows(table)).toEqual(before);
  });

  test("as the owner, the same statements would go through: the reproduction, rolled back", async () => {
    await withConnection(ownerUrl(), async (owner) => {
      for (const steps of [
        [`truncate ${table} cascade`],
        [`alter table ${table} disable trigger all`, `update ${table} set created_at = now() - interval '1 year'`],
        ["set local session_replication_role = replica", `delete from ${table}`],
      ]) {
        await owner.query("begin");
        try {
          for (const step of steps) await owner.query(step);
          expect((await owner.query(`select count(*)::int as n from ${table} where created_at > now() - interval '1 day'`)).rows).toEqual([{ n: 0 }]);
        } finally {
          await owner.query("rollback");
        }
      }
    });
    expect((await rows(table)).length).toBeGreaterThan(0);
  });
});

test("the app's role can create no table, schema or function in the database, nor change a table of the app", async () => {
  expect(await outcome("create table public.eigen (id int)")).toBe("42501");
  expect(await outcome("create table eigen (id int)")).toBe("42501");
  expect(await outcome("create schema eigen")).toBe("42501");
  expect(await outcome("create function public.eigen() returns int language sql as 'select 1'")).toBe("42501");
  expect(await outcome("alter table comments add column eigen int")).toBe("42501");
  expect(await outcome("create trigger eigen before insert on comments for each row execute function append_only()")).toBe("42501");
  expect(await outcome("drop table comments")).toBe("42501");
  expect(await outcome("truncate comments")).toBe("42501");
  expect(await outcome("select * from drizzle.__drizzle_migrations")).toBe("42501");
  expect(await outcome("delete from pgboss.job")).toBe("42501");
});

test("ordinary writes of the app work as its role: a comment (with its job), a decision in the moderation record", async () => {
  const author = await createUser();
  const moderator = await createUser({ grants: [{ role: "admin" }] });
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).limit(1);
  const thread = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((found) => found.kind === "public")!;
  const comment = await createComment({ threadId: thread.id, authorId: author.id, body: { type: "doc", content: [] }, html: "<p>Nog een.</p>" });
  expect(comment).toMatchObject({ ok: true });
  if (!comment.ok) return;
  const decision = await decide({ type: "comment", id: comment.id, moderatorId: moderator.id, decision: { action: "hide", reason: "spam", note: "Weer reclame." } });
  expect(decision).toMatchObject({ ok: true });
  const recorded = await getDb().select({ action: moderationActions.action }).from(moderationActions).where(eq(moderationActions.targetId, comment.id));
  expect(recorded).toEqual([{ action: "hide" }]);
  // The statements ran as the app's role.
  expect(rowsOf(await getDb().execute(sql`select current_user as role`))).toEqual([{ role: TEST_APP_ROLE.name }]);
});

describe("the grants, as the owner applies them at every start", () => {
  test("applying them again changes nothing and finds nothing wrong", async () => {
    const privileges = () =>
      withConnection(ownerUrl(), async (owner) =>
        (await owner.query("select table_schema, table_name, privilege_type from information_schema.role_table_grants where grantee = $1 order by 1, 2, 3", [TEST_APP_ROLE.name])).rows,
      );
    const before = await privileges();
    expect(before.filter((row) => (APPEND_ONLY_TABLES as readonly string[]).includes(row.table_name)).map((row) => `${row.table_name}:${row.privilege_type}`)).toEqual([
      "audit_log:INSERT",
      "audit_log:SELECT",
      "moderation_actions:INSERT",
      "moderation_actions:SELECT",
    ]);
    expect(before.filter((row) => row.table_schema === "pgboss").map((row) => `${row.table_name}:${row.privilege_type}`)).toEqual(["job:INSERT", "queue:SELECT"]);
    expect(await grantAppRole({ ownerUrl: ownerUrl(), appRole: TEST_APP_ROLE.name })).toEqual([]);
    expect(await privileges()).toEqual(before);
  });

  test("a role with more power than it should have is named in a warning", async () => {
    const role = `inspraak_test_strong_${process.pid}`;
    await withConnection(ownerUrl(), async (owner) => {
      await owner.query(`create role ${role} login password 'sterk-genoeg-voor-een-test'`);
      try {
        await owner.query(`create table public.${role}_eigen (id int)`);
        await owner.query(`alter table public.${role}_eigen owner to ${role}`);
        // Given to the role itself, they are taken back; through PUBLIC, they stay and are named.
        await owner.query(`grant create on schema public to ${role}`);
        await owner.query(`grant update on audit_log to ${role}`);
        expect(await grantAppRole({ ownerUrl: ownerUrl(), appRole: role })).toEqual([`owns ${role}_eigen`]);
        await owner.query(`grant create on schema public to public`);
        expect(await grantAppRole({ ownerUrl: ownerUrl(), appRole: role })).toEqual([`owns ${role}_eigen`, "may create tables in schema public"]);
        await owner.query(`grant truncate on audit_log to public`);
        expect(await grantAppRole({ ownerUrl: ownerUrl(), appRole: role })).toContain("may change or remove rows of audit_log");
        await owner.query(`revoke truncate on audit_log from public`);
        await owner.query(`alter role ${role} superuser`);
        expect(await grantAppRole({ ownerUrl: ownerUrl(), appRole: role })).toEqual(["is a superuser"]);
        const url = new URL(appUrl());
        url.username = role;
        url.password = "sterk-genoeg-voor-een-test";
        const warnings = await setUpAppRole({ url: url.toString(), ownerUrl: ownerUrl(), production: false });
        expect(warnings).toEqual([expect.stringMatching(new RegExp(`^The app's database role ${role} is a superuser: the moderation record and the audit log are protected by triggers only; see "Database roles" in the README\\.$`))]);
      } finally {
        await owner.query(`revoke truncate on audit_log from public`);
        await owner.query(`revoke create on schema public from public`);
        await owner.query(`drop table if exists public.${role}_eigen`);
        await owner.query(`revoke all on schema public from ${role}`);
        await owner.query(`drop owned by ${role}`);
        await owner.query(`drop role ${role}`);
      }
    });
  });

  test("one role for both is a warning in production; two URLs for two databases are refused", async () => {
    expect(await setUpAppRole({ url: ownerUrl(), ownerUrl: ownerUrl(), production: true })).toEqual([expect.stringMatching(/^DATABASE_OWNER_URL is not set: the app works as the owner of its tables, so the moderation record and the audit log are protected by triggers only/)]);
    expect(await setUpAppRole({ url: ownerUrl(), ownerUrl: ownerUrl(), production: false })).toEqual([]);
    const elsewhere = new URL(ownerUrl());
    elsewhere.pathname = "/postgres";
    await expect(setUpAppRole({ url: appUrl(), ownerUrl: elsewhere.toString(), production: true })).rejects.toThrow(/^DATABASE_URL and DATABASE_OWNER_URL name different databases \(inspraak_test_\w+ and postgres\)/);
  });
});

describe("on an external server, set up as the README says", () => {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const owner = { name: `inspraak_test_owner_${suffix}`, password: "eigenaar-van-de-tabellen" };
  const appRole = { name: `inspraak_test_app_${suffix}`, password: "de-app-zelf-en-niet-meer" };
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const as = (role: { name: string; password: string }) => {
    const url = new URL(database.url);
    url.username = role.name;
    url.password = role.password;
    return url.toString();
  };

  beforeAll(async () => {
    database = await createTestDatabase(inject("pgAdminUrl"), "empty");
    await withConnection(database.url, async (admin) => {
      // The README's statements: an owner that is no superuser, which owns the database, and a plain login role for the app.
      await admin.query(`create role ${owner.name} login password '${owner.password}'`);
      await admin.query(`create role ${appRole.name} login password '${appRole.password}'`);
      await admin.query(`alter database ${pg.escapeIdentifier(new URL(database.url).pathname.slice(1))} owner to ${owner.name}`);
    });
  });

  afterAll(async () => {
    await database?.drop();
    await withConnection(inject("pgAdminUrl"), async (admin) => {
      for (const role of [appRole.name, owner.name]) await admin.query(`drop role if exists ${role}`);
    });
  });

  test("npm run db:seed migrates and grants as the owner; the app's role then writes rows, and cannot touch the records", { timeout: 60_000 }, async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const run = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "db/cli.ts", "seed"], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: as(appRole), DATABASE_OWNER_URL: as(owner) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, output }));
    });
    expect(run.output.trim()).toBe("Migrated and seeded.");
    expect(run.code).toBe(0);

    await withConnection(as(appRole), async (client) => {
      expect((await client.query("select count(*)::int as n from plans")).rows).toEqual([{ n: 2 }]);
      await client.query("insert into audit_log (action) values ('test.external')");
      await client.query("update plans set title = title");
      for (const statement of ["truncate audit_log", "alter table moderation_actions disable trigger all", "set session_replication_role = replica", "delete from audit_log", "create table eigen (id int)"]) {
        await expect(client.query(statement), statement).rejects.toMatchObject({ code: "42501" });
      }
    });
    // Every table is the owner's, none the app role's.
    const owners = await withConnection(database.url, async (admin) =>
      (await admin.query<{ owner: string }>("select distinct pg_get_userbyid(relowner)::text as owner from pg_class where relnamespace in ('public'::regnamespace, 'drizzle'::regnamespace) and relkind in ('r', 'S')")).rows,
    );
    expect(owners).toEqual([{ owner: owner.name }]);

    // pg-boss makes its schema as the owner; the next grant lets the app's role add jobs, and nothing more there.
    const boss = new PgBoss({ connectionString: as(owner), schema: "pgboss", max: 1, supervise: false, schedule: false });
    await boss.start();
    await boss.createQueue("test-queue");
    await boss.stop({ graceful: false, wait: true });
    expect(await grantAppRole({ ownerUrl: as(owner), appRole: appRole.name })).toEqual([]);
    await withConnection(as(appRole), async (client) => {
      await client.query("insert into pgboss.job (name, data) values ('test-queue', '{}')");
      await expect(client.query("delete from pgboss.job")).rejects.toMatchObject({ code: "42501" });
      await expect(client.query("drop table pgboss.job")).rejects.toMatchObject({ code: "42501" });
    });
  });
});
