/** What the web server and the worker process both do at start: the same checks, the same crash policy. */
import { serverSecret } from "../app/supports.server.ts";
import { isLostSocketWrite, retireConnections } from "../db/client.ts";

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
 * postgres.js can throw one known error from a timer when PostgreSQL drops a
 * connection (see isLostSocketWrite): the pool is replaced and the process
 * serves on. Any other uncaught error still ends it, as by default.
 */
export function survivePoolLoss(): void {
  process.on("uncaughtException", (error) => {
    if (isLostSocketWrite(error)) {
      console.error("[db] a connection was lost while sending; starting a new pool", error);
      retireConnections();
      return;
    }
    console.error(error);
    process.exit(1);
  });
}
