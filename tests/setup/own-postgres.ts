import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureDatabase } from "#db/bootstrap.ts";
import { databaseUrlFor, startEmbeddedPostgres, type EmbeddedServer } from "#db/embedded.ts";
import { ensureAppRole } from "#db/roles.ts";
import { appUrlFor, TEST_APP_ROLE } from "./postgres.ts";

export type OwnPostgres = {
  /** The `inspraak` database on this server, as its owner. */
  databaseUrl: string;
  /** The same database as the tests' app role (TEST_APP_ROLE), which the app grants its rights at start. */
  appUrl: string;
  adminUrl: string;
  /** Stops the server (a fault to survive); `start` brings it back on the same port and data. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server if it runs and removes its data. */
  remove: () => Promise<void>;
};

/**
 * A PostgreSQL server of its own, for a test file that stops and restarts it
 * (the shared test server must stay up for the other files), with an empty
 * `inspraak` database that the app migrates and seeds when it starts.
 */
export async function startOwnPostgres(prefix: string): Promise<OwnPostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `inspraak-${prefix}-`));
  // As root the server runs as a `postgres` system user, which must be able to enter the folder.
  await chmod(dir, 0o755);
  const dataDir = path.join(dir, "data");
  let server: EmbeddedServer | undefined = await startEmbeddedPostgres({ dataDir });
  const { port, adminUrl } = server;
  await ensureDatabase(adminUrl, "inspraak");
  await ensureAppRole({ adminUrl, role: TEST_APP_ROLE.name, password: TEST_APP_ROLE.password });
  return {
    databaseUrl: databaseUrlFor(adminUrl, "inspraak"),
    appUrl: appUrlFor(databaseUrlFor(adminUrl, "inspraak")),
    adminUrl,
    stop: async () => {
      const running = server;
      server = undefined;
      await running?.stop();
    },
    start: async () => {
      server ??= await startEmbeddedPostgres({ dataDir, port });
    },
    remove: async () => {
      await server?.stop();
      server = undefined;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
