import path from "node:path";
import pg from "pg";
import { connect } from "./client.ts";
import { databaseUrlFor, startEmbeddedPostgres } from "./embedded.ts";
import { migrateDatabase } from "./migrate.ts";
import { seedDatabase } from "./seed.ts";

export type PreparedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

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

/** Where the app keeps its files when it runs without DATABASE_URL: the embedded server's data and the kept secret. */
export function dataDirectory(): string {
  return process.env.DATA_DIR || ".data";
}

/**
 * The app's database without changing anything in it: DATABASE_URL, or else
 * the embedded PostgreSQL under DATA_DIR (default `.data/`), started here and
 * stopped by `stop`, with its `inspraak` database created when missing.
 */
export async function openDatabase(): Promise<PreparedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  if (process.env.INSPRAAK_REQUIRE_DATABASE_URL === "true") {
    throw new Error("DATABASE_URL is required here (INSPRAAK_REQUIRE_DATABASE_URL=true), so no embedded PostgreSQL is started.");
  }
  const dataDir = path.join(dataDirectory(), "postgres");
  const port = process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined;
  const server = await startEmbeddedPostgres({ dataDir, port });
  try {
    await ensureDatabase(server.adminUrl, "inspraak");
  } catch (error) {
    await server.stop();
    throw error;
  }
  const embeddedUrl = databaseUrlFor(server.adminUrl, "inspraak");
  process.env.DATABASE_URL = embeddedUrl;
  return { url: embeddedUrl, embedded: true, stop: server.stop };
}

/**
 * Makes the database ready for the app: with DATABASE_URL it uses that
 * server; without, it starts the embedded PostgreSQL under DATA_DIR (default
 * `.data/`). Then it applies pending migrations and seeds the shipped plans.
 */
export async function prepareDatabase({ seed = true } = {}): Promise<PreparedDatabase> {
  const database = await openDatabase();
  try {
    await migrateDatabase(database.url);
    if (seed) {
      const { db, end } = connect(database.url, { max: 1 });
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
  return database;
}
