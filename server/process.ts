/** What the web server and the worker process both do: the same checks at start, the same crash policy, the same way to stop. */
import { serverSecret } from "../app/supports.server.ts";

/** In production, refuses to start without a proper SECRET, rather than fail on the first request or mail that needs it. */
export function requireSecretInProduction(): void {
  if (process.env.NODE_ENV !== "production") return;
  try {
    serverSecret();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
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
