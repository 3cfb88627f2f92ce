import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ensureDatabase } from "#db/bootstrap.ts";
import { databaseUrlFor, startEmbeddedPostgres, type EmbeddedServer } from "#db/embedded.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";

// This file stops and restarts PostgreSQL, so it runs the app against a server of its own.
let dir: string;
let dataDir: string;
let port: number;
let pg: EmbeddedServer | undefined;
let app: RunningApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "inspraak-health-"));
  await chmod(dir, 0o755);
  dataDir = path.join(dir, "data");
  pg = await startEmbeddedPostgres({ dataDir });
  port = pg.port;
  await ensureDatabase(pg.adminUrl, "inspraak");
  app = await startApp({ databaseUrl: databaseUrlFor(pg.adminUrl, "inspraak") });
});

afterAll(async () => {
  await app?.stop();
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function health() {
  const started = Date.now();
  const response = await fetch(`${app.url}/healthz`);
  return { status: response.status, ms: Date.now() - started };
}

test("/healthz is 200 with the database up, 503 while it is stopped, and 200 again once it is back", async () => {
  expect((await health()).status).toBe(200);

  await pg!.stop();
  pg = undefined;
  const down = await health();
  expect(down.status).toBe(503);
  expect(app.process.exitCode).toBeNull();
  // The pages themselves answer 503 with the friendly error page, quickly: no hang, no crash.
  const started = Date.now();
  const page = await fetch(`${app.url}/`);
  expect(page.status).toBe(503);
  expect(page.headers.get("Retry-After")).toBe("5");
  expect(await page.text()).toContain("Er ging iets mis");
  expect(Date.now() - started).toBeLessThan(2000);

  pg = await startEmbeddedPostgres({ dataDir, port });
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
    status = (await health()).status;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status).toBe(200);
  expect((await fetch(`${app.url}/`)).status).toBe(200);
});
