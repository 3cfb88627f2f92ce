import { like } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { addTrafficHits, limitKey, LIMITS, type Limit } from "#app/rate-limit.server.ts";
import { action as accountAction } from "#app/routes/account._index.tsx";
import { action as registerAction } from "#app/routes/registreren.tsx";
import { action as forgotAction } from "#app/routes/wachtwoord-vergeten.tsx";
import { getDb } from "#db/client.ts";
import { rateLimits } from "#db/schema.ts";
import { createUser, PASSWORD } from "#tests/setup/factories.ts";
import { args, post, unwrap } from "#tests/setup/requests.ts";
import { TrafficLimiter } from "../../server/traffic-limit.ts";

// Two limiters on one database stand for two app instances: what one counts, the other honours after a flush.
const MINUTE = 60_000;
const WINDOW = Date.UTC(2030, 0, 1, 12, 0);

function instance(now: () => number) {
  return new TrafficLimiter({ store: (hits) => addTrafficHits({ hits }), now, eagerShare: 2 });
}

const take = (limiter: TrafficLimiter, limit: Limit, subject: string) => limiter.take([{ limit, subject }]).allowed;

describe("counts shared through PostgreSQL", () => {
  test("two instances count one client together, within one flush; the table holds no address", async () => {
    const limit: Limit = { name: "it-pages:ip", max: 10, windowSeconds: 60 };
    const now = () => WINDOW + 5000;
    const a = instance(now);
    const b = instance(now);
    for (let i = 0; i < 6; i++) expect(take(a, limit, "ip:203.0.113.5")).toBe(true);
    await a.flush();
    for (let i = 0; i < 4; i++) expect(take(b, limit, "ip:203.0.113.5")).toBe(true);
    await b.flush();
    // B has added its 4 to A's 6: the client is at its limit on B.
    expect(take(b, limit, "ip:203.0.113.5")).toBe(false);
    // A still thinks 6, lets one through, and knows better after its flush.
    expect(take(a, limit, "ip:203.0.113.5")).toBe(true);
    await a.flush();
    expect(take(a, limit, "ip:203.0.113.5")).toBe(false);

    const rows = await getDb().select().from(rateLimits).where(like(rateLimits.key, "it-pages:ip:%"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toBe(limitKey(limit, "ip:203.0.113.5"));
    expect(rows[0]!.key).not.toContain("203.0.113.5");
    expect(rows[0]!.count).toBe(11);
    expect(rows[0]!.windowStart.getTime()).toBe(WINDOW);
  });

  test("many clients flushed by both instances at the same moment add up exactly, without waiting on each other", async () => {
    const limit: Limit = { name: "it-search:ip", max: 1000, windowSeconds: 60 };
    const now = () => WINDOW + 1000;
    const a = instance(now);
    const b = instance(now);
    // 300 clients, each seen 3 times on A and twice on B, in opposite orders.
    for (let round = 0; round < 3; round++) for (let c = 0; c < 300; c++) take(a, limit, `ip:c${c}`);
    for (let round = 0; round < 2; round++) for (let c = 299; c >= 0; c--) take(b, limit, `ip:c${c}`);
    await Promise.all([a.flush(), b.flush()]);
    const rows = await getDb().select({ count: rateLimits.count }).from(rateLimits).where(like(rateLimits.key, "it-search:ip:%"));
    expect(rows).toHaveLength(300);
    expect(rows.every((row) => row.count === 5)).toBe(true);
  });

  test("a new window starts from the new counts; counts for a window already over are dropped", async () => {
    const limit: Limit = { name: "it-feeds:ip", max: 3, windowSeconds: 60 };
    let time = WINDOW + 59_000;
    const a = instance(() => time);
    for (let i = 0; i < 3; i++) take(a, limit, "ip:x");
    await a.flush();
    expect(take(a, limit, "ip:x")).toBe(false);
    time += 2000;
    expect(take(a, limit, "ip:x")).toBe(true);
    await a.flush();
    const key = limitKey(limit, "ip:x");
    const [row] = await addTrafficHits({ hits: [{ key, windowStart: WINDOW, count: 50 }] });
    // An instance whose clock is behind adds to the minute that is over: nothing changes.
    expect(row).toEqual({ key, windowStart: WINDOW + MINUTE, count: 1 });
    expect(await addTrafficHits({ hits: [] })).toEqual([]);
  });
});

describe("every 429 says when to try again", () => {
  /** A limit used up a minute ago, as if the attempts had been made. */
  async function usedUp(limit: Limit, subject: string) {
    await getDb()
      .insert(rateLimits)
      .values({ key: limitKey(limit, subject), windowStart: new Date(Date.now() - 60_000), count: limit.max });
  }

  test("registering, asking for a reset link and resending the confirmation mail: Retry-After and RateLimit-*", async () => {
    const ip = "198.51.100.201";
    await usedUp(LIMITS.registerPerIp, ip);
    await usedUp(LIMITS.resetPerIp, ip);
    const person = await createUser({ verified: false });
    await usedUp(LIMITS.verifyMailPerAccount, String(person.id));

    const answers = {
      register: unwrap(await registerAction(args(post("/registreren", { email: "nieuw@voorbeeld.nl", displayName: "Nieuw", password: PASSWORD }), {}, ip))),
      reset: unwrap(await forgotAction(args(post("/wachtwoord-vergeten", { email: person.email }), {}, ip))),
      resend: unwrap(await accountAction(args(post("/account", { intent: "resend" }, { cookie: person.cookie })))),
    };
    const expected = { register: LIMITS.registerPerIp, reset: LIMITS.resetPerIp, resend: LIMITS.verifyMailPerAccount };
    for (const [name, answer] of Object.entries(answers)) {
      const limit = expected[name as keyof typeof expected];
      expect(answer.status, name).toBe(429);
      const seconds = Number(answer.headers.get("Retry-After"));
      // The window started a minute ago: the rest of it, give or take a second.
      expect(seconds, name).toBeGreaterThan(limit.windowSeconds - 65);
      expect(seconds, name).toBeLessThanOrEqual(limit.windowSeconds - 59);
      expect(answer.headers.get("RateLimit-Limit"), name).toBe(String(limit.max));
      expect(answer.headers.get("RateLimit-Remaining"), name).toBe("0");
      expect(answer.headers.get("RateLimit-Reset"), name).toBe(String(seconds));
    }
  });
});
