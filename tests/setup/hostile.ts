/**
 * Shared by the hostile-input and fuzzing tests: the people and records the
 * routes need, route modules by file name, and one call that says what a
 * browser would get (a status), where a thrown non-Response is a 500.
 */
import path from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import { createComment, getThreads } from "#app/comments.server.ts";
import { decide } from "#app/moderation.server.ts";
import { createProposal } from "#app/proposals.server.ts";
import { getDb, rowsOf } from "#db/client.ts";
import { actionPoints, moderationActions, plans, themes } from "#db/schema.ts";
import { routesDir, type Caller, type ParamKind, type Samples } from "#tests/fixtures/routes.ts";
import { createUser } from "#tests/setup/factories.ts";

export type Person = Awaited<ReturnType<typeof createUser>>;
export type World = {
  samples: Samples;
  people: Record<Exclude<Caller, "anonymous">, Person> & { target: Person };
};

type RouteFn = (args: { request: Request; params: Record<string, string | undefined>; context: object }) => Promise<unknown>;
export type RouteModule = { loader?: RouteFn; action?: RouteFn };

const doc = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

/** A citizen, an author with a comment, a proposal and a hidden comment to appeal, an admin, and a person for the admin to act on. */
export async function createWorld(): Promise<World> {
  const db = getDb();
  const [citizen, author, admin, target] = await Promise.all([
    createUser({ displayName: "Burger" }),
    createUser({ displayName: "Schrijver" }),
    createUser({ displayName: "Beheerder", grants: [{ role: "admin" }] }),
    createUser({ displayName: "Doelwit" }),
  ]);
  const [point] = await db
    .select({
      id: actionPoints.id,
      slug: actionPoints.slug,
      themeId: actionPoints.themeId,
    })
    .from(actionPoints)
    .where(eq(actionPoints.slug, "open-klachten"));
  const [theme] = await db.select({ slug: themes.slug }).from(themes).where(eq(themes.id, point!.themeId));
  const [drafting] = await db.select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  // Proposing and supporting open, so hostile proposals and supports get past the window check.
  const year = 365 * 86_400_000;
  const [opened, closes] = [new Date(Date.now() - year), new Date(Date.now() + year)];
  await db
    .update(plans)
    .set({
      proposalsOpenAt: opened,
      proposalsCloseAt: closes,
      supportOpenAt: opened,
      supportCloseAt: closes,
    })
    .where(eq(plans.id, drafting!.id));
  const [draftTheme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.planId, drafting!.id)).orderBy(themes.number).limit(1);
  const publicThread = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((thread) => thread.kind === "public")!;

  const comment = await createComment({
    threadId: publicThread.id,
    authorId: author.id,
    body: doc("Een eerste reactie"),
    html: "<p>Een eerste reactie</p>",
  });
  const toHide = await createComment({
    threadId: publicThread.id,
    authorId: author.id,
    body: doc("Wordt verborgen"),
    html: "<p>Wordt verborgen</p>",
  });
  if (!comment.ok || !toHide.ok) throw new Error("could not create the sample comments");
  const proposal = await createProposal({
    planId: drafting!.id,
    authorId: author.id,
    input: {
      themeId: draftTheme!.id,
      actionPointId: null,
      title: "Open raadsinformatie",
      summary: "Alle stukken openbaar",
      body: doc("Uitleg"),
      html: "<p>Uitleg</p>",
    },
  });
  if (!proposal.ok) throw new Error(`could not create the sample proposal: ${proposal.reason}`);
  const proposalThread = (await getThreads({ subjectType: "proposal", subjectId: proposal.id })).find((thread) => thread.kind === "public")!;
  await decide({
    type: "comment",
    id: toHide.id,
    moderatorId: admin.id,
    decision: { action: "hide", reason: "spam", note: "" },
  });
  const [hiding] = await db
    .select({ id: moderationActions.id })
    .from(moderationActions)
    .where(and(eq(moderationActions.targetType, "comment"), eq(moderationActions.targetId, toHide.id), eq(moderationActions.action, "hide")))
    .orderBy(desc(moderationActions.id))
    .limit(1);

  return {
    people: { citizen, author, admin, target },
    samples: {
      actionPointSlug: point!.slug,
      themeSlug: theme!.slug,
      proposalId: proposal.id,
      commentId: comment.id,
      userId: target.id,
      hidingId: hiding!.id,
      themeId: draftTheme!.id,
      actionPointId: point!.id,
      planId: drafting!.id,
      publicThreadId: publicThread.id,
      proposalThreadId: proposalThread.id,
      token: "a".repeat(40),
    },
  };
}

/** The valid value of a URL parameter of this kind. */
export function sampleParam(kind: ParamKind, samples: Samples): string {
  switch (kind) {
    case "actionPointSlug":
      return samples.actionPointSlug;
    case "themeSlug":
      return samples.themeSlug;
    case "proposalId":
      return String(samples.proposalId);
    case "commentId":
      return String(samples.commentId);
    case "userId":
      return String(samples.userId);
    case "hidingId":
      return String(samples.hidingId);
    case "reportType":
      return "reactie";
    case "moderationType":
      return "voorstel";
    case "token":
      return samples.token;
    case "planId":
      return String(samples.planId);
    case "themeId":
      return String(samples.themeId);
    case "actionPointId":
      return String(samples.actionPointId);
    case "splat":
      return "bestaat/niet";
  }
}

export async function importRoute(file: string): Promise<RouteModule> {
  return (await import(path.join(routesDir, file))) as RouteModule;
}

/** A URL path segment as the client sends it; lone surrogates (which no client can send) become U+FFFD first. */
export function encodeSegment(value: string): string {
  return encodeURIComponent(wellFormed(value));
}

export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** A parameter as Remix hands it to the route: decoded, unless the segment is not valid percent-encoding (then raw). */
export function remixParam(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

let ipCounter = 0;

/** A different client address for every call, so per-IP rate limits do not stop the run before the input is read. */
function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export type Outcome = { status: number; body: string | null; error?: unknown };

/**
 * Calls a loader or action as Remix would and says what the browser gets:
 * the status of a returned or thrown Response (or `data()`), and 500 for
 * anything else thrown, which is what production would answer.
 */
export async function callRoute(fn: RouteFn, request: Request, params: Record<string, string | undefined>): Promise<Outcome> {
  try {
    const result = (await fn({
      request,
      params,
      context: { clientIp: nextIp(), requestId: "hostile" },
    })) as unknown;
    if (result instanceof Response) return { status: result.status, body: null };
    const wrapped = result as {
      type?: string;
      init?: ResponseInit | null;
    } | null;
    if (wrapped && wrapped.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, body: null };
    return { status: 200, body: null };
  } catch (error) {
    if (error instanceof Response)
      return {
        status: error.status,
        body: error.status >= 400 && error.status < 500 ? await error.text() : null,
      };
    return { status: 500, body: null, error };
  }
}

/** A status a hostile input may get: anything but a server error (503 only comes while the database is down, and it is not). */
export function acceptable(outcome: Outcome): boolean {
  return outcome.status >= 200 && outcome.status < 500;
}

export function describeFailure(where: string, outcome: Outcome): string {
  const error = outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message.slice(0, 200)}` : String(outcome.error ?? "");
  return `${where} → ${outcome.status} ${error}`;
}

/** Every table of the public schema with its row count. */
export async function tableCounts(): Promise<Record<string, number>> {
  const db = getDb();
  const tables = (rowsOf(await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`))) as unknown as { tablename: string }[];
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = (rowsOf(await db.execute(sql`select count(*)::int as n from ${sql.identifier(tablename)}`))) as unknown as { n: number }[];
    counts[tablename] = row!.n;
  }
  return counts;
}
