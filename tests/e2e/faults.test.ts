import net from "node:net";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateToken } from "#app/auth/session.server.ts";
import { QUEUES } from "#app/jobs.server.ts";
import { closeDb, getDb, rowsOf } from "#db/client.ts";
import { freePort } from "#db/embedded.ts";
import { comments, emailTokens, outbox, sessions, supports, users } from "#db/schema.ts";
import { startApp, startWorker, type RunningApp } from "#tests/setup/app.ts";
import { createUser } from "#tests/setup/factories.ts";
import { acknowledged, getPage, postForm, publicThreadOf, richBody, supportableProposals, type Answer } from "#tests/setup/http.ts";
import { startOwnPostgres, type OwnPostgres } from "#tests/setup/own-postgres.ts";
import { startSmtp } from "#tests/setup/smtp.ts";

// This file stops PostgreSQL, kills the app and leaves SMTP down, so it runs on a server of its own.
// The app runs without workers (WORKERS=off); the mail test starts a separate worker process.
let pg: OwnPostgres;
let app: RunningApp;
let smtpPort: number;
let env: Record<string, string>;
let threadId: number;
let clientNumber = 0;

const SLUG = "open-data-communities";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Each registration comes from its own client address (TRUST_PROXY=loopback), so the per-IP limit is not what is tested. */
const fromClient = () => ({ "X-Forwarded-For": `198.51.100.${++clientNumber % 250}` });

beforeAll(async () => {
  pg = await startOwnPostgres("faults");
  smtpPort = await freePort();
  env = {
    SECRET: "storingen-overleven-met-een-geheim-van-32-tekens",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_RETRY_DELAY_SECONDS: "1",
    WORKERS: "off",
    TRUST_PROXY: "loopback",
  };
  app = await startApp({ databaseUrl: pg.appUrl, ownerUrl: pg.databaseUrl, env });
  process.env.DATABASE_URL = pg.databaseUrl;
  threadId = await publicThreadOf(SLUG);
});

afterAll(async () => {
  await app?.stop();
  await closeDb();
  await pg?.remove();
});

async function count(query: Promise<{ n: number }[]>) {
  return (await query)[0]!.n;
}

/**
 * Rows that belong together were written together: every counter equals the
 * rows it counts, every support has its budget unit and its follow, every
 * registered person their confirmation link and mail, every mail its job.
 */
async function expectNoHalfWrittenRows() {
  const db = getDb();
  const rows = async (query: ReturnType<typeof sql>) => Array.from((rowsOf(await db.execute(query))) as Iterable<Record<string, unknown>>);
  expect(
    await rows(sql`select t.id from threads t where t.comment_count <> (select count(*) from comments c where c.thread_id = t.id and c.status = 'published')`),
  ).toEqual([]);
  expect(
    await rows(sql`select c.id from comments c where c.reply_count <> (select count(*) from comments r where r.root_id = c.id and r.status = 'published')`),
  ).toEqual([]);
  expect(await rows(sql`select p.id from proposals p where p.support_count <> (select count(*) from supports s where s.proposal_id = p.id)`)).toEqual([]);
  expect(
    await rows(sql`select b.user_id from support_budgets b where b.used <> (select count(*) from supports s join proposals p on p.id = s.proposal_id where s.user_id = b.user_id and p.plan_id = b.plan_id)`),
  ).toEqual([]);
  expect(
    await rows(sql`select s.user_id from supports s where not exists (select 1 from follows f where f.user_id = s.user_id and f.subject_type = 'proposal' and f.subject_id = s.proposal_id)`),
  ).toEqual([]);
  // Comments are written whole: the stored HTML is rendered from the stored document in the same insert.
  expect(await rows(sql`select id from comments where body_html = '' or body is null`)).toEqual([]);
  expect(await rows(sql`select u.id from users u where u.password_hash is null`)).toEqual([]);
  expect(
    await rows(sql`select u.id from users u where u.email like 'registratie-%' and not exists (select 1 from email_tokens e where e.user_id = u.id and e.purpose = 'verify_email')`),
  ).toEqual([]);
  expect(await rows(sql`select u.id from users u where u.email like 'registratie-%' and not exists (select 1 from outbox o where o.user_id = u.id)`)).toEqual([]);
  // (pg-boss makes its schema when the first job is queued.)
  if ((await rows(sql`select 1 from outbox`)).length) {
    expect(
      await rows(sql`select o.id from outbox o where not exists (select 1 from pgboss.job j where j.name = ${QUEUES.mail} and j.singleton_key = 'mail:' || o.id)`),
    ).toEqual([]);
  }
}

describe("PostgreSQL stops and comes back", () => {
  test("writes during the outage answer within 2 s with success or 503, the app recovers by itself, and every acknowledged write is there", async () => {
    const author = await createUser();
    const [proposalId] = await supportableProposals({ authorId: author.id, count: 1 });
    const commenters = await Promise.all(Array.from({ length: 16 }, () => createUser()));
    const supporters = await Promise.all(Array.from({ length: 160 }, () => createUser()));
    let nextSupporter = 0;
    const commentsBy = new Map<number, number>();

    type Attempt = { kind: "comment" | "support"; key: string; answer: Answer | null; error?: string; phase: string };
    const attempts: Attempt[] = [];
    let phase = "up";
    let running = true;

    async function lane(kind: "comment" | "support", index: number) {
      for (let step = 0; running && step < 80; step++) {
        let key: string;
        let request: Promise<Answer>;
        if (kind === "comment") {
          // Ten comments per person per ten minutes is the limit; the lanes stay under it.
          const person = commenters[index * 8 + (step % 8)]!;
          commentsBy.set(person.id, (commentsBy.get(person.id) ?? 0) + 1);
          key = `storing-${index}-${step}-${Date.now()}`;
          request = postForm(app.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), body: richBody(key) }, { cookie: person.cookie, timeoutMs: 5000 });
        } else {
          const person = supporters[nextSupporter++ % supporters.length]!;
          key = String(person.id);
          request = postForm(app.url, `/voorstel/${proposalId}`, { intent: "support" }, { cookie: person.cookie, timeoutMs: 5000 });
        }
        const seenIn = phase;
        try {
          attempts.push({ kind, key, answer: await request, phase: seenIn });
        } catch (error) {
          attempts.push({ kind, key, answer: null, error: String(error), phase: seenIn });
        }
        await pause(80);
      }
    }

    const lanes = [lane("comment", 0), lane("comment", 1), lane("support", 0), lane("support", 1)];
    await pause(600);
    phase = "down";
    await pg.stop();
    await pause(1500);
    expect(app.process.exitCode).toBeNull();
    phase = "restarting";
    await pg.start();
    // Back by itself: /healthz turns 200 without anyone touching the app.
    for (let tries = 0; tries < 100 && (await fetch(`${app.url}/healthz`)).status !== 200; tries++) await pause(100);
    phase = "up again";
    await pause(1000);
    running = false;
    await Promise.all(lanes);

    expect(app.process.exitCode).toBeNull();
    expect(Math.max(...commentsBy.values())).toBeLessThanOrEqual(10);
    // No hang and no 500: every request was answered, within 2 s, with success or 503 (then with Retry-After).
    expect(attempts.filter((attempt) => attempt.answer === null)).toEqual([]);
    const unexpected = attempts.filter((attempt) => !acknowledged(attempt.answer!.status) && attempt.answer!.status !== 503);
    expect(unexpected.map((attempt) => `${attempt.kind} ${attempt.answer!.status} ${attempt.phase}`)).toEqual([]);
    expect(attempts.filter((attempt) => attempt.answer!.ms >= 2000).map((attempt) => `${attempt.kind} ${attempt.answer!.ms} ms ${attempt.phase}`)).toEqual([]);
    expect(attempts.filter((attempt) => attempt.answer!.status === 503).every((attempt) => attempt.answer!.headers.get("Retry-After") === "5")).toBe(true);
    // The outage was real, and writes succeeded before and after it.
    expect(attempts.some((attempt) => attempt.phase === "down" && attempt.answer!.status === 503)).toBe(true);
    expect(attempts.some((attempt) => attempt.phase === "up" && acknowledged(attempt.answer!.status))).toBe(true);
    expect(attempts.filter((attempt) => attempt.phase === "up again" && acknowledged(attempt.answer!.status)).length).toBeGreaterThanOrEqual(4);

    const acked = attempts.filter((attempt) => acknowledged(attempt.answer!.status));
    const ackedComments = acked.filter((attempt) => attempt.kind === "comment").map((attempt) => attempt.key);
    const ackedSupporters = acked.filter((attempt) => attempt.kind === "support").map((attempt) => Number(attempt.key));
    const stored = await getDb().select({ html: comments.bodyHtml }).from(comments).where(like(comments.bodyHtml, "%storing-%"));
    for (const key of ackedComments) expect(stored.filter((row) => row.html.includes(`${key} `))).toHaveLength(1);
    const supported = await getDb().select({ userId: supports.userId }).from(supports).where(eq(supports.proposalId, proposalId!));
    for (const id of ackedSupporters) expect(supported.some((row) => row.userId === id)).toBe(true);
    await expectNoHalfWrittenRows();
    console.log(
      `outage: ${attempts.length} writes, ${acked.length} acknowledged (${ackedComments.length} comments, ${ackedSupporters.length} supports), ` +
        `${attempts.filter((attempt) => attempt.answer!.status === 503).length} answered 503, slowest ${Math.max(...attempts.map((attempt) => attempt.answer!.ms))} ms`,
    );
  });
});

describe("kill -9 of the app under write load", () => {
  test("loses no acknowledged write and leaves no half-written rows", async () => {
    const author = await createUser();
    const proposalIds = await supportableProposals({ authorId: author.id, count: 2 });
    const writers = await Promise.all(Array.from({ length: 12 }, () => createUser()));
    const supporters = await Promise.all(Array.from({ length: 90 }, () => createUser()));
    // A root comment to reply to, so reply counters are under load too.
    // By someone who writes nothing else: each writer's ten comments are all the posting limit allows.
    const rootAuthor = await createUser();
    const root = await postForm(app.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), body: richBody("wortel-voor-antwoorden") }, { cookie: rootAuthor.cookie });
    expect(root.status).toBe(302);
    const rootId = Number(/#reactie-(\d+)/.exec(root.headers.get("Location") ?? "")?.[1]);

    type Write = { kind: "comment" | "support" | "registration"; key: string; status: number | "lost" };
    const writes: Write[] = [];
    let acknowledgedSoFar = 0;
    const ackedKinds = new Set<Write["kind"]>();
    let killed = false;
    const victim = app;
    const killAt = 40;

    async function lane(kind: Write["kind"], index: number) {
      for (let step = 0; !killed && step < (kind === "comment" ? 40 : kind === "support" ? 60 : 10); step++) {
        let key: string;
        let request: Promise<Answer>;
        if (kind === "comment") {
          // Four people per lane, at most ten comments each: the posting limit is not what is tested here.
          const person = writers[index * 4 + (step % 4)]!;
          key = `kill9-${index}-${step}`;
          const reply: Record<string, string> = step % 3 === 2 ? { parentId: String(rootId) } : {};
          request = postForm(victim.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), body: richBody(key), ...reply }, { cookie: person.cookie });
        } else if (kind === "support") {
          // Every (person, proposal) pair once: 30 people of this lane, first on one proposal, then on the next.
          const person = supporters[index * 30 + (step % 30)]!;
          const proposalId = proposalIds[Math.floor(step / 30)]!;
          key = `${proposalId}:${person.id}`;
          request = postForm(victim.url, `/voorstel/${proposalId}`, { intent: "support", respond: "data" }, { cookie: person.cookie });
        } else {
          key = `registratie-${index}-${step}-${process.pid}@voorbeeld.nl`;
          request = postForm(victim.url, "/registreren", { email: key, displayName: `Registratie ${step}`, password: "een lange zin als wachtwoord" }, { headers: fromClient() });
        }
        try {
          const answer = await request;
          writes.push({ kind, key, status: answer.status });
          if (acknowledged(answer.status)) {
            acknowledgedSoFar++;
            ackedKinds.add(kind);
          }
          // Mid-stream, once every kind of write has been acknowledged at least once.
          if (!killed && acknowledgedSoFar >= killAt && ackedKinds.size === 3) {
            killed = true;
            // Mid-stream: the other lanes have requests in flight at this moment.
            victim.process.kill("SIGKILL");
          }
        } catch {
          writes.push({ kind, key, status: "lost" });
        }
      }
    }

    await Promise.all([lane("comment", 0), lane("comment", 1), lane("comment", 2), lane("support", 0), lane("support", 1), lane("support", 2), lane("registration", 0)]);
    expect(killed).toBe(true);
    await new Promise<void>((resolve) => (victim.process.exitCode !== null || victim.process.signalCode !== null ? resolve() : victim.process.once("exit", () => resolve())));
    expect(victim.process.signalCode).toBe("SIGKILL");

    app = await startApp({ databaseUrl: pg.appUrl, ownerUrl: pg.databaseUrl, env });
    const acked = writes.filter((write) => write.status !== "lost" && acknowledged(write.status));
    expect(writes.filter((write) => write.status !== "lost" && !acknowledged(write.status))).toEqual([]);

    const db = getDb();
    const ackedComments = acked.filter((write) => write.kind === "comment").map((write) => write.key);
    const stored = await db.select({ html: comments.bodyHtml, body: comments.body, status: comments.status }).from(comments).where(like(comments.bodyHtml, "%kill9-%"));
    for (const key of ackedComments) {
      const found = stored.filter((row) => row.html.includes(`${key} `));
      expect(found).toHaveLength(1);
      expect(found[0]!.status).toBe("published");
      expect(found[0]!.html).toContain("<strong>met nadruk</strong>");
      expect(JSON.stringify(found[0]!.body)).toContain(key);
    }
    for (const write of acked.filter((write) => write.kind === "support")) {
      const [proposalId, userId] = write.key.split(":").map(Number);
      expect(await count(db.select({ n: sql<number>`count(*)::int` }).from(supports).where(and(eq(supports.proposalId, proposalId!), eq(supports.userId, userId!))))).toBe(1);
    }
    const ackedRegistrations = acked.filter((write) => write.kind === "registration").map((write) => write.key);
    if (ackedRegistrations.length) {
      const registered = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ackedRegistrations));
      expect(registered.map((row) => row.email).sort()).toEqual([...ackedRegistrations].sort());
      const tokens = await db.select({ userId: emailTokens.userId }).from(emailTokens).where(inArray(emailTokens.userId, registered.map((row) => row.id)));
      expect(new Set(tokens.map((row) => row.userId)).size).toBe(registered.length);
      expect(await count(db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(inArray(outbox.toAddress, ackedRegistrations)))).toBe(ackedRegistrations.length);
    }
    await expectNoHalfWrittenRows();

    // The restarted app serves what was written.
    const page = await getPage(app.url, `/actiepunt/${SLUG}?draad=public&vanaf=${rootId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("wortel-voor-antwoorden");
    console.log(
      `kill -9: ${writes.length} writes sent, ${acked.length} acknowledged (${ackedComments.length} comments, ` +
        `${acked.filter((write) => write.kind === "support").length} supports, ${ackedRegistrations.length} registrations), ` +
        `${writes.filter((write) => write.status === "lost").length} cut off by the kill; all acknowledged found after restart`,
    );
  });
});

describe("the SMTP server is down", () => {
  test("registering still succeeds, and the mail goes out exactly once when SMTP is back", async () => {
    const worker = await startWorker({ databaseUrl: pg.appUrl, ownerUrl: pg.databaseUrl, env });
    let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
    try {
      const email = `wacht-op-smtp-${process.pid}@voorbeeld.nl`;
      const answer = await postForm(app.url, "/registreren", { email, displayName: "Wacht op de post", password: "een lange zin als wachtwoord" }, { headers: fromClient() });
      expect(answer.status).toBe(302);
      expect(answer.headers.get("Location")).toBe("/registreren?verstuurd");

      // The worker tries, fails (nothing listens on the port), and puts the message back.
      const row = async () => (await getDb().select().from(outbox).where(eq(outbox.toAddress, email)))[0];
      for (let tries = 0; tries < 150 && !(await row())?.lastError; tries++) await pause(100);
      const failed = await row();
      expect(failed?.status).toBe("queued");
      expect(failed?.lastError).toMatch(/ECONNREFUSED/);

      smtp = await startSmtp(smtpPort);
      const received = () => smtp!.received.filter((message) => message.to.includes(email));
      for (let tries = 0; tries < 300 && received().length === 0; tries++) await pause(100);
      expect(received()).toHaveLength(1);
      expect(received()[0]!.raw).toContain("/e-mail-bevestigen/");
      // Longer than the next retry would wait: still one copy, the message is sent and its job completed.
      await pause(4000);
      expect(received()).toHaveLength(1);
      const sent = await row();
      expect(sent?.status).toBe("sent");
      const jobs = Array.from(
        (rowsOf(await getDb().execute(sql`select state from pgboss.job where name = ${QUEUES.mail} and singleton_key = ${`mail:${sent!.id}`}`))) as Iterable<{ state: string }>,
      );
      expect(jobs).toEqual([{ state: "completed" }]);
      console.log(`SMTP down: delivered once after ${sent!.attempts} attempts`);
    } finally {
      await worker.stop();
      await smtp?.stop();
    }
  });
});

/** A GET with exactly this Cookie header, sent byte for byte (fetch would refuse some of these values). */
function rawGet(url: string, path: string, cookie: Buffer): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      resolve({ status: Number(text.slice(9, 12)), head: text.slice(0, split), body: text.slice(split + 4) });
    });
    socket.write(Buffer.concat([Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\nCookie: `), cookie, Buffer.from("\r\n\r\n")]));
  });
}

describe("session cookies that do not belong to a session", () => {
  test("garbage, long, expired, foreign, deleted-user and odd-character cookies get a signed-out page and a cleared cookie, never a 500", async () => {
    const expired = await createUser({ displayName: "Verlopen Sessie" });
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.userId, expired.id));
    const deleted = await createUser({ displayName: "Verwijderde Persoon" });
    await getDb().update(users).set({ deletedAt: new Date(), email: null, displayName: null }).where(eq(users.id, deleted.id));
    const blocked = await createUser({ displayName: "Geblokkeerde Persoon" });
    await getDb().update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id));
    const removed = await createUser({ displayName: "Helemaal Weg" });
    await getDb().delete(users).where(eq(users.id, removed.id));

    const cases: [string, string][] = [
      ["garbage", "inspraak_session=niet-een-sessie"],
      ["very long", `inspraak_session=${"a".repeat(4000)}`],
      ["expired", expired.cookie],
      ["user deleted", deleted.cookie],
      ["user blocked", blocked.cookie],
      ["user row gone", removed.cookie],
      ["another site's token", `inspraak_session=${generateToken()}`],
      ["quoted and escaped", `inspraak_session="${generateToken()}"; other=%zz%`],
    ];
    const cleared = (setCookies: string[]) => setCookies.some((set) => /^inspraak_session=;.*Max-Age=0/.test(set));
    for (const [name, cookie] of cases) {
      const home = await getPage(app.url, "/", { cookie });
      expect({ name, status: home.status, cleared: cleared(home.headers.getSetCookie()) }).toEqual({ name, status: 200, cleared: true });
      expect(home.body).toContain('href="/inloggen"');
      expect(home.body).not.toContain('action="/uitloggen"');
      // A page that needs a session sends to sign-in, with the cleared cookie too; so does a form post.
      const account = await getPage(app.url, "/account", { cookie });
      expect({ name, status: account.status, location: account.headers.get("Location"), cleared: cleared(account.headers.getSetCookie()) }).toEqual({
        name,
        status: 302,
        location: "/inloggen?redirectTo=%2Faccount",
        cleared: true,
      });
      const post = await postForm(app.url, `/actiepunt/${SLUG}`, { intent: "comment", threadId: String(threadId), bodyText: "zonder sessie" }, { cookie });
      expect({ name, status: post.status, cleared: cleared(post.headers.getSetCookie()) }).toEqual({ name, status: 302, cleared: true });
    }
    // The expired session is gone from the database after its first use.
    expect(await count(getDb().select({ n: sql<number>`count(*)::int` }).from(sessions).where(eq(sessions.userId, expired.id)))).toBe(0);

    // Bytes a browser would never send (UTF-8, control-free but outside the token alphabet), exactly as they are.
    const odd = await rawGet(app.url, "/", Buffer.from(`inspraak_session=t\u00f6k\u20ac\u{1F36A}<script>; lang=\u00ff`, "utf8"));
    expect(odd.status).toBe(200);
    expect(odd.head).toMatch(/\r\nSet-Cookie: inspraak_session=;[^\r]*Max-Age=0/i);
    expect(odd.body).toContain('href="/inloggen"');
  });
});
