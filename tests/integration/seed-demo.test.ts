import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql, type SQL } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { commentableParagraphs } from "#app/content/blocks.ts";
import { renderHtml } from "#app/richtext/render.ts";
import { validateDoc } from "#app/richtext/validate.ts";
import { getDb } from "#db/client.ts";

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

async function rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  return Array.from(await getDb().execute<T>(query)) as T[];
}

async function totals() {
  const [row] = await rows<Record<string, number>>(sql`
    select (select count(*)::int from users) as users,
      (select count(*)::int from users where email like '%@demo.inspraak.invalid') as demo_people,
      (select count(*)::int from role_grants) as grants,
      (select count(*)::int from comments) as comments,
      (select count(*)::int from comment_likes) as likes,
      (select coalesce(sum(comment_count), 0)::int from threads) as thread_counts,
      (select coalesce(sum(reply_count + like_count), 0)::int from comments) as comment_counters`);
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
    const result = await seedDemo(["--scale", "0.02"]);
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
        left join comments p on p.id = c.parent_id
        left join comments r on r.id = c.root_id
        left join comments a on a.id = c.reply_to_id
        where c.depth not between 1 and 3
          or c.theme_id <> t.theme_id
          or c.created_at < '2021-01-01' or c.created_at >= '2023-01-01'
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
});
