/**
 * A process that only runs the background jobs (mail, notifications, digests,
 * clean-up), for a deployment where the web instances run with WORKERS=off.
 * It needs DATABASE_URL: the embedded PostgreSQL belongs to one web process.
 */
import { prepareDatabase } from "../db/bootstrap.ts";
import { closeDb, isLostSocketWrite, retireConnections } from "../db/client.ts";
import { stopJobs } from "../app/jobs.server.ts";
import { serverSecret } from "../app/supports.server.ts";
import { startWorkers } from "../app/workers.server.ts";

if (!process.env.DATABASE_URL) {
  console.error("The worker needs DATABASE_URL (the database the web instances use).");
  process.exit(1);
}
// Mails carry signed unsubscribe links: the same SECRET as the web instances, checked before anything starts.
if (process.env.NODE_ENV === "production") {
  try {
    serverSecret();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
// Migrations take an advisory lock, so a worker that starts before the web instances finds the schema ready.
await prepareDatabase({ seed: false });
await startWorkers();
console.log("Inspraak worker running");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await stopJobs();
    await closeDb();
  } catch (error) {
    console.error("Error during shutdown:", error);
  }
  process.exit(0);
}
// postgres.js can throw one known error from a timer when PostgreSQL drops a connection (see isLostSocketWrite):
// the pool is replaced and the process serves on. Any other uncaught error still ends it, as by default.
process.on("uncaughtException", (error) => {
  if (isLostSocketWrite(error)) {
    console.error("[db] a connection was lost while sending; starting a new pool", error);
    retireConnections();
    return;
  }
  console.error(error);
  process.exit(1);
});
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
