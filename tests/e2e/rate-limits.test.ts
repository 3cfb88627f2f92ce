import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { closeDb } from "#db/client.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { createUser } from "#tests/setup/factories.ts";
import { publicThreadOf } from "#tests/setup/http.ts";
import { createTestDatabase } from "#tests/setup/postgres.ts";
import { decodeSingleFetch, type DecodedError } from "#tests/setup/single-fetch.ts";

// The limits as in production (RATE_LIMITS=1), on an app of its own; every client has its own address (TRUST_PROXY=loopback).
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: RunningApp;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "seeded");
  process.env.DATABASE_URL = database.url;
  app = await startApp({ databaseUrl: database.appUrl, ownerUrl: database.url, env: { TRUST_PROXY: "loopback", RATE_LIMITS: "1" } });
});

afterAll(async () => {
  await app?.stop();
  await closeDb();
  await database?.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1]!;
}

type Flood = { statuses: Record<string, number>; limited: { retryAfter: string | null; limit: string | null; remaining: string | null; reset: string | null }[]; ms: number; cpuMs: number };

/** Starts the flooding client's process; `go()` sets it off and resolves with what it got. */
async function flooder(path: string, count: number, seconds: number, ip: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/flood.ts", `${app.url}${path}`, String(count), String(seconds), ip], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  const done = new Promise<Flood>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.slice(out.indexOf("\n") + 1)) as Flood) : reject(new Error(`the flooder exited with ${code}`))));
  });
  for (let i = 0; i < 300 && !out.includes("ready"); i++) await pause(100);
  return {
    go: () => {
      child.stdin.end("go\n");
      return done;
    },
  };
}

describe("fair under a flood", () => {
  test("a client sending 1,000 searches in 10 s gets 429s with Retry-After and RateLimit-*; the others get none and stay as fast", { timeout: 90_000 }, async () => {
    const paths = ["/", "/actiepunt/open-data-communities", "/voorstellen", "/zoeken?q=transparantie", "/thema/open-democratie", "/voorstellen?volgorde=steun"];
    const clients = ["203.0.113.11", "203.0.113.12", "203.0.113.13", "203.0.113.14", "203.0.113.15"];
    const samples = { before: [] as number[], during: [] as number[] };
    const statuses: number[] = [];
    let phase: keyof typeof samples | null = "before";
    // Five people reading, each one page after another with a moment in between, from their own address (about
    // 350 requests per phase, so that a p95 is a figure and not one slow request).
    const readers = clients.map(async (ip, who) => {
      for (let i = who; phase; i++) {
        const current = phase;
        const started = performance.now();
        const response = await fetch(`${app.url}${paths[i % paths.length]}`, { headers: { "X-Forwarded-For": ip, Accept: "text/html" }, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        samples[current].push(performance.now() - started);
        statuses.push(response.status);
        await pause(100);
      }
    });
    // Warm-up (and the flooder's start), then the baseline.
    const flood = await flooder("/zoeken?q=open+data", 1000, 10, "198.51.100.66");
    await pause(2000);
    samples.before.length = 0;
    await pause(10_000);
    phase = "during";
    const flooded = await flood.go();
    phase = null;
    await Promise.all(readers);

    const limitedCount = flooded.statuses["429"] ?? 0;
    const before = p95(samples.before);
    const during = p95(samples.during);
    console.log(
      `flooder: ${JSON.stringify(flooded.statuses)} in ${(flooded.ms / 1000).toFixed(1)} s (its own CPU ${(flooded.cpuMs / 1000).toFixed(1)} s); ` +
        `readers: ${samples.before.length} requests before, p95 ${before.toFixed(1)} ms; ${samples.during.length} during, p95 ${during.toFixed(1)} ms (${(during / before).toFixed(2)}×)`,
    );
    // 5 searches within two seconds are let through (in each two-second window the flood reaches); the rest are refused.
    expect(flooded.statuses["200"] ?? 0).toBeLessThanOrEqual(30);
    expect(limitedCount + (flooded.statuses["200"] ?? 0)).toBe(1000);
    expect(flooded.ms).toBeLessThan(15_000);
    for (const limited of flooded.limited) {
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
      expect(["5", "60"]).toContain(limited.limit);
      expect(limited.remaining).toBe("0");
      expect(limited.reset).toBe(limited.retryAfter);
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(samples.before.length).toBeGreaterThan(200);
    expect(samples.during.length).toBeGreaterThan(200);
    expect(during).toBeLessThanOrEqual(before * 1.5);
  });

  test("the comment limit's 429 carries Retry-After and RateLimit-*, on the page and in `.data`", async () => {
    const person = await createUser();
    const threadId = await publicThreadOf("open-data-communities");
    const post = (path: string, n: number) =>
      fetch(`${app.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: app.url, Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.30" },
        body: new URLSearchParams({ intent: "comment", threadId: String(threadId), bodyText: `Reactie nummer ${n} over open data.` }),
      });
    // One every 300 ms: quick for a person, but within the two-second limits on forms.
    for (let n = 1; n <= 10; n++) {
      expect((await post("/actiepunt/open-data-communities", n)).status).toBe(302);
      await pause(300);
    }
    const page = await post("/actiepunt/open-data-communities", 11);
    expect(page.status).toBe(429);
    expect(await page.text()).toContain("Reactie nummer 11");
    const data = await post("/actiepunt/open-data-communities.data", 12);
    expect(data.status).toBe(429);
    for (const answer of [page, data]) {
      const seconds = Number(answer.headers.get("Retry-After"));
      expect(seconds).toBeGreaterThan(500);
      expect(seconds).toBeLessThanOrEqual(600);
      expect(answer.headers.get("RateLimit-Limit")).toBe("10");
      expect(answer.headers.get("RateLimit-Remaining")).toBe("0");
      expect(answer.headers.get("RateLimit-Reset")).toBe(String(seconds));
    }
    expect(JSON.stringify(await decodeSingleFetch(await data.text()))).toContain("moderation.write.commentRateLimited");
  });

  test("a refused navigation with JavaScript on gets its error in Remix's encoding", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 130 && last?.status !== 429; i++) {
      last = await fetch(`${app.url}/zoeken.data?q=${i}&_routes=routes%2Fzoeken`, { headers: { "X-Forwarded-For": "203.0.113.40", "Accept-Language": "en" } });
      if (last.status !== 429) await last.arrayBuffer();
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get("Retry-After")).toBeTruthy();
    const decoded = (await decodeSingleFetch(await last!.text())) as Record<string, { error: DecodedError }>;
    expect(decoded.root!.error.status).toBe(429);
    expect(decoded["routes/zoeken"]!.error.data).toMatch(/^Too many requests came from your address/);
  });
});
