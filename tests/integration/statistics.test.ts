import { and, asc, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { BarChart, type ChartSpec } from "#app/components/BarChart.tsx";
import { loader } from "#app/routes/statistieken.tsx";
import { moderationStatistics, participationStatistics, type ModerationStatistics, type ParticipationStatistics } from "#app/statistics.server.ts";
import { getDb, onQuery, rowsOf } from "#db/client.ts";
import { actionPoints, comments, moderationActions, plans, proposals, supports, themes, threads } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, unwrap } from "#tests/setup/requests.ts";

const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;
const now = new Date();
const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Een bijdrage voor de statistieken." }] }] };

/** Wednesday 12:00 UTC of the week `weeksAgo` weeks back: mid-week in the Netherlands whatever the time of day or daylight saving. */
function midWeek(weeksAgo: number): Date {
  // Go by the calendar date in the Netherlands, which late in the evening (UTC) is already the next day.
  const local = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const day = new Date(`${local}T12:00:00Z`);
  const isoDay = (day.getUTCDay() + 6) % 7; // Monday is 0
  return new Date(day.getTime() + (2 - isoDay) * DAY - weeksAgo * 7 * DAY);
}

/** ISO 8601 week ("2025-W07") of a UTC date. */
function isoWeek(moment: Date): string {
  const thursday = new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() - ((thursday.getUTCDay() + 6) % 7) + 3);
  const year = thursday.getUTCFullYear();
  // The week of its Thursday, counted from 1 January of the Thursday's year.
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

let themeA: { id: number; number: number };
let themeB: { id: number; number: number };
let draftingA: { id: number; planId: number };
let threadA: number;
let threadB: number;
let baseline: ParticipationStatistics;
let moderationBaseline: ModerationStatistics;

async function threadOf(themeId: number): Promise<number> {
  const db = getDb();
  const [point] = await db.select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.themeId, themeId)).orderBy(asc(actionPoints.id)).limit(1);
  const [existing] = await db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.subjectType, "action_point"), eq(threads.subjectId, point!.id), eq(threads.kind, "public")));
  return existing?.id ?? (await db.insert(threads).values({ subjectType: "action_point", subjectId: point!.id, kind: "public", themeId }).returning({ id: threads.id }))[0]!.id;
}

async function comment(threadId: number, themeId: number, authorId: number, createdAt: Date, status: "published" | "hidden" | "deleted" | "pending" = "published") {
  await getDb()
    .insert(comments)
    .values({
      threadId,
      themeId,
      authorId,
      body: doc,
      bodyHtml: "<p>Een bijdrage voor de statistieken.</p>",
      status,
      createdAt,
      hiddenAt: status === "hidden" ? createdAt : null,
      hiddenReason: status === "hidden" ? "off_topic" : null,
      deletedAt: status === "deleted" ? createdAt : null,
    });
}

async function proposal(authorId: number, createdAt: Date, hidden = false): Promise<number> {
  const [row] = await getDb()
    .insert(proposals)
    .values({
      planId: draftingA.planId,
      themeId: draftingA.id,
      authorId,
      title: "Een voorstel voor de statistieken",
      summary: "Kort",
      body: doc,
      bodyHtml: "<p>Een bijdrage voor de statistieken.</p>",
      status: "published",
      createdAt,
      hiddenAt: hidden ? createdAt : null,
    })
    .returning({ id: proposals.id });
  return row!.id;
}

const weekOf = (stats: ParticipationStatistics, moment: Date) => stats.weeks.find((week) => week.isoWeek === isoWeek(moment))!;
const themeOf = (stats: ParticipationStatistics, number: number) => stats.themes.find((theme) => theme.number === number)!;
const minus = (after: { comments: number; proposals: number; supports: number; people: number }, before: typeof after) => ({
  comments: after.comments - before.comments,
  proposals: after.proposals - before.proposals,
  supports: after.supports - before.supports,
  people: after.people - before.people,
});

async function pageData() {
  const result = unwrap(await loader(args(get("/statistieken"))));
  expect(result.status).toBe(200);
  return result.data as { participation: ChartSpec[]; moderation: { charts: ChartSpec[]; total: string; median: string } };
}

beforeAll(async () => {
  const db = getDb();
  const current = await db
    .select({ id: themes.id, number: themes.number })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .where(eq(plans.status, "current"))
    .orderBy(asc(themes.number));
  themeA = current[0]!;
  themeB = current[1]!;
  const [drafting] = await db
    .select({ id: themes.id, planId: themes.planId })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .where(and(eq(plans.status, "drafting"), eq(themes.number, themeA.number)));
  draftingA = drafting!;
  threadA = await threadOf(themeA.id);
  threadB = await threadOf(themeB.id);
  baseline = await participationStatistics({ now });
  moderationBaseline = await moderationStatistics({ now });

  const [u1, u2, u3, u4, u5, u6] = await Promise.all(Array.from({ length: 6 }, () => createUser()));
  const lastWeek = midWeek(1);
  const threeWeeksAgo = midWeek(3);
  await comment(threadA, themeA.id, u1!.id, lastWeek);
  await comment(threadA, themeA.id, u2!.id, new Date(lastWeek.getTime() + HOUR));
  await comment(threadA, themeA.id, u1!.id, threeWeeksAgo);
  await comment(threadB, themeB.id, u3!.id, lastWeek);
  // Not public, so not counted, nor are their authors.
  await comment(threadA, themeA.id, u6!.id, lastWeek, "hidden");
  await comment(threadB, themeB.id, u6!.id, lastWeek, "deleted");
  await comment(threadB, themeB.id, u6!.id, lastWeek, "pending");

  const shown = await proposal(u4!.id, lastWeek);
  const hidden = await proposal(u6!.id, lastWeek, true);
  await db.insert(supports).values([
    { proposalId: shown, userId: u1!.id, createdAt: lastWeek },
    { proposalId: shown, userId: u5!.id, createdAt: lastWeek },
    { proposalId: hidden, userId: u6!.id, createdAt: lastWeek },
  ]);

  // Three decisions from the queue, reported 1, 3 and 5 hours before: a median of 3 hours.
  const decided = midWeek(0);
  for (const hours of [1, 3, 5]) {
    await db.insert(moderationActions).values({ targetType: "comment", targetId: 1, themeId: themeA.id, action: "hide", reasonCode: "spam", reportedAt: new Date(decided.getTime() - hours * HOUR), createdAt: decided });
  }
  await db.insert(moderationActions).values({ targetType: "thread", targetId: threadA, themeId: themeA.id, action: "lock", createdAt: decided });
});

describe("participation", () => {
  test("counts public comments, proposals, supports and people per week, and hidden or deleted ones not", async () => {
    const stats = await participationStatistics({ now });
    expect(stats.weeks).toHaveLength(12);
    expect(stats.weeks.at(-1)!.isoWeek).toBe(isoWeek(midWeek(0)));
    expect(minus(weekOf(stats, midWeek(1)), weekOf(baseline, midWeek(1)))).toEqual({ comments: 3, proposals: 1, supports: 2, people: 5 });
    expect(minus(weekOf(stats, midWeek(3)), weekOf(baseline, midWeek(3)))).toEqual({ comments: 1, proposals: 0, supports: 0, people: 1 });
  });

  test("weeks without activity are there with 0", async () => {
    const stats = await participationStatistics({ now });
    expect(weekOf(stats, midWeek(2))).toMatchObject({ comments: 0, proposals: 0, supports: 0, people: 0 });
    expect(weekOf(stats, midWeek(11))).toMatchObject({ comments: 0, proposals: 0, supports: 0, people: 0 });
  });

  test("per theme number, comments of the current plan line up with proposals of the drafting plan", async () => {
    const stats = await participationStatistics({ now });
    expect(stats.themes.map((theme) => theme.number)).toEqual([...new Set(stats.themes.map((theme) => theme.number))].sort((a, b) => a - b));
    expect(minus(themeOf(stats, themeA.number), themeOf(baseline, themeA.number))).toEqual({ comments: 3, proposals: 1, supports: 2, people: 4 });
    expect(minus(themeOf(stats, themeB.number), themeOf(baseline, themeB.number))).toEqual({ comments: 1, proposals: 0, supports: 0, people: 1 });
    // Each person counts once in the total, though u1 took part in two weeks and two ways.
    expect(minus(stats.total, baseline.total)).toEqual({ comments: 4, proposals: 1, supports: 2, people: 5 });
  });

  test("the totals equal direct counts of the rows since the first week", async () => {
    const stats = await participationStatistics({ now });
    const from = sql`(${stats.weeks[0]!.start}::timestamp at time zone 'Europe/Amsterdam')`;
    const inPlans = sql`t.plan_id in (select id from plans where status in ('current', 'drafting'))`;
    const [direct] = rowsOf<{ comments: number; supports: number }>(
      await getDb().execute<{ comments: number; supports: number }>(sql`select
        (select count(*)::int from comments c join themes t on t.id = c.theme_id where c.status = 'published' and ${inPlans} and c.created_at >= ${from}) as comments,
        (select count(*)::int from supports s join proposals p on p.id = s.proposal_id join themes t on t.id = p.theme_id
          where p.hidden_at is null and p.status not in ('pending', 'withdrawn') and ${inPlans} and s.created_at >= ${from}) as supports`),
    );
    expect(stats.total.comments).toBe(Number(direct!.comments));
    expect(stats.total.supports).toBe(Number(direct!.supports));
  });
});

describe("moderation", () => {
  test("decisions per action and the median time from report to decision", async () => {
    const stats = await moderationStatistics({ now });
    const count = (source: ModerationStatistics, action: string) => source.perAction.find((row) => row.action === action)!.count;
    expect(count(stats, "hide") - count(moderationBaseline, "hide")).toBe(3);
    expect(count(stats, "lock") - count(moderationBaseline, "lock")).toBe(1);
    expect(stats.total - moderationBaseline.total).toBe(4);
    expect(moderationBaseline.fromQueue).toBe(0);
    expect(stats.fromQueue).toBe(3);
    expect(stats.medianHours).toBeCloseTo(3, 5);
    expect(stats.perMonth).toHaveLength(12);
    expect(stats.perMonth.reduce((sum, row) => sum + row.count, 0) - moderationBaseline.perMonth.reduce((sum, row) => sum + row.count, 0)).toBe(4);
  });
});

describe("the page", () => {
  test("costs the same number of queries however much there is to count", async () => {
    const countQueries = async () => {
      let queries = 0;
      const stop = onQuery(() => queries++);
      try {
        await pageData();
      } finally {
        stop();
      }
      return queries;
    };
    const before = await countQueries();
    const someone = await createUser();
    for (const weeksAgo of [4, 5, 6, 7]) {
      await comment(threadB, themeB.id, someone.id, midWeek(weeksAgo));
      await comment(threadA, themeA.id, someone.id, midWeek(weeksAgo));
    }
    await proposal(someone.id, midWeek(8));
    const after = await countQueries();
    expect(after).toBe(before);
    expect(before).toBeLessThanOrEqual(8);
  });

  test("every chart is an image with a title and description, and has a table with the same numbers", async () => {
    const data = await pageData();
    const charts = [...data.participation, ...data.moderation.charts];
    expect(charts.map((chart) => chart.id)).toEqual(["per-week", "per-thema", "besluiten-per-soort", "besluiten-per-maand"]);
    for (const chart of charts) {
      const html = renderToString(createElement(BarChart, { chart }));
      expect(html).toMatch(new RegExp(`<svg[^>]* role="img"[^>]* aria-labelledby="${chart.id}-title ${chart.id}-desc"`));
      expect(html).toMatch(/<svg[^>]* viewBox="0 0 320 \d+"[^>]* width="100%"/);
      expect(html).toContain(`<title id="${chart.id}-title">${chart.title}</title>`);
      expect(html).toMatch(new RegExp(`<desc id="${chart.id}-desc">[^<]{20,}</desc>`));
      expect(html).toContain(`<caption class="utrecht-table__caption">${chart.caption}</caption>`);

      const rowValues = chart.rows.flatMap((row) => row.values);
      const labels = [...html.matchAll(/class="inspraak-chart__value"[^>]*>(\d+)</g)].map((match) => Number(match[1]));
      expect(labels).toEqual(rowValues);
      const cells = [...html.matchAll(/utrecht-table__cell--numeric-data">(\d+)</g)].map((match) => Number(match[1]));
      expect(cells).toEqual([...rowValues, ...(chart.total?.values ?? [])]);
    }
    const week = data.participation[0]!;
    const lastWeek = week.rows.find((row) => row.key === isoWeek(midWeek(1)))!;
    expect(lastWeek.values[0]).toBeGreaterThanOrEqual(3);
  });
});
