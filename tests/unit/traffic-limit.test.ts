import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { TRAFFIC_LIMITS, type Limit, type TrafficHits } from "#app/rate-limit.server.ts";
import { decodeSingleFetch, type DecodedError } from "#tests/setup/single-fetch.ts";
import { routeClass, trafficLimit, trafficLimitFactor, TrafficLimiter, type TrafficStore } from "../../server/traffic-limit.ts";

const limit: Limit = { name: "test:ip", max: 10, windowSeconds: 60 };
const person: Limit = { name: "test:person", max: 5, windowSeconds: 60 };
const MINUTE = 60_000;

/** What the SQL of addTrafficHits does, in memory: one table that several limiters share. */
function sharedTable() {
  const rows = new Map<string, { windowStart: number; count: number }>();
  const calls: TrafficHits[][] = [];
  const store: TrafficStore = async (hits) => {
    calls.push(hits);
    return hits.map((hit) => {
      const row = rows.get(hit.key);
      if (!row || row.windowStart < hit.windowStart) rows.set(hit.key, { windowStart: hit.windowStart, count: hit.count });
      else if (row.windowStart === hit.windowStart) row.count += hit.count;
      return { key: hit.key, ...rows.get(hit.key)! };
    });
  };
  return { store, calls, rows };
}

function clock(start = 10 * MINUTE) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const allowed = (limiter: TrafficLimiter, subject = "ip:192.0.2.1", limits: Limit[] = [limit]) => limiter.take(limits.map((l) => ({ limit: l, subject }))).allowed;

describe("counting in memory", () => {
  test("the request after the limit is refused until the window ends, with the seconds left", () => {
    const time = clock();
    const limiter = new TrafficLimiter({ store: sharedTable().store, now: time.now, eagerShare: 2 });
    for (let i = 0; i < 10; i++) expect(allowed(limiter)).toBe(true);
    time.advance(15_000);
    expect(limiter.take([{ limit, subject: "ip:192.0.2.1" }])).toEqual({ allowed: false, limit, retryAfter: 45 });
    // Another client is counted apart.
    expect(allowed(limiter, "ip:192.0.2.2")).toBe(true);
    time.advance(45_000);
    expect(allowed(limiter)).toBe(true);
  });

  test("a request refused by one of its limits counts against none of them", () => {
    const limiter = new TrafficLimiter({ store: sharedTable().store, now: clock().now, eagerShare: 2 });
    for (let i = 0; i < 5; i++) expect(allowed(limiter, "s", [limit, person])).toBe(true);
    for (let i = 0; i < 5; i++) expect(allowed(limiter, "s", [limit, person])).toBe(false);
    // The per-IP limit still has its other five: the refused requests were not counted.
    for (let i = 0; i < 5; i++) expect(allowed(limiter, "s", [limit])).toBe(true);
    expect(allowed(limiter, "s", [limit])).toBe(false);
  });

  test("memory is bounded: the least recently seen clients are forgotten first, and ended windows are swept", () => {
    const time = clock();
    const limiter = new TrafficLimiter({ store: sharedTable().store, now: time.now, maxKeys: 100, eagerShare: 2 });
    for (let i = 0; i < 10; i++) allowed(limiter, "busy");
    for (let i = 0; i < 250; i++) {
      allowed(limiter, `passer-by ${i}`);
      if (i % 50 === 0) allowed(limiter, "busy");
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
    // The busy client was seen recently, so its count is still known (and refuses).
    expect(allowed(limiter, "busy")).toBe(false);
    time.advance(MINUTE);
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});

describe("sharing the counts", () => {
  test("while the database is away, a thousand passing clients leave no more than the tracked ones to add", async () => {
    const table = sharedTable();
    let down = true;
    const limiter = new TrafficLimiter({ store: (hits) => (down ? Promise.reject(new Error("down")) : table.store(hits)), now: clock().now, maxKeys: 100, eagerShare: 2 });
    for (let i = 0; i < 1000; i++) {
      allowed(limiter, `passer-by ${i}`);
      if (i % 100 === 0) await limiter.flush();
    }
    down = false;
    await limiter.flush();
    expect(table.calls).toHaveLength(1);
    expect(table.calls[0]!.length).toBeLessThanOrEqual(100);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  test("two instances add their counts in one statement each and decide on the total", async () => {
    const table = sharedTable();
    const time = clock();
    const a = new TrafficLimiter({ store: table.store, now: time.now, eagerShare: 2 });
    const b = new TrafficLimiter({ store: table.store, now: time.now, eagerShare: 2 });
    for (let i = 0; i < 6; i++) allowed(a, "one");
    for (let i = 0; i < 3; i++) allowed(a, "two");
    await a.flush();
    expect(table.calls).toHaveLength(1);
    expect(table.calls[0]!.map((hit) => hit.count).sort()).toEqual([3, 6]);
    // B counts 4 of its own for "one" and learns A's 6 when it adds them: the limit of 10 is reached.
    for (let i = 0; i < 4; i++) expect(allowed(b, "one")).toBe(true);
    await b.flush();
    expect(allowed(b, "one")).toBe(false);
    // A learns B's share with its next flush (any count of its own for the key brings the total back).
    expect(allowed(a, "one")).toBe(true);
    await a.flush();
    expect(allowed(a, "one")).toBe(false);
    expect(table.rows.get(table.calls[0]!.find((hit) => hit.count === 6)!.key)!.count).toBe(11);
  });

  test("a client whose count grows fast is flushed at once, without waiting for the timer", async () => {
    const table = sharedTable();
    const limiter = new TrafficLimiter({ store: table.store, now: clock().now, eagerShare: 0.1 });
    allowed(limiter);
    await new Promise((resolve) => setImmediate(resolve));
    // A tenth of a limit of 10 is one request: the first one already goes out.
    expect(table.calls).toHaveLength(1);
    const slow = new TrafficLimiter({ store: table.store, now: clock().now, eagerShare: 0.5 });
    for (let i = 0; i < 4; i++) allowed(slow, "other");
    await new Promise((resolve) => setImmediate(resolve));
    expect(table.calls).toHaveLength(1);
    allowed(slow, "other");
    await new Promise((resolve) => setImmediate(resolve));
    await slow.flush();
    expect(table.calls).toHaveLength(2);
    expect(table.calls[1]![0]!.count).toBe(5);
  });

  test("with the database away the counts stay in memory, still refuse, and are added once it is back", async () => {
    const table = sharedTable();
    let down = true;
    const errors: unknown[] = [];
    const limiter = new TrafficLimiter({
      store: async (hits) => {
        if (down) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        return table.store(hits);
      },
      now: clock().now,
      eagerShare: 2,
      onError: (error) => errors.push(error),
    });
    for (let i = 0; i < 7; i++) expect(allowed(limiter)).toBe(true);
    await limiter.flush();
    expect(errors).toHaveLength(1);
    for (let i = 0; i < 3; i++) expect(allowed(limiter)).toBe(true);
    expect(allowed(limiter)).toBe(false);
    down = false;
    await limiter.flush();
    expect([...table.rows.values()]).toEqual([{ windowStart: 10 * MINUTE, count: 10 }]);
    expect(allowed(limiter)).toBe(false);
  });

  test("counts of a window that ended while they were being added do not spill into the new one", async () => {
    const table = sharedTable();
    const time = clock(11 * MINUTE - 1);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const limiter = new TrafficLimiter({ store: async (hits) => (await gate, table.store(hits)), now: time.now, eagerShare: 2 });
    for (let i = 0; i < 10; i++) allowed(limiter);
    const flushing = limiter.flush();
    time.advance(1);
    expect(allowed(limiter)).toBe(true);
    release();
    await flushing;
    for (let i = 0; i < 8; i++) expect(allowed(limiter)).toBe(true);
    expect(allowed(limiter)).toBe(true);
    expect(allowed(limiter)).toBe(false);
  });
});

describe("the route classes", () => {
  test("every kind of request has its class; assets, /healthz and the API (with its own limit) have none", () => {
    expect(routeClass("GET", "/")).toBe("pages");
    expect(routeClass("GET", "/_root.data")).toBe("pages");
    expect(routeClass("HEAD", "/actiepunt/open-data.data")).toBe("pages");
    expect(routeClass("GET", "/zoeken")).toBe("search");
    expect(routeClass("GET", "/Zoeken/")).toBe("search");
    expect(routeClass("GET", "/zoeken.data")).toBe("search");
    expect(routeClass("GET", "/feeds/voorstellen")).toBe("feeds");
    expect(routeClass("GET", "/open-data/voorstellen.csv")).toBe("openData");
    expect(routeClass("GET", "/open-data")).toBe("pages");
    expect(routeClass("POST", "/voorstel/12.data")).toBe("supports");
    expect(routeClass("POST", "/voorstel/12/bewerken")).toBe("forms");
    expect(routeClass("POST", "/melden/reactie/3")).toBe("reports");
    expect(routeClass("POST", "/inloggen")).toBe("forms");
    expect(routeClass("GET", "/healthz")).toBeNull();
    expect(routeClass("GET", "/assets/entry.client-abc.js")).toBeNull();
    expect(routeClass("GET", "/api/v1/themas")).toBeNull();
    expect(routeClass("OPTIONS", "/api/v1/themas")).toBeNull();
  });

  test("every class limits per address more loosely than per person, and its bursts leave the whole window's share usable", () => {
    for (const [name, limits] of Object.entries(TRAFFIC_LIMITS)) {
      for (const [i, limit] of limits.perIp.entries()) {
        expect(limit.max, name).toBeGreaterThanOrEqual(limits.perPerson[i]!.max);
        expect(limit.windowSeconds, name).toBe(limits.perPerson[i]!.windowSeconds);
      }
      for (const [window, burst] of [limits.perIp, limits.perPerson]) {
        expect(burst!.windowSeconds, name).toBe(2);
        expect(burst!.max, name).toBeLessThan(window!.max);
        expect((burst!.max * window!.windowSeconds) / burst!.windowSeconds, name).toBeGreaterThanOrEqual(window!.max);
      }
    }
  });

  test("RATE_LIMITS scales the limits or turns them off; nonsense is refused", () => {
    expect(trafficLimitFactor(undefined)).toBe(1);
    expect(trafficLimitFactor("")).toBe(1);
    expect(trafficLimitFactor("off")).toBe(0);
    expect(trafficLimitFactor("OFF")).toBe(0);
    expect(trafficLimitFactor("2.5")).toBe(2.5);
    expect(() => trafficLimitFactor("0")).toThrow(/RATE_LIMITS/);
    expect(() => trafficLimitFactor("veel")).toThrow(/RATE_LIMITS/);
  });
});

describe("the middleware", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function site(factor: number, { trustProxy = true } = {}) {
    const warnings: string[] = [];
    const app = express();
    if (trustProxy) app.set("trust proxy", "loopback");
    // A clock that stands still, half a second into a two-second window and 30 s into a minute: no window ends during the test.
    const limiter = new TrafficLimiter({ store: sharedTable().store, now: () => 10 * MINUTE + 30_500, eagerShare: 2 });
    let served = 0;
    app.use(trafficLimit({ limiter, factor, warn: (message) => warnings.push(message) }));
    app.all("*", (_req, res) => void res.send(String(++served)));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server!.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, served: () => served, warnings };
  }

  test("past the limit: 429 with Retry-After and RateLimit-*, in the visitor's language, and nothing served", async () => {
    const s = await site(2); // search: 120 a minute per address, 10 within two seconds
    const from = (ip: string, headers: Record<string, string> = {}) => ({ headers: { "X-Forwarded-For": ip, Accept: "text/html", ...headers } });
    for (let i = 0; i < 10; i++) expect((await fetch(`${s.base}/zoeken?q=${i}`, from("198.51.100.7"))).status).toBe(200);
    const refused = await fetch(`${s.base}/zoeken?q=x`, from("198.51.100.7", { "Accept-Language": "en" }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("2");
    expect(refused.headers.get("RateLimit-Limit")).toBe("10");
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(refused.headers.get("RateLimit-Reset")).toBe("2");
    expect(await refused.text()).toContain("Wait 2 seconds");
    expect(s.served()).toBe(10);
    // Another address, and pages rather than search, are not affected.
    expect((await fetch(`${s.base}/zoeken?q=x`, from("198.51.100.8"))).status).toBe(200);
    expect((await fetch(`${s.base}/`, from("198.51.100.7"))).status).toBe(200);
    expect((await fetch(`${s.base}/healthz`, from("198.51.100.7"))).status).toBe(200);
    // With TRUST_PROXY set, X-Forwarded-For is expected: no warning.
    expect(s.warnings).toEqual([]);
  });

  test("a session is limited on its own too, and a `.data` request gets the 429 in Remix's encoding", async () => {
    const s = await site(2); // search: 60 a minute per person, 6 within two seconds
    const cookie = { "X-Forwarded-For": "198.51.100.9", Cookie: "lang=en; inspraak_session=abcdefgh" };
    for (let i = 0; i < 6; i++) expect((await fetch(`${s.base}/zoeken.data?q=${i}`, { headers: cookie })).status).toBe(200);
    const refused = await fetch(`${s.base}/zoeken.data?q=x&_routes=routes%2Fzoeken`, { headers: cookie });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("RateLimit-Limit")).toBe("6");
    const decoded = (await decodeSingleFetch(await refused.text())) as Record<string, { error: DecodedError }>;
    expect(decoded.root!.error.status).toBe(429);
    expect(decoded["routes/zoeken"]!.error.status).toBe(429);
    expect(decoded.root!.error.data).toMatch(/^Too many requests/);
    // The same address without that session still has its own allowance.
    expect((await fetch(`${s.base}/zoeken?q=x`, { headers: { "X-Forwarded-For": "198.51.100.9" } })).status).toBe(200);
  });

  test("behind a proxy without TRUST_PROXY it says so, once", async () => {
    const s = await site(1, { trustProxy: false });
    for (let i = 0; i < 3; i++) await (await fetch(`${s.base}/`, { headers: { "X-Forwarded-For": "198.51.100.10" } })).text();
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toContain("TRUST_PROXY");
  });
});
