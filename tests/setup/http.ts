/** Requests to a running app over HTTP, the way a browser without JavaScript sends them. */
import { eq, and } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { actionPoints, plans, proposals, proposalStatusChanges, themes, threads } from "#db/schema.ts";

export type Answer = { status: number; ms: number; headers: Headers; body: string };

/** A form post with the app's own Origin (else the CSRF check refuses it); redirects are not followed. */
export async function postForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  { cookie, headers = {}, timeoutMs = 15_000 }: { cookie?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: new URLSearchParams(fields),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  return { status: response.status, ms: Date.now() - started, headers: response.headers, body };
}

export async function getPage(baseUrl: string, path: string, { cookie, timeoutMs = 15_000 }: { cookie?: string; timeoutMs?: number } = {}): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {}, signal: AbortSignal.timeout(timeoutMs) });
  const body = await response.text();
  return { status: response.status, ms: Date.now() - started, headers: response.headers, body };
}

/** `name=value` of the session cookie an answer sets, or null. */
export function sessionCookieOf(answer: Answer): string | null {
  const set = answer.headers.getSetCookie().find((cookie) => cookie.startsWith("inspraak_session="));
  return set ? set.slice(0, set.indexOf(";")) : null;
}

/** Signs in through the real form at /inloggen; returns the session cookie. */
export async function signInOver(baseUrl: string, email: string, password: string): Promise<string> {
  const answer = await postForm(baseUrl, "/inloggen", { email, password, redirectTo: "/account" });
  const cookie = sessionCookieOf(answer);
  if (answer.status !== 302 || !cookie) throw new Error(`Sign-in failed: ${answer.status}`);
  return cookie;
}

/** A 2xx answer or a redirect: what a browser takes as "done". */
export const acknowledged = (status: number) => (status >= 200 && status < 300) || status === 302 || status === 303;

/** A rich-text comment body (ProseMirror JSON, as the editor posts it) that carries `marker`. */
export function richBody(marker: string): string {
  return JSON.stringify({
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: `${marker} ` }, { type: "text", text: "met nadruk", marks: [{ type: "bold" }] }] },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "een punt" }] }] }] },
    ],
  });
}

/** The public discussion thread of an action point. */
export async function publicThreadOf(slug: string) {
  const [row] = await getDb()
    .select({ threadId: threads.id })
    .from(threads)
    .innerJoin(actionPoints, and(eq(threads.subjectType, "action_point"), eq(threads.subjectId, actionPoints.id)))
    .where(and(eq(actionPoints.slug, slug), eq(threads.kind, "public")));
  return row!.threadId;
}

/**
 * Opens the support window of the plan being drafted and adds published
 * proposals to it, each with its discussion thread.
 */
export async function supportableProposals({ authorId, count }: { authorId: number; count: number }): Promise<number[]> {
  const db = getDb();
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  const day = 24 * 60 * 60 * 1000;
  await db
    .update(plans)
    .set({ supportOpenAt: new Date(Date.now() - day), supportCloseAt: new Date(Date.now() + 30 * day), supportBudget: null })
    .where(eq(plans.id, plan!.id));
  const [theme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.planId, plan!.id)).orderBy(themes.number).limit(1);
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const title = `Voorstel onder belasting ${index + 1}`;
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: title }] }] };
    const [row] = await db
      .insert(proposals)
      .values({ planId: plan!.id, authorId, themeId: theme!.id, title, summary: title, body, bodyHtml: `<p>${title}</p>`, status: "published" })
      .returning({ id: proposals.id });
    await db.insert(proposalStatusChanges).values({ proposalId: row!.id, fromStatus: null, toStatus: "published", actorId: authorId });
    await db.insert(threads).values({ subjectType: "proposal", subjectId: row!.id, kind: "public", themeId: theme!.id });
    ids.push(row!.id);
  }
  return ids;
}
