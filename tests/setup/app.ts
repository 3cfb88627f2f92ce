import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "#db/embedded.ts";

export type RunningApp = { url: string; process: ChildProcess; output: () => string; stop: () => Promise<void> };

/** DATABASE_URL and DATABASE_OWNER_URL for a child process: the app's role and the owner, or one role for both. */
function databaseEnv(databaseUrl: string, ownerUrl: string | undefined): Record<string, string | undefined> {
  return { DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: ownerUrl };
}

/**
 * Starts the production server (`server/index.ts` serving `build/`) as its
 * own process, the way `npm run serve` does, and waits until it answers.
 * With `ownerUrl` it works as a deployment with two roles does: it migrates
 * and grants as the owner, and serves as `databaseUrl`'s role.
 */
export async function startApp({ databaseUrl, ownerUrl, env = {}, nodeArgs = [] }: { databaseUrl: string; ownerUrl?: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/index.ts"], {
    // The page cache is off unless a test asks for it: tests change the database directly and read pages right after.
    // The per-client limits are counted but 100 times as high: the test files share one address (127.0.0.1).
    env: { ...process.env, PAGE_CACHE_SECONDS: "0", RATE_LIMITS: "100", SECRET: "een-geheim-voor-de-tests-van-minstens-32-tekens", ...env, NODE_ENV: "production", ...databaseEnv(databaseUrl, ownerUrl), PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The app did not become healthy:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    process: child,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export type RunningWorker = { process: ChildProcess; output: () => string; stop: () => Promise<void> };

/** Starts `server/worker.ts` (background jobs only) as its own process and waits until its workers run. */
export async function startWorker({ databaseUrl, ownerUrl, env = {} }: { databaseUrl: string; ownerUrl?: string; env?: Record<string, string> }): Promise<RunningWorker> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
    env: { ...process.env, SECRET: "een-geheim-voor-de-tests-van-minstens-32-tekens", ...env, NODE_ENV: "production", ...databaseEnv(databaseUrl, ownerUrl) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const deadline = Date.now() + 60_000;
  while (!log.includes("Inspraak worker running")) {
    if (child.exitCode !== null) throw new Error(`The worker exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The worker did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    process: child,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
