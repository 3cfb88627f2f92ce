/**
 * The two database roles (docs/decisions/011-database-roles.md):
 * - the owner (DATABASE_OWNER_URL; the superuser on the embedded server) runs
 *   the migrations, so it owns every table, function and type, and pg-boss's
 *   schema; the job queue runs on it too;
 * - the app's role (DATABASE_URL) serves web requests and job handlers. It owns
 *   nothing, so it can neither drop, alter nor truncate a table nor switch off
 *   a trigger; it is no superuser, so it cannot set session_replication_role;
 *   and on the append-only tables it may only add and read rows.
 * The owner (re)grants the app's role exactly these rights at every start,
 * right after the migrations.
 */
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { writeOnce } from "./kept-file.ts";
import { withConnection } from "./client.ts";
import { MIGRATION_LOCK } from "./migrate.ts";
import { EmbeddedPostgresError } from "./postmaster.ts";

/** Tables whose rows, once written, stay as they are; their triggers refuse an UPDATE or DELETE as well. */
export const APPEND_ONLY_TABLES = ["moderation_actions", "audit_log"] as const;

/** The app's role on the embedded server. */
export const EMBEDDED_APP_ROLE = "inspraak_app";

const withClient = <T,>(url: string, work: (client: pg.Client) => Promise<T>) => withConnection(url, work, { applicationName: "inspraak-roles" });

/** The role a connection string logs in as, as node-postgres resolves it (its user, else PGUSER, else the system user). */
export function roleOf(url: string): string {
  return new pg.Client({ connectionString: url }).user ?? "";
}

/** `url` with another user and password. */
export function urlWithRole(url: string, role: string, password: string): string {
  const changed = new URL(url);
  changed.username = encodeURIComponent(role);
  changed.password = encodeURIComponent(password);
  return changed.toString();
}

/**
 * The password of the embedded server's app role, made on first use and kept
 * in `file` (mode 0600). The role gets it again at every start, so a removed
 * file only means a new password.
 */
export function keptPassword(file: string): string {
  const read = (): string | null => {
    try {
      return readFileSync(file, "utf8").trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new EmbeddedPostgresError(`The database password ${file} cannot be read (${(error as NodeJS.ErrnoException).code}): fix its permissions, or remove it to make a new one.`);
    }
  };
  const existing = read();
  if (existing !== null) {
    if (!/^[\x21-\x7e]{16,}$/.test(existing)) throw new EmbeddedPostgresError(`The database password ${file} is not one line of at least 16 printable characters: remove it, and the next start makes a new one.`);
    return existing;
  }
  const password = randomBytes(24).toString("hex");
  return writeOnce(file, `${password}\n`) ? password : read()!;
}

/**
 * Makes `role` a login role with `password` and no special powers, creating it
 * when missing. `adminUrl` must be a role that may create roles.
 */
export async function ensureAppRole({ adminUrl, role, password }: { adminUrl: string; role: string; password: string }): Promise<void> {
  const options = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${pg.escapeLiteral(password)}`;
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_roles where rolname = $1", [role]);
    if (rowCount === 0) {
      try {
        await client.query(`create role ${pg.escapeIdentifier(role)} ${options}`);
        return;
      } catch (error) {
        // Another process made it just now.
        if ((error as { code?: string }).code !== "42710") throw error;
      }
    }
    await client.query(`alter role ${pg.escapeIdentifier(role)} ${options}`);
  });
}

/**
 * Gives `appRole` exactly the rights the app needs, as the owner at
 * `ownerUrl`: rows of every table in `public` to read and write, except the
 * append-only ones (read and add only); the sequences and functions; and in
 * pg-boss's schema, once pg-boss has made it, adding jobs (the app enqueues
 * them inside its own transactions). Everything else it had is taken back
 * first. Returns what `appRole` can still do that it should not (empty when
 * all is well), e.g. when it is a superuser or a member of the owner's role;
 * when it is the owner itself, nothing is changed.
 */
export async function grantAppRole({ ownerUrl, appRole }: { ownerUrl: string; appRole: string }): Promise<string[]> {
  const role = pg.escapeIdentifier(appRole);
  return withClient(ownerUrl, async (client) => {
    // Revoking from the owner itself would take its own rights on its tables away.
    const { rows: who } = await client.query<{ role: string }>("select current_user as role");
    if (who[0]!.role === appRole) return ["is the owner of the tables"];
    await client.query("begin");
    try {
      // Concurrent GRANTs on one object fail ("tuple concurrently updated"); instances starting together take turns.
      await client.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      const appendOnly = APPEND_ONLY_TABLES.map((table) => `public.${pg.escapeIdentifier(table)}`).join(", ");
      await client.query(`
        revoke all on all tables in schema public from ${role};
        revoke all on all sequences in schema public from ${role};
        revoke create on schema public from ${role};
        grant usage on schema public to ${role};
        grant select, insert, update, delete on all tables in schema public to ${role};
        revoke update, delete on ${appendOnly} from ${role};
        grant usage, select on all sequences in schema public to ${role};
        grant execute on all functions in schema public to ${role};`);
      const { rows } = await client.query<{ installed: boolean }>("select to_regclass('pgboss.job') is not null and to_regclass('pgboss.queue') is not null as installed");
      if (rows[0]!.installed) {
        await client.query(`
          revoke all on all tables in schema pgboss from ${role};
          grant usage on schema pgboss to ${role};
          grant select on pgboss.queue to ${role};
          grant insert on pgboss.job to ${role};`);
      }
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
    return excessRights(client, appRole);
  });
}

/** What `appRole` may do beyond its rights, asked on `client` (the owner's connection). */
async function excessRights(client: pg.Client, appRole: string): Promise<string[]> {
  const { rows } = await client.query<{ superuser: boolean; owner: boolean; owns: string[] | null; create: boolean; replica: boolean; changes: string[] | null }>(
    `select r.rolsuper as superuser,
      pg_has_role($1, current_user, 'MEMBER') as owner,
      (select array_agg(c.relname::text order by c.relname) from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S') and pg_has_role($1, c.relowner, 'MEMBER')) as owns,
      has_schema_privilege($1, 'public', 'CREATE') as create,
      has_parameter_privilege($1, 'session_replication_role', 'SET') as replica,
      (select array_agg(t order by t) from unnest($2::text[]) t
        where has_table_privilege($1, 'public.' || t, 'UPDATE') or has_table_privilege($1, 'public.' || t, 'DELETE') or has_table_privilege($1, 'public.' || t, 'TRUNCATE')) as changes
    from pg_roles r where r.rolname = $1`,
    [appRole, APPEND_ONLY_TABLES],
  );
  const found = rows[0];
  if (!found) return [`${appRole} does not exist`];
  if (found.superuser) return ["is a superuser"];
  const problems: string[] = [];
  if (found.owner) problems.push("may act as the owner of the tables (it is a member of that role)");
  if (found.owns) problems.push(`owns ${found.owns.join(", ")}`);
  if (found.create) problems.push("may create tables in schema public");
  if (found.replica) problems.push("may set session_replication_role");
  if (found.changes) problems.push(`may change or remove rows of ${found.changes.join(", ")}`);
  return problems;
}

/**
 * Who `url` and `ownerUrl` log in as. They must name the same database: two
 * URLs that do not are refused before anything is changed in either.
 */
export async function identifyRoles({ url, ownerUrl }: { url: string; ownerUrl: string }): Promise<{ app: string; owner: string }> {
  const identify = (of: string) =>
    withClient(of, async (client) => (await client.query<{ role: string; database: string }>("select current_user as role, current_database() as database")).rows[0]!);
  const [app, owner] = await Promise.all([identify(url), identify(ownerUrl)]);
  if (app.database !== owner.database) {
    throw new Error(`DATABASE_URL and DATABASE_OWNER_URL name different databases (${app.database} and ${owner.database}): they must be two roles on the same database.`);
  }
  return { app: app.role, owner: owner.role };
}

const SEE = 'see "Database roles" in the README';

/**
 * After the migrations: when DATABASE_URL (`url`) is another role than the
 * owner's (`ownerUrl`), grants it its rights. Returns the warnings to print at
 * start: one role for both (in production only), or an app role that can do
 * more than it should.
 */
export async function setUpAppRole({ url, ownerUrl, production }: { url: string; ownerUrl: string; production: boolean }): Promise<string[]> {
  const single = (why: string) =>
    production ? [`${why}: the app works as the owner of its tables, so the moderation record and the audit log are protected by triggers only (the owner may truncate them or switch the triggers off); ${SEE}.`] : [];
  if (url === ownerUrl) return single("DATABASE_OWNER_URL is not set");
  const { app, owner } = await identifyRoles({ url, ownerUrl });
  if (app === owner) return single(`DATABASE_URL and DATABASE_OWNER_URL log in as the same role (${app})`);
  const problems = await grantAppRole({ ownerUrl, appRole: app });
  return problems.length > 0 ? [`The app's database role ${app} ${problems.join("; ")}: the moderation record and the audit log are protected by triggers only; ${SEE}.`] : [];
}
