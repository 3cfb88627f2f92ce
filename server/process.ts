/** What the web server and the worker process both do: the same checks at start, the same crash policy, the same way to stop. */
import path from "node:path";
import { dataDirectory } from "../db/bootstrap.ts";
import { EmbeddedPostgresError } from "../db/postmaster.ts";
import { resolveSecret, SecretError } from "./secret.ts";

/**
 * Runs a step of starting up; when it fails, ends the process with one line
 * saying why (and, for an error nobody foresaw, its details after it),
 * rather than with an unhandled rejection.
 */
export async function startStep<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const foreseen = error instanceof SecretError || error instanceof EmbeddedPostgresError;
    console.error(`Inspraak did not start: ${error instanceof Error ? error.message : String(error)}`);
    if (!foreseen) console.error(error);
    process.exit(1);
  }
}

/** Resolves the server's secret (server/secret.ts) before anything needs it, or refuses to start. */
export async function resolveSecretAtStart(): Promise<void> {
  const { source } = await startStep(() => resolveSecret({ dataDir: dataDirectory() }));
  if (source === "created") console.log(`A new secret is kept in ${path.join(dataDirectory(), "secret")} (readable only by you): keep it with your backups.`);
}

/**
 * Stops on SIGTERM or SIGINT, once: runs `steps` (closing the server, the jobs,
 * the pool, …), logs an error in them rather than hang, and exits — with 1 if
 * the steps take longer than 10 s.
 */
export function stopOnSignals(steps: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await steps();
    } catch (error) {
      console.error("Error during shutdown:", error);
    }
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
