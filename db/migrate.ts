import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

// Any constant works; it only has to be the same for every instance of the app. Grants take it too (db/roles.ts).
export const MIGRATION_LOCK = 72_616_001;

/**
 * Applies pending migrations. Several app instances may start at once: a
 * session advisory lock on a single connection lets one of them migrate while
 * the others wait and then find nothing left to do.
 */
export async function migrateDatabase(url: string, folder: string = migrationsFolder): Promise<void> {
  // One plain connection: migrations may hold several statements in one chunk, and may take longer than a request may.
  const client = new pg.Client({ connectionString: url, application_name: "inspraak-migrate" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(drizzle({ client }), { migrationsFolder: folder });
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  } finally {
    await client.end();
  }
}
