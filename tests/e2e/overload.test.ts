import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createSession } from "#app/auth/session.server.ts";
import { closeDb, getPool } from "#db/client.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { createUser } from "#tests/setup/factories.ts";
import { acknowledged, getPage, postForm, publicThreadOf, supportableProposals, type Answer } from "#tests/setup/http.ts";
import { createTestDatabase } from "#tests/setup/postgres.ts";

// Two apps on one database. `app`: a pool of two connections with the default waits, for a burst of writes.
// `strict`: four connections, a lock timeout of one second and half a second's wait for a connection, small
// enough that this file can lock a table and fill the pool on two shared cores within seconds.
const SLUG = "open-data-communities";
let app: RunningApp;
let strict: RunningApp;
let database: { url: string; appUrl: string; drop: () => Promise<void> };
let threadId: number;
const people: { id: number; cookie: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "seeded");
  process.env.DATABASE_URL = database.url;
  [app, strict] = await Promise.all([
    startApp({ databaseUrl: database.appUrl, ownerUrl: database.url, env: { WORKERS: "off", DATABASE_POOL_SIZE: "2", RATE_LIMITS: "off" } }),
    startApp({
      databaseUrl: database.appUrl,
      ownerUrl: database.url,
      env: { WORKERS: "off", DATABASE_POOL_SIZE: "4", DATABASE_LOCK_TIMEOUT_MS: "1000", DATABASE_POOL_WAIT_MS: "500", DATABASE_STATEMENT_TIMEOUT_MS: "3000", RATE_LIMITS: "off" },
    }),
  ]);
  threadId = await publicThreadOf(SLUG);
  for (let i = 0; i < 100; i++) {
    const user = await createUser({ email: `druk-${i}-${Date.now()}@voorbeeld.nl` });
    const { token } = await createSession({ userId: user.id });
    people.push({ id: user.id, cookie: `inspraak_session=${token}` });
  }
});

afterAll(async () => {
  await Promise.all([app?.stop(), strict?.stop()]);
  await closeDb();
  await database?.drop();
});

/** A second connection of the test's own, outside the app. */
async function ownConnection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return client;
}

describe("a pool of two connections under a burst", () => {
  test("200 concurrent replies, supports and reports by 100 people: no 5xx, and every acknowledged write is stored", async () => {
    const proposals = await supportableProposals({ authorId: people[99]!.id, count: 20 });
    // Comments to report, posted by people outside the burst.
    for (let i = 0; i < 20; i++) {
      const answer = await postForm(app.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), bodyText: `Een reactie om te melden, nummer ${i}.` }, { cookie: people[80 + i]!.cookie });
      expect(acknowledged(answer.status)).toBe(true);
    }
    const { rows: targets } = await getPool().query<{ id: number }>("select id from comments where thread_id = $1 and status = 'published' order by id limit 50", [threadId]);
    expect(proposals.length).toBeGreaterThan(1);
    expect(targets.length).toBeGreaterThan(10);
    const marker = `druk-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const person = people[i % 80]!;
        const kind = i % 3;
        let answer: Answer;
        if (kind === 0) {
          answer = await postForm(app.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), bodyText: `${marker} reactie ${i}` }, { cookie: person.cookie });
        } else if (kind === 1) {
          answer = await postForm(app.url, `/voorstel/${proposals[i % proposals.length]!}`, { intent: "support" }, { cookie: person.cookie });
        } else {
          answer = await postForm(app.url, `/melden/reactie/${targets[i % targets.length]!.id}`, { reason: "off_topic" }, { cookie: person.cookie });
        }
        return { i, kind, person, answer };
      }),
    );
    expect(answers.filter(({ answer }) => answer.status >= 500).map(({ answer }) => `${answer.status} ${answer.body.slice(0, 120)}`)).toEqual([]);
    const { rows: stored } = await getPool().query<{ text: string }>("select body_html as text from comments where body_html like $1", [`%${marker}%`]);
    for (const { i, kind, person, answer } of answers) {
      if (!acknowledged(answer.status)) continue;
      if (kind === 0) expect(stored.some((row) => row.text.includes(`${marker} reactie ${i}`)), `reply ${i}`).toBe(true);
      if (kind === 1) {
        const { rowCount } = await getPool().query("select 1 from supports where proposal_id = $1 and user_id = $2", [proposals[i % proposals.length]!, person.id]);
        expect(rowCount, `support ${i}`).toBe(1);
      }
      if (kind === 2) {
        const { rowCount } = await getPool().query("select 1 from flags where target_type = 'comment' and target_id = $1 and reporter_id = $2", [targets[i % targets.length]!.id, person.id]);
        expect(rowCount, `report ${i}`).toBe(1);
      }
    }
    expect(answers.filter(({ answer }) => acknowledged(answer.status)).length).toBeGreaterThan(150);
  });

});

describe("connections killed during writes", () => {
  test("pg_terminate_backend on the app's connections every 100 ms for 4 s: never a 500, the process serves on, every acknowledged write is stored", async () => {
    const proposals = await supportableProposals({ authorId: people[99]!.id, count: 30 });
    const killer = await ownConnection();
    let stop = false;
    let kills = 0;
    const killing = (async () => {
      while (!stop) {
        const { rows } = await killer.query<{ n: number }>("select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'inspraak' and datname = current_database()");
        kills += rows[0]!.n;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const answers: { status: number; proposal: number; person: (typeof people)[number] }[] = [];
    const deadline = Date.now() + 4_000;
    let next = 0;
    try {
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (Date.now() < deadline) {
            const k = next++;
            const person = people[k % 80]!;
            const proposal = proposals[Math.floor(k / 80) % proposals.length]!;
            const response = await fetch(`${app.url}/voorstel/${proposal}.data`, {
              method: "POST",
              headers: { Origin: app.url, Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams({ intent: "support", respond: "data" }),
            });
            await response.arrayBuffer();
            answers.push({ status: response.status, proposal, person });
          }
        }),
      );
    } finally {
      stop = true;
      await killing;
      await killer.end();
    }
    expect(kills).toBeGreaterThan(5);
    expect(app.process.exitCode).toBeNull();
    expect([...new Set(answers.map((answer) => answer.status))].filter((status) => status >= 500 && status !== 503)).toEqual([]);
    for (const answer of answers.filter((a) => a.status === 200)) {
      const { rowCount } = await getPool().query("select 1 from supports where proposal_id = $1 and user_id = $2", [answer.proposal, answer.person.id]);
      expect(rowCount, `support ${answer.proposal}/${answer.person.id}`).toBe(1);
    }
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(20);
    expect((await getPage(app.url, `/actiepunt/${SLUG}`)).status).toBe(200);
  });
});

describe("bounded waits: four connections, a lock timeout of 1 s, half a second's wait for a connection", () => {
  test("a table locked for 4 s: the writes that need it answer 503 after the lock timeout, an unrelated page stays fast", async () => {
    const [proposal] = await supportableProposals({ authorId: people[99]!.id, count: 1 });
    const holder = await ownConnection();
    try {
      await holder.query("begin");
      await holder.query("lock table proposals in access exclusive mode");
      // Three writes wait for the lock, each on a connection of its own; the fourth connection serves the rest.
      const blocked = Promise.all(people.slice(0, 3).map((person) => postForm(strict.url, `/voorstel/${proposal!}`, { intent: "support" }, { cookie: person.cookie })));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const unrelated: Answer[] = [];
      for (let i = 0; i < 10; i++) unrelated.push(await getPage(strict.url, `/actiepunt/${SLUG}`));
      const writes = await blocked;
      for (const write of writes) {
        expect(write.status).toBe(503);
        expect(write.headers.get("retry-after")).toBe("5");
        expect(write.ms).toBeGreaterThanOrEqual(900);
        expect(write.ms).toBeLessThan(2_500);
      }
      expect(unrelated.map((page) => page.status)).toEqual(Array(10).fill(200));
      expect(Math.max(...unrelated.map((page) => page.ms))).toBeLessThan(900);
      await holder.query("rollback");
    } finally {
      await holder.end();
    }
    // Recovery is immediate.
    expect((await postForm(strict.url, `/voorstel/${proposal!}`, { intent: "support" }, { cookie: people[50]!.cookie })).status).toBeLessThan(400);
  });

  test("a pool filled with waiting requests: the next ones get 503 in bounded time, /healthz stays fast, and recovery is immediate", async () => {
    const holder = await ownConnection();
    try {
      await holder.query("begin");
      await holder.query("lock table comments in access exclusive mode");
      // Six action point pages wait for the lock: four hold the pool's connections for up to a second, two wait.
      const slow = Promise.all(Array.from({ length: 6 }, () => getPage(strict.url, `/actiepunt/${SLUG}`)));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const started = Date.now();
      const [next, health] = await Promise.all([Promise.all(Array.from({ length: 8 }, () => getPage(strict.url, "/voorstellen"))), getPage(strict.url, "/healthz")]);
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(1_000);
      for (const page of next) {
        expect(page.status).toBe(503);
        expect(page.headers.get("retry-after")).toBe("5");
        expect(page.ms).toBeLessThan(1_500);
      }
      expect(Date.now() - started).toBeLessThan(1_500);
      const waited = await slow;
      expect(waited.every((page) => page.status === 503)).toBe(true);
    } finally {
      await holder.query("rollback").catch(() => {});
      await holder.end();
    }
    const after = await getPage(strict.url, "/voorstellen");
    expect(after.status).toBe(200);
  });
});
