import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startApp } from "./app.ts";
import { createTestDatabase, prepareTemplates, startTestServer } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    baseUrl: string;
    /** The app's database as the owner of its tables: what the tests' own setup and checks use. */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync("build/server/index.js")) throw new Error("No production build: run `npm run build` first (npm run test:e2e does).");
  const server = await startTestServer();
  await prepareTemplates(server.adminUrl);
  const database = await createTestDatabase(server.adminUrl, "seeded");
  // The app migrates and grants as the owner and serves as the app's role, as a deployment does.
  const app = await startApp({ databaseUrl: database.appUrl, ownerUrl: database.url });
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("baseUrl", app.url);
  project.provide("databaseUrl", database.url);
  return async () => {
    await app.stop();
    if (process.env.E2E_APP_LOG) (await import("node:fs")).writeFileSync(process.env.E2E_APP_LOG, app.output());
    await database.drop();
    await server.stop();
  };
}
