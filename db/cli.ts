/**
 * `npm run db:migrate` and `npm run db:seed`: the same steps the server takes
 * at start, for use in deploy scripts. With no DATABASE_URL they work on the
 * embedded server under DATA_DIR, which is stopped again afterwards.
 */
import { prepareDatabase } from "./bootstrap.ts";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("usage: node --import tsx db/cli.ts migrate|seed");
  process.exit(2);
}
const database = await prepareDatabase({ seed: command === "seed" });
console.log(command === "seed" ? "Migrated and seeded." : "Migrated.");
await database.stop();
