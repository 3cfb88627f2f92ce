/**
 * `npm run db:migrate` and `npm run db:seed`: the same steps the server takes
 * at start, for use in deploy scripts.
 *
 * `npm run db:backup [-- --out FILE] [--format auto|pg_dump|builtin]` and
 * `npm run db:restore -- FILE [--force]`: see "Backups" in the README and
 * docs/decisions/008-backups.md. A restore expects an empty database and
 * refuses anything else unless --force.
 *
 * They work as the owner of the tables: DATABASE_OWNER_URL when set, else
 * DATABASE_URL; with neither, the embedded server under DATA_DIR, which is
 * stopped again afterwards (so stop a running `npm start` first). A restore
 * grants the app's role its rights again, as a start does.
 */
import { parseArgs } from "node:util";
import { BackupError, backupDatabase, defaultBackupPath, restoreDatabase } from "./backup.ts";
import { openDatabase, prepareDatabase } from "./bootstrap.ts";
import { setUpAppRole } from "./roles.ts";

const usage = [
  "usage: node --import tsx db/cli.ts migrate|seed",
  "       node --import tsx db/cli.ts backup [--out FILE] [--format auto|pg_dump|builtin]",
  "       node --import tsx db/cli.ts restore FILE [--force]",
].join("\n");

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const [command, ...rest] = process.argv.slice(2);

if (command === "migrate" || command === "seed") {
  const database = await prepareDatabase({ seed: command === "seed" });
  for (const warning of database.warnings) console.warn(warning);
  console.log(command === "seed" ? "Migrated and seeded." : "Migrated.");
  await database.stop();
} else if (command === "backup" || command === "restore") {
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: command === "restore",
      options: { out: { type: "string" }, format: { type: "string", default: "auto" }, force: { type: "boolean", default: false } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (command === "backup" && format !== "auto" && format !== "pg_dump" && format !== "builtin") fail(`--format must be auto, pg_dump or builtin\n${usage}`);
  if (command === "restore" && positionals.length !== 1) fail(usage);

  const database = await openDatabase();
  try {
    if (command === "backup") {
      const result = await backupDatabase({ url: database.ownerUrl, out: values.out ?? defaultBackupPath(), format: format as "auto" | "pg_dump" | "builtin" });
      console.log(`Backup written (${result.format} format): ${result.file}`);
    } else {
      const result = await restoreDatabase({ url: database.ownerUrl, file: positionals[0]!, force: values.force });
      // The archive's own grants are left out (they name the roles of wherever it was made).
      const warnings = await setUpAppRole({ url: database.url, ownerUrl: database.ownerUrl, production: false });
      for (const warning of warnings) console.warn(warning);
      console.log(`Restored (${result.format} format): ${result.detail}.`);
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    process.exitCode = 1;
    console.error(error.message);
  } finally {
    await database.stop();
  }
} else {
  fail(usage);
}
