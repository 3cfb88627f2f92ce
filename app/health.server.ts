import { getSql, retireConnections } from "#db/client.ts";

/** True when PostgreSQL answers a trivial query within `timeoutMs`. */
export async function isDatabaseReachable({ timeoutMs = 2000 }: { timeoutMs?: number } = {}): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = getSql()`select 1`.then(
    () => true,
    () => false,
  );
  try {
    const reachable = await Promise.race([probe, timeout]);
    // A pool that could not answer may hold connections that will never work again (see retireConnections).
    if (!reachable) retireConnections();
    return reachable;
  } finally {
    clearTimeout(timer);
  }
}
