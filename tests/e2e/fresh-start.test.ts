import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { unsubscribeToken } from "#app/notifications.server.ts";
import { DEVELOPMENT_SECRET, setServerSecret } from "#app/supports.server.ts";
import { closeDb, getDb } from "#db/client.ts";
import { freePort } from "#db/embedded.ts";
import { users } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";

// `npm start` on a fresh clone with nothing set, and the embedded PostgreSQL after the app was killed. The tests
// run in order on one DATA_DIR, as one person's machine would: first start, restart, kill -9, restart.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let dir: string;
let dataDir: string;
let pgDir: string;
const started: ChildProcess[] = [];
let sleeper: ChildProcess | undefined;

type Served = { child: ChildProcess; url: string; port: number; stdout: () => string; stderr: () => string; exit: Promise<number | null> };

/**
 * The app started as `npm start`'s serve step does (`NODE_ENV=production node --import tsx server/index.ts` in
 * the repository), with an otherwise empty environment: only PATH and HOME, a free PORT and this file's DATA_DIR
 * (and HOST=127.0.0.1, so the test listens on loopback only). No SECRET, no DATABASE_URL.
 */
async function serve(env: Record<string, string> = {}): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, port, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Waits until `/healthz` answers 200; returns how long that took. */
async function healthy(app: Served, ms = 90_000): Promise<number> {
  const begin = Date.now();
  for (;;) {
    if (app.child.exitCode !== null) throw new Error(`The app exited with ${app.child.exitCode}:\n${app.stdout()}\n${app.stderr()}`);
    try {
      if ((await fetch(`${app.url}/healthz`)).status === 200) return Date.now() - begin;
    } catch {
      // not listening yet
    }
    if (Date.now() - begin > ms) throw new Error(`The app did not become healthy within ${ms} ms:\n${app.stdout()}\n${app.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(app: Served): Promise<number | null> {
  if (app.child.exitCode === null) app.child.kill("SIGTERM");
  return app.exit;
}

/** The running postmaster named by the data directory's lock file, with its parent and port; null when none runs. */
function postmaster(): { pid: number; ppid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const info = processStat(pid);
  if (!info || !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(pgDir)) return null;
  return { pid, ppid: info.ppid, port: Number(lines[3]) };
}

function processStat(pid: number): { ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return state === "Z" || state === "X" ? null : { ppid: Number(ppid) };
  } catch {
    return null;
  }
}

/** Every live process started for this file's data directory: postmasters and their children. */
function postgresProcesses(): number[] {
  const postmasters = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`-D\0${pgDir}`) && processStat(pid) !== null;
      } catch {
        return false;
      }
    });
  const children = postmasters.flatMap((pid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return [...postmasters, ...children];
}

function kill(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `fn` against the app's database on the embedded server, through its current port. */
async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const running = postmaster();
  if (!running) throw new Error("no PostgreSQL runs for the data directory");
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${running.port}/inspraak`;
  try {
    return await fn();
  } finally {
    await closeDb();
  }
}

/** The roles the app's own connections (its pool, its health check, its job queue) log in as. */
async function appConnectionRoles(): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${postmaster()!.port}/inspraak` });
  await client.connect();
  try {
    const { rows } = await client.query<{ application: string; roles: string[] }>(
      "select application_name as application, array_agg(distinct usename::text) as roles from pg_stat_activity where datname = 'inspraak' and application_name like 'inspraak%' group by 1",
    );
    return Object.fromEntries(rows.map((row) => [row.application, row.roles]));
  } finally {
    await client.end();
  }
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await getDb().execute(query);
  const rows = Array.from(((result as { rows?: unknown }).rows ?? result) as Iterable<{ n: number }>);
  return Number(rows[0]!.n);
}

/** Status of the unsubscribe page for a link signed with `secret`: 200 when the app signs with that secret, else 400. */
async function unsubscribeStatus(app: Served, secret: string): Promise<number> {
  setServerSecret(secret);
  return (await fetch(`${app.url}/afmelden?token=${unsubscribeToken(7)}`)).status;
}

const fileState = (file: string) => {
  const stat = statSync(file);
  return { content: readFileSync(file, "utf8"), mode: stat.mode & 0o777, inode: stat.ino, mtime: stat.mtimeMs };
};

beforeAll(async () => {
  // Made by mkdtemp with mode 0700, as `mktemp -d` makes a folder a newcomer might clone into: as root the server
  // runs as the system user `postgres`, which the app must let through it.
  dir = await mkdtemp(path.join(os.tmpdir(), "inspraak-fresh-"));
  dataDir = path.join(dir, "data");
  pgDir = path.join(dataDir, "postgres");
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  sleeper?.kill("SIGKILL");
  // Whatever the tests left running for this data directory, orphans included.
  for (const pid of postgresProcesses()) kill(pid);
  await until(() => postgresProcesses().length === 0, 10_000, "the test's PostgreSQL processes stop").catch(() => {});
  await closeDb();
  await rm(dir, { recursive: true, force: true });
});

let secretFile: ReturnType<typeof fileState>;
let passwordFile: ReturnType<typeof fileState>;
let app: Served;

test("a fresh clone starts with nothing set: a secret is made and kept in DATA_DIR, readable only by its owner", async () => {
  expect((await stat(dir)).mode & 0o777).toBe(0o700);
  app = await serve();
  await healthy(app);
  expect((await fetch(`${app.url}/`)).status).toBe(200);
  if (process.getuid?.() === 0) {
    // Search permission only, and said so.
    expect((await stat(dir)).mode & 0o777).toBe(0o701);
    expect(app.stdout()).toContain(`it may now pass through ${dir} (chmod o+x: no listing)`);
  }
  secretFile = fileState(path.join(dataDir, "secret"));
  expect(secretFile.mode).toBe(0o600);
  expect(secretFile.content).toMatch(/^[0-9a-f]{64}\n$/);
  const secret = secretFile.content.trim();
  // The app signs with that secret, not with the development one.
  expect(await unsubscribeStatus(app, secret)).toBe(200);
  expect(await unsubscribeStatus(app, DEVELOPMENT_SECRET)).toBe(400);
  expect(app.stdout()).toContain("A new secret is kept in");
  // The app serves as the role inspraak_app, with a password made now and kept beside the secret; only pg-boss
  // (inspraak-jobs) works as the owner of the tables.
  passwordFile = fileState(path.join(dataDir, "postgres-app-password"));
  expect(passwordFile.mode).toBe(0o600);
  expect(passwordFile.content).toMatch(/^[0-9a-f]{48}\n$/);
  expect(await appConnectionRoles()).toEqual({ inspraak: ["inspraak_app"], "inspraak-health": ["inspraak_app"], "inspraak-jobs": ["postgres"] });
  expect(app.stderr()).toBe("");
  expect(await stop(app)).toBe(0);
  expect(postgresProcesses()).toEqual([]);
});

test("the next start reuses the kept secret and leaves the file as it was", async () => {
  app = await serve();
  await healthy(app);
  expect(fileState(path.join(dataDir, "secret"))).toEqual(secretFile);
  expect(fileState(path.join(dataDir, "postgres-app-password"))).toEqual(passwordFile);
  expect((await fetch(`${app.url}/`)).status).toBe(200);
  expect((await appConnectionRoles()).inspraak).toEqual(["inspraak_app"]);
  expect(await unsubscribeStatus(app, secretFile.content.trim())).toBe(200);
  expect(app.stdout()).not.toContain("A new secret");
});

test("after kill -9 of the app the orphaned PostgreSQL is stopped by the next start, which comes back with the data", async () => {
  const person = await withDatabase(() => createUser({ displayName: "Overlever van een crash" }));
  const plans = await withDatabase(() => count(sql`select count(*)::int as n from plans`));
  expect(plans).toBeGreaterThan(0);

  // A second app on the same DATA_DIR is refused in one line, and leaves the first one's database alone.
  const second = await serve();
  expect(await second.exit).toBe(1);
  expect(second.stderr().trim().split("\n")).toEqual([expect.stringMatching(/^Inspraak did not start: The embedded PostgreSQL in .* is in use by another process/)]);
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);

  const appPid = app.child.pid!;
  app.child.kill("SIGKILL");
  await app.exit;
  // The reproduction: PostgreSQL lives on without its app and still holds its port.
  const orphan = postmaster();
  expect(orphan).not.toBeNull();
  expect(orphan!.ppid).not.toBe(appPid);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(orphan!.port, "127.0.0.1", () => {
      socket.end();
      resolve();
    });
    socket.once("error", reject);
  });

  app = await serve();
  await healthy(app, 60_000);
  expect(app.stdout()).toContain(`PostgreSQL (pid ${orphan!.pid}) was left running`);
  expect(processStat(orphan!.pid)).toBeNull();
  expect(postmaster()!.pid).not.toBe(orphan!.pid);
  expect(await withDatabase(() => getDb().select({ name: users.displayName }).from(users).where(eq(users.id, person.id)))).toEqual([{ name: "Overlever van een crash" }]);
  expect(await withDatabase(() => count(sql`select count(*)::int as n from plans`))).toBe(plans);
  expect(await unsubscribeStatus(app, secretFile.content.trim())).toBe(200);
});

test("a lock file whose server is gone does not block, nor one whose number another process now has", async () => {
  // Everything killed at once, as in a power cut of the processes: the lock file stays behind.
  const all = postgresProcesses();
  expect(all.length).toBeGreaterThan(1);
  app.child.kill("SIGKILL");
  await app.exit;
  for (const pid of all) kill(pid);
  await until(() => all.every((pid) => processStat(pid) === null), 10_000, "the killed PostgreSQL processes are gone");
  const lockFile = path.join(pgDir, "postmaster.pid");
  expect(readFileSync(lockFile, "utf8")).toMatch(/^\d+\n/);
  app = await serve();
  await healthy(app, 60_000);
  expect(await stop(app)).toBe(0);

  // A stale lock file naming a live process of PostgreSQL's own user, which PostgreSQL would take for its server.
  const asPostgres = process.getuid?.() === 0 ? { uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })) } : {};
  sleeper = spawn("sleep", ["120"], { ...asPostgres, stdio: "ignore" });
  await until(() => processStat(sleeper!.pid!) !== null, 5_000, "the sleeper runs");
  writeFileSync(lockFile, `${sleeper.pid}\n${pgDir}\n`);
  app = await serve();
  await healthy(app, 60_000);
  expect(await stop(app)).toBe(0);
  expect(postgresProcesses()).toEqual([]);
});

test("a fixed EMBEDDED_PG_PORT taken by another program is refused in one line", async () => {
  const taken = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => taken.once("listening", resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const refused = await serve({ EMBEDDED_PG_PORT: String(port) });
    expect(await refused.exit).toBe(1);
    expect(refused.stderr().trim().split("\n")).toEqual([`Inspraak did not start: Port ${port} (127.0.0.1), chosen for the embedded PostgreSQL, is in use by another program: stop that program, set EMBEDDED_PG_PORT to a free port, or leave it unset.`]);
  } finally {
    taken.close();
  }
  expect(postgresProcesses()).toEqual([]);
});
