/**
 * A process that only runs the background jobs (mail, notifications, digests,
 * clean-up), for a deployment where the web instances run with WORKERS=off.
 * It needs DATABASE_URL (and DATABASE_OWNER_URL, as the web instances have
 * it): the embedded PostgreSQL belongs to one web process.
 */
import { prepareDatabase } from "../db/bootstrap.ts";
import { closeDb } from "../db/client.ts";
import { stopJobs } from "../app/jobs.server.ts";
import { startWorkers } from "../app/workers.server.ts";
import { resolveSecretAtStart, startStep, stopOnSignals } from "./process.ts";

if (!process.env.DATABASE_URL) {
  console.error("The worker needs DATABASE_URL (the database the web instances use).");
  process.exit(1);
}
// Mails carry signed unsubscribe links: the same SECRET as the web instances, checked before anything starts.
await resolveSecretAtStart();
// Migrations take an advisory lock, so a worker that starts before the web instances finds the schema ready.
const database = await startStep(() => prepareDatabase({ seed: false }));
for (const warning of database.warnings) console.warn(warning);
await startWorkers();
console.log("Inspraak worker running");

stopOnSignals(async () => {
  await stopJobs();
  await closeDb();
});
