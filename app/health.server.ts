import pg from "pg";
import { databaseUrl } from "#db/client.ts";

/**
 * The health check has a connection of its own, outside the app's pool: a
 * pool full of slow requests (or a long line waiting for it) must not make a
 * load balancer think the instance is dead, and a check must not take a
 * connection a request needs. Checks that arrive while one is running share
 * its answer, so a flood of /healthz costs one query at a time.
 */
let connection: Promise<pg.Client> | undefined;
let running: Promise<boolean> | undefined;

function open(timeoutMs: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: timeoutMs, application_name: "inspraak-health", statement_timeout: timeoutMs });
  client.on("error", () => forget(client));
  client.on("end", () => forget(client));
  const opened = client.connect().then(() => client);
  opened.catch(() => forget(client));
  return opened;
}

function forget(client: pg.Client) {
  connection = undefined;
  client.end().catch(() => {});
}

async function probe(timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const check = (async () => {
    connection ??= open(timeoutMs);
    const client = await connection;
    await client.query("select 1");
    return true;
  })().catch(() => false);
  try {
    const reachable = await Promise.race([check, timeout]);
    // A connection that did not answer in time may never answer: the next check opens a new one.
    if (!reachable && connection) void connection.then(forget, () => {});
    return reachable;
  } finally {
    clearTimeout(timer);
  }
}

/** True when PostgreSQL answers a trivial query within `timeoutMs`. */
export function isDatabaseReachable({ timeoutMs = 900 }: { timeoutMs?: number } = {}): Promise<boolean> {
  running ??= probe(timeoutMs).finally(() => {
    running = undefined;
  });
  return running;
}

/** Closes the health check's connection (at shutdown). */
export async function closeHealthConnection(): Promise<void> {
  const current = connection;
  connection = undefined;
  if (current) await current.then((client) => client.end(), () => {});
}
