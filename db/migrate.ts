import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connect } from "./client.ts";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK = 72_616_001;

/**
 * Applies pending migrations. Several app instances may start at once: a
 * session advisory lock on a single connection lets one of them migrate while
 * the others wait and then find nothing left to do.
 */
export async function migrateDatabase(url: string, folder: string = migrationsFolder): Promise<void> {
  const { sql, db } = connect(url, { max: 1 });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder: folder });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
