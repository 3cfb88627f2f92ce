import postgres from "postgres";
import { connect } from "./client.ts";
import { databaseUrlFor, startEmbeddedPostgres } from "./embedded.ts";
import { migrateDatabase } from "./migrate.ts";
import { seedDatabase } from "./seed.ts";

export type PreparedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql`create database ${sql(name)}`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Makes the database ready for the app: with DATABASE_URL it uses that
 * server; without, it starts the embedded PostgreSQL under DATA_DIR (default
 * `.data/`). Then it applies pending migrations and seeds the shipped plans.
 */
export async function prepareDatabase({ seed = true } = {}): Promise<PreparedDatabase> {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  const embedded = !url;
  if (!url && process.env.INSPRAAK_REQUIRE_DATABASE_URL === "true") {
    throw new Error("DATABASE_URL is required here (INSPRAAK_REQUIRE_DATABASE_URL=true), so no embedded PostgreSQL is started.");
  }
  if (!url) {
    const dataDir = `${process.env.DATA_DIR ?? ".data"}/postgres`;
    const port = process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined;
    const server = await startEmbeddedPostgres({ dataDir, port });
    stop = server.stop;
    url = databaseUrlFor(server.adminUrl, "inspraak");
    try {
      await ensureDatabase(server.adminUrl, "inspraak");
    } catch (error) {
      await stop();
      throw error;
    }
    process.env.DATABASE_URL = url;
  }
  await migrateDatabase(url);
  if (seed) {
    const { sql, db } = connect(url, { max: 1 });
    try {
      await seedDatabase(db);
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  return { url, embedded, stop };
}
