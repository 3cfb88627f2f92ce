import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { loader as csvLoader } from "#app/routes/open-data.steunbetuigingen[.]csv.ts";
import { loader as jsonLoader } from "#app/routes/open-data.steunbetuigingen[.]json.ts";
import { loader as tallyLoader } from "#app/routes/voorstellen_.uitslag.tsx";
import {
  budgetOf,
  DEVELOPMENT_SECRET,
  releaseSupportsOfWithdrawnProposal,
  serverSecret,
  supportLedger,
  supportProposal,
  supporterPseudonym,
  supportsOfUser,
  tallies,
  withdrawSupport,
  type LedgerRow,
} from "#app/supports.server.ts";
import { getDb } from "#db/client.ts";
import { plans, proposals, supportBudgets, supports, themes, type ProposalStatus } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, unwrap } from "#tests/setup/requests.ts";

let planId: number;
let themeIds: number[];
let authorId: number;
let proposalCounter = 0;

beforeAll(async () => {
  const [plan] = await getDb().select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  planId = plan!.id;
  themeIds = (await getDb().select({ id: themes.id }).from(themes).where(eq(themes.planId, planId)).orderBy(themes.number)).map((row) => row.id);
  authorId = (await createUser({ displayName: "Indiener" })).id;
});

async function createProposal({ status = "published", theme = 0 }: { status?: ProposalStatus; theme?: number } = {}): Promise<number> {
  proposalCounter++;
  const text = `Voorstel ${proposalCounter}`;
  const [row] = await getDb()
    .insert(proposals)
    .values({
      planId,
      themeId: themeIds[theme % themeIds.length]!,
      authorId,
      title: text,
      summary: `Samenvatting van ${text}`,
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
      bodyHtml: `<p>${text}</p>`,
      status,
    })
    .returning({ id: proposals.id });
  return row!.id;
}

async function supportRows(proposalId: number): Promise<number> {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(supports).where(eq(supports.proposalId, proposalId));
  return row!.n;
}

async function supportCount(proposalId: number): Promise<number> {
  const [row] = await getDb().select({ supportCount: proposals.supportCount }).from(proposals).where(eq(proposals.id, proposalId));
  return row!.supportCount;
}

/** The budget a person used, or null when they never claimed any. */
async function used(userId: number): Promise<number | null> {
  const [row] = await getDb().select({ used: supportBudgets.used }).from(supportBudgets).where(and(eq(supportBudgets.planId, planId), eq(supportBudgets.userId, userId)));
  return row?.used ?? null;
}

/** A person's supports in the plan on proposals that still count (not withdrawn or merged). */
async function countingRowsOf(userId: number): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(supports)
    .innerJoin(proposals, eq(proposals.id, supports.proposalId))
    .where(and(eq(supports.userId, userId), eq(proposals.planId, planId), sql`${proposals.status} not in ('withdrawn', 'merged')`));
  return row!.n;
}

async function setWindow(openAt: ReturnType<typeof sql>, closeAt: ReturnType<typeof sql>) {
  await getDb().update(plans).set({ supportOpenAt: openAt, supportCloseAt: closeAt }).where(eq(plans.id, planId));
}

/** Withdraws (or merges) a proposal the way the proposals module does: the status change and the release in one transaction. */
async function takeOff(proposalId: number, status: "withdrawn" | "merged" = "withdrawn") {
  return getDb().transaction(async (tx) => {
    await tx.update(proposals).set({ status }).where(eq(proposals.id, proposalId));
    return releaseSupportsOfWithdrawnProposal({ proposalId, db: tx });
  });
}

async function readCsv(): Promise<{ response: Response; rows: LedgerRow[]; text: string }> {
  const result = (await csvLoader(args(get("/open-data/steunbetuigingen.csv")))) as Response;
  const text = await result.text();
  const [header, ...lines] = text.trimEnd().split("\n");
  expect(header).toBe("proposal_id,supporter,supported_at");
  const rows = lines.map((line) => {
    const [proposalId, supporter, supportedAt] = line.split(",");
    return { proposalId: Number(proposalId), supporter: supporter!, supportedAt: supportedAt! };
  });
  return { response: result, rows, text };
}

describe("supporting under load", () => {
  test("200 different people supporting one proposal at once give exactly 200 supports", async () => {
    const proposalId = await createProposal();
    const people = await Promise.all(Array.from({ length: 200 }, () => createUser()));
    const results = await Promise.all(people.map((person) => supportProposal({ proposalId, userId: person.id })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await supportRows(proposalId)).toBe(200);
    expect(await supportCount(proposalId)).toBe(200);
    expect(Math.max(...results.map((result) => (result.ok ? result.supportCount : 0)))).toBe(200);
    expect(await used(people[0]!.id)).toBe(1);
  });

  test("one person sending 20 supports for one proposal at once supports it once and uses one unit of budget", async () => {
    const proposalId = await createProposal();
    const person = await createUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => supportProposal({ proposalId, userId: person.id })));
    expect(results.filter((result) => result.ok)).toEqual([{ ok: true, supportCount: 1, budgetLeft: 9 }]);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(Array(19).fill("alreadySupported"));
    expect(await supportRows(proposalId)).toBe(1);
    expect(await supportCount(proposalId)).toBe(1);
    expect(await used(person.id)).toBe(1);
    expect(await budgetOf({ userId: person.id, planId })).toEqual({ budget: 10, used: 1, left: 9 });
  });

  test("with a budget of 10, 30 supports at once for 30 proposals count exactly 10; the rest are refused", async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, (_, index) => createProposal({ theme: index })));
    const person = await createUser();
    const results = await Promise.all(ids.map((proposalId) => supportProposal({ proposalId, userId: person.id })));
    expect(results.filter((result) => result.ok)).toHaveLength(10);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(Array(20).fill("budgetSpent"));
    expect(await countingRowsOf(person.id)).toBe(10);
    expect(await used(person.id)).toBe(10);
    expect(await budgetOf({ userId: person.id, planId })).toEqual({ budget: 10, used: 10, left: 0 });
    const supported = await supportsOfUser({ userId: person.id, planId });
    expect(supported).toHaveLength(10);
    for (const proposalId of ids) expect(await supportCount(proposalId)).toBe(supported.includes(proposalId) ? 1 : 0);
    // Refusals stored nothing.
    const [rows] = await getDb().select({ n: sql<number>`count(*)::int` }).from(supports).where(eq(supports.userId, person.id));
    expect(rows!.n).toBe(10);
  });

  test("supporting and withdrawing at once keep the counters equal to the rows", async () => {
    const [first, second] = [await createProposal(), await createProposal()];
    const person = await createUser();
    const calls = Array.from({ length: 40 }, (_, index) => {
      const proposalId = index % 4 < 2 ? first : second;
      return index % 2 === 0 ? supportProposal({ proposalId, userId: person.id }) : withdrawSupport({ proposalId, userId: person.id });
    });
    const results = await Promise.all(calls);
    expect(results.some((result) => result.ok)).toBe(true);
    for (const proposalId of [first, second]) expect(await supportCount(proposalId)).toBe(await supportRows(proposalId));
    expect(await used(person.id)).toBe(await countingRowsOf(person.id));
    const budget = await budgetOf({ userId: person.id, planId });
    expect(budget.used).toBe(await countingRowsOf(person.id));
    expect(budget.left).toBe(10 - budget.used);
  });

  test("withdrawing support gives the unit back; withdrawing what one did not support changes nothing", async () => {
    const proposalId = await createProposal();
    const person = await createUser();
    expect(await supportProposal({ proposalId, userId: person.id })).toEqual({ ok: true, supportCount: 1, budgetLeft: 9 });
    expect(await withdrawSupport({ proposalId, userId: person.id })).toEqual({ ok: true, supportCount: 0, budgetLeft: 10 });
    expect(await withdrawSupport({ proposalId, userId: person.id })).toEqual({ ok: false, reason: "notSupported" });
    expect(await used(person.id)).toBe(0);
    expect(await supportRows(proposalId)).toBe(0);
    expect(await supportProposal({ proposalId: 999_999, userId: person.id })).toEqual({ ok: false, reason: "notFound" });
    expect(await withdrawSupport({ proposalId: 999_999, userId: person.id })).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("the support window", () => {
  afterEach(async () => {
    await setWindow(sql`now()`, sql`now() + interval '180 days'`);
  });

  test("before it opens and after it closes nobody can support, and nothing is stored", async () => {
    const proposalId = await createProposal();
    const person = await createUser();
    await setWindow(sql`now() + interval '1 day'`, sql`now() + interval '30 days'`);
    expect(await supportProposal({ proposalId, userId: person.id })).toEqual({ ok: false, reason: "windowClosed" });
    await setWindow(sql`now() - interval '30 days'`, sql`now() - interval '1 minute'`);
    expect(await supportProposal({ proposalId, userId: person.id })).toEqual({ ok: false, reason: "windowClosed" });
    await setWindow(sql`null`, sql`null`);
    expect(await supportProposal({ proposalId, userId: person.id })).toEqual({ ok: false, reason: "windowClosed" });
    expect(await supportRows(proposalId)).toBe(0);
    expect(await used(person.id)).toBeNull();
    expect(await supportCount(proposalId)).toBe(0);
  });

  test("support can only be withdrawn while the window is open", async () => {
    const proposalId = await createProposal();
    const person = await createUser();
    expect((await supportProposal({ proposalId, userId: person.id })).ok).toBe(true);
    await setWindow(sql`now() - interval '30 days'`, sql`now() - interval '1 minute'`);
    expect(await withdrawSupport({ proposalId, userId: person.id })).toEqual({ ok: false, reason: "windowClosed" });
    expect(await supportRows(proposalId)).toBe(1);
    expect(await used(person.id)).toBe(1);
    await setWindow(sql`now() - interval '1 minute'`, sql`null`);
    expect(await withdrawSupport({ proposalId, userId: person.id })).toEqual({ ok: true, supportCount: 0, budgetLeft: 10 });
  });

  test("without a budget anyone may support as much as they like; the use is still counted", async () => {
    await getDb().update(plans).set({ supportBudget: null }).where(eq(plans.id, planId));
    try {
      const ids = await Promise.all(Array.from({ length: 12 }, () => createProposal()));
      const person = await createUser();
      const results = await Promise.all(ids.map((proposalId) => supportProposal({ proposalId, userId: person.id })));
      expect(results.every((result) => result.ok && result.budgetLeft === null)).toBe(true);
      expect(await budgetOf({ userId: person.id, planId })).toEqual({ budget: null, used: 12, left: null });
    } finally {
      await getDb().update(plans).set({ supportBudget: 10 }).where(eq(plans.id, planId));
    }
  });
});

describe("proposals that cannot be supported", () => {
  test("a pending or withdrawn proposal cannot be supported", async () => {
    const person = await createUser();
    for (const status of ["pending", "withdrawn", "merged"] as const) {
      const proposalId = await createProposal({ status });
      expect(await supportProposal({ proposalId, userId: person.id })).toEqual({ ok: false, reason: "notSupportable" });
      expect(await supportRows(proposalId)).toBe(0);
    }
    expect(await used(person.id)).toBeNull();
  });

  test("withdrawing a proposal gives its supporters their budget back; its supports stay on record but stop counting", async () => {
    const proposalId = await createProposal({ theme: 2 });
    const people = await Promise.all(Array.from({ length: 3 }, () => createUser()));
    for (const person of people) expect((await supportProposal({ proposalId, userId: person.id })).ok).toBe(true);
    // The first person spends the rest of their budget and is refused an eleventh support.
    const others = await Promise.all(Array.from({ length: 10 }, () => createProposal()));
    for (const other of others.slice(0, 9)) expect((await supportProposal({ proposalId: other, userId: people[0]!.id })).ok).toBe(true);
    expect(await supportProposal({ proposalId: others[9]!, userId: people[0]!.id })).toEqual({ ok: false, reason: "budgetSpent" });

    await expect(releaseSupportsOfWithdrawnProposal({ proposalId, db: getDb() })).rejects.toThrow(/change its status first/);
    expect(await takeOff(proposalId)).toBe(3);

    expect(await used(people[0]!.id)).toBe(9);
    expect(await used(people[1]!.id)).toBe(0);
    expect(await supportProposal({ proposalId: others[9]!, userId: people[0]!.id })).toMatchObject({ ok: true, budgetLeft: 0 });
    // The rows stay, with their counter, but taking a released support back again is refused.
    expect(await supportRows(proposalId)).toBe(3);
    expect(await supportCount(proposalId)).toBe(3);
    expect(await withdrawSupport({ proposalId, userId: people[1]!.id })).toEqual({ ok: false, reason: "notSupportable" });
    expect(await used(people[1]!.id)).toBe(0);

    const counted = await tallies({ planId });
    expect(counted.themes.flatMap((theme) => theme.proposals.map((proposal) => proposal.id))).not.toContain(proposalId);
    const ledger: LedgerRow[] = [];
    for await (const row of supportLedger({ planId })) ledger.push(row);
    expect(ledger.some((row) => row.proposalId === proposalId)).toBe(false);
    expect(ledger.some((row) => row.proposalId === others[9])).toBe(true);
  });

  test("a merged proposal's supporters get their budget back too", async () => {
    const proposalId = await createProposal();
    const person = await createUser();
    await supportProposal({ proposalId, userId: person.id });
    expect(await takeOff(proposalId, "merged")).toBe(1);
    expect(await used(person.id)).toBe(0);
    expect(await countingRowsOf(person.id)).toBe(0);
  });
});

describe("the tally and the open-data ledger", () => {
  test("recounting the CSV and the JSON gives exactly the tally page's numbers", async () => {
    // Adopted and not adopted proposals still count; a pending one does not appear.
    const adopted = await createProposal({ theme: 4 });
    const voters = await Promise.all(Array.from({ length: 4 }, () => createUser()));
    for (const voter of voters) await supportProposal({ proposalId: adopted, userId: voter.id });
    await getDb().update(proposals).set({ status: "adopted" }).where(eq(proposals.id, adopted));
    const pending = await createProposal({ status: "pending" });

    const page = await tallyLoader(args(get("/voorstellen/uitslag")));
    const { response, rows, text } = await readCsv();

    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; filename="steunbetuigingen-[\w-]+\.csv"$/);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(response.headers.get("Link")).toBe('<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"');
    expect(text.endsWith("\n")).toBe(true);

    const fromPage = new Map(page.themes.flatMap((theme) => theme.proposals.map((proposal) => [proposal.id, proposal.supports] as const)));
    const recounted = new Map<number, number>();
    for (const row of rows) recounted.set(row.proposalId, (recounted.get(row.proposalId) ?? 0) + 1);
    expect(rows.length).toBeGreaterThan(200);
    expect(recounted).toEqual(new Map([...fromPage].filter(([, count]) => count > 0)));
    expect(fromPage.get(adopted)).toBe(4);
    expect(fromPage.has(pending)).toBe(false);
    expect(rows.length).toBe(page.supports);

    // Per theme: supports and different supporters.
    const themeOf = new Map(page.themes.flatMap((theme) => theme.proposals.map((proposal) => [proposal.id, theme.id] as const)));
    for (const theme of page.themes) {
      const inTheme = rows.filter((row) => themeOf.get(row.proposalId) === theme.id);
      expect(inTheme.length, `theme ${theme.number}`).toBe(theme.supports);
      expect(new Set(inTheme.map((row) => row.supporter)).size, `theme ${theme.number}`).toBe(theme.supporters);
    }
    expect(new Set(rows.map((row) => row.supporter)).size).toBe(page.supporters);

    // No one twice on one proposal, ordered by proposal and supporter, times in UTC.
    const pairs = rows.map((row) => `${row.proposalId},${row.supporter}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const sorted = [...rows].sort((a, b) => a.proposalId - b.proposalId || (a.supporter < b.supporter ? -1 : a.supporter > b.supporter ? 1 : 0));
    expect(rows).toEqual(sorted);
    for (const row of rows) expect(row.supportedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // The JSON file holds the same rows.
    const jsonResponse = (await jsonLoader(args(get("/open-data/steunbetuigingen.json")))) as Response;
    expect(jsonResponse.headers.get("Content-Type")).toBe("application/json");
    expect(jsonResponse.headers.get("Content-Disposition")).toMatch(/^inline; filename="steunbetuigingen-[\w-]+\.json"$/);
    const json = JSON.parse(await jsonResponse.text()) as { proposal_id: number; supporter: string; supported_at: string }[];
    expect(json.map((row) => ({ proposalId: row.proposal_id, supporter: row.supporter, supportedAt: row.supported_at }))).toEqual(rows);
  });

  test("supporters are pseudonyms: not user ids or e-mail addresses, the same for one person on every proposal", async () => {
    const person = await createUser();
    const ids = await Promise.all(Array.from({ length: 3 }, (_, index) => createProposal({ theme: index })));
    for (const proposalId of ids) await supportProposal({ proposalId, userId: person.id });
    const { rows, text } = await readCsv();

    const mine = rows.filter((row) => row.supporter === supporterPseudonym(person.id));
    expect(mine.map((row) => row.proposalId)).toEqual([...ids].sort((a, b) => a - b));
    for (const row of rows) expect(row.supporter).toMatch(/^[0-9a-f]{32}$/);
    expect(text).not.toContain(person.email);
    expect(text).not.toContain("@");
    const userIds = new Set((await getDb().select({ userId: supports.userId }).from(supports)).map((row) => String(row.userId)));
    expect(rows.some((row) => userIds.has(row.supporter))).toBe(false);
    // The pseudonym depends on the secret: with another one, nobody's code is the same.
    expect(supporterPseudonym(person.id, "a different secret of at least thirty-two characters")).not.toBe(supporterPseudonym(person.id));
  });

  test("the ledger pages through batches without losing or repeating a row", async () => {
    const whole: LedgerRow[] = [];
    for await (const row of supportLedger({ planId })) whole.push(row);
    const paged: LedgerRow[] = [];
    for await (const row of supportLedger({ planId, batchSize: 7 })) paged.push(row);
    expect(paged).toEqual(whole);
    expect(whole.length).toBeGreaterThan(7 * 30);
  });

  test("a signed-in visitor's copy is not kept in shared caches", async () => {
    const person = await createUser();
    const response = (await csvLoader(args(get("/open-data/steunbetuigingen.csv", { cookie: person.cookie })))) as Response;
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=60");
    await response.body?.cancel();
  });

  test("the tally page counts people per theme and is in English when asked", async () => {
    const request = new Request("http://localhost/voorstellen/uitslag", { headers: { Cookie: "lang=en" } });
    const page = unwrap(await tallyLoader(args(request))).data as Awaited<ReturnType<typeof tallyLoader>>;
    expect(page.themes).toHaveLength(7);
    expect(page.windowText).toMatch(/^Supporting is open until /);
    expect(page.themes[0]!.title.lang).toBe("en");
  });
});

describe("the server secret", () => {
  test("outside production a fixed development secret is used; in production SECRET is required", () => {
    const saved = { secret: process.env.SECRET, env: process.env.NODE_ENV };
    try {
      delete process.env.SECRET;
      expect(serverSecret()).toBe(DEVELOPMENT_SECRET);
      process.env.NODE_ENV = "production";
      expect(() => serverSecret()).toThrow(/SECRET is not set/);
      process.env.SECRET = "short";
      expect(() => serverSecret()).toThrow(/too short/);
      process.env.SECRET = "x".repeat(40);
      expect(serverSecret()).toBe("x".repeat(40));
    } finally {
      if (saved.secret === undefined) delete process.env.SECRET;
      else process.env.SECRET = saved.secret;
      process.env.NODE_ENV = saved.env;
    }
  });
});
