import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { getThreadPage, getThreads, likeComment, listCommentsByAuthor, createComment } from "#app/comments.server.ts";
import { listProposalsByAuthor } from "#app/proposals.server.ts";
import { supportProposal, tallies } from "#app/supports.server.ts";
import { blockUser, ensureAdmin, listAuditLog } from "#app/users.server.ts";
import { serverVersionNum } from "#db/backup.ts";
import { serverMajor } from "#db/backup-version.ts";
import { closeDb, getDb } from "#db/client.ts";
import { ensureAppRole } from "#db/roles.ts";
import { actionPoints, plans, proposals, themes } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { appUrlFor, createTestDatabase, TEST_APP_ROLE, withConnection } from "#tests/setup/postgres.ts";
import { startPostgres15, type Postgres15 } from "#tests/setup/postgres-15.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Backups are made and restored as the owner of the tables; the app reads them as its own role.
const sourceUrl = process.env.DATABASE_OWNER_URL!;
let dir: string;
const created: { drop: () => Promise<void> }[] = [];

/**
 * Runs `db/cli.ts <args>` as its own process, as `npm run db:backup` / `db:restore` do, on the database at
 * `owner` (its owner's URL) with the app's role as DATABASE_URL, as a deployment has them.
 */
function cli(args: string[], owner: string = sourceUrl, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "db/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_OWNER_URL: owner, DATABASE_URL: appUrlFor(owner), ...env },
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

async function emptyDatabase(): Promise<string> {
  const database = await createTestDatabase(inject("pgAdminUrl"), "empty");
  created.push(database);
  return database.url;
}

/** Per table of our schema and of drizzle's migrations table: row count and a checksum of every row's text. */
async function fingerprint(url: string) {
  return withConnection(url, async (client) => {
    const query = async <T>(text: string) => (await client.query(text)).rows as T[];
    const tables = await query<{ name: string }>(`
      select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by 1`);
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      // t::text includes the generated search columns, so their recomputation is checked too.
      const [row] = await query<{ rows: number; md5: string }>(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from ${name} t`);
      result[name] = row!;
    }
    const [migrations] = await query<{ rows: number; md5: string }>(`
      select count(*)::int as rows, md5(string_agg(hash || ':' || created_at, ',' order by created_at)) as md5 from drizzle.__drizzle_migrations`);
    result["drizzle.__drizzle_migrations"] = migrations!;
    const sequences = await query<{ name: string; last_value: string | null }>("select sequencename as name, last_value::text from pg_sequences where schemaname = 'public' order by 1");
    return { tables: result, sequences: Object.fromEntries(sequences.map((row) => [row.name, row.last_value])) };
  });
}

/** Runs `read` against the database at `url` through the app's own client, as the app's role. */
async function withDatabase<T>(url: string, read: () => Promise<T>): Promise<T> {
  const own = process.env.DATABASE_URL;
  process.env.DATABASE_URL = appUrlFor(url);
  try {
    return await read();
  } finally {
    await closeDb();
    process.env.DATABASE_URL = own;
  }
}

let people: { id: number; email: string }[];
let threadId: number;
let proposalId: number;
let planId: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "inspraak-backup-test-"));
  const db = getDb();
  people = await Promise.all([createUser({ displayName: "Backup Één" }), createUser({ displayName: "Tab\tand \\ backslash" }), createUser()]);
  const admin = await ensureAdmin({ email: "beheer@voorbeeld.nl" });
  expect(await blockUser({ actorId: admin.userId, userId: people[2]!.id })).toEqual({ ok: true });

  const [point] = await db.select({ id: actionPoints.id }).from(actionPoints).limit(1);
  threadId = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((thread) => thread.kind === "public")!.id;
  const text = "Regel één\nregel twee \\ met \"aanhalingstekens\" en een tab\t.";
  const first = await createComment({ threadId, authorId: people[0]!.id, body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] }, html: `<p>${text}</p>` });
  if (!first.ok) throw new Error(`comment: ${first.reason}`);
  const reply = await createComment({ threadId, authorId: people[1]!.id, parentId: first.id, body: { type: "doc", content: [] }, html: "<p>Eens.</p>" });
  if (!reply.ok) throw new Error(`reply: ${reply.reason}`);
  await likeComment({ commentId: first.id, userId: people[1]!.id });

  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  planId = plan!.id;
  const [theme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.planId, planId)).limit(1);
  const [proposal] = await db
    .insert(proposals)
    .values({ planId, themeId: theme!.id, authorId: people[0]!.id, title: "Open data over inspraak", summary: "Samenvatting", body: { type: "doc", content: [] }, bodyHtml: "<p>Voorstel</p>", status: "published" })
    .returning({ id: proposals.id });
  proposalId = proposal!.id;
  for (const person of people.slice(0, 2)) expect((await supportProposal({ proposalId, userId: person.id })).ok).toBe(true);
  // Enough rows (about 1 MB) that the copy streams fill their buffers and have to wait for each other.
  await db.execute(sql`insert into audit_log (action, details) select 'test.bulk', jsonb_build_object('n', i, 'text', repeat('ë\t"', 60)) from generate_series(1, 5000) i`);
});

afterAll(async () => {
  for (const database of created) await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run db:backup / db:restore (built-in format)", () => {
  let backupFile: string;
  let restoredUrl: string;
  let original: Awaited<ReturnType<typeof fingerprint>>;

  test("a backup of a database with real data restores into an empty database with every row, checksum and sequence equal", { timeout: 120_000 }, async () => {
    original = await fingerprint(sourceUrl);
    for (const table of ["public.users", "public.comments", "public.proposals", "public.supports", "public.audit_log", "public.comment_likes", "public.sessions", "public.role_grants"]) {
      expect(original.tables[table]?.rows, table).toBeGreaterThan(0);
    }

    backupFile = path.join(dir, "inspraak.backup");
    const backup = await cli(["backup", "--out", backupFile, "--format", "builtin"]);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written (builtin format): ${backupFile}`);

    // What the file holds: a magic line, a header with the migration level, then the rows.
    const text = gunzipSync(await readFile(backupFile)).toString("utf8");
    const [magic, headerLine] = text.split("\n", 2);
    expect(magic).toBe("INSPRAAK-BACKUP 1");
    const header = JSON.parse(headerLine!) as { migrations: unknown[]; tables: { name: string; rows: number }[] };
    expect(header.migrations.length).toBe(original.tables["drizzle.__drizzle_migrations"]!.rows);
    expect(Object.fromEntries(header.tables.map((table) => [`public.${table.name}`, table.rows]))).toEqual(
      Object.fromEntries(Object.entries(original.tables).filter(([name]) => name.startsWith("public.")).map(([name, value]) => [name, value.rows])),
    );
    // Referenced tables come before the tables that refer to them.
    const order = header.tables.map((table) => table.name);
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("comments"));
    expect(order.indexOf("comments")).toBeLessThan(order.indexOf("comment_likes"));
    expect(order.indexOf("proposals")).toBeLessThan(order.indexOf("supports"));

    restoredUrl = await emptyDatabase();
    const restore = await cli(["restore", backupFile], restoredUrl);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored \(builtin format\): \d+ rows in \d+ tables\.$/m);

    expect(await fingerprint(restoredUrl)).toEqual(original);
  });

  test("the app reads the restored database as it read the original, and new rows get fresh ids", async () => {
    expect(restoredUrl).toBeDefined();
    const read = async () => ({
      tallies: await tallies({ planId }),
      proposals: await listProposalsByAuthor({ userId: people[0]!.id }),
      comments: await listCommentsByAuthor({ userId: people[0]!.id }),
      thread: await getThreadPage({ threadId, sort: "oud", viewerId: people[1]!.id }),
      audit: await listAuditLog(),
    });
    const before = await read();
    const after = await withDatabase(restoredUrl, read);
    expect(after).toEqual(before);
    expect(after.audit.entries.length).toBeGreaterThanOrEqual(2);

    // The identity sequences continue where the original stopped.
    await withConnection(restoredUrl, async (client) => {
      const { rows: [top] } = await client.query<{ max: number }>("select max(id)::int as max from users");
      const { rows: [inserted] } = await client.query<{ id: number }>("insert into users (email, display_name) values ('na.herstel@voorbeeld.nl', 'Na herstel') returning id");
      expect(inserted!.id).toBe(top!.max + 1);
      const { rows: [log] } = await client.query<{ id: number }>("insert into audit_log (action, subject_user_id) values ('test.after_restore', $1) returning id", [inserted!.id]);
      expect(log!.id).toBeGreaterThan(0);
    });
    // And the app itself can write there.
    const supported = await withDatabase(restoredUrl, () => supportProposal({ proposalId, userId: people[2]!.id }));
    expect(supported).toMatchObject({ ok: true, supportCount: 3 });
  });

  test("refuses to restore into a database that is not empty, and replaces it with --force", { timeout: 120_000 }, async () => {
    expect(restoredUrl).toBeDefined();
    const changed = await fingerprint(restoredUrl);
    expect(changed).not.toEqual(original);

    const refused = await cli(["restore", backupFile], restoredUrl);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is not empty");
    expect(refused.stderr).toContain("--force");
    expect(await fingerprint(restoredUrl)).toEqual(changed);

    // --force clears our schemas first: the row added above is gone, the backup's rows are back.
    const forced = await cli(["restore", backupFile, "--force"], restoredUrl);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(await fingerprint(restoredUrl)).toEqual(original);
  });

  test("refuses a backup made at a migration this version does not have, and one whose migration changed", { timeout: 60_000 }, async () => {
    const text = gunzipSync(await readFile(backupFile)).toString("utf8");
    const [magic, headerLine] = text.split("\n", 2);
    const rest = text.slice(magic!.length + headerLine!.length + 2);
    const header = JSON.parse(headerLine!) as { migrations: { hash: string; createdAt: number }[] };
    const rewrite = async (name: string, migrations: { hash: string; createdAt: number }[]) => {
      const file = path.join(dir, name);
      await writeFile(file, gzipSync(`${magic}\n${JSON.stringify({ ...header, migrations })}\n${rest}`));
      return file;
    };

    const newer = await rewrite("newer.backup", [...header.migrations, { hash: "f".repeat(64), createdAt: Date.now() + 86_400_000 }]);
    const refused = await cli(["restore", newer], await emptyDatabase());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The backup was made at migration ${header.migrations.length + 1}`);
    expect(refused.stderr).toContain("which this version of Inspraak does not have");

    const changed = await rewrite("changed.backup", [{ ...header.migrations[0]!, hash: "0".repeat(64) }, ...header.migrations.slice(1)]);
    const differs = await cli(["restore", changed], await emptyDatabase());
    expect(differs.code).toBe(1);
    expect(differs.stderr).toContain("differs from the one the backup was made with");
  });

  test("a backup file cut short in the middle of a table is refused, and none of its rows stay", { timeout: 60_000 }, async () => {
    const text = gunzipSync(await readFile(backupFile)).toString("utf8");
    const [magic, headerLine] = text.split("\n", 2);
    const header = JSON.parse(headerLine!) as { tables: { name: string; rows: number }[] };
    const order = header.tables.map((table) => table.name);
    const cutIn = order.indexOf("audit_log");
    expect(order.indexOf("users")).toBeLessThan(cutIn);
    expect(header.tables[order.indexOf("users")]!.rows).toBeGreaterThan(0);
    // Keep every table before audit_log and half of audit_log's rows: the restore is inside a COPY when the file ends.
    const lines = text.slice(magic!.length + headerLine!.length + 2).split("\n");
    let section = 0;
    let cut = 0;
    while (section < cutIn) if (lines[cut++] === "\\.") section++;
    cut += Math.floor(header.tables[cutIn]!.rows / 2);
    const file = path.join(dir, "cut-short.backup");
    await writeFile(file, gzipSync(`${magic}\n${headerLine}\n${lines.slice(0, cut).join("\n")}\n`));

    const target = await emptyDatabase();
    const result = await cli(["restore", file], target);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The backup file ends too early");
    // The tables copied before the cut were copied in the same transaction, which was rolled back.
    const counts = await withConnection(target, async (client) => (await client.query<{ users: number; audit: number }>("select (select count(*)::int from users) as users, (select count(*)::int from audit_log) as audit")).rows[0]);
    expect(counts).toEqual({ users: 0, audit: 0 });
  });

  test("refuses a file that is not a backup, and says so", async () => {
    const bogus = path.join(dir, "bogus.backup");
    await writeFile(bogus, "not a backup\n");
    const result = await cli(["restore", bogus], await emptyDatabase());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("neither a pg_dump custom-format archive nor an Inspraak backup");
  });
});

// pg_dump must be at least as new as the server, and no pg_dump 18 exists for this machine (ADR 008); Debian's
// pg_dump 15 is here, so this runs the pg_dump branch for real against a PostgreSQL 15 server from npm.
describe("npm run db:backup / db:restore (pg_dump format: PostgreSQL 15 with the system's pg_dump 15)", () => {
  let pg15: Postgres15;
  beforeAll(async () => {
    pg15 = await startPostgres15();
    await ensureAppRole({ adminUrl: pg15.adminUrl, role: TEST_APP_ROLE.name, password: TEST_APP_ROLE.password });
    await withConnection(pg15.adminUrl, async (admin) => {
      await admin.query("create database source15");
      await admin.query("create database restored15");
    });
  }, 60_000);
  afterAll(async () => {
    await pg15?.stop();
  });

  test("pg_dump's archive of a database with real data restores with pg_restore into an empty one, every row, checksum and sequence equal", { timeout: 180_000 }, async () => {
    // The test database's rows on the PostgreSQL 15 server: its built-in backup restored there (migrations included).
    const builtin = path.join(dir, "for-15.backup");
    expect((await cli(["backup", "--out", builtin, "--format", "builtin"])).code).toBe(0);
    const seeded = await cli(["restore", builtin], pg15.urlFor("source15"));
    expect(seeded.stderr).toBe("");
    expect(seeded.code).toBe(0);
    const source = await fingerprint(pg15.urlFor("source15"));
    expect(source.tables["public.comments"]).toEqual((await fingerprint(sourceUrl)).tables["public.comments"]);

    // No PG_BIN: the pg_dump on the PATH (15) is found fit for the server (15).
    const out = path.join(dir, "inspraak.pgdump");
    const backup = await cli(["backup", "--out", out, "--format", "pg_dump"], pg15.urlFor("source15"));
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written (pg_dump format): ${out}`);
    // pg_dump's custom format, as pg_restore reads it.
    expect((await readFile(out)).subarray(0, 5).toString("latin1")).toBe("PGDMP");

    const restore = await cli(["restore", out], pg15.urlFor("restored15"));
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Restored (pg_dump format)");
    expect(await fingerprint(pg15.urlFor("restored15"))).toEqual(source);

    // A second restore into what is no longer empty is refused, as for the built-in format.
    const refused = await cli(["restore", out], pg15.urlFor("restored15"));
    expect(refused.code).toBe(1);
  });
});

describe("pg_dump selection", () => {
  /** A stand-in pg_dump in its own PG_BIN folder that only answers --version, as an old client would. */
  async function fakePgBin(version: string): Promise<string> {
    const bin = await mkdtemp(path.join(dir, "bin-"));
    await writeFile(path.join(bin, "pg_dump"), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) ${version}"; exit 0; fi\necho "should not be run" >&2; exit 3\n`);
    await chmod(path.join(bin, "pg_dump"), 0o755);
    return bin;
  }

  test("a pg_dump older than the server is refused with the version needed and how to get it", async () => {
    const major = serverMajor(await serverVersionNum(sourceUrl));
    const bin = await fakePgBin(`${major - 3}.14 (Debian ${major - 3}.14-0+deb12u1)`);
    const out = path.join(dir, "refused.backup");
    const result = await cli(["backup", "--out", out, "--format", "pg_dump"], sourceUrl, { PG_BIN: bin });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`pg_dump ${major - 3}.14 is too old for this PostgreSQL ${major} server: pg_dump ${major} or newer is required`);
    expect(result.stderr).toContain(`postgresql-client-${major}`);
    expect(result.stderr).toContain("PG_BIN");
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    await expect(readFile(`${out}.partial`)).rejects.toThrow(/ENOENT/);
  });

  test("without a fit pg_dump the default format falls back to the built-in one and says why", { timeout: 60_000 }, async () => {
    const major = serverMajor(await serverVersionNum(sourceUrl));
    const bin = await fakePgBin(`${major - 1}.2`);
    const out = path.join(dir, "fallback.backup");
    const result = await cli(["backup", "--out", out], sourceUrl, { PG_BIN: bin });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`No pg_dump ${major} or newer was found`);
    expect(result.stderr).toContain("Using the built-in format instead.");
    expect(result.stdout).toContain("(builtin format)");
    expect(gunzipSync(await readFile(out)).toString("utf8").startsWith("INSPRAAK-BACKUP 1\n")).toBe(true);
  });
});
