import { afterAll, inject } from "vitest";
import { stopJobs } from "#app/jobs.server.ts";
import { closeDb } from "#db/client.ts";
import { createTestDatabase } from "./postgres.ts";

// Every integration test file runs against its own copy of the seeded template.
const database = await createTestDatabase(inject("pgAdminUrl"), "seeded");
process.env.DATABASE_URL = database.appUrl;

afterAll(async () => {
  await stopJobs();
  await closeDb();
  await database.drop();
});
