/**
 * CPU time per scenario, split by who spent it: the server under test (with
 * its child processes, e.g. WEB_CONCURRENCY's web processes), PostgreSQL's
 * processes, and the benchmark itself (autocannon runs in it). Read from
 * /proc, so Linux only; elsewhere the figures are left out.
 *
 * On a 2-core machine the three share the cores: a write's throughput is
 * bounded by the sum, not by the server alone (docs/performance.md).
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type Stat = { pid: number; comm: string; ppid: number; seconds: number };

function stats(): Stat[] | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const result: Stat[] = [];
  for (const pid of pids) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = text.lastIndexOf(")");
      const comm = text.slice(text.indexOf("(") + 1, close);
      const fields = text.slice(close + 2).split(" ");
      // After "pid (comm)": state ppid … utime is field 14 and stime 15 of the whole line, i.e. 11 and 12 here.
      result.push({ pid: Number(pid), comm, ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      // the process ended while we looked
    }
  }
  return result;
}

export type CpuSnapshot = { server: number; database: number; bench: number } | null;

/** CPU seconds used so far per process: the server process and its descendants, every PostgreSQL process, and this process. */
export type CpuCounters = { server: Map<number, number>; database: Map<number, number>; bench: number } | null;

export function cpuSnapshot(serverPid: number | undefined): CpuCounters {
  const all = stats();
  if (!all || serverPid === undefined) return null;
  const children = new Map<number, number[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  const tree = new Set<number>();
  const stack = [serverPid];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  const usage = process.cpuUsage();
  return {
    server: new Map(all.filter((stat) => tree.has(stat.pid)).map((stat) => [stat.pid, stat.seconds])),
    database: new Map(all.filter((stat) => stat.comm === "postgres").map((stat) => [stat.pid, stat.seconds])),
    bench: (usage.user + usage.system) / 1e6,
  };
}

/**
 * Milliseconds of CPU per request between two snapshots: per process, what it
 * used since the first (all of it for a process that started in between). A
 * process that ended in between is not counted (PostgreSQL ends a connection's
 * process when the connection closes), so the figures are a lower bound.
 */
export function cpuPerRequest(before: CpuCounters, after: CpuCounters, requests: number): CpuSnapshot {
  if (!before || !after || requests <= 0) return null;
  const used = (was: Map<number, number>, now: Map<number, number>) => {
    let seconds = 0;
    for (const [pid, value] of now) seconds += Math.max(0, value - (was.get(pid) ?? 0));
    return (seconds * 1000) / requests;
  };
  return { server: used(before.server, after.server), database: used(before.database, after.database), bench: ((after.bench - before.bench) * 1000) / requests };
}
