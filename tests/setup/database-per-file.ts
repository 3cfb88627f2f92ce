import { afterAll, inject } from "vitest";
import { stopJobs } from "#app/jobs.server.ts";
import { closeDb } from "#db/client.ts";
import { createTestDatabase } from "./postgres.ts";

// Every integration test file runs against its own copy of the seeded template, as the app does: as the app's
// role, with the owner's URL beside it (pg-boss, and the few tests that change the schema or read pg-boss's tables).
const database = await createTestDatabase(inject("pgAdminUrl"), "seeded");
process.env.DATABASE_URL = database.appUrl;
process.env.DATABASE_OWNER_URL = database.url;

afterAll(async () => {
  await stopJobs();
  await closeDb();
  await database.drop();
});
