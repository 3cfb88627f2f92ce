import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql, type SQL } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { commentableParagraphs } from "#app/content/blocks.ts";
import { SUMMARY_MAX, TITLE_MAX, TRANSITIONS } from "#app/proposals.server.ts";
import { renderHtml } from "#app/richtext/render.ts";
import { validateDoc } from "#app/richtext/validate.ts";
import { COUNTED, tallies } from "#app/supports.server.ts";
import { getDb, rowsOf } from "#db/client.ts";
import type { ProposalStatus } from "#db/schema.ts";

/** Runs `npm run seed:demo -- <args>` as its own process against this test file's database. */
function seedDemo(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/seed-demo.ts", ...args], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: "development", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The demo seed at --scale 0.02, run once for the tests that look at what it added. */
let firstRun: ReturnType<typeof seedDemo> | null = null;
const seededOnce = () => (firstRun ??= seedDemo(["--scale", "0.02"]));

async function rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  return Array.from(rowsOf<T>(await getDb().execute<T>(query))) as T[];
}

/** A timestamp from a raw query, in milliseconds. */
const ms = (value: string | Date) => new Date(value).getTime();

function groupBy<T, K>(list: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

async function totals() {
  const [row] = await rows<Record<string, number>>(sql`
    select (select count(*)::int from users) as users,
      (select count(*)::int from users where email like '%@demo.inspraak.invalid') as demo_people,
      (select count(*)::int from role_grants) as grants,
      (select count(*)::int from comments) as comments,
      (select count(*)::int from comment_likes) as likes,
      (select coalesce(sum(comment_count), 0)::int from threads) as thread_counts,
      (select coalesce(sum(reply_count + like_count), 0)::int from comments) as comment_counters,
      (select count(*)::int from proposals) as proposals,
      (select count(*)::int from proposal_status_changes) as status_changes,
      (select count(*)::int from supports) as supports,
      (select coalesce(sum(used), 0)::int from support_budgets) as budget_used,
      (select coalesce(sum(support_count + comment_count), 0)::int from proposals) as proposal_counters,
      (select string_agg(coalesce(proposals_open_at::text, '-') || coalesce(support_open_at::text, '-'), ',' order by id) from plans) as windows`);
  return row!;
}

describe("npm run seed:demo", () => {
  test("refuses to run with NODE_ENV=production and changes nothing", { timeout: 60_000 }, async () => {
    const before = await totals();
    const result = await seedDemo(["--scale", "0.02"], { NODE_ENV: "production" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("NODE_ENV=production");
    expect(await totals()).toEqual(before);
  });

  test("fills every action point with consistent discussions, and only once", { timeout: 120_000 }, async () => {
    const result = await seededOnce();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Demo data added");

    // Demo people: verified, without a password, forum members with an organisation, one holder per action point.
    const [people] = await rows<{ total: number; unusable: number }>(sql`
      select count(*)::int as total,
        count(*) filter (where password_hash is null and email_verified_at is not null)::int as unusable
      from users where email like '%@demo.inspraak.invalid'`);
    expect(people!.total).toBeGreaterThan(50);
    expect(people!.unusable).toBe(people!.total);
    const forum = await rows<{ organisation: string | null }>(sql`select organisation from role_grants where role = 'forum_member'`);
    expect(forum.length).toBeGreaterThanOrEqual(10);
    expect(forum.every((grant) => grant.organisation)).toBe(true);
    const holders = await rows<{ slug: string; holders: number }>(sql`
      select ap.slug, count(g.id)::int as holders from action_points ap join plans p on p.id = ap.plan_id and p.status = 'current'
      left join role_grants g on g.action_point_id = ap.id and g.role = 'action_holder' and g.theme_id = ap.theme_id and g.revoked_at is null
      group by ap.slug`);
    expect(holders).toHaveLength(13);
    expect(holders.filter((row) => row.holders !== 1)).toEqual([]);

    // Both discussions of every action point of the current plan have comments.
    const threadSizes = await rows<{ slug: string; kind: string; comments: number }>(sql`
      select ap.slug, t.kind, count(c.id)::int as comments from action_points ap
      join plans p on p.id = ap.plan_id and p.status = 'current'
      join threads t on t.subject_type = 'action_point' and t.subject_id = ap.id
      left join comments c on c.thread_id = t.id
      group by ap.slug, t.kind`);
    expect(threadSizes).toHaveLength(26);
    expect(threadSizes.filter((row) => row.comments === 0)).toEqual([]);

    // Counters match the rows they count.
    expect(
      await rows(sql`select t.id from threads t
        where t.comment_count <> (select count(*) from comments c where c.thread_id = t.id and c.status = 'published')`),
    ).toEqual([]);
    expect(
      await rows(sql`select c.id from comments c where c.parent_id is null
        and c.reply_count <> (select count(*) from comments r where r.root_id = c.id and r.status = 'published')`),
    ).toEqual([]);
    expect(await rows(sql`select c.id from comments c where c.like_count <> (select count(*) from comment_likes l where l.comment_id = c.id)`)).toEqual([]);
    expect(await rows(sql`select l.comment_id from comment_likes l join comments c on c.id = l.comment_id where l.user_id = c.author_id`)).toEqual([]);

    // The tree: depth 1–3, roots are top-level, parents in the same thread, replies after what they answer.
    expect(
      await rows(sql`select c.id from comments c
        join threads t on t.id = c.thread_id
        left join proposals pr on t.subject_type = 'proposal' and pr.id = t.subject_id
        left join comments p on p.id = c.parent_id
        left join comments r on r.id = c.root_id
        left join comments a on a.id = c.reply_to_id
        where c.depth not between 1 and 3
          or c.theme_id <> t.theme_id
          or (t.subject_type = 'action_point' and (c.created_at < '2021-01-01' or c.created_at >= '2023-01-01'))
          or (t.subject_type = 'proposal' and (c.created_at <= pr.created_at or c.created_at > now()))
          or (c.parent_id is null and (c.depth <> 1 or c.root_id is not null or c.reply_to_id is not null))
          or (c.parent_id is not null and (
            p.thread_id <> c.thread_id or r.thread_id <> c.thread_id or r.parent_id is not null
            or c.root_id <> coalesce(p.root_id, p.id)
            or c.created_at <= p.created_at
            or (c.reply_to_id is null and c.depth <> p.depth + 1)
            or (c.reply_to_id is not null and (c.depth <> 3 or a.depth <> 3 or a.parent_id <> c.parent_id or c.created_at <= a.created_at))))`),
    ).toEqual([]);

    // Paragraph comments point at a paragraph of their action point's text and quote it.
    const paragraphComments = await rows<{ anchor: string; quote: string | null; status: string; depth: number; body: string; contribution: string }>(sql`
      select c.paragraph_anchor as anchor, c.paragraph_quote as quote, c.status, c.depth, ap.body, ap.contribution from comments c
      join threads t on t.id = c.thread_id join action_points ap on t.subject_type = 'action_point' and ap.id = t.subject_id
      where c.paragraph_anchor is not null`);
    expect(paragraphComments.length).toBeGreaterThan(0);
    for (const comment of paragraphComments) {
      const paragraph = [...commentableParagraphs(comment.body, "alinea"), ...commentableParagraphs(comment.contribution, "bijdrage")].find(
        (candidate) => candidate.anchor === comment.anchor,
      );
      expect(paragraph, comment.anchor).toBeDefined();
      expect(comment.depth).toBe(1);
      expect(comment.quote).toBe(comment.status === "deleted" ? null : paragraph!.text);
    }

    // Official comments only by the action holder of that action point.
    const [official] = await rows<{ total: number; wrong: number }>(sql`
      select count(*)::int as total, count(*) filter (where not exists (
        select 1 from role_grants g where g.user_id = c.author_id and g.role = 'action_holder'
          and g.action_point_id = t.subject_id and g.revoked_at is null))::int as wrong
      from comments c join threads t on t.id = c.thread_id where c.official`);
    expect(official!.total).toBeGreaterThan(0);
    expect(official!.wrong).toBe(0);

    // Every text is valid rich text rendered by the server; deleted ones are empty.
    const bodies = await rows<{ id: number; status: string; body: unknown; body_html: string }>(sql`select id, status, body, body_html from comments`);
    for (const comment of bodies) {
      if (comment.status === "deleted") {
        expect(comment.body).toEqual({ type: "doc", content: [] });
        expect(comment.body_html).toBe("");
        continue;
      }
      const checked = validateDoc(comment.body);
      expect(checked.ok, `comment ${comment.id}`).toBe(true);
      if (checked.ok) expect(renderHtml(checked.doc)).toBe(comment.body_html);
      expect(comment.body_html).not.toMatch(/lorem|ipsum/i);
    }
    const hrefs = bodies.flatMap((comment) => [...comment.body_html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!));
    expect(hrefs.every((href) => href.startsWith("https://"))).toBe(true);

    // Every kind of comment the pages must show is there, even in a tiny run.
    const [kinds] = await rows<Record<string, number>>(sql`
      select count(*) filter (where status = 'deleted')::int as deleted,
        count(*) filter (where reply_to_id is not null)::int as reply_to,
        count(*) filter (where depth = 3)::int as third_level,
        count(*) filter (where body_html ~ '<(strong|em|ul|ol|a)[ >]')::int as formatted,
        count(*) filter (where like_count > 0)::int as liked
      from comments`);
    for (const [kind, count] of Object.entries(kinds!)) expect(count, kind).toBeGreaterThan(0);

    // A second run sees the demo people and changes nothing.
    const before = await totals();
    const again = await seedDemo(["--scale", "0.02"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already there");
    expect(await totals()).toEqual(before);
  });
  test("adds proposals for the plan being drafted, with consistent statuses, supports and discussions", { timeout: 120_000 }, async () => {
    const result = await seededOnce();
    expect(result.code).toBe(0);
    const [plan] = await rows<{ id: number; budget: number; proposals_open_at: string; support_open_at: string }>(sql`
      select id, support_budget as budget, proposals_open_at, support_open_at from plans where status = 'drafting' order by id desc limit 1`);
    expect(plan!.budget).toBe(10);
    expect(await rows(sql`select id from proposals where plan_id <> ${plan!.id}`)).toEqual([]);

    // Even a tiny run has proposals in every status a proposal's page and the lists can show.
    const statuses = await rows<{ status: ProposalStatus; count: number }>(sql`select status, count(*)::int as count from proposals group by status`);
    const count = (status: ProposalStatus) => statuses.find((row) => row.status === status)?.count ?? 0;
    expect(count("published")).toBeGreaterThanOrEqual(10);
    for (const status of ["under_consideration", "adopted", "not_adopted", "merged", "withdrawn"] as const) expect(count(status), status).toBeGreaterThanOrEqual(2);
    expect(count("pending")).toBe(0);

    // A theme of the plan being drafted; an action point, if any, of the current plan; dated in the past months.
    const proposalRows = await rows<{
      id: number;
      title: string;
      summary: string;
      body: unknown;
      body_html: string;
      action_point_id: number | null;
      theme_plan: number;
      point_plan_status: string | null;
      created_at: string;
      updated_at: string;
    }>(sql`
      select p.id, p.title, p.summary, p.body, p.body_html, p.action_point_id, th.plan_id as theme_plan, pl.status::text as point_plan_status, p.created_at, p.updated_at
      from proposals p join themes th on th.id = p.theme_id
      left join action_points ap on ap.id = p.action_point_id left join plans pl on pl.id = ap.plan_id`);
    const now = Date.now();
    for (const proposal of proposalRows) {
      expect(proposal.theme_plan).toBe(plan!.id);
      if (proposal.action_point_id !== null) expect(proposal.point_plan_status).toBe("current");
      expect([...proposal.title].length).toBeLessThanOrEqual(TITLE_MAX);
      expect([...proposal.summary].length).toBeLessThanOrEqual(SUMMARY_MAX);
      expect(proposal.summary).not.toMatch(/[<>]/);
      const checked = validateDoc(proposal.body);
      expect(checked.ok, `proposal ${proposal.id}`).toBe(true);
      if (checked.ok) expect(renderHtml(checked.doc)).toBe(proposal.body_html);
      expect(`${proposal.title} ${proposal.summary} ${proposal.body_html}`).not.toMatch(/lorem|ipsum|\{\w+\}/i);
      expect(ms(proposal.created_at)).toBeLessThanOrEqual(now);
      expect(ms(proposal.created_at)).toBeGreaterThan(now - 200 * 24 * 3_600_000);
      expect(ms(proposal.updated_at)).toBeGreaterThanOrEqual(ms(proposal.created_at));
    }
    const buildingOn = proposalRows.filter((proposal) => proposal.action_point_id !== null).length;
    expect(buildingOn).toBeGreaterThan(0);
    expect(buildingOn).toBeLessThan(proposalRows.length);
    expect(proposalRows.filter((proposal) => /<(strong|em|ul|ol|a)[ >]/.test(proposal.body_html)).length).toBeGreaterThan(0);

    // Every proposal has exactly one thread: public, in its theme; its comment count is the thread's, which counts the published comments.
    expect(
      await rows(sql`select p.id from proposals p left join threads t on t.subject_type = 'proposal' and t.subject_id = p.id
        group by p.id having count(t.id) <> 1 or bool_or(t.kind <> 'public' or t.theme_id <> p.theme_id)`),
    ).toEqual([]);
    expect(await rows(sql`select t.id from threads t where t.subject_type = 'proposal' and not exists (select 1 from proposals p where p.id = t.subject_id)`)).toEqual([]);
    expect(
      await rows(sql`select p.id from proposals p join threads t on t.subject_type = 'proposal' and t.subject_id = p.id
        where p.comment_count <> t.comment_count
          or t.comment_count <> (select count(*) from comments c where c.thread_id = t.id and c.status = 'published')`),
    ).toEqual([]);
    const [discussed] = await rows<{ with_comments: number; most: number; author_replies: number }>(sql`
      select count(*) filter (where p.comment_count > 0)::int as with_comments, max(p.comment_count)::int as most,
        (select count(*)::int from comments c join threads t on t.id = c.thread_id and t.subject_type = 'proposal'
          join proposals q on q.id = t.subject_id where c.parent_id is not null and c.author_id = q.author_id) as author_replies
      from proposals p`);
    expect(discussed!.with_comments).toBeGreaterThan(proposalRows.length / 2);
    expect(discussed!.most).toBeLessThanOrEqual(30);
    expect(discussed!.author_replies).toBeGreaterThan(0);

    // The history: null → published at creation by the author, then only allowed steps, in time order, ending at the proposal's status.
    const steps = await rows<{
      proposal_id: number;
      from_status: ProposalStatus | null;
      to_status: ProposalStatus;
      explanation: string;
      actor_id: number;
      created_at: string;
      status: ProposalStatus;
      author_id: number;
      proposal_created_at: string;
      response: string | null;
      responder: boolean;
    }>(sql`
      select c.proposal_id, c.from_status, c.to_status, c.explanation, c.actor_id, c.created_at, p.status, p.author_id, p.created_at as proposal_created_at, p.response,
        exists (select 1 from role_grants g join themes gt on gt.id = g.theme_id join themes pt on pt.id = p.theme_id
          where g.user_id = c.actor_id and g.revoked_at is null and ((g.role = 'action_holder' and gt.number = pt.number) or g.role = 'admin')) as responder
      from proposal_status_changes c join proposals p on p.id = c.proposal_id order by c.proposal_id, c.id`);
    const history = groupBy(steps, (step) => step.proposal_id);
    expect(history.size).toBe(proposalRows.length);
    for (const [id, list] of history) {
      const [first, ...rest] = list;
      expect(first, `proposal ${id}`).toMatchObject({ from_status: null, to_status: "published", actor_id: first!.author_id });
      expect(ms(first!.created_at)).toBe(ms(first!.proposal_created_at));
      let previous = first!;
      for (const step of rest) {
        expect(step.from_status, `proposal ${id}`).toBe(previous.to_status);
        const allowed = step.to_status === "withdrawn" ? ["published", "under_consideration"].includes(previous.to_status) : (TRANSITIONS[previous.to_status] ?? []).includes(step.to_status);
        expect(allowed, `proposal ${id}: ${previous.to_status} → ${step.to_status}`).toBe(true);
        expect(ms(step.created_at)).toBeGreaterThan(ms(previous.created_at));
        expect(ms(step.created_at)).toBeLessThanOrEqual(now);
        if (step.to_status === "withdrawn") {
          expect(step.actor_id).toBe(step.author_id);
        } else {
          expect(step.responder, `proposal ${id}: actor of ${step.to_status}`).toBe(true);
          expect(step.explanation.length).toBeGreaterThan(20);
        }
        previous = step;
      }
      expect(previous.to_status, `proposal ${id}`).toBe(previous.status);
      // The response is the latest official explanation; withdrawing leaves it as it was.
      expect(previous.response).toBe(list.filter((step) => step.explanation).at(-1)?.explanation ?? null);
    }

    // Merged ones point at an older proposal of the same plan that could take the merge; nothing else points anywhere.
    expect(
      await rows(sql`select p.id from proposals p left join proposals m on m.id = p.merged_into_id
        where (p.status = 'merged') <> (p.merged_into_id is not null)
          or (p.merged_into_id is not null and (m.id = p.id or m.plan_id <> p.plan_id or m.status not in ('published', 'under_consideration', 'adopted')
            or m.created_at >= (select max(c.created_at) from proposal_status_changes c where c.proposal_id = p.id)))`),
    ).toEqual([]);

    // Supports: counters match the rows, and each came after publication, while the proposal could be supported, from a person registered by then.
    expect(await rows(sql`select p.id from proposals p where p.support_count <> (select count(*) from supports s where s.proposal_id = p.id)`)).toEqual([]);
    expect(
      await rows(sql`select s.proposal_id, s.user_id from supports s join proposals p on p.id = s.proposal_id join users u on u.id = s.user_id
        where s.created_at <= p.created_at or s.created_at > now() or s.created_at <= u.created_at
          or (select c.to_status from proposal_status_changes c where c.proposal_id = s.proposal_id and c.created_at <= s.created_at
            order by c.created_at desc, c.id desc limit 1) not in ('published', 'under_consideration')`),
    ).toEqual([]);
    const [supportTotals] = await rows<{ supports: number; supporters: number; popular: number; on_released: number }>(sql`
      select count(*)::int as supports, count(distinct s.user_id)::int as supporters,
        (select max(support_count)::int from proposals) as popular,
        count(*) filter (where p.status in ('withdrawn', 'merged'))::int as on_released
      from supports s join proposals p on p.id = s.proposal_id`);
    expect(supportTotals!.supports).toBeGreaterThanOrEqual(100);
    expect(supportTotals!.popular).toBeGreaterThan(supportTotals!.supports / proposalRows.length);

    // The budget: used is what counts now (not on withdrawn or merged proposals), at most the budget, for everyone who ever supported.
    expect(
      await rows(sql`select coalesce(b.user_id, c.user_id) as user_id from support_budgets b
        full join (select s.user_id, count(*) filter (where p.status not in ('withdrawn', 'merged'))::int as counted
          from supports s join proposals p on p.id = s.proposal_id where p.plan_id = ${plan!.id} group by s.user_id) c
          on c.user_id = b.user_id and b.plan_id = ${plan!.id}
        where b.user_id is null or c.user_id is null or b.used <> c.counted or b.used > ${plan!.budget}`),
    ).toEqual([]);
    const [spent] = await rows<{ full: number }>(sql`select count(*)::int as full from support_budgets where used = ${plan!.budget}`);
    expect(spent!.full).toBeGreaterThan(0);
    // And at no moment did anyone have more supports counting than the budget.
    const timeline = await rows<{ user_id: number; at: string; released: string | null }>(sql`
      select s.user_id, s.created_at as at,
        (select min(c.created_at) from proposal_status_changes c where c.proposal_id = s.proposal_id and c.to_status in ('withdrawn', 'merged')) as released
      from supports s order by s.user_id, s.created_at`);
    for (const [userId, list] of groupBy(timeline, (row) => row.user_id)) {
      for (const support of list) {
        const counting = list.filter((other) => ms(other.at) <= ms(support.at) && (other.released === null || ms(other.released) > ms(support.at))).length;
        expect(counting, `user ${userId} at ${support.at}`).toBeLessThanOrEqual(plan!.budget);
      }
    }

    // The tally recounts: every counted proposal's supports, counted from the rows, equal its counter.
    expect(
      await rows(sql`select p.id from proposals p where p.status in ('published', 'under_consideration', 'adopted', 'not_adopted')
        and p.support_count <> (select count(*) from supports s where s.proposal_id = p.id)`),
    ).toEqual([]);
    const tally = await tallies({ planId: plan!.id });
    const counters = new Map((await rows<{ id: number; support_count: number }>(sql`select id, support_count from proposals`)).map((row) => [row.id, row.support_count]));
    const tallied = tally.themes.flatMap((theme) => theme.proposals);
    expect(tallied.length).toBe(proposalRows.length - count("withdrawn") - count("merged"));
    for (const proposal of tallied) {
      expect(COUNTED).toContain(proposal.status);
      expect(proposal.supports, `proposal ${proposal.id}`).toBe(counters.get(proposal.id));
    }
    expect(tally.supports).toBe(supportTotals!.supports - supportTotals!.on_released);

    // The windows were open when the demo says people proposed and supported.
    const [earliest] = await rows<{ proposal: string; support: string }>(sql`select (select min(created_at) from proposals) as proposal, (select min(created_at) from supports) as support`);
    expect(ms(plan!.proposals_open_at)).toBeLessThanOrEqual(ms(earliest!.proposal));
    expect(ms(plan!.support_open_at)).toBeLessThanOrEqual(ms(earliest!.support));
  });
});
