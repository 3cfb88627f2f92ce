import path from "node:path";
import pg from "pg";
import { connect } from "./client.ts";
import { databaseUrlFor, startEmbeddedPostgres } from "./embedded.ts";
import { migrateDatabase } from "./migrate.ts";
import { EMBEDDED_APP_ROLE, ensureAppRole, identifyRoles, keptPassword, setUpAppRole, urlWithRole } from "./roles.ts";
import { seedDatabase } from "./seed.ts";

/**
 * The app's database: `url` for the app's role (web requests, job handlers),
 * `ownerUrl` for the owner of the tables (migrations, grants, seeding, the job
 * queue, backups); the same URL when one role does both.
 */
export type PreparedDatabase = { url: string; ownerUrl: string; embedded: boolean; stop: () => Promise<void> };

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rows.length === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Where the app keeps its files when it runs without DATABASE_URL: the embedded server's data, the kept secret and the app role's password. */
export function dataDirectory(): string {
  return process.env.DATA_DIR || ".data";
}

/**
 * The app's database without changing anything in it: DATABASE_URL (and
 * DATABASE_OWNER_URL, when set), or else the embedded PostgreSQL under
 * DATA_DIR (default `.data/`), started here and stopped by `stop`, with its
 * `inspraak` database created when missing and its app role `inspraak_app`
 * made sure of, with the password kept in `$DATA_DIR/postgres-app-password`.
 * DATABASE_URL and DATABASE_OWNER_URL then name those for the rest of the process.
 */
export async function openDatabase(): Promise<PreparedDatabase> {
  const url = process.env.DATABASE_URL;
  const ownerUrl = process.env.DATABASE_OWNER_URL;
  if (url) {
    // Two URLs for two databases would migrate one and serve the other: refused before anything changes.
    if (ownerUrl && ownerUrl !== url) await identifyRoles({ url, ownerUrl });
    return { url, ownerUrl: ownerUrl || url, embedded: false, stop: async () => {} };
  }
  if (ownerUrl) throw new Error("DATABASE_OWNER_URL is set but DATABASE_URL is not: set DATABASE_URL to the app's role on the same database (README, \"Database roles\").");
  if (process.env.INSPRAAK_REQUIRE_DATABASE_URL === "true") {
    throw new Error("DATABASE_URL is required here (INSPRAAK_REQUIRE_DATABASE_URL=true), so no embedded PostgreSQL is started.");
  }
  const password = keptPassword(path.join(dataDirectory(), "postgres-app-password"));
  const dataDir = path.join(dataDirectory(), "postgres");
  const port = process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined;
  const server = await startEmbeddedPostgres({ dataDir, port });
  try {
    await ensureDatabase(server.adminUrl, "inspraak");
    await ensureAppRole({ adminUrl: server.adminUrl, role: EMBEDDED_APP_ROLE, password });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const embeddedOwnerUrl = databaseUrlFor(server.adminUrl, "inspraak");
  const embeddedUrl = urlWithRole(embeddedOwnerUrl, EMBEDDED_APP_ROLE, password);
  process.env.DATABASE_URL = embeddedUrl;
  process.env.DATABASE_OWNER_URL = embeddedOwnerUrl;
  return { url: embeddedUrl, ownerUrl: embeddedOwnerUrl, embedded: true, stop: server.stop };
}

/**
 * Makes the database ready for the app: with DATABASE_URL it uses that
 * server; without, it starts the embedded PostgreSQL under DATA_DIR (default
 * `.data/`). As the owner it then applies pending migrations, grants the app's
 * role its rights and seeds the shipped plans. `warnings` are lines to print
 * at start (db/roles.ts, setUpAppRole).
 */
export async function prepareDatabase({ seed = true } = {}): Promise<PreparedDatabase & { warnings: string[] }> {
  const database = await openDatabase();
  let warnings: string[];
  try {
    await migrateDatabase(database.ownerUrl);
    warnings = await setUpAppRole({ url: database.url, ownerUrl: database.ownerUrl, production: process.env.NODE_ENV === "production" });
    if (seed) {
      const { db, end } = connect(database.ownerUrl, { max: 1 });
      try {
        await seedDatabase(db);
      } finally {
        await end();
      }
    }
  } catch (error) {
    await database.stop();
    throw error;
  }
  return { ...database, warnings };
}
