import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { enqueue } from "#app/moderation.server.ts";
import { closeDb, getDb } from "#db/client.ts";
import { comments, moderationQueue, proposals, supportBudgets, supports, threads } from "#db/schema.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { createUser, PASSWORD } from "#tests/setup/factories.ts";
import { acknowledged, getPage, postForm, publicThreadOf, signInOver, supportableProposals } from "#tests/setup/http.ts";
import { createTestDatabase } from "#tests/setup/postgres.ts";

// Two app processes on two ports against one database of this file's own: what one instance
// writes (sessions, rate-limit counters, claims, supports) the other must honour at once.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let a: RunningApp;
let b: RunningApp;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "seeded");
  process.env.DATABASE_URL = database.url;
  // B leaves the background jobs to A, as a web instance next to a worker would.
  // The same SECRET on every instance, so both publish the same pseudonyms in the support ledger.
  const secret = "twee-instanties-een-geheim-van-minstens-32-tekens";
  const roles = { databaseUrl: database.appUrl, ownerUrl: database.url };
  [a, b] = await Promise.all([startApp({ ...roles, env: { SECRET: secret } }), startApp({ ...roles, env: { SECRET: secret, WORKERS: "off" } })]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await closeDb();
  await database?.drop();
});

describe("two instances on one PostgreSQL", () => {
  test("a session made on A works on B, and signing out on B ends it on A too", async () => {
    const person = await createUser({ displayName: "Tweeling Instantie" });
    const cookie = await signInOver(a.url, person.email, PASSWORD);

    const onB = await getPage(b.url, "/account", { cookie });
    expect(onB.status).toBe(200);
    expect(onB.body).toContain("Tweeling Instantie");

    const signOut = await postForm(b.url, "/uitloggen", {}, { cookie });
    expect(signOut.status).toBe(302);
    const onA = await getPage(a.url, "/account", { cookie });
    expect(onA.status).toBe(302);
    expect(onA.headers.get("Location")).toMatch(/^\/inloggen/);
    expect(onA.headers.getSetCookie().some((set) => set.startsWith("inspraak_session=;"))).toBe(true);
  });

  test("the sign-in limit counts attempts on both: the 11th wrong password, on either, is refused with 429", async () => {
    const person = await createUser();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const app = attempt % 2 === 0 ? a : b;
      statuses.push((await postForm(app.url, "/inloggen", { email: person.email, password: `fout wachtwoord ${attempt}` })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // The right password does not get through on the other instance either, until the window ends.
    const right = await postForm(b.url, "/inloggen", { email: person.email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  test("a claim made through A holds on B: the second moderator can neither claim nor decide", async () => {
    const first = await createUser({ displayName: "Moderator A", grants: [{ role: "moderator", themeSlug: "open-technologie" }] });
    const second = await createUser({ displayName: "Moderator B", grants: [{ role: "moderator", themeSlug: "open-technologie" }] });
    const author = await createUser();
    const threadId = await publicThreadOf("open-data-communities");
    const [thread] = await getDb().select({ themeId: threads.themeId }).from(threads).where(eq(threads.id, threadId));
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Wacht op een moderator" }] }] };
    const [held] = await getDb().insert(comments).values({ threadId, authorId: author.id, body, bodyHtml: "<p>Wacht op een moderator</p>", status: "pending", themeId: thread!.themeId }).returning({ id: comments.id });
    await enqueue({ type: "comment", id: held!.id, themeId: thread!.themeId, reason: "premoderation", db: getDb() });
    const item = `/moderatie/item/reactie/${held!.id}`;

    const claimed = await postForm(a.url, item, { intent: "claim", terug: "/moderatie" }, { cookie: first.cookie });
    expect(claimed.status).toBe(302);
    expect(claimed.headers.get("Location")).toContain("gemodereerd=claimed");

    const again = await postForm(b.url, item, { intent: "claim", terug: "/moderatie" }, { cookie: second.cookie });
    expect(again.headers.get("Location")).toContain("gemodereerd=claimedByOther");
    const approve = await postForm(b.url, item, { intent: "approve", terug: "/moderatie" }, { cookie: second.cookie });
    expect(approve.headers.get("Location")).toContain("gemodereerd=claimedByOther");
    // B's page of the item says someone else is handling it; A's says it is the first moderator's.
    const page = await getPage(b.url, item, { cookie: second.cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("In behandeling door een andere moderator tot");
    expect((await getPage(a.url, item, { cookie: first.cookie })).body).toContain("Jij behandelt dit tot");

    const [entry] = await getDb().select({ claimedById: moderationQueue.claimedById, closedAt: moderationQueue.closedAt }).from(moderationQueue).where(and(eq(moderationQueue.targetType, "comment"), eq(moderationQueue.targetId, held!.id)));
    expect(entry).toEqual({ claimedById: first.id, closedAt: null });
    expect((await getDb().select({ status: comments.status }).from(comments).where(eq(comments.id, held!.id)))[0]!.status).toBe("pending");
  });

  test("100 people supporting at once through A and B: the tally equals the answers and the rows; one person's 10 supports at once make one", async () => {
    const author = await createUser();
    const [proposalId, single] = await supportableProposals({ authorId: author.id, count: 2 });
    const people = await Promise.all(Array.from({ length: 100 }, () => createUser()));

    // Half ask for data (200 with the new count, as the page's fetcher does), half for the redirect a form without JavaScript gets.
    const answers = await Promise.all(
      people.map((person, index) =>
        postForm(index % 2 === 0 ? a.url : b.url, `/voorstel/${proposalId}`, { intent: "support", ...(index % 4 < 2 ? { respond: "data" } : {}) }, { cookie: person.cookie }),
      ),
    );
    const ok = answers.filter((answer) => acknowledged(answer.status)).length;
    expect(ok).toBe(100);
    const [counted] = await getDb().select({ supportCount: proposals.supportCount }).from(proposals).where(eq(proposals.id, proposalId!));
    const [rows] = await getDb().select({ n: sql<number>`count(*)::int` }).from(supports).where(eq(supports.proposalId, proposalId!));
    expect(counted!.supportCount).toBe(ok);
    expect(rows!.n).toBe(ok);
    // The open ledger lists every counted support, the same through either instance.
    const [ledgerA, ledgerB] = await Promise.all([getPage(a.url, "/open-data/steunbetuigingen.json"), getPage(b.url, "/open-data/steunbetuigingen.json")]);
    expect(ledgerB.status).toBe(200);
    expect(ledgerB.body.match(new RegExp(`"proposal_id":\\s*${proposalId}\\b`, "g"))?.length).toBe(ok);
    expect(ledgerA.body).toBe(ledgerB.body);

    const eager = people[0]!;
    const repeated = await Promise.all(
      Array.from({ length: 10 }, (_, index) => postForm(index % 2 === 0 ? a.url : b.url, `/voorstel/${single}`, { intent: "support", respond: "data" }, { cookie: eager.cookie })),
    );
    expect(repeated.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(repeated.filter((answer) => answer.status === 409)).toHaveLength(9);
    const [once] = await getDb().select({ supportCount: proposals.supportCount }).from(proposals).where(eq(proposals.id, single!));
    const rowsOfEager = await getDb().select({ userId: supports.userId }).from(supports).where(eq(supports.proposalId, single!));
    expect(once!.supportCount).toBe(1);
    expect(rowsOfEager).toEqual([{ userId: eager.id }]);
    // The budget counter moved once per counted support: 2 for this person (both proposals), not 11.
    const [budget] = await getDb().select({ used: supportBudgets.used }).from(supportBudgets).where(eq(supportBudgets.userId, eager.id));
    expect(budget!.used).toBe(2);
  });
});
