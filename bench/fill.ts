/**
 * The benchmark's data: `npm run seed:demo` (real Dutch discussions and
 * proposals, rich text rendered by the app's own renderer) at a small scale,
 * then topped up with set-based INSERT … SELECT generate_series to the sizes
 * the benchmark names. The extra comments and proposals reuse the bodies (the
 * ProseMirror JSON and the HTML rendered from it) that the demo seed wrote, so
 * every page renders real stored rich text. Counters (thread, reply, proposal
 * comment and support counts, support budgets) are recomputed from the rows at
 * the end, as the app keeps them.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generateToken, hashToken, SESSION_LIFETIME } from "#app/auth/session.server.ts";
import { benchConnection, type Sql } from "./sql.ts";

export type Sizes = { comments: number; hotThread: number; quietThread: number; proposals: number; supports: number; posters: number; duplicateTesters: number };

export const SIZES: Sizes = {
  comments: 100_000,
  hotThread: 5_000,
  quietThread: 50,
  proposals: 2_000,
  supports: 100_000,
  /** People with a session who post supports and comments during the run, each a few times at most. */
  posters: 20_000,
  /** People with a session who each send the same support several times at once. */
  duplicateTesters: 200,
};

const BENCH_DOMAIN = "bench.inspraak.invalid";
export const HOT_SLUG = "open-algoritmen";

export type Filled = {
  hotSlug: string;
  hotThreadId: number;
  quietSlug: string;
  quietComments: number;
  commentSlug: string;
  commentThreadId: number;
  proposalIds: number[];
  /** People with a session for the POST scenarios: their id and session token. */
  posters: { id: number; token: string }[];
  duplicateTokens: string[];
  counts: { comments: number; hotThread: number; proposals: number; supports: number; people: number };
  seconds: number;
};

function runSeedDemo(databaseUrl: string, scale: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/seed-demo.ts", "--scale", String(scale)], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`seed:demo exited with ${code}:\n${output}`))));
  });
}

/** Sessions minted directly in the database, as the tests' factories do: the token for the cookie, its SHA-256 as the row's id. */
async function mintSessions(sql: Sql, userIds: number[]): Promise<string[]> {
  const tokens = userIds.map(() => generateToken());
  const expires = new Date(Date.now() + SESSION_LIFETIME);
  for (let i = 0; i < userIds.length; i += 5_000) {
    const ids = tokens.slice(i, i + 5_000).map(hashToken);
    await sql`insert into sessions (id, user_id, expires_at)
      select s.id, s.user_id, ${expires}::timestamptz from unnest(${ids}::text[], ${userIds.slice(i, i + 5_000)}::int[]) as s(id, user_id)`;
  }
  return tokens;
}

export async function fillDatabase(databaseUrl: string, sizes: Sizes = SIZES, log: (line: string) => void = console.log): Promise<Filled> {
  const started = performance.now();
  log("seed:demo --scale 0.1 (real discussions and proposals to copy from) …");
  await runSeedDemo(databaseUrl, 0.1);
  // One connection: the temporary tables below live on it.
  const { sql, end } = await benchConnection(databaseUrl);
  try {
    const [already] = await sql<{ n: number }>`select count(*)::int as n from users where email like ${"%@" + BENCH_DOMAIN}`;
    if (already!.n > 0) throw new Error("This database already holds benchmark data: use a fresh one.");

    // -- people ------------------------------------------------------------------------
    const supporters = Math.ceil(sizes.supports / 10);
    const total = supporters + sizes.posters + sizes.duplicateTesters;
    log(`${total.toLocaleString("en-GB")} people …`);
    await sql`
      insert into users (email, display_name, password_hash, email_verified_at, created_at, updated_at)
      select 'persoon' || n || ${"@" + BENCH_DOMAIN},
        (array['Anna','Jan','Fatima','Pieter','Sanne','Mohamed','Lotte','Kees','Aylin','Daan','Iris','Ravi'])[1 + n % 12] || ' ' ||
        (array['de Vries','Jansen','Bakker','Yilmaz','Visser','Smit','El Idrissi','Meijer','de Boer','Nguyen','Mulder','Bos','Kaya'])[1 + n % 13],
        null, now() - interval '400 days', now() - interval '400 days' - (n % 300) * interval '1 hour', now() - interval '400 days'
      from generate_series(1, ${total}) n`;
    const people = await sql<{ id: number }>`select id from users where email like ${"%@" + BENCH_DOMAIN} order by id`;
    const ids = people.map((row) => row.id);
    const supporterIds = ids.slice(0, supporters);
    const posterIds = ids.slice(supporters, supporters + sizes.posters);
    const duplicateIds = ids.slice(supporters + sizes.posters);

    // -- the bodies to copy -----------------------------------------------------------------
    await sql`create temporary table bench_bodies as
      select row_number() over (order by id) - 1 as idx, body, body_html from comments where status = 'published' and body_html <> ''`;
    const [bodies] = await sql<{ n: number }>`select count(*)::int as n from bench_bodies`;
    const bodyCount = bodies!.n;
    await sql`create temporary table bench_authors as select row_number() over (order by id) - 1 as idx, id from users where email_verified_at is not null and deleted_at is null`;
    const [authors] = await sql<{ n: number }>`select count(*)::int as n from bench_authors`;
    const authorCount = authors!.n;

    // -- proposals ---------------------------------------------------------------------------
    const [plan] = await sql<{ id: number }>`select id from plans where status = 'drafting' order by id limit 1`;
    if (!plan) throw new Error("No plan being drafted.");
    const [existingProposals] = await sql<{ n: number }>`select count(*)::int as n from proposals where plan_id = ${plan.id}`;
    const addProposals = Math.max(0, sizes.proposals - existingProposals!.n);
    log(`${addProposals.toLocaleString("en-GB")} more proposals …`);
    await sql`create temporary table bench_proposal_sources as
      select row_number() over (order by id) - 1 as idx, theme_id, action_point_id, title, summary, body, body_html from proposals where plan_id = ${plan.id} and status in ('published', 'under_consideration', 'adopted', 'not_adopted')`;
    const [sources] = await sql<{ n: number }>`select count(*)::int as n from bench_proposal_sources`;
    await sql`
      insert into proposals (plan_id, theme_id, action_point_id, author_id, title, summary, body, body_html, status, created_at, updated_at)
      select ${plan.id}, s.theme_id, s.action_point_id, a.id, left(s.title, 100) || ' (' || n || ')', s.summary, s.body, s.body_html, 'published',
        now() - (n % 150) * interval '1 day' - (n % 24) * interval '1 hour', now() - (n % 150) * interval '1 day'
      from generate_series(1, ${addProposals}) n
      join bench_proposal_sources s on s.idx = n % ${sources!.n}
      join bench_authors a on a.idx = (n * 7919) % ${authorCount}`;
    await sql`
      insert into threads (subject_type, subject_id, kind, theme_id, created_at)
      select 'proposal', p.id, 'public', p.theme_id, p.created_at from proposals p
      where p.plan_id = ${plan.id} and not exists (select 1 from threads t where t.subject_type = 'proposal' and t.subject_id = p.id)`;

    // -- comments ----------------------------------------------------------------------------
    const points = await sql<{ slug: string; thread_id: number; kind: string; n: number }>`
      select ap.slug, t.id as thread_id, t.kind, (select count(*)::int from comments c where c.thread_id = t.id) as n
      from action_points ap join threads t on t.subject_type = 'action_point' and t.subject_id = ap.id
      join plans pl on pl.id = ap.plan_id and pl.status = 'current' order by ap.number, t.kind`;
    const hot = points.find((point) => point.slug === HOT_SLUG && point.kind === "public");
    if (!hot) throw new Error(`No public thread for ${HOT_SLUG}.`);
    const publicOthers = points.filter((point) => point.kind === "public" && point !== hot).sort((a, b) => a.n - b.n);
    const quiet = publicOthers[0]!;
    // The comment POSTs go to another action point, so the pages measured before keep their size.
    const commentTarget = publicOthers[1]!;

    /** Adds `count` comments to a thread, a fifth of them replies to its top-level comments, spread over 2021–2022. */
    const addComments = async (threadId: number, count: number, salt: number) => {
      if (count <= 0) return;
      const tops = Math.ceil(count * 0.8);
      await sql`
        insert into comments (thread_id, author_id, body, body_html, theme_id, created_at, updated_at)
        select ${threadId}, a.id, b.body, b.body_html, t.theme_id, ts, ts
        from generate_series(1, ${tops}) n
        cross join lateral (select timestamptz '2021-01-04' + ((n * 104729 + ${salt}) % 62000000) * interval '1 second' as ts) d
        join threads t on t.id = ${threadId}
        join bench_bodies b on b.idx = (n * 31 + ${salt}) % ${bodyCount}
        join bench_authors a on a.idx = (n * 7919 + ${salt}) % ${authorCount}`;
      await sql`
        with roots as (select row_number() over (order by id) - 1 as idx, id, created_at from comments where thread_id = ${threadId} and parent_id is null),
        root_count as (select count(*)::int as total from roots)
        insert into comments (thread_id, parent_id, root_id, depth, author_id, body, body_html, theme_id, created_at, updated_at)
        select ${threadId}, r.id, r.id, 2, a.id, b.body, b.body_html, t.theme_id, r.created_at + (n % 72 + 1) * interval '1 hour', r.created_at + (n % 72 + 1) * interval '1 hour'
        from generate_series(1, ${count - tops}) n
        cross join root_count rc
        join roots r on r.idx = (n * 7) % rc.total
        join threads t on t.id = ${threadId}
        join bench_bodies b on b.idx = (n * 17 + ${salt}) % ${bodyCount}
        join bench_authors a on a.idx = (n * 104729 + ${salt}) % ${authorCount}`;
    };

    log("comments …");
    await addComments(hot.thread_id, sizes.hotThread - hot.n, 1);
    await addComments(quiet.thread_id, sizes.quietThread - quiet.n, 2);
    const [now] = await sql<{ n: number }>`select count(*)::int as n from comments`;
    const fillable = points.filter((point) => point !== hot && point !== quiet);
    const proposalThreads = await sql<{ id: number }>`select id from threads where subject_type = 'proposal' order by id`;
    const remaining = Math.max(0, sizes.comments - now!.n);
    // About a third under proposals, the rest in the other action points' discussions, each well below the busiest.
    const perProposal = Math.floor((remaining * 0.3) / proposalThreads.length);
    const proposalShare = perProposal * proposalThreads.length;
    const perPointTotal = remaining - proposalShare;
    for (const [index, point] of fillable.entries()) {
      const target = Math.floor(perPointTotal / fillable.length) + (index < perPointTotal % fillable.length ? 1 : 0);
      await addComments(point.thread_id, target, 10 + index);
    }
    if (perProposal > 0) {
      await sql`
        insert into comments (thread_id, author_id, body, body_html, theme_id, created_at, updated_at)
        select t.id, a.id, b.body, b.body_html, t.theme_id, t.created_at + (n * 3 + t.id % 24) * interval '1 hour', t.created_at + (n * 3 + t.id % 24) * interval '1 hour'
        from threads t cross join generate_series(1, ${perProposal}) n
        join bench_bodies b on b.idx = (t.id * 13 + n) % ${bodyCount}
        join bench_authors a on a.idx = (t.id * 7919 + n * 31) % ${authorCount}
        where t.subject_type = 'proposal'`;
    }

    // -- supports -------------------------------------------------------------------------
    const [existingSupports] = await sql<{ n: number }>`select count(*)::int as n from supports`;
    const addSupports = Math.max(0, sizes.supports - existingSupports!.n);
    log(`${addSupports.toLocaleString("en-GB")} more supports …`);
    await sql`create temporary table bench_supportable as
      select row_number() over (order by id) - 1 as idx, id from proposals where plan_id = ${plan.id} and status in ('published', 'under_consideration')`;
    const [supportable] = await sql<{ n: number }>`select count(*)::int as n from bench_supportable`;
    // Ten different proposals per supporter (the plan's budget: 211 apart), from a skewed start, so some proposals are far more popular.
    await sql`create temporary table bench_supporters as select row_number() over (order by id) - 1 as idx, id from users where id = any(${supporterIds}::int[])`;
    await sql`
      insert into supports (proposal_id, user_id, created_at)
      select p.id, s.id, now() - ((k.n * 37 + s.idx) % 120) * interval '1 day'
      from (select n from generate_series(0, ${addSupports - 1}) n) k
      join bench_supporters s on s.idx = k.n / 10
      join bench_supportable p on p.idx = (floor(${supportable!.n} * power(((s.idx * 7919) % 1000) / 1000.0, 2))::int + (k.n % 10) * 211) % ${supportable!.n}
      on conflict do nothing`;

    // -- counters, as the app keeps them ----------------------------------------------------------
    log("counters …");
    await sql`update comments c set reply_count = r.n from (select root_id, count(*)::int as n from comments where root_id is not null and status = 'published' group by root_id) r where c.id = r.root_id and c.reply_count <> r.n`;
    await sql`update threads t set comment_count = coalesce(c.n, 0) from threads t2
      left join (select thread_id, count(*)::int as n from comments where status = 'published' group by thread_id) c on c.thread_id = t2.id
      where t2.id = t.id and t.comment_count <> coalesce(c.n, 0)`;
    await sql`update proposals p set comment_count = t.comment_count from threads t where t.subject_type = 'proposal' and t.subject_id = p.id and t.kind = 'public'`;
    await sql`update proposals p set support_count = coalesce(s.n, 0) from proposals p2
      left join (select proposal_id, count(*)::int as n from supports group by proposal_id) s on s.proposal_id = p2.id
      where p2.id = p.id and p.support_count <> coalesce(s.n, 0)`;
    await sql`
      insert into support_budgets (plan_id, user_id, used)
      select ${plan.id}, s.user_id, count(*)::int from supports s join proposals p on p.id = s.proposal_id
      where p.plan_id = ${plan.id} and p.status in ('published', 'under_consideration', 'adopted', 'not_adopted') group by s.user_id
      on conflict (plan_id, user_id) do update set used = excluded.used`;

    log("sessions …");
    const posterTokens = await mintSessions(sql, posterIds);
    const duplicateTokens = await mintSessions(sql, duplicateIds);
    await sql`vacuum analyze`;

    const [counts] = await sql<{ comments: number; proposals: number; supports: number; people: number }>`select
      (select count(*)::int from comments) as comments, (select count(*)::int from proposals) as proposals,
      (select count(*)::int from supports) as supports, (select count(*)::int from users) as people`;
    const [hotCount] = await sql<{ n: number }>`select count(*)::int as n from comments where thread_id = ${hot.thread_id}`;
    const [quietCount] = await sql<{ n: number }>`select count(*)::int as n from comments where thread_id = ${quiet.thread_id}`;
    const proposalIds = (await sql<{ id: number }>`select id from bench_supportable order by idx`).map((row) => row.id);
    return {
      hotSlug: hot.slug,
      hotThreadId: hot.thread_id,
      quietSlug: quiet.slug,
      quietComments: quietCount!.n,
      commentSlug: commentTarget.slug,
      commentThreadId: commentTarget.thread_id,
      proposalIds,
      posters: posterIds.map((id, index) => ({ id, token: posterTokens[index]! })),
      duplicateTokens,
      counts: { ...counts!, hotThread: hotCount!.n },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await end();
  }
}
