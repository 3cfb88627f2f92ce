import { readdir } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { migrateDatabase, migrationsFolder } from "#db/migrate.ts";
import { createTestDatabase } from "#tests/setup/postgres.ts";

let database: { url: string; drop: () => Promise<void> };
let client: pg.Client;
const rows = async (text: string) => (await client.query(text)).rows;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "empty");
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

test("migrations apply on an empty database, also when two instances start at once", async () => {
  expect(await rows("select tablename from pg_tables where schemaname = 'public'")).toHaveLength(0);

  await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url)]);

  const tables = await rows("select tablename from pg_tables where schemaname = 'public' order by tablename");
  expect(tables.map((row) => row.tablename)).toEqual([
    "action_points",
    "appeals",
    "audit_log",
    "comment_likes",
    "comment_revisions",
    "comments",
    "email_tokens",
    "flags",
    "follows",
    "moderation_actions",
    "moderation_queue",
    "notifications",
    "outbox",
    "plans",
    "progress_updates",
    "proposal_status_changes",
    "proposals",
    "rate_limits",
    "role_grants",
    "sessions",
    "submissions",
    "support_budgets",
    "supports",
    "theme_timeouts",
    "themes",
    "threads",
    "users",
  ]);

  const files = (await readdir(migrationsFolder)).filter((file) => file.endsWith(".sql"));
  const applied = await rows("select hash from drizzle.__drizzle_migrations");
  expect(applied).toHaveLength(files.length);
});

test("applying them again is a no-op", async () => {
  const before = await rows("select id, hash, created_at from drizzle.__drizzle_migrations order by id");
  await migrateDatabase(database.url);
  expect(await rows("select id, hash, created_at from drizzle.__drizzle_migrations order by id")).toEqual(before);
});

test("at most one plan can be the current one", async () => {
  await client.query("insert into plans (slug, title, period, status) values ('a', 'A', '2020', 'current')");
  await expect(client.query("insert into plans (slug, title, period, status) values ('b', 'B', '2021', 'current')")).rejects.toThrow(/plans_one_current/);
});
