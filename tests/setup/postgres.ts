import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { ensureDatabase } from "#db/bootstrap.ts";
import { connect, withConnection } from "#db/client.ts";
import { databaseUrlFor, startEmbeddedPostgres } from "#db/embedded.ts";
import { migrateDatabase } from "#db/migrate.ts";
import { ensureAppRole, grantAppRole, urlWithRole } from "#db/roles.ts";
import { seedDatabase } from "#db/seed.ts";

export const TEMPLATES = { migrated: "inspraak_tpl_migrated", seeded: "inspraak_tpl_seeded" } as const;
export type Template = keyof typeof TEMPLATES | "empty";

/**
 * The app's role in the tests, as `inspraak_app` is for the embedded server: the tests and the app they start
 * work as it, so the suites prove that the app needs no more rights than it is granted. Roles belong to the
 * whole server; it is made once per run, and the templates carry its grants into every clone.
 */
export const TEST_APP_ROLE = { name: "inspraak_test_app", password: "inspraak-test-app-password" } as const;

/**
 * A PostgreSQL server for a test run: the one at TEST_DATABASE_URL (a URL of
 * a maintenance database on a server where the tests may create databases),
 * or else an embedded one in a temporary folder, removed afterwards.
 */
export async function startTestServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  const dir = await mkdtemp(path.join(os.tmpdir(), "inspraak-pg-"));
  // As root the server runs as a `postgres` system user, which must be able to enter the folder.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false });
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { withConnection };

/** (Re)creates the app's role and the template databases: one only migrated, one migrated and seeded. */
export async function prepareTemplates(adminUrl: string): Promise<void> {
  await ensureAppRole({ adminUrl, role: TEST_APP_ROLE.name, password: TEST_APP_ROLE.password });
  await withConnection(adminUrl, async (admin) => {
    for (const name of Object.values(TEMPLATES)) {
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    }
  });
  await migrateDatabase(databaseUrlFor(adminUrl, TEMPLATES.migrated));
  const seededUrl = databaseUrlFor(adminUrl, TEMPLATES.seeded);
  await migrateDatabase(seededUrl);
  const seeded = connect(seededUrl, { max: 1 });
  await seedDatabase(seeded.db);
  await seeded.end();
  // pg-boss creates its own schema on first start; doing it once here saves every test file the time.
  const boss = new PgBoss({ connectionString: seededUrl, schema: "pgboss", max: 1, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  for (const name of Object.values(TEMPLATES)) {
    const problems = await grantAppRole({ ownerUrl: databaseUrlFor(adminUrl, name), appRole: TEST_APP_ROLE.name });
    if (problems.length > 0) throw new Error(`The tests' app role ${TEST_APP_ROLE.name} ${problems.join("; ")}`);
  }
}

/** The URL of `url`'s database as the tests' app role. */
export const appUrlFor = (url: string) => urlWithRole(url, TEST_APP_ROLE.name, TEST_APP_ROLE.password);

/**
 * A new database for one test file, cloned from a template (or empty): `url` as the owner of its tables (the
 * server's admin), `appUrl` as the app's role.
 */
export async function createTestDatabase(adminUrl: string, template: Template): Promise<{ url: string; appUrl: string; drop: () => Promise<void> }> {
  const name = `inspraak_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (template === "empty") {
    await ensureDatabase(adminUrl, name);
  } else {
    await withConnection(adminUrl, async (admin) => {
      // Cloning fails while another clone of the same template is starting; try again briefly.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(TEMPLATES[template])}`);
          break;
        } catch (error) {
          if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
        }
      }
    });
  }
  const url = databaseUrlFor(adminUrl, name);
  return {
    url,
    appUrl: appUrlFor(url),
    drop: () => withConnection(adminUrl, async (admin) => void (await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`))),
  };
}
