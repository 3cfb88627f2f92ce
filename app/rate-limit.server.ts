import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
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

/** Keys are hashed: the table never holds an address or an IP in plain text. */
export function limitKey(limit: Limit, subject: string): string {
  return `${limit.name}:${encodeHexLowerCase(sha256(new TextEncoder().encode(subject.toLowerCase())))}`;
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
