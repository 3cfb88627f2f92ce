/**
 * A flooding client, as its own process (so its work does not slow the test
 * that measures everyone else): `node --import tsx tests/setup/flood.ts
 * <url> <count> <seconds> <client ip>` sends `count` GETs to `url` with
 * `&n=<i>` appended, evenly spread over `seconds`, from the given address
 * (X-Forwarded-For; the app runs with TRUST_PROXY=loopback). It prints
 * "ready" once started and begins when it reads a line on stdin, so its own
 * start-up is not part of the flood; at the end it prints one JSON line: the statuses, the rate-limit headers of every 429, and the
 * time and CPU time the flood took.
 */
import http from "node:http";

const [url, countText, secondsText, ip] = process.argv.slice(2);
const count = Number(countText);
const spacing = (Number(secondsText) * 1000) / count;

type Limited = { retryAfter: string | null; limit: string | null; remaining: string | null; reset: string | null };
const statuses: Record<number, number> = {};
const limited: Limited[] = [];

console.log("ready");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.pause();
const started = performance.now();
const cpuBefore = process.cpuUsage();

// node:http with kept-alive connections: far less work per request than fetch, so the flooder itself takes little of the machine.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : (value ?? null));

function one(i: number, retry = true): Promise<void> {
  return new Promise<void>((resolve) => {
    // The retry goes on a connection of its own: another kept-alive one may be closing just as well.
    const request = http.get(`${url}&n=${i}`, { agent: retry ? agent : false, headers: { "X-Forwarded-For": ip!, Accept: "text/html" }, timeout: 30_000 }, (response) => {
      response.resume();
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        statuses[status] = (statuses[status] ?? 0) + 1;
        const h = response.headers;
        if (status === 429) limited.push({ retryAfter: header(h["retry-after"]), limit: header(h["ratelimit-limit"]), remaining: header(h["ratelimit-remaining"]), reset: header(h["ratelimit-reset"]) });
        resolve();
      });
    });
    // A kept-alive connection the server closed just then: once more on a new one, as any client does.
    request.on("error", (error) => {
      if (retry) return void one(i, false).then(resolve);
      console.error(`flood request ${i} failed twice: ${error.message}`);
      statuses[0] = (statuses[0] ?? 0) + 1;
      resolve();
    });
  });
}

const requests: Promise<void>[] = [];
for (let i = 0; i < count; i++) {
  const due = started + i * spacing;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  requests.push(one(i));
}
await Promise.all(requests);
agent.destroy();
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ statuses, limited, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 }));
