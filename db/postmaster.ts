/**
 * A PostgreSQL server left running in a data directory. When the app is
 * killed (`kill -9`, the OOM killer), its embedded server lives on as an
 * orphan that holds the data directory's lock file and its port, and every
 * later start would fail on it. Before starting, the app looks at
 * `postmaster.pid` and stops such an orphan itself; a server that another
 * live app process still runs is left alone, with a clear refusal.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";

/** Marks the app process that started a server, in the server's command line (PostgreSQL accepts any dotted setting). */
export const OWNER_SETTING = "inspraak.owner_pid";

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

type ProcessInfo = { ppid: number; name: string; command: string };

/** A running (not zombie) process, from /proc on Linux or `ps` elsewhere; null when there is none. */
function processInfo(pid: number): ProcessInfo | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (existsSync("/proc/self/stat")) {
    try {
      // "pid (name) state ppid …": the name may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const [state, ppid] = stat.slice(close + 2).split(" ");
      if (state === "Z" || state === "X") return null;
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      return { ppid: Number(ppid), name: stat.slice(stat.indexOf("(") + 1, close), command };
    } catch {
      return null;
    }
  }
  try {
    const [ppid, state, ...command] = execFileSync("ps", ["-o", "ppid=,stat=,args=", "-p", String(pid)], { encoding: "utf8" }).trim().split(/\s+/);
    if (!ppid || state?.startsWith("Z")) return null;
    return { ppid: Number(ppid), name: path.basename(command[0] ?? ""), command: command.join(" ") };
  } catch {
    return null;
  }
}

const isPostmasterOf = (info: ProcessInfo, databaseDir: string) => path.basename(info.command.split(" ")[0] ?? "") === "postgres" && `${info.command} `.includes(`-D ${databaseDir} `);

/** The processes whose parent is `pid` (a postmaster's backends and helpers), on Linux; elsewhere none are found. */
function childrenOf(pid: number): number[] {
  if (!existsSync("/proc/self/stat")) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Whether no process is attached to the shared memory a lock file names
 * (its 7th line: key and id), as PostgreSQL itself checks before it takes
 * over a stale lock file; on Linux only, elsewhere PostgreSQL decides.
 */
function sharedMemoryFree(line: string | undefined): boolean {
  const [key, id] = (line ?? "").trim().split(/\s+/);
  if (!key || !id) return true;
  let table: string;
  try {
    table = readFileSync("/proc/sysvipc/shm", "utf8");
  } catch {
    return false;
  }
  const segment = table
    .split("\n")
    .map((row) => row.trim().split(/\s+/))
    .find((columns) => columns[0] === key && columns[1] === id);
  return !segment || segment[6] === "0";
}

async function gone(pid: number, databaseDir: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    const info = processInfo(pid);
    if (!info || !isPostmasterOf(info, databaseDir)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Stops a postmaster: a fast shutdown (SIGINT, what `pg_ctl stop -m fast`
 * sends: open transactions are rolled back, then a checkpoint), then an
 * immediate one (SIGQUIT: the next start replays the WAL, nothing committed
 * is lost), and only as a last resort SIGKILL for it and its children.
 */
async function stopPostmaster(pid: number, databaseDir: string, { fastMs = 30_000, immediateMs = 5_000 } = {}): Promise<void> {
  signal(pid, "SIGINT");
  if (await gone(pid, databaseDir, fastMs)) return;
  signal(pid, "SIGQUIT");
  if (await gone(pid, databaseDir, immediateMs)) return;
  const children = childrenOf(pid);
  signal(pid, "SIGKILL");
  for (const child of children) signal(child, "SIGKILL");
  if (await gone(pid, databaseDir, 5_000)) return;
  throw new EmbeddedPostgresError(`The PostgreSQL server left running in ${databaseDir} (pid ${pid}) does not stop, not even with SIGKILL; stop it by hand.`);
}

/**
 * Makes `databaseDir` free to start a server in. A postmaster of this
 * directory whose app is gone is stopped; one that a live app still runs
 * (its parent is the process named in its command line, or, for a server
 * started without that mark, a node process) is a refusal. A lock file
 * whose server is gone is removed once no old backend still uses the shared
 * memory it names (PostgreSQL's own check; where it cannot be made here, the
 * file is left to PostgreSQL).
 */
export async function stopLeftoverPostmaster(databaseDir: string, { log = console.log }: { log?: (message: string) => void } = {}): Promise<void> {
  let lines: string[];
  try {
    lines = readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return;
  }
  const pid = Number(lines[0]);
  const info = processInfo(pid);
  if (!info || !isPostmasterOf(info, databaseDir)) {
    // Its server is gone, but the number may now be another process's (after a reboot, say) or an unreaped
    // zombie's, which PostgreSQL would take for a server still running.
    if (sharedMemoryFree(lines[6])) unlinkSync(path.join(databaseDir, "postmaster.pid"));
    return;
  }
  const owner = Number(info.command.match(new RegExp(`${OWNER_SETTING.replace(".", "\\.")}=(\\d+)`))?.[1]);
  const parent = info.ppid > 1 ? processInfo(info.ppid) : null;
  const inUse = owner ? info.ppid === owner && parent !== null : parent?.name === "node";
  if (inUse) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${databaseDir} is in use by another process (pid ${info.ppid}): stop that one first (e.g. the other \`npm start\`), or give this one another DATA_DIR.`,
    );
  }
  log(`[db] PostgreSQL (pid ${pid}) was left running in ${databaseDir} by an app that did not stop it; stopping it before starting again`);
  await stopPostmaster(pid, databaseDir);
}
