/**
 * `npm run bench [-- --duration <seconds>] [--connections <n>] [--skip-build] [--only pages|writes|mixed]`:
 * the load benchmark (docs/performance.md). Not a test, and not part of `npm test`.
 *
 * It builds the app first (`--skip-build` reuses an existing `build/`),
 * starts its own embedded PostgreSQL in a temporary folder (or uses the server
 * behind BENCH_DATABASE_URL, a maintenance database such as `.../postgres`,
 * where it creates and afterwards drops a database of its own), fills it
 * (bench/fill.ts), starts the production server (NODE_ENV=production,
 * WORKERS=off, INSPRAAK_QUERY_COUNT=1, RATE_LIMITS=off: it sends thousands
 * of requests a second from one address) and the floor (bench/floor.ts) as
 * their own processes, and drives them over loopback with autocannon, one scenario
 * after another. It prints one row per scenario and checks the rows written
 * against the answers given; it exits with 1 when a target fails. `--only pages`
 * or `--only writes` runs the floor and that half of the scenarios (for
 * profiling one of them); only the targets of what ran are checked.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Request, type RequestSpec } from "autocannon";
import pg from "pg";
import { ensureDatabase } from "#db/bootstrap.ts";
import { databaseUrlFor, freePort, startEmbeddedPostgres } from "#db/embedded.ts";
import { startApp } from "#tests/setup/app.ts";
import { cpuPerRequest, cpuSnapshot, type CpuSnapshot } from "./cpu.ts";
import { fillDatabase, SIZES, type Filled } from "./fill.ts";
import { benchConnection } from "./sql.ts";
import { mixedLoad, type MixedResult } from "./mixed.ts";

const usage = "usage: npm run bench [-- --duration <seconds>] [--connections <n>] [--skip-build] [--only pages|writes|mixed]";
let values: { duration?: string; connections?: string; "skip-build"?: boolean; only?: string };
try {
  ({ values } = parseArgs({ options: { duration: { type: "string" }, connections: { type: "string" }, "skip-build": { type: "boolean" }, only: { type: "string" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const DURATION = Number(values.duration ?? 10);
const CONNECTIONS = Number(values.connections ?? 50);
if (!(DURATION >= 1 && DURATION <= 600) || !Number.isInteger(CONNECTIONS) || CONNECTIONS < 1 || CONNECTIONS > 1000 || ![undefined, "pages", "writes", "mixed"].includes(values.only)) {
  console.error(`--duration must be 1–600 seconds, --connections 1–1000, --only pages, writes or mixed\n${usage}`);
  process.exit(2);
}
const PAGES = values.only === undefined || values.only === "pages";
const WRITES = values.only === undefined || values.only === "writes";
const MIXED = values.only === undefined || values.only === "mixed";
/** The app's page cache for signed-out visitors, as in production unless PAGE_CACHE_SECONDS says otherwise (0: off). */
const pageCacheSeconds = process.env.PAGE_CACHE_SECONDS ?? "2";
const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(`[bench] ${line}`);

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

// -- measuring ---------------------------------------------------------------------------

type Measured = {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  ok: number;
  bad: number;
  errors5xx: number;
  socketErrors: number;
  queries: number | null;
  /** Milliseconds of CPU per request: the server under test, PostgreSQL, and the benchmark (autocannon). */
  cpu?: CpuSnapshot;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs one scenario with autocannon; every request goes through `setup`, which may change path, headers and body. */
async function load({ name, base, spec, duration = DURATION, connections = CONNECTIONS, amount }: { name: string; base: string; spec: RequestSpec; duration?: number; connections?: number; amount?: number }): Promise<Measured> {
  const latencies: number[] = [];
  const instance = autocannon({ url: base, connections, timeout: 30, requests: [spec], ...(amount ? { amount } : { duration }) });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    ok: result["2xx"],
    bad: result["1xx"] + result["4xx"] + result["5xx"],
    errors5xx: result["5xx"],
    socketErrors: result.errors + result.timeouts,
    queries: null,
  };
}

/**
 * SQL statements for one request sent alone (X-Query-Count): the fewest of
 * `times` tries, because the driver's very first statement also looks up the
 * server's array types once, which the debug hook counts for that request.
 */
async function queriesFor(url: string | ((i: number) => string), init: (i: number) => RequestInit, times = 5): Promise<{ queries: number; status: number; ms: number }> {
  let most = Infinity;
  let status = 0;
  let ms = Infinity;
  for (let i = 0; i < times; i++) {
    const sent = performance.now();
    // no-cache: the page cache would answer a repeated page without any SQL; this counts what rendering it costs.
    const request = init(i);
    const response = await fetch(typeof url === "string" ? url : url(i), { redirect: "manual", ...request, headers: { "Cache-Control": "no-cache", ...(request.headers as Record<string, string> | undefined) } });
    await response.arrayBuffer();
    ms = Math.min(ms, performance.now() - sent);
    status = response.status;
    const header = response.headers.get("x-query-count");
    if (header === null) throw new Error(`${url} answered ${response.status} without X-Query-Count`);
    most = Math.min(most, Number(header));
  }
  return { queries: most, status, ms };
}

// -- the run -------------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (const step of cleanups.reverse()) {
    try {
      await step();
    } catch (error) {
      console.error(error);
    }
  }
}

function startFloor(databaseUrl: string, threadId: number, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/floor.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, THREAD_ID: String(threadId), PORT: String(port), NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("floor listening")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!values["skip-build"] || !existsSync(path.join(root, "build/server/index.js"))) {
    log("npm run build …");
    await run("npm", ["run", "build"]);
  }

  // The database: a fresh one on BENCH_DATABASE_URL's server, or an embedded server in a temporary folder.
  let adminUrl = process.env.BENCH_DATABASE_URL;
  const name = `inspraak_bench_${Date.now()}`;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "inspraak-bench-"));
    // PostgreSQL runs as its own user when we are root; it must reach the folder.
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false });
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    cleanups.push(() => server.stop());
    adminUrl = server.adminUrl;
    log(`embedded PostgreSQL on port ${server.port}`);
  }
  await ensureDatabase(adminUrl, name);
  const admin = adminUrl;
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    } finally {
      await client.end();
    }
  });
  const databaseUrl = databaseUrlFor(adminUrl, name);

  const filled: Filled = await fillDatabase(databaseUrl, SIZES, log);
  log(
    `filled in ${filled.seconds.toFixed(0)} s: ${filled.counts.comments.toLocaleString("en-GB")} comments (busiest thread ${filled.counts.hotThread.toLocaleString("en-GB")}, ` +
      `${filled.quietSlug} ${filled.quietComments}), ${filled.counts.proposals.toLocaleString("en-GB")} proposals, ${filled.counts.supports.toLocaleString("en-GB")} supports, ` +
      `${filled.counts.people.toLocaleString("en-GB")} people`,
  );

  // Page 20 of the busiest thread: the cursor after page 19, found with the app's own page query.
  process.env.DATABASE_URL = databaseUrl;
  const { getThreadPage } = await import("#app/comments.server.ts");
  const { closeDb } = await import("#db/client.ts");
  let cursor: string | null = null;
  for (let page = 1; page < 20; page++) cursor = (await getThreadPage({ threadId: filled.hotThreadId, start: cursor ? { after: cursor } : null })).nextCursor;
  await closeDb();
  if (!cursor) throw new Error("The busiest thread has fewer than 20 pages.");

  // BENCH_PROFILE_DIR=<folder>: the app process writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const nodeArgs = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE_DIR)}`] : [];
  const secret = randomBytes(32).toString("hex");
  // SQL statements are counted by a second server on the same database (INSPRAAK_QUERY_COUNT=1 keeps a per-request
  // context, which costs time on every promise): the server under load runs as in production.
  const counting = await startApp({ databaseUrl, env: { WORKERS: "off", SECRET: secret, INSPRAAK_QUERY_COUNT: "1", PAGE_CACHE_SECONDS: "0", RATE_LIMITS: "off" } });
  cleanups.push(() => counting.stop());
  const floorPort = await freePort();
  const floor = await startFloor(databaseUrl, filled.hotThreadId, floorPort);
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (floor.exitCode !== null) return resolve();
        floor.removeAllListeners("exit");
        floor.once("exit", () => resolve());
        floor.kill("SIGTERM");
      }),
  );
  const floorBase = `http://127.0.0.1:${floorPort}`;
  /** The server requests go to: the counting one for the probes, then the one under load. */
  let base = counting.url;
  const { sql, end: endSql } = await benchConnection(databaseUrl);
  cleanups.push(endSql);

  // Posters: each request takes the next person, so nobody comes near a posting limit (10 comments per 10 minutes).
  const probeTokens = filled.posters.slice(-20).map((poster) => poster.token);
  const tokens = filled.posters.slice(0, -20).map((poster) => poster.token);
  const tokenOf = new Map(filled.posters.map((poster) => [poster.id, poster.token]));
  const cookie = (token: string) => `inspraak_session=${token}`;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const postHeaders = (token: string) => ({ "content-type": "application/x-www-form-urlencoded", origin: base, cookie: cookie(token) });
  const proposals = filled.proposalIds;
  const searchTerms = ["open data", "algoritmen", "gemeente", "transparantie", "wet open overheid", "inspraak", "archief", "begrijpelijke taal"];
  const hotPath = `/actiepunt/${filled.hotSlug}`;
  const page20Path = `${hotPath}?draad=public&na=${cursor}`;

  /** The k-th support of the run: person k mod P, their (k div P)-th proposal; all pairs distinct. */
  const supportPair = (k: number) => ({ token: tokens[k % tokens.length]!, proposalId: proposals[(k % tokens.length + Math.floor(k / tokens.length)) % proposals.length]! });
  const rotating = (make: (k: number) => Request): RequestSpec => {
    let k = 0;
    return { method: "GET", setupRequest: (request) => ({ ...request, ...make(k++) }) };
  };

  // -- queries per request, one request at a time --------------------------------------------------
  log("counting SQL statements per request …");
  const probe = {
    floor: await queriesFor(`${floorBase}/`, () => ({})),
    hot: await queriesFor(`${base}${hotPath}`, () => ({})),
    page20: await queriesFor(`${base}${page20Path}`, () => ({})),
    quiet: await queriesFor(`${base}/actiepunt/${filled.quietSlug}`, () => ({})),
    proposal: await queriesFor(`${base}/voorstel/${proposals[0]}`, () => ({})),
    index: await queriesFor(`${base}/voorstellen?volgorde=steun`, () => ({})),
    search: await queriesFor(`${base}/zoeken?q=open+data`, () => ({})),
    // Five people each support, withdraw, and withdraw again (refused) one proposal; five comments by five people.
    support: await queriesFor(`${base}/voorstel/${proposals[1]}.data`, (i) => ({ method: "POST", headers: postHeaders(probeTokens[i]!), body: form({ intent: "support", respond: "data" }) })),
    reference: await queriesFor(`${base}/taal.data`, (i) => ({ method: "POST", headers: postHeaders(probeTokens[i]!), body: form({ locale: "nl", redirectTo: "/" }) })),
    withdraw: await queriesFor(`${base}/voorstel/${proposals[1]}.data`, (i) => ({ method: "POST", headers: postHeaders(probeTokens[i]!), body: form({ intent: "unsupport", respond: "data" }) })),
    withdrawAgain: await queriesFor(`${base}/voorstel/${proposals[1]}.data`, (i) => ({ method: "POST", headers: postHeaders(probeTokens[i]!), body: form({ intent: "unsupport", respond: "data" }) })),
    comment: await queriesFor(`${base}/actiepunt/${filled.commentSlug}.data`, (i) => ({
      method: "POST",
      headers: postHeaders(probeTokens[5 + i]!),
      body: form({ intent: "comment", threadId: String(filled.commentThreadId), bodyText: `Een proefreactie voor de telling, nummer ${i + 1}.` }),
    })),
  };
  for (const [key, value] of Object.entries(probe)) if (key !== "withdrawAgain" && value.status >= 400) throw new Error(`probe ${key} answered ${value.status}`);
  log(`one request alone (status, SQL statements, fastest ms): ${Object.entries(probe).map(([key, value]) => `${key} ${value.status}/${value.queries}/${value.ms.toFixed(1)}`).join(", ")}`);
  await counting.stop();

  const app = await startApp({ databaseUrl, nodeArgs, env: { WORKERS: "off", SECRET: secret, PAGE_CACHE_SECONDS: pageCacheSeconds, RATE_LIMITS: "off" } });
  cleanups.push(() => app.stop());
  base = app.url;

  // -- warm-up ------------------------------------------------------------------------------------------
  log("warming up …");
  for (const [url, path] of [
    [floorBase, "/"],
    [base, hotPath],
    [base, page20Path],
    [base, `/voorstel/${proposals[0]}`],
    [base, "/voorstellen?volgorde=steun"],
    [base, "/zoeken?q=open+data"],
  ].slice(0, PAGES ? undefined : 1) as [string, string][])
    await load({ name: "warm-up", base: url, spec: { method: "GET", path }, duration: 2, connections: 10 });

  // -- the scenarios ----------------------------------------------------------------------------------------
  const results: Measured[] = [];
  const measure = async (entry: Parameters<typeof load>[0], queries: number | null) => {
    log(`${entry.name} …`);
    const pid = entry.base === floorBase ? floor.pid : app.process.pid;
    const before = cpuSnapshot(pid);
    const run = await load(entry);
    const measured = { ...run, queries, cpu: cpuPerRequest(before, cpuSnapshot(pid), run.total) };
    results.push(measured);
    return measured;
  };
  const floorRun = await measure({ name: "floor: node:http + 1 query (JSON)", base: floorBase, spec: { method: "GET", path: "/" } }, probe.floor.queries);
  const pages = PAGES ? await measurePages() : null;
  async function measurePages() {
    const hotRun = await measure({ name: `action point page 1 (${filled.counts.hotThread} comments)`, base, spec: { method: "GET", path: hotPath } }, probe.hot.queries);
    const page20Run = await measure({ name: "action point page 20 (same thread)", base, spec: { method: "GET", path: page20Path } }, probe.page20.queries);
    await measure({ name: "proposal page", base, spec: rotating((k) => ({ path: `/voorstel/${proposals[(k * 7) % proposals.length]}` })) }, probe.proposal.queries);
    const indexRun = await measure({ name: "proposals index, by support", base, spec: { method: "GET", path: "/voorstellen?volgorde=steun" } }, probe.index.queries);
    await measure({ name: "search", base, spec: rotating((k) => ({ path: `/zoeken?q=${encodeURIComponent(searchTerms[k % searchTerms.length]!)}` })) }, probe.search.queries);
    return { hotRun, page20Run, indexRun };
  }

  const writes = WRITES ? await measureWrites() : null;
  async function measureWrites() {
    // A POST scenario runs twice: a pilot for DURATION/3 s (warm-up; it also tells how many requests fill DURATION),
    // then the measured run with exactly that many requests. autocannon waits for every answer of a run with a
    // fixed amount, so the rows written can be set against the answers; a run cut off by time leaves requests in
    // flight that the server still carries out. Rows are counted once the database has settled.
    const settle = async (count: () => Promise<number>) => {
      let last = await count();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = await count();
        if (now === last) return now;
        last = now;
      }
    };
    const amountFor = async (entry: Parameters<typeof load>[0]) => {
      const pilot = await load({ ...entry, duration: Math.max(1, Math.round(DURATION / 3)) });
      return Math.max(CONNECTIONS * 2, Math.round(pilot.rps * DURATION));
    };
    const countSupports = async () => (await sql<{ n: number }>`select count(*)::int as n from supports`)[0]!.n;
    const countComments = async () => (await sql<{ n: number }>`select count(*)::int as n from comments where thread_id = ${filled.commentThreadId}`)[0]!.n;

    // The framework's own cost for a signed-in person's action: the language switch reads the session (1 statement)
    // and sets a cookie. A support or a comment is this plus its own statements and work.
    await measure(
      {
        name: "reference: a Remix action, session only",
        base,
        spec: rotating((k) => ({ method: "POST", path: "/taal.data", headers: postHeaders(tokens[k % tokens.length]!), body: form({ locale: "nl", redirectTo: "/" }) })),
      },
      probe.reference.queries,
    );

    let supportK = 0;
    const supportSpec: RequestSpec = {
      method: "POST",
      setupRequest: (request) => {
        const pair = supportPair(supportK++);
        return { ...request, path: `/voorstel/${pair.proposalId}.data`, headers: postHeaders(pair.token), body: form({ intent: "support", respond: "data" }) };
      },
    };
    const supportAmount = await amountFor({ name: "support pilot", base, spec: supportSpec });
    const supportsBefore = await settle(countSupports);
    const supportRun = await measure({ name: "support POST", base, spec: supportSpec, amount: supportAmount }, probe.support.queries);
    const supportsAfter = await settle(countSupports);
    const supportsAdded = supportsAfter - supportsBefore;

    // Withdraw supports given during the run (pilot included), each once: as many as the support run sent.
    const given = await sql<{ proposal_id: number; user_id: number }>`
      select proposal_id, user_id from supports where user_id = any(${filled.posters.map((poster) => poster.id)}::int[]) order by created_at, user_id limit ${supportAmount}`;
    let withdrawK = 0;
    const withdrawRun = await measure(
      {
        name: "withdraw support POST",
        base,
        amount: given.length,
        spec: {
          method: "POST",
          setupRequest: (request) => {
            const pair = given[withdrawK++ % given.length]!;
            return { ...request, path: `/voorstel/${pair.proposal_id}.data`, headers: postHeaders(tokenOf.get(pair.user_id)!), body: form({ intent: "unsupport", respond: "data" }) };
          },
        },
      },
      probe.withdraw.queries,
    );
    const supportsAfterWithdraw = await settle(countSupports);
    const supportsRemoved = supportsAfter - supportsAfterWithdraw;

    let commentK = 0;
    const commentSpec: RequestSpec = {
      method: "POST",
      setupRequest: (request) => {
        const k = commentK++;
        const text = `Reactie ${k}: ${searchTerms[k % searchTerms.length]} is voor ons in de gemeente belangrijk, en ik wil graag weten wat de volgende stap is.`;
        return {
          ...request,
          path: `/actiepunt/${filled.commentSlug}.data`,
          headers: postHeaders(tokens[(tokens.length - 1 - (k % tokens.length)) % tokens.length]!),
          body: form({ intent: "comment", threadId: String(filled.commentThreadId), bodyText: text }),
        };
      },
    };
    const commentAmount = await amountFor({ name: "comment pilot", base, spec: commentSpec });
    const commentsBefore = await settle(countComments);
    const commentRun = await measure({ name: "comment POST", base, spec: commentSpec, amount: commentAmount }, probe.comment.queries);
    const commentsAfter = await settle(countComments);
    const commentsAdded = commentsAfter - commentsBefore;

    // Every duplicate tester sends the same support ten times at once.
    log("identical supports in parallel …");
    const duplicateProposal = proposals[Math.floor(proposals.length / 2)]!;
    const [duplicateBefore] = await sql<{ n: number }>`select count(*)::int as n from supports where proposal_id = ${duplicateProposal}`;
    // Ten people at a time, each with their ten requests in flight together (a hundred sockets; thousands at once overflow the listen queue).
    const answers: number[] = [];
    for (let i = 0; i < filled.duplicateTokens.length; i += 10) {
      const batch = await Promise.all(
        filled.duplicateTokens.slice(i, i + 10).flatMap((token) =>
          Array.from({ length: 10 }, () =>
            fetch(`${base}/voorstel/${duplicateProposal}.data`, { method: "POST", headers: postHeaders(token), body: form({ intent: "support", respond: "data" }) }).then(async (response) => {
              await response.arrayBuffer();
              return response.status;
            }),
          ),
        ),
      );
      answers.push(...batch);
    }
    const [duplicateAfter] = await sql<{ n: number }>`select count(*)::int as n from supports where proposal_id = ${duplicateProposal}`;
    const duplicateRows = duplicateAfter!.n - duplicateBefore!.n;
    const duplicateOk = answers.filter((status) => status >= 200 && status < 300).length;
    const duplicate5xx = answers.filter((status) => status >= 500).length;
    const [distinct] = await sql<{ n: number }>`select count(*)::int as n from (select user_id from supports where proposal_id = ${duplicateProposal} group by user_id having count(*) > 1) d`;
    return { supportRun, withdrawRun, commentRun, supportsAdded, supportsRemoved, commentsAdded, duplicateRows, duplicateOk, duplicate5xx, doubles: distinct!.n as number };
  }

  // Many signed-in people reading, commenting, supporting and reporting at once (bench/mixed.ts). Its people are
  // posters the other scenarios used least, each commenting a few times at most.
  let mixed: MixedResult | null = null;
  if (MIXED) {
    log("mixed load …");
    const reportable = (await sql<{ id: number }>`select id from comments where thread_id = ${filled.commentThreadId} and status = 'published' order by id limit 2000`).map((row) => row.id);
    const people = filled.posters.slice(Math.floor(filled.posters.length * 0.6), Math.floor(filled.posters.length * 0.78));
    const before = cpuSnapshot(app.process.pid);
    mixed = await mixedLoad({ base, people, proposalIds: proposals, hotPath, commentSlug: filled.commentSlug, commentThreadId: filled.commentThreadId, reportable, searchTerms, seconds: DURATION, connections: CONNECTIONS, sql });
    const cpu = cpuPerRequest(before, cpuSnapshot(app.process.pid), mixed.requests);
    log(`mixed load: ${mixed.requests} requests, ${mixed.rps.toFixed(0)}/s, p95 ${mixed.p95.toFixed(0)} ms, CPU ${cpu ? `${cpu.server.toFixed(2)}/${cpu.database.toFixed(2)}/${cpu.bench.toFixed(2)}` : "?"} ms per request; ${Object.entries(mixed.byKind).map(([kind, k]) => `${kind} ${k.acknowledged}/${k.sent}`).join(", ")}`);
  }

  // -- the table ------------------------------------------------------------------------------------------------
  const checks: { what: string; target: string; value: string; pass: boolean }[] = [];
  const check = (what: string, target: string, value: string, pass: boolean) => checks.push({ what, target, value, pass });
  const ratio = (m: Measured) => m.rps / floorRun.rps;
  const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
  if (pages) {
    const { hotRun, page20Run, indexRun } = pages;
    check("action point page 1: throughput vs floor", "≥ 40%", pct(ratio(hotRun)), ratio(hotRun) >= 0.4);
    check("action point page 1: p99 latency", "< 150 ms", `${hotRun.p99.toFixed(0)} ms`, hotRun.p99 < 150);
    check("action point page 20 vs page 1 (req/s)", "within 1.5×", `${(hotRun.rps / page20Run.rps).toFixed(2)}×`, hotRun.rps / page20Run.rps <= 1.5);
    check("proposals index: throughput vs floor", "≥ 40%", pct(ratio(indexRun)), ratio(indexRun) >= 0.4);
  }
  check(
    `action point page: SQL per request, ${filled.quietComments} vs ${filled.counts.hotThread} comments`,
    "≤ 4, equal",
    `${probe.quiet.queries} vs ${probe.hot.queries} (page 20: ${probe.page20.queries})`,
    probe.hot.queries <= 4 && probe.quiet.queries === probe.hot.queries && probe.page20.queries === probe.hot.queries,
  );
  if (writes) {
    const w = writes;
    check("support POST: throughput", "≥ 600/s", `${w.supportRun.rps.toFixed(0)}/s`, w.supportRun.rps >= 600);
    check("comment POST: throughput", "≥ 300/s", `${w.commentRun.rps.toFixed(0)}/s`, w.commentRun.rps >= 300);
  }
  for (const m of results) if (m.errors5xx > 0 || m.socketErrors > 0) check(`${m.name}: 5xx / socket errors`, "0", `${m.errors5xx} / ${m.socketErrors}`, false);
  check("no 5xx in any scenario", "0", String(results.reduce((sum, m) => sum + m.errors5xx, 0)), results.every((m) => m.errors5xx === 0));
  if (writes) {
    const w = writes;
    check("support rows added = 2xx answers", "equal", `${w.supportsAdded} rows, ${w.supportRun.ok} 2xx`, w.supportsAdded === w.supportRun.ok);
    check("support rows removed = withdraw 2xx answers", "equal", `${w.supportsRemoved} rows, ${w.withdrawRun.ok} 2xx`, w.supportsRemoved === w.withdrawRun.ok);
    check("comment rows added = 2xx answers", "equal", `${w.commentsAdded} rows, ${w.commentRun.ok} 2xx`, w.commentsAdded === w.commentRun.ok);
    check(
      `${filled.duplicateTokens.length} people × 10 identical supports at once`,
      "1 row each",
      `${w.duplicateRows} rows, ${w.duplicateOk} 2xx, ${w.duplicate5xx} 5xx, ${w.doubles} doubles`,
      w.duplicateRows === filled.duplicateTokens.length && w.duplicateOk === w.duplicateRows && w.duplicate5xx === 0 && w.doubles === 0,
    );
  }
  if (mixed) {
    const m = mixed;
    const missing = m.missing.comments + m.missing.supports + m.missing.reports;
    check("mixed load: 5xx / socket errors", "0", `${m.errors5xx} / ${m.socketErrors}`, m.errors5xx === 0 && m.socketErrors === 0);
    check("mixed load: acknowledged writes missing", "0", `${missing} (comments ${m.missing.comments}, supports ${m.missing.supports}, reports ${m.missing.reports}); ${m.doubles} stored twice`, missing === 0 && m.doubles === 0);
  }
  const header = ["scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests", "non-2xx", "5xx", "SQL/req", "vs floor", "CPU ms/req server/db/bench"];
  const rows = results.map((m) => [
    m.name,
    m.rps.toFixed(0),
    m.p50.toFixed(1),
    m.p95.toFixed(1),
    m.p99.toFixed(1),
    String(m.total),
    String(m.bad),
    String(m.errors5xx),
    m.queries === null ? "–" : String(m.queries),
    pct(ratio(m)),
    m.cpu ? `${m.cpu.server.toFixed(2)} / ${m.cpu.database.toFixed(2)} / ${m.cpu.bench.toFixed(2)}` : "–",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(`\nInspraak benchmark, ${new Date().toISOString()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  console.log(`${CONNECTIONS} connections, ${DURATION} s per scenario; SQL/req counted one request at a time (X-Query-Count), uncached; CPU from /proc: the server (or the floor), all PostgreSQL processes, this process (autocannon)`);
  console.log(`page cache for signed-out visitors: ${Number(pageCacheSeconds) > 0 ? `${pageCacheSeconds} s (PAGE_CACHE_SECONDS=0 to measure without)` : "off"}\n`);
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log("");
  const checkWidth = Math.max(...checks.map((c) => c.what.length));
  const targetWidth = Math.max(...checks.map((c) => c.target.length));
  for (const c of checks) console.log(`${c.pass ? "PASS" : "FAIL"}  ${c.what.padEnd(checkWidth)}  ${c.target.padEnd(targetWidth)}  ${c.value}`);
  const failed = checks.filter((c) => !c.pass).length;
  console.log(`\n${failed ? `${failed} target(s) failed` : "all targets met"} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  return failed ? 1 : 0;
}

// Ctrl-C stops the servers and removes the temporary database too.
process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(code);
