import type { NextFunction, Request, Response } from "express";
import { addTrafficHits, limitKey, TRAFFIC_LIMITS, type Limit, type RouteClass, type TrafficHits } from "../app/rate-limit.server.ts";
import { limitedHeaders } from "../app/retry-after.ts";
import { refuse } from "./refusal.ts";

export type TrafficStore = (hits: TrafficHits[]) => Promise<TrafficHits[]>;

type Entry = { key: string; limit: Limit; windowStart: number; shared: number; pending: number; sending: number };

export type Check = { limit: Limit; subject: string };
export type Decision = { allowed: true } | { allowed: false; limit: Limit; retryAfter: number };

const MAX_BATCH = 1000;

/**
 * Per-client limits on every kind of request (TRAFFIC_LIMITS), cheap enough
 * to check in front of the page cache.
 *
 * Each instance counts requests per (limit, client) in memory and decides
 * from the count it last read back from PostgreSQL for the current window
 * plus what it counted since; it adds its counts to PostgreSQL in one
 * statement every `flushMs`, and sooner when one count grows by a tenth of
 * its limit. So a limit holds across instances within about one flush, and a
 * flooding client is refused from memory, without a database round trip. The
 * windows are fixed and aligned to the clock, so every instance agrees on them
 * without asking. When the database cannot be reached the counts stay in
 * memory (each instance then limits on its own) and are added once it is back:
 * a request never fails because of the limiter.
 *
 * Memory is bounded: at most `maxKeys` clients are tracked, the least recently
 * seen forgotten first.
 */
export class TrafficLimiter {
  private readonly entries = new Map<string, Entry>();
  /** Entries with counts not yet added to the database. */
  private readonly dirty = new Set<Entry>();
  private readonly store: TrafficStore;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly flushMs: number;
  private readonly eagerShare: number;
  private readonly onError: (error: unknown) => void;
  private flushing: Promise<void> | null = null;
  private again = false;
  private soon = false;
  private lastFlush = -Infinity;
  private timer: NodeJS.Timeout | undefined;

  constructor({
    store,
    now = Date.now,
    maxKeys = 50_000,
    flushMs = 250,
    eagerShare = 0.1,
    onError = () => {},
  }: {
    store: TrafficStore;
    now?: () => number;
    maxKeys?: number;
    flushMs?: number;
    /** Flush at once when a client's unflushed count reaches this share of its limit. */
    eagerShare?: number;
    onError?: (error: unknown) => void;
  }) {
    this.store = store;
    this.now = now;
    this.maxKeys = maxKeys;
    this.flushMs = flushMs;
    this.eagerShare = eagerShare;
    this.onError = onError;
  }

  /** How many clients are tracked. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Counts one request against every check, or none of them when one is used
   * up: then the answer says which limit and how many seconds until its window ends.
   */
  take(checks: Check[]): Decision {
    const now = this.now();
    const entries = checks.map((check) => this.entry(check, now));
    let refused: Decision = { allowed: true };
    for (const entry of entries) {
      if (entry.shared + entry.sending + entry.pending < entry.limit.max) continue;
      const retryAfter = Math.max(1, Math.ceil((entry.windowStart + entry.limit.windowSeconds * 1000 - now) / 1000));
      if (refused.allowed || retryAfter > refused.retryAfter) refused = { allowed: false, limit: entry.limit, retryAfter };
    }
    if (!refused.allowed) return refused;
    for (const entry of entries) {
      entry.pending++;
      this.dirty.add(entry);
      if (entry.pending >= Math.max(1, Math.floor(entry.limit.max * this.eagerShare))) this.flushSoon();
    }
    return refused;
  }

  private entry({ limit, subject }: Check, now: number): Entry {
    const id = `${limit.name}\n${subject}`;
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    let entry = this.entries.get(id);
    if (entry) {
      // Most recently seen last, so the first entries are the ones to forget.
      this.entries.delete(id);
      if (entry.windowStart !== windowStart) Object.assign(entry, { windowStart, shared: 0, pending: 0, sending: 0 });
    } else {
      if (this.entries.size >= this.maxKeys) this.forgetOldest();
      entry = { key: limitKey(limit, subject), limit, windowStart, shared: 0, pending: 0, sending: 0 };
    }
    this.entries.set(id, entry);
    return entry;
  }

  /**
   * The least recently seen tenth goes, with what it had not added yet, so
   * memory stays bounded even while the database is away. A tenth at a time:
   * a Map walked from its start after many deletions there is slow.
   */
  private forgetOldest() {
    const keep = Math.floor(this.maxKeys * 0.9);
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= keep) break;
      this.entries.delete(id);
      this.dirty.delete(entry);
    }
  }

  /** An early flush, but not more often than five times per flush interval: small limits ask for one on every request. */
  private flushSoon() {
    if (this.soon) return;
    this.soon = true;
    const run = () => {
      this.soon = false;
      void this.flush();
    };
    const wait = this.lastFlush + this.flushMs / 5 - performance.now();
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait).unref();
  }

  /** Adds what this instance counted to PostgreSQL and reads back the totals; one flush at a time. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        this.lastFlush = performance.now();
        await this.flushOnce();
      } while (this.again);
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async flushOnce() {
    const batch: { entry: Entry; windowStart: number; count: number }[] = [];
    for (const entry of this.dirty) {
      if (batch.length === MAX_BATCH) {
        this.again = true;
        break;
      }
      this.dirty.delete(entry);
      if (entry.pending === 0) continue;
      batch.push({ entry, windowStart: entry.windowStart, count: entry.pending });
      entry.sending += entry.pending;
      entry.pending = 0;
    }
    if (batch.length === 0) return;
    let totals: Map<string, TrafficHits>;
    try {
      totals = new Map((await this.store(batch.map(({ entry, windowStart, count }) => ({ key: entry.key, windowStart, count })))).map((row) => [row.key, row]));
    } catch (error) {
      // Kept for the next flush; meanwhile they still count here.
      for (const { entry, windowStart, count } of batch) {
        if (entry.windowStart !== windowStart) continue;
        entry.sending -= count;
        entry.pending += count;
        this.dirty.add(entry);
      }
      this.again = false;
      this.onError(error);
      return;
    }
    for (const { entry, windowStart, count } of batch) {
      // A window that ended meanwhile has started from nothing.
      if (entry.windowStart !== windowStart) continue;
      entry.sending -= count;
      const total = totals.get(entry.key);
      if (total && total.windowStart === windowStart) entry.shared = Math.max(entry.shared, total.count);
    }
  }

  /** Forgets the clients whose window has ended (what they still had to add belongs to a window that is over). */
  sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.windowStart + entry.limit.windowSeconds * 1000 > now) continue;
      this.entries.delete(id);
      this.dirty.delete(entry);
    }
  }

  start(): void {
    let ticks = 0;
    const sweepEvery = Math.max(1, Math.round(30_000 / this.flushMs));
    this.timer ??= setInterval(() => {
      if (++ticks % sweepEvery === 0) this.sweep();
      void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and adds what is still counted. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}

/** The route class of a request, or null for what is never limited (assets, /healthz, the API with its own limit). */
export function routeClass(method: string, path: string): RouteClass | null {
  let route = path.toLowerCase();
  if (route.endsWith(".data")) route = route.slice(0, -".data".length);
  if (route.length > 1 && route.endsWith("/")) route = route.slice(0, -1);
  if (route === "/healthz" || route.startsWith("/assets/") || route === "/api" || route.startsWith("/api/")) return null;
  if (method === "GET" || method === "HEAD") {
    if (route === "/zoeken") return "search";
    if (route.startsWith("/feeds/")) return "feeds";
    if (route.startsWith("/open-data/")) return "openData";
    return "pages";
  }
  if (route.startsWith("/melden/")) return "reports";
  if (/^\/voorstel\/[^/]+$/.test(route)) return "supports";
  return "forms";
}

/** RATE_LIMITS: unset or a number that scales every traffic limit (2: twice as many requests), "off" for none. */
export function trafficLimitFactor(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === "") return 1;
  if (setting.trim().toLowerCase() === "off") return 0;
  const factor = Number(setting);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`RATE_LIMITS must be "off" or a positive number (a factor for every limit), not "${setting}".`);
  return factor;
}

type Scaled = Record<RouteClass, { perIp: Limit[]; perPerson: Limit[] }>;

function scaled(factor: number): Scaled {
  const scale = (limits: Limit[]) => limits.map((limit): Limit => ({ ...limit, max: Math.max(1, Math.round(limit.max * factor)) }));
  return Object.fromEntries(Object.entries(TRAFFIC_LIMITS).map(([name, limits]) => [name, { perIp: scale(limits.perIp), perPerson: scale(limits.perPerson) }])) as Scaled;
}

const SESSION = /(?:^|;\s*)(?:__Host-)?inspraak_session=([^;]+)/;

/**
 * The Express middleware: classifies the request, counts it per IP address
 * (req.ip, which honours TRUST_PROXY) and per session, and answers 429 with
 * Retry-After and RateLimit-* when a limit is used up. The session token is
 * not looked up: a made-up cookie only adds a key, the per-IP limit still holds.
 */
export function trafficLimit({ limiter, factor = 1, warn = console.warn }: { limiter: TrafficLimiter; factor?: number; warn?: (message: string) => void }) {
  const limits = scaled(factor);
  let warned = false;
  return (req: Request, res: Response, next: NextFunction) => {
    const kind = routeClass(req.method, req.path);
    if (!kind) return next();
    // Behind a proxy without TRUST_PROXY every client has the proxy's address, and shares its limits with everyone.
    if (!warned && req.headers["x-forwarded-for"] && !req.app.get("trust proxy")) {
      warned = true;
      warn("[rate limits] requests come through a proxy (X-Forwarded-For) but TRUST_PROXY is not set: all clients count as the proxy's one address");
    }
    const ip = `ip:${req.ip ?? "unknown"}`;
    const checks: Check[] = limits[kind].perIp.map((limit) => ({ limit, subject: ip }));
    const session = req.headers.cookie ? SESSION.exec(req.headers.cookie)?.[1] : undefined;
    if (session) for (const limit of limits[kind].perPerson) checks.push({ limit, subject: `session:${session}` });
    const decision = limiter.take(checks);
    if (decision.allowed) return next();
    refuse(req, res, {
      status: 429,
      title: "error.tooMany.title",
      text: "error.tooManyRequests.text",
      params: { seconds: decision.retryAfter },
      headers: limitedHeaders(decision.limit.max, decision.retryAfter),
    });
  };
}

/** The limiter of this process, flushing to the app's database. */
export function databaseTrafficLimiter(): TrafficLimiter {
  let lastReport = 0;
  return new TrafficLimiter({
    store: (hits) => addTrafficHits({ hits }),
    onError: (error) => {
      // Once a minute at most: while the database is away every flush fails.
      if (Date.now() - lastReport < 60_000) return;
      lastReport = Date.now();
      console.error("[rate limits] could not add counts to the database; counting in memory meanwhile", error);
    },
  });
}
