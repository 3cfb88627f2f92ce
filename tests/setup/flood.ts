/**
 * A flooding client, as its own process (so its work does not slow the test
 * that measures everyone else): `node --import tsx tests/setup/flood.ts
 * <url> <count> <seconds> <client ip>` sends `count` GETs to `url` with
 * `&n=<i>` appended, evenly spread over `seconds`, from the given address
 * (X-Forwarded-For; the app runs with TRUST_PROXY=loopback), and prints one
 * JSON line: the statuses, and the rate-limit headers of every 429.
 */
// A module, so it may await at the top level.
export {};

const [url, countText, secondsText, ip] = process.argv.slice(2);
const count = Number(countText);
const spacing = (Number(secondsText) * 1000) / count;

type Limited = { retryAfter: string | null; limit: string | null; remaining: string | null; reset: string | null };
const statuses: Record<number, number> = {};
const limited: Limited[] = [];
const started = performance.now();

async function one(i: number) {
  try {
    const response = await fetch(`${url}&n=${i}`, { headers: { "X-Forwarded-For": ip!, Accept: "text/html" }, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status === 429) {
      const h = response.headers;
      limited.push({ retryAfter: h.get("Retry-After"), limit: h.get("RateLimit-Limit"), remaining: h.get("RateLimit-Remaining"), reset: h.get("RateLimit-Reset") });
    }
  } catch {
    statuses[0] = (statuses[0] ?? 0) + 1;
  }
}

const requests: Promise<void>[] = [];
for (let i = 0; i < count; i++) {
  const due = started + i * spacing;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  requests.push(one(i));
}
await Promise.all(requests);
console.log(JSON.stringify({ statuses, limited, ms: performance.now() - started }));
