/**
 * The consultation-day scenario: many signed-in people at once, each reading
 * pages and searching, commenting, supporting and reporting, all mixed. It
 * fails on any 5xx or socket error and on any write that was acknowledged
 * (2xx or a redirect) but is not in the database afterwards.
 */
import { randomBytes } from "node:crypto";
import type { Sql } from "./sql.ts";

export type MixedInput = {
  base: string;
  /** Session tokens and ids of the people taking part; each comments at most a few times (the posting limit is 10 per 10 minutes). */
  people: { id: number; token: string }[];
  proposalIds: number[];
  hotPath: string;
  commentSlug: string;
  commentThreadId: number;
  /** Comments that may be reported. */
  reportable: number[];
  searchTerms: string[];
  seconds: number;
  connections: number;
  sql: Sql;
};

export type MixedResult = {
  requests: number;
  rps: number;
  p95: number;
  byKind: Record<string, { sent: number; acknowledged: number; other: number }>;
  errors5xx: number;
  socketErrors: number;
  /** Acknowledged writes whose row is not there. */
  missing: { comments: number; supports: number; reports: number };
  /** Comments stored more than once (same one-time key or same text). */
  doubles: number;
};

type Kind = "page" | "proposal" | "search" | "comment" | "support" | "report";
// Out of 20 requests: what people on a consultation day mostly do is read.
const MIX: Kind[] = ["page", "page", "page", "page", "page", "proposal", "proposal", "proposal", "search", "search", "search", "comment", "comment", "comment", "support", "support", "support", "support", "report", "report"];

export async function mixedLoad(input: MixedInput): Promise<MixedResult> {
  const { base, people, sql } = input;
  const marker = randomBytes(4).toString("hex");
  const byKind = Object.fromEntries(MIX.map((kind) => [kind, { sent: 0, acknowledged: 0, other: 0 }])) as MixedResult["byKind"];
  const latencies: number[] = [];
  let errors5xx = 0;
  let socketErrors = 0;
  const comments: string[] = [];
  const supports: [number, number][] = [];
  const reports: [number, number][] = [];
  let counter = 0;
  const deadline = Date.now() + input.seconds * 1000;
  const started = Date.now();

  const headers = (token: string, form = false): Record<string, string> => ({
    cookie: `inspraak_session=${token}`,
    ...(form ? { "content-type": "application/x-www-form-urlencoded", origin: base } : {}),
  });

  async function one() {
    const n = counter++;
    const kind = MIX[n % MIX.length]!;
    // Person and target advance together so that no pair repeats and nobody comments more than a few times.
    const person = people[Math.floor(n / MIX.length) % people.length]!;
    const round = Math.floor(n / (MIX.length * people.length));
    let url = base;
    let init: RequestInit = { headers: headers(person.token), redirect: "manual" };
    let record: (() => void) | null = null;
    if (kind === "page") url += input.hotPath;
    else if (kind === "proposal") url += `/voorstel/${input.proposalIds[n % input.proposalIds.length]}`;
    else if (kind === "search") url += `/zoeken?q=${encodeURIComponent(input.searchTerms[n % input.searchTerms.length]!)}`;
    else if (kind === "comment") {
      const text = `Gemengde belasting ${marker}-${n}: wat betekent dit voor mijn gemeente?`;
      const key = randomBytes(16).toString("base64url");
      url += `/actiepunt/${input.commentSlug}.data`;
      init = { method: "POST", headers: headers(person.token, true), redirect: "manual", body: new URLSearchParams({ intent: "comment", threadId: String(input.commentThreadId), bodyText: text, submissionKey: key }).toString() };
      record = () => comments.push(text);
    } else if (kind === "support") {
      const proposalId = input.proposalIds[(n * 13 + round * 7) % input.proposalIds.length]!;
      url += `/voorstel/${proposalId}.data`;
      init = { method: "POST", headers: headers(person.token, true), redirect: "manual", body: new URLSearchParams({ intent: "support", respond: "data" }).toString() };
      record = () => supports.push([proposalId, person.id]);
    } else {
      const commentId = input.reportable[(n + round * 3) % input.reportable.length]!;
      url += `/melden/reactie/${commentId}`;
      init = { method: "POST", headers: headers(person.token, true), redirect: "manual", body: new URLSearchParams({ reason: "off_topic", submissionKey: randomBytes(16).toString("base64url") }).toString() };
      record = () => reports.push([commentId, person.id]);
    }
    byKind[kind]!.sent++;
    const t0 = performance.now();
    try {
      const response = await fetch(url, init);
      const body = await response.text();
      latencies.push(performance.now() - t0);
      if (response.status >= 500) errors5xx++;
      // A support answered with data tells whether it counted; a refusal (already supported, window closed) is not a write.
      const counted = kind !== "support" || !/"ok",false|"ok":false/.test(body);
      if (response.status < 400 && counted) {
        byKind[kind]!.acknowledged++;
        record?.();
      } else byKind[kind]!.other++;
    } catch {
      socketErrors++;
    }
  }

  await Promise.all(
    Array.from({ length: input.connections }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  // Give the last writes' transactions a moment to be visible, then look for every acknowledged one.
  const stored = new Set((await sql<{ text: string }>`select body_html as text from comments where thread_id = ${input.commentThreadId} and body_html like ${`%${marker}%`}`).map((row) => row.text));
  const storedTexts = [...stored].join("\n");
  const missingComments = comments.filter((text) => !storedTexts.includes(text)).length;
  const [{ doubles }] = (await sql<{ doubles: number }>`
    select count(*)::int as doubles from (select body_html from comments where thread_id = ${input.commentThreadId} and body_html like ${`%${marker}%`} group by body_html having count(*) > 1) d`) as [{ doubles: number }];
  const supportRows = new Set(
    (await sql<{ key: string }>`select proposal_id || ':' || user_id as key from supports where user_id = any(${people.map((person) => person.id)}::int[])`).map((row) => row.key),
  );
  const flagRows = new Set(
    (await sql<{ key: string }>`select target_id || ':' || reporter_id as key from flags where target_type = 'comment' and reporter_id = any(${people.map((person) => person.id)}::int[])`).map((row) => row.key),
  );
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p95: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
    byKind,
    errors5xx,
    socketErrors,
    missing: {
      comments: missingComments,
      supports: supports.filter(([proposal, user]) => !supportRows.has(`${proposal}:${user}`)).length,
      reports: reports.filter(([comment, user]) => !flagRows.has(`${comment}:${user}`)).length,
    },
    doubles,
  };
}
