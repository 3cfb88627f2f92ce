/**
 * Backups of the app's database, in one of two formats:
 *
 * - `pg_dump`: PostgreSQL's own custom-format archive of the whole database
 *   (our tables, the migrations table and pg-boss's schema), made by a
 *   pg_dump whose major version is at least the server's, and restored with
 *   pg_restore. The tools come from PG_BIN (a folder) or else the PATH.
 * - `builtin`: Inspraak's own logical backup, for when no fit pg_dump is at
 *   hand (the embedded PostgreSQL ships none). A gzip file: a magic line, a
 *   JSON header (format, migration level, tables with their columns and row
 *   counts, sequence values) and per table its rows in COPY's text format,
 *   each table ended by a `\.` line, all read in one snapshot. Restoring applies our migrations up to
 *   the recorded level to an empty database, then copies the rows back.
 *   pg-boss's schema is left out: see docs/decisions/008-backups.md.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readdirSync, realpathSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createGunzip, createGzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { checkPgDumpVersion, missingPgDumpAdvice, parseToolVersion } from "./backup-version.ts";
import { withConnection } from "./client.ts";
import { migrateDatabase, migrationsFolder } from "./migrate.ts";

export const BUILTIN_MAGIC = "INSPRAAK-BACKUP";
export const BUILTIN_FORMAT_VERSION = 1;
const PG_DUMP_MAGIC = "PGDMP";

export type BackupFormat = "pg_dump" | "builtin";

type BuiltinHeader = {
  format: number;
  createdAt: string;
  serverVersion: string;
  /** drizzle's `__drizzle_migrations` rows, oldest first: the schema the rows belong to. */
  migrations: { hash: string; createdAt: number }[];
  /** In restore order: every table after the tables it refers to. */
  tables: { name: string; columns: string[]; rows: number }[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
};

export class BackupError extends Error {}

/** A plain connection, not the app's pool: a backup or restore may take far longer than the app's statement timeout allows. */
const withClient = <T,>(url: string, work: (client: pg.Client) => Promise<T>) => withConnection(url, work, { applicationName: "inspraak-backup", connectTimeoutMs: 10_000 });

/** `work` in one transaction on `client`, opened with `begin` (e.g. an isolation level). */
async function inTransaction<T>(client: pg.Client, begin: string, work: () => Promise<T>): Promise<T> {
  await client.query(begin);
  try {
    const result = await work();
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}

async function queryRows<T>(client: pg.Client, text: string, values?: unknown[]): Promise<T[]> {
  return (await client.query(text, values)).rows as T[];
}

/** The one row a statement such as `select count(*)` returns. */
async function queryRow<T>(client: pg.Client, text: string, values?: unknown[]): Promise<T> {
  return (await queryRows<T>(client, text, values))[0]!;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

// ---------------------------------------------------------------- pg_dump

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => resolve({ code: null, stdout, stderr: String(error) }));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Where a PostgreSQL client tool may be: PG_BIN alone when set, else the PATH and Debian's versioned folders (newest first). */
export function toolCandidates(tool: "pg_dump" | "pg_restore", env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.PG_BIN) return [path.join(env.PG_BIN, tool)];
  const folders = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const debian = "/usr/lib/postgresql";
  const files = [...folders.map((folder) => path.join(folder, tool)), ...debianVersionFolders(debian).map((folder) => path.join(folder, tool))].filter((file) => existsSync(file));
  // /bin and /usr/bin are often one folder: each real file once.
  const seen = new Set<string>();
  return files.filter((file) => {
    const real = realpathSync(file);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

function debianVersionFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a)
    .map((major) => path.join(root, String(major), "bin"));
}

/** The first pg_dump fit for the server, or the reasons none is. */
export async function findPgDump(serverVersionNum: number, env: NodeJS.ProcessEnv = process.env): Promise<{ path: string } | { path: null; advice: string }> {
  const rejected: { path: string; reason: string }[] = [];
  for (const candidate of toolCandidates("pg_dump", env)) {
    const result = await run(candidate, ["--version"]);
    if (result.code !== 0) {
      rejected.push({ path: candidate, reason: `\`pg_dump --version\` failed: ${result.stderr.trim() || `exit code ${result.code}`}` });
      continue;
    }
    const check = checkPgDumpVersion(result.stdout, serverVersionNum);
    if (check.ok) return { path: candidate };
    rejected.push({ path: candidate, reason: check.reason });
  }
  return { path: null, advice: missingPgDumpAdvice(serverVersionNum, rejected) };
}

/** The URL without its password, and the environment that carries the password instead (not visible in `ps`). */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env };
}

async function pgDump(pgDumpPath: string, url: string, out: string): Promise<void> {
  const { dbname, env } = toolConnection(url);
  const result = await run(pgDumpPath, ["--format=custom", `--file=${out}`, `--dbname=${dbname}`], env);
  if (result.code !== 0) throw new BackupError(`pg_dump failed (${pgDumpPath}):\n${result.stderr.trim()}`);
}

async function pgRestore(url: string, file: string): Promise<void> {
  const [pgRestorePath] = toolCandidates("pg_restore");
  if (!pgRestorePath) throw new BackupError("This is a pg_dump archive, and no pg_restore was found in PG_BIN or on the PATH: install the PostgreSQL client tools of the version that made it, or newer.");
  const version = parseToolVersion((await run(pgRestorePath, ["--version"])).stdout);
  const { dbname, env } = toolConnection(url);
  const result = await run(pgRestorePath, ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, file], env);
  if (result.code !== 0) {
    throw new BackupError(`pg_restore ${version?.text ?? "(unknown version)"} failed (${pgRestorePath}); nothing was changed, it ran in one transaction:\n${result.stderr.trim()}`);
  }
}

// ---------------------------------------------------------------- built-in format

/** The public tables in an order in which each comes after the tables its foreign keys point to. */
function restoreOrder(tables: string[], references: { from: string; to: string }[]): string[] {
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: string, trail: string[]) => {
    if (state.get(table) === "done") return;
    if (state.get(table) === "visiting") throw new BackupError(`The foreign keys form a cycle (${[...trail, table].join(" → ")}); the built-in format cannot order such tables.`);
    state.set(table, "visiting");
    for (const reference of references) if (reference.from === table && reference.to !== table) visit(reference.to, [...trail, table]);
    state.set(table, "done");
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return ordered;
}

async function writeBuiltin(url: string, out: string): Promise<void> {
  await withClient(url, (client) =>
    // One snapshot for the header and every table: the backup is consistent while the app keeps writing.
    inTransaction(client, "begin isolation level repeatable read read only", async () => {
      const { exists } = await queryRow<{ exists: boolean }>(client, "select to_regclass('drizzle.__drizzle_migrations') is not null as exists");
      if (!exists) throw new BackupError("This database has no drizzle.__drizzle_migrations table: it is not an Inspraak database (or was never migrated).");
      const migrations = await queryRows<{ hash: string; createdAt: string }>(client, `select hash, created_at::text as "createdAt" from drizzle.__drizzle_migrations order by created_at, id`);
      const { serverVersion } = await queryRow<{ serverVersion: string }>(client, `select current_setting('server_version') as "serverVersion"`);
      const tables = await queryRows<{ name: string }>(
        client,
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`,
      );
      const references = await queryRows<{ from: string; to: string }>(
        client,
        `select f.relname as from, t.relname as to
        from pg_constraint k join pg_class f on f.oid = k.conrelid join pg_class t on t.oid = k.confrelid
        join pg_namespace n on n.oid = f.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
      );
      const header: BuiltinHeader = {
        format: BUILTIN_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        serverVersion,
        migrations: migrations.map((row) => ({ hash: row.hash, createdAt: Number(row.createdAt) })),
        tables: [],
        sequences: [],
      };
      for (const name of restoreOrder(
        tables.map((table) => table.name),
        references,
      )) {
        // Generated columns (the search vectors) are left out: the restore computes them again.
        const columns = await queryRows<{ name: string }>(
          client,
          `select attname as name from pg_attribute
          where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = ''
          order by attnum`,
          [`public.${quote(name)}`],
        );
        const { rows } = await queryRow<{ rows: number }>(client, `select count(*)::int as rows from public.${quote(name)}`);
        header.tables.push({ name, columns: columns.map((column) => column.name), rows });
      }
      const sequences = await queryRows<{ name: string }>(
        client,
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
      );
      for (const { name } of sequences) {
        const state = await queryRow<{ lastValue: string; isCalled: boolean }>(client, `select last_value::text as "lastValue", is_called as "isCalled" from public.${quote(name)}`);
        header.sequences.push({ name, ...state });
      }

      async function* content() {
        yield Buffer.from(`${BUILTIN_MAGIC} ${BUILTIN_FORMAT_VERSION}\n${JSON.stringify(header)}\n`);
        for (const table of header.tables) {
          // COPY's own text format, as the restore's COPY … FROM reads it; a query rather than the table, so a partitioned table works too.
          yield* client.query(copyTo(`copy (select ${table.columns.map(quote).join(", ")} from public.${quote(table.name)}) to stdout`));
          yield Buffer.from("\\.\n");
        }
      }
      await pipeline(Readable.from(content()), createGzip(), createWriteStream(out));
    }),
  );
}

/** Lines of a stream (without their `\n`), as Buffers. */
async function* lines(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of source) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      yield data.subarray(start, end);
      start = end + 1;
    }
    data = data.subarray(start);
    rest = Buffer.from(data);
  }
  if (rest.length) yield rest;
}

type Migration = { tag: string; when: number; hash: string; file: string };

async function localMigrations(): Promise<Migration[]> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
  return Promise.all(
    journal.entries.map(async (entry) => {
      const file = path.join(migrationsFolder, `${entry.tag}.sql`);
      // drizzle records the SHA-256 of each migration's file as its hash.
      return { tag: entry.tag, when: entry.when, hash: createHash("sha256").update(await readFile(file, "utf8")).digest("hex"), file };
    }),
  );
}

/** Applies exactly the migrations the backup was made at, from a copy of the migrations folder cut to that length. */
async function migrateTo(url: string, recorded: BuiltinHeader["migrations"]): Promise<void> {
  const local = await localMigrations();
  for (const [index, migration] of recorded.entries()) {
    const mine = local[index];
    if (!mine || mine.when !== migration.createdAt) {
      throw new BackupError(
        `The backup was made at migration ${index + 1} (created ${new Date(migration.createdAt).toISOString()}), which this version of Inspraak does not have: restore it with the version that made it (or a newer one).`,
      );
    }
    if (mine.hash !== migration.hash) throw new BackupError(`Migration ${mine.tag} differs from the one the backup was made with (its hash changed): refusing to restore onto a different schema.`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "inspraak-restore-"));
  try {
    const chosen = local.slice(0, recorded.length);
    const journal = JSON.parse(await readFile(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    await mkdir(path.join(dir, "meta"));
    await writeFile(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, recorded.length) }));
    for (const migration of chosen) await copyFile(migration.file, path.join(dir, path.basename(migration.file)));
    await migrateDatabase(url, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function restoreBuiltin(url: string, file: string): Promise<{ tables: number; rows: number }> {
  const iterator = lines(createReadStream(file).pipe(createGunzip()))[Symbol.asyncIterator]();
  const next = async () => {
    const result = await iterator.next();
    if (result.done) throw new BackupError("The backup file ends too early: it is incomplete.");
    return result.value;
  };
  const magic = (await next()).toString("utf8");
  if (magic !== `${BUILTIN_MAGIC} ${BUILTIN_FORMAT_VERSION}`) throw new BackupError(`Not a backup in Inspraak's format ${BUILTIN_FORMAT_VERSION} (its first line is ${JSON.stringify(magic.slice(0, 40))}).`);
  const header = JSON.parse((await next()).toString("utf8")) as BuiltinHeader;

  await migrateTo(url, header.migrations);
  await withClient(url, (client) =>
    inTransaction(client, "begin", async () => {
      // The migrations may have inserted rows of their own; the backup's rows replace them. TRUNCATE
      // fires no row triggers, and the append-only triggers (audit_log, moderation_actions) only
      // stop UPDATE and DELETE: COPY inserts.
      if (header.tables.length) await client.query(`truncate ${header.tables.map((table) => `public.${quote(table.name)}`).join(", ")}`);
      for (const table of header.tables) {
        const columns = await queryRows<{ name: string }>(
          client,
          `select attname as name from pg_attribute
          where attrelid = to_regclass($1) and attnum > 0 and not attisdropped and attgenerated = ''
          order by attnum`,
          [`public.${quote(table.name)}`],
        );
        const have = columns.map((column) => column.name).join(",");
        if (have !== table.columns.join(",")) throw new BackupError(`Table ${table.name} has the columns (${have || "none: it does not exist"}) here, the backup has (${table.columns.join(",")}).`);
        async function* section() {
          for (;;) {
            const line = await next();
            if (line.length === 2 && line[0] === 0x5c && line[1] === 0x2e) return;
            yield Buffer.concat([line, Buffer.from("\n")]);
          }
        }
        // COPY writes the identity columns' values as given (GENERATED ALWAYS does not apply to COPY).
        const copy = client.query(copyFrom(`copy public.${quote(table.name)} (${table.columns.map(quote).join(", ")}) from stdin`));
        await pipeline(Readable.from(section()), copy);
        if (copy.rowCount !== table.rows) throw new BackupError(`Table ${table.name}: the backup announces ${table.rows} rows, ${copy.rowCount} were read.`);
      }
      for (const sequence of header.sequences) {
        await client.query("select setval($1::regclass, $2::bigint, $3)", [`public.${quote(sequence.name)}`, sequence.lastValue, sequence.isCalled]);
      }
    }),
  );
  return { tables: header.tables.length, rows: header.tables.reduce((sum, table) => sum + table.rows, 0) };
}

// ---------------------------------------------------------------- commands

export async function serverVersionNum(url: string): Promise<number> {
  const { version } = await withClient(url, (client) => queryRow<{ version: number }>(client, "select current_setting('server_version_num')::int as version"));
  return version;
}

/**
 * Writes a backup of the database at `url` to `out` (first to `out.partial`,
 * renamed when complete). `auto` uses pg_dump when a fit one is found, else
 * the built-in format, and says why on `warn`.
 */
export async function backupDatabase({
  url,
  out,
  format = "auto",
  warn = console.error,
}: {
  url: string;
  out: string;
  format?: BackupFormat | "auto";
  warn?: (message: string) => void;
}): Promise<{ format: BackupFormat; file: string }> {
  let chosen: BackupFormat = "builtin";
  let pgDumpPath: string | null = null;
  if (format !== "builtin") {
    const found = await findPgDump(await serverVersionNum(url));
    if (found.path !== null) {
      chosen = "pg_dump";
      pgDumpPath = found.path;
    } else if (format === "pg_dump") {
      throw new BackupError(found.advice);
    } else {
      warn(`${found.advice}\nUsing the built-in format instead.`);
    }
  }
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  const partial = `${out}.partial`;
  try {
    if (pgDumpPath) await pgDump(pgDumpPath, url, partial);
    else await writeBuiltin(url, partial);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { format: chosen, file: out };
}

/** The tables in the database outside PostgreSQL's own schemas (an empty database has none). */
export async function userTables(url: string): Promise<string[]> {
  const tables = await withClient(url, (client) =>
    queryRows<{ name: string }>(
      client,
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
      order by 1`,
    ),
  );
  return tables.map((row) => row.name);
}

/** Removes everything the app and pg-boss keep in the database, for `restore --force` of the built-in format. */
async function clearDatabase(url: string): Promise<void> {
  await withClient(url, (client) =>
    inTransaction(client, "begin", async () => {
      await client.query("drop schema if exists drizzle cascade");
      await client.query("drop schema if exists pgboss cascade");
      // The public schema itself stays (with its owner and grants); what is in it goes.
      await client.query(`
        do $$
        declare item record;
        begin
          for item in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition loop
            execute format('drop table if exists public.%I cascade', item.relname);
          end loop;
          for item in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where n.nspname = 'public' and c.relkind in ('v', 'm', 'S') loop
            execute format(case item.relkind when 'v' then 'drop view if exists public.%I cascade' when 'm' then 'drop materialized view if exists public.%I cascade' else 'drop sequence if exists public.%I cascade' end, item.relname);
          end loop;
          for item in select p.oid::regprocedure as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' loop
            execute format('drop routine if exists %s cascade', item.signature);
          end loop;
          for item in select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
                      where n.nspname = 'public' and t.typtype in ('e', 'd') loop
            execute format('drop type if exists public.%I cascade', item.typname);
          end loop;
        end $$`);
    }),
  );
}

/** Which format a backup file is in, from its first bytes. */
export async function detectFormat(file: string): Promise<BackupFormat> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    const start = buffer.subarray(0, bytesRead);
    if (start.toString("latin1") === PG_DUMP_MAGIC) return "pg_dump";
    if (start[0] === 0x1f && start[1] === 0x8b) return "builtin";
  } finally {
    await handle.close();
  }
  throw new BackupError(`${file} is neither a pg_dump custom-format archive nor an Inspraak backup.`);
}

/**
 * Restores `file` into the database at `url`. An empty database is expected:
 * restoring over existing data would mix two states (pg_restore --clean only
 * drops what is in the archive; the built-in format would fail on the
 * existing tables), so that needs `force`, which first clears our schemas.
 */
export async function restoreDatabase({ url, file, force = false }: { url: string; file: string; force?: boolean }): Promise<{ format: BackupFormat; detail: string }> {
  if (!existsSync(file)) throw new BackupError(`No such file: ${file}`);
  const format = await detectFormat(file);
  const existing = await userTables(url);
  if (existing.length > 0 && !force) {
    const target = new URL(url);
    throw new BackupError(
      [
        `The database ${target.pathname.slice(1)} is not empty: it holds ${existing.length} tables (${existing.slice(0, 4).join(", ")}${existing.length > 4 ? ", …" : ""}).`,
        "Restoring over it would replace everything in it. Restore into a new, empty database instead",
        "(create one and point DATABASE_URL at it), or pass --force to replace the data in this one.",
      ].join("\n"),
    );
  }
  if (format === "pg_dump") {
    await pgRestore(url, file);
    return { format, detail: "pg_restore finished" };
  }
  if (existing.length > 0) await clearDatabase(url);
  const result = await restoreBuiltin(url, file);
  return { format, detail: `${result.rows} rows in ${result.tables} tables` };
}

/** `backups/inspraak-2026-11-28T20-15-00Z.<ext>` by default. */
export function defaultBackupPath(now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  return path.join(fileURLToPath(new URL("../backups", import.meta.url)), `inspraak-${stamp}.backup`);
}
