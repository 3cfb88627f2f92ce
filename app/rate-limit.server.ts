import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { rateLimits } from "#db/schema.ts";

export type Limit = { name: string; max: number; windowSeconds: number };

/** The limits of the app, in one place. */
export const LIMITS = {
  signInPerAccount: { name: "sign-in:account", max: 10, windowSeconds: 15 * 60 },
  signInPerIp: { name: "sign-in:ip", max: 50, windowSeconds: 15 * 60 },
  registerPerIp: { name: "register:ip", max: 10, windowSeconds: 60 * 60 },
  resetPerIp: { name: "reset:ip", max: 10, windowSeconds: 60 * 60 },
  resetPerAccount: { name: "reset:account", max: 3, windowSeconds: 60 * 60 },
  verifyMailPerAccount: { name: "verify:account", max: 3, windowSeconds: 60 * 60 },
  commentPerUser: { name: "comment:user", max: 10, windowSeconds: 10 * 60 },
  proposalPerUser: { name: "proposal:user", max: 5, windowSeconds: 24 * 60 * 60 },
  /** Reading the JSON API at /api/v1/, per client IP. */
  apiPerIp: { name: "api:ip", max: 600, windowSeconds: 60 },
} satisfies Record<string, Limit>;

/** A limit per window, and one over two seconds, so the window's share cannot be spent in one burst. */
function withBurst(name: string, max: number, windowSeconds: number, burst: number): Limit[] {
  return [
    { name, max, windowSeconds },
    { name: `${name}:burst`, max: burst, windowSeconds: 2 },
  ];
}

/**
 * Per-client limits on every kind of request, per IP address and, with a
 * session cookie, per session too: so many a minute (reports: ten minutes),
 * and so many within two seconds of a clock-aligned window, which spreads
 * what a script is let through instead of serving it all at once. A person
 * reading, searching and taking part never comes near them; a script does.
 * The per-IP figures are about twice the per-person ones, as one address (an
 * office, a school, a library) may carry many people. RATE_LIMITS scales
 * them all or turns them off (server/traffic-limit.ts); the limits above stay
 * as they are. The API keeps its own (apiPerIp).
 */
export const TRAFFIC_LIMITS = {
  /** Pages and their data (`.data`), GET and HEAD. */
  pages: { perIp: withBurst("pages:ip", 600, 60, 30), perPerson: withBurst("pages:person", 300, 60, 15) },
  /** /zoeken: each search is a full-text query, the most expensive page. */
  search: { perIp: withBurst("search:ip", 60, 60, 5), perPerson: withBurst("search:person", 30, 60, 3) },
  /** /feeds/…: a feed reader asks every few minutes. */
  feeds: { perIp: withBurst("feeds:ip", 60, 60, 5), perPerson: withBurst("feeds:person", 60, 60, 5) },
  /** /open-data/… files: each is a whole table. */
  openData: { perIp: withBurst("open-data:ip", 60, 60, 5), perPerson: withBurst("open-data:person", 60, 60, 5) },
  /** Posts to a proposal: supporting, withdrawing support, commenting, responding. */
  supports: { perIp: withBurst("supports:ip", 240, 60, 10), perPerson: withBurst("supports:person", 120, 60, 5) },
  /** Reporting a contribution (/melden/…). */
  reports: { perIp: withBurst("reports:ip", 60, 10 * 60, 4), perPerson: withBurst("reports:person", 30, 10 * 60, 2) },
  /** Every other form: comments, likes, following, moderation, admin, signing in (which has its own limits too). */
  forms: { perIp: withBurst("forms:ip", 240, 60, 16), perPerson: withBurst("forms:person", 120, 60, 8) },
} satisfies Record<string, { perIp: Limit[]; perPerson: Limit[] }>;

export type RouteClass = keyof typeof TRAFFIC_LIMITS;

/** Keys are hashed: the table never holds an address or an IP in plain text. */
export function limitKey(limit: Limit, subject: string): string {
  return `${limit.name}:${createHash("sha256").update(subject.toLowerCase()).digest("hex")}`;
}

/**
 * Counts one attempt in a fixed window, atomically (one upsert), so it holds
 * across app instances and parallel requests. Returns whether it is allowed
 * and, when not, how many seconds until the window ends.
 */
export async function consume({ limit, subject, db = getDb() }: { limit: Limit; subject: string; db?: Executor }) {
  const key = limitKey(limit, subject);
  const window = sql`make_interval(secs => ${limit.windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= now() - ${window} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= now() - ${window} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`greatest(1, ceil(extract(epoch from (${rateLimits.windowStart} + ${window} - now()))))::int`,
    });
  const allowed = row!.count <= limit.max;
  // `remaining` and `resetSeconds` are for RateLimit-* response headers (the API sends them on every answer).
  return { allowed, retryAfter: allowed ? 0 : row!.retryAfter, remaining: Math.max(0, limit.max - row!.count), resetSeconds: row!.retryAfter };
}

/** Forgets the attempts, e.g. after a successful sign-in. */
export async function reset({ limit, subject, db = getDb() }: { limit: Limit; subject: string; db?: Executor }) {
  await db.delete(rateLimits).where(eq(rateLimits.key, limitKey(limit, subject)));
}

/** Requests one instance counted for one key in one fixed window (epoch milliseconds of its start). */
export type TrafficHits = { key: string; windowStart: number; count: number };

/**
 * Adds the requests an instance counted since its last flush, for many keys
 * in one statement, and returns each key's total in its window over all
 * instances. A row of an earlier window starts again from these hits; hits for
 * a window older than the row's (an instance whose clock is behind) are
 * dropped. Keys are taken in order, so two instances flushing at once never
 * wait on each other's rows in opposite order.
 */
export async function addTrafficHits({ hits, db = getDb() }: { hits: TrafficHits[]; db?: Executor }): Promise<TrafficHits[]> {
  if (hits.length === 0) return [];
  const result = await db.execute(sql`
    insert into ${rateLimits} (key, window_start, count)
    select key, to_timestamp(window_ms / 1000.0), count
    from jsonb_to_recordset(${JSON.stringify(hits.map((hit) => ({ key: hit.key, window_ms: hit.windowStart, count: hit.count })))}::jsonb)
      as hit(key text, window_ms float8, count int)
    order by key
    on conflict (key) do update set
      count = case
        when ${rateLimits}.window_start = excluded.window_start then ${rateLimits}.count + excluded.count
        when ${rateLimits}.window_start < excluded.window_start then excluded.count
        else ${rateLimits}.count end,
      window_start = greatest(${rateLimits}.window_start, excluded.window_start)
    returning key, (extract(epoch from window_start) * 1000)::float8 as window_ms, count`);
  return rowsOf<{ key: string; window_ms: number | string; count: number | string }>(result).map((row) => ({
    key: row.key,
    windowStart: Number(row.window_ms),
    count: Number(row.count),
  }));
}

/** The rows of `db.execute`, whichever shape the driver gives them (an array, or `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
