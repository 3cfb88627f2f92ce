import { connect, type Database } from "#db/client.ts";

/**
 * Runs `work` as the owner of the tables (DATABASE_OWNER_URL), on a connection of its own: for the few test
 * steps the app's role may not take, such as reading or changing pg-boss's jobs or creating a table.
 */
export async function asOwner<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const owner = connect(process.env.DATABASE_OWNER_URL!, { max: 1 });
  try {
    return await work(owner.db);
  } finally {
    await owner.end();
  }
}
