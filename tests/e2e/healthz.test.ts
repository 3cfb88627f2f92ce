import { afterAll, beforeAll, expect, test } from "vitest";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { startOwnPostgres, type OwnPostgres } from "#tests/setup/own-postgres.ts";

// This file stops and restarts PostgreSQL, so it runs the app against a server of its own.
let pg: OwnPostgres;
let app: RunningApp;

beforeAll(async () => {
  pg = await startOwnPostgres("health");
  app = await startApp({ databaseUrl: pg.appUrl, ownerUrl: pg.databaseUrl });
});

afterAll(async () => {
  await app?.stop();
  await pg?.remove();
});

async function health() {
  const started = Date.now();
  const response = await fetch(`${app.url}/healthz`);
  return { status: response.status, ms: Date.now() - started };
}

test("/healthz is 200 with the database up, 503 while it is stopped, and 200 again once it is back", async () => {
  expect((await health()).status).toBe(200);

  await pg.stop();
  const down = await health();
  expect(down.status).toBe(503);
  expect(app.process.exitCode).toBeNull();
  // The pages themselves answer 503 with the friendly error page, quickly: no hang, no crash.
  const started = Date.now();
  const page = await fetch(`${app.url}/`);
  expect(page.status).toBe(503);
  expect(page.headers.get("Retry-After")).toBe("5");
  expect(await page.text()).toContain("Even niet beschikbaar");
  expect(Date.now() - started).toBeLessThan(2000);

  await pg.start();
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
    status = (await health()).status;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status).toBe(200);
  expect((await fetch(`${app.url}/`)).status).toBe(200);
});
