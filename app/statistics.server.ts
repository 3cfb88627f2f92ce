/**
 * Participation and moderation figures for `/statistieken`. Everything is
 * counted through the public-visibility rule (app/visibility.server.ts), so a
 * hidden, held or deleted contribution never adds to a number. The page costs
 * a fixed number of queries: every figure is an aggregate with GROUP BY, and
 * weeks without activity come from generate_series, not from a loop.
 */
import { asc, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { moderationActionKind, plans, themes } from "#db/schema.ts";
import { moderationLogTotals } from "./moderation-log.server.ts";
import { publicComment, publicProposal } from "./visibility.server.ts";

export const STATISTICS_WEEKS = 12;
const ACTIONS = moderationActionKind.enumValues;
export type ModerationAction = (typeof ACTIONS)[number];

export type Participation = { comments: number; proposals: number; supports: number; people: number };
type Translations = (typeof themes.$inferSelect)["translations"];

export type ParticipationStatistics = {
  /** The last weeks (ISO weeks in the Netherlands), oldest first, empty weeks included. */
  weeks: ({ isoWeek: string; week: number; start: string } & Participation)[];
  /** Theme numbers (I–VII) of the current and the drafting plan, so both plans line up. */
  themes: ({ number: number; title: string; translations: Translations } & Participation)[];
  /** The whole period; `people` counts each person once, however often they took part. */
  total: Participation;
};

export type ModerationStatistics = {
  perAction: { action: ModerationAction; count: number; medianHours: number | null }[];
  perMonth: { month: string; count: number }[];
  total: number;
  /** Median hours from entering the queue to the decision, over decisions that came from the queue. */
  medianHours: number | null;
  /** How many decisions the median is over. */
  fromQueue: number;
};

type ParticipationRow = {
  iso_week: string | null;
  week_start: string | null;
  theme: number | null;
  all_weeks: number;
  all_themes: number;
  comments: number;
  proposals: number;
  supports: number;
  people: number;
};

const EMPTY: Participation = { comments: 0, proposals: 0, supports: 0, people: 0 };

function participation(row: ParticipationRow): Participation {
  return { comments: Number(row.comments), proposals: Number(row.proposals), supports: Number(row.supports), people: Number(row.people) };
}

/**
 * Comments, proposals, supports and distinct people per ISO week (Europe/Amsterdam)
 * and per theme number over the last `weeks` weeks: two queries, whatever the data.
 * Comments count in the theme of their thread (current plan for action points,
 * drafting plan for proposals); supports of withdrawn proposals no longer count,
 * as in the tallies.
 */
export async function participationStatistics({
  now = new Date(),
  weeks = STATISTICS_WEEKS,
  db = getDb(),
}: { now?: Date; weeks?: number; db?: Executor } = {}): Promise<ParticipationStatistics> {
  const thisWeek = sql`date_trunc('week', ${now.toISOString()}::timestamptz at time zone 'Europe/Amsterdam')`;
  const [themeRows, result] = await Promise.all([
    db
      .select({ number: themes.number, title: themes.title, translations: themes.translations, status: plans.status })
      .from(themes)
      .innerJoin(plans, sql`${plans.id} = ${themes.planId}`)
      .where(inArray(plans.status, ["current", "drafting"]))
      .orderBy(asc(themes.number)),
    db.execute<ParticipationRow>(sql`
      with weeks as (
        select generate_series(${thisWeek} - make_interval(weeks => ${weeks - 1}::int), ${thisWeek}, interval '1 week') as week
      ),
      period as (
        select (min(week) at time zone 'Europe/Amsterdam') as from_at, ((max(week) + interval '1 week') at time zone 'Europe/Amsterdam') as until_at from weeks
      ),
      events as (
        select 'comment' as kind, c.author_id as person, t.number as theme, c.created_at as at
        from comments c join themes t on t.id = c.theme_id join plans p on p.id = t.plan_id
        where p.status in ('current', 'drafting') and ${publicComment("c")}
        union all
        select 'proposal', pr.author_id, t.number, pr.created_at
        from proposals pr join themes t on t.id = pr.theme_id join plans p on p.id = t.plan_id
        where p.status in ('current', 'drafting') and ${publicProposal("pr")}
        union all
        select 'support', s.user_id, t.number, s.created_at
        from supports s join proposals pr on pr.id = s.proposal_id join themes t on t.id = pr.theme_id join plans p on p.id = t.plan_id
        where p.status in ('current', 'drafting') and ${publicProposal("pr")} and pr.status <> 'withdrawn'
      ),
      dated as (
        select kind, person, theme, date_trunc('week', at at time zone 'Europe/Amsterdam') as week
        from events, period
        where at >= period.from_at and at < period.until_at
      )
      select to_char(w.week, 'IYYY-"W"IW') as iso_week, to_char(w.week, 'YYYY-MM-DD') as week_start, d.theme,
        grouping(w.week)::int as all_weeks, grouping(d.theme)::int as all_themes,
        count(*) filter (where d.kind = 'comment')::int as comments,
        count(*) filter (where d.kind = 'proposal')::int as proposals,
        count(*) filter (where d.kind = 'support')::int as supports,
        count(distinct d.person)::int as people
      from weeks w left join dated d on d.week = w.week
      group by grouping sets ((w.week), (d.theme), ())
      order by w.week nulls last, d.theme nulls last`),
  ]);
  const rows = result.rows;

  const weekRows = rows
    .filter((row) => Number(row.all_weeks) === 0)
    .map((row) => ({ isoWeek: row.iso_week!, week: Number(row.iso_week!.slice(-2)), start: row.week_start!, ...participation(row) }));

  // One entry per theme number; the current plan's title names it when both plans have one.
  const byNumber = new Map<number, { number: number; title: string; translations: Translations }>();
  for (const theme of themeRows) {
    if (!byNumber.has(theme.number) || theme.status === "current") byNumber.set(theme.number, { number: theme.number, title: theme.title, translations: theme.translations });
  }
  const themeCounts = new Map<number, Participation>();
  for (const row of rows) {
    // The row of weeks without any event has theme null: it is no theme.
    if (Number(row.all_weeks) === 1 && Number(row.all_themes) === 0 && row.theme !== null) themeCounts.set(Number(row.theme), participation(row));
  }
  const totalRow = rows.find((row) => Number(row.all_weeks) === 1 && Number(row.all_themes) === 1);

  return {
    weeks: weekRows,
    themes: [...byNumber.values()].map((theme) => ({ ...theme, ...(themeCounts.get(theme.number) ?? EMPTY) })),
    total: totalRow ? participation(totalRow) : EMPTY,
  };
}

type ModerationRow = { action: ModerationAction | null; all_actions: number; count: number; from_queue: number; median_seconds: number | string | null };

/**
 * Decisions per action with the median wait (one query), and per month for
 * the last 12 months, which the public moderation log already computes.
 */
export async function moderationStatistics({ now = new Date(), db = getDb() }: { now?: Date; db?: Executor } = {}): Promise<ModerationStatistics> {
  const [result, totals] = await Promise.all([
    db.execute<ModerationRow>(sql`
      select action, grouping(action)::int as all_actions, count(*)::int as count, count(reported_at)::int as from_queue,
        percentile_cont(0.5) within group (order by extract(epoch from created_at - reported_at)) filter (where reported_at is not null) as median_seconds
      from moderation_actions
      group by grouping sets ((action), ())`),
    moderationLogTotals({ now, db }),
  ]);
  const rows = result.rows;
  const hours = (seconds: ModerationRow["median_seconds"]) => (seconds === null ? null : Math.max(0, Number(seconds)) / 3600);
  const perAction = ACTIONS.map((action) => {
    const row = rows.find((candidate) => Number(candidate.all_actions) === 0 && candidate.action === action);
    return { action, count: row ? Number(row.count) : 0, medianHours: row ? hours(row.median_seconds) : null };
  });
  const total = rows.find((row) => Number(row.all_actions) === 1);
  return {
    perAction,
    perMonth: totals.perMonth,
    total: total ? Number(total.count) : 0,
    medianHours: total ? hours(total.median_seconds) : null,
    fromQueue: total ? Number(total.from_queue) : 0,
  };
}
