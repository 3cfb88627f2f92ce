/**
 * One-time form keys (app/submissions.server.ts): the same form sent twice,
 * or two copies racing, store one row and get the same answer; different
 * keys store two; one person's key is not another's.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getThreads, type ThreadInfo } from "#app/comments.server.ts";
import { action as pointAction, loader as pointLoader } from "#app/routes/actiepunt.$slug.tsx";
import { newSubmissionKey } from "#app/submissions.server.ts";
import { getDb } from "#db/client.ts";
import { actionPoints, comments } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, unwrap } from "#tests/setup/requests.ts";

const SLUG = "open-source";
let publicThread: ThreadInfo;

beforeAll(async () => {
  const [point] = await getDb().select({ id: actionPoints.id }).from(actionPoints).where(eq(actionPoints.slug, SLUG));
  publicThread = (await getThreads({ subjectType: "action_point", subjectId: point!.id })).find((thread) => thread.kind === "public")!;
});

type Answer = { status: number; location: string | null; data: unknown };

/** Calls an action as the browser's form post does; a thrown redirect or refusal is an answer too. */
async function answer(call: Promise<unknown>): Promise<Answer> {
  try {
    const result = unwrap(await call);
    return { status: result.status, location: null, data: result.data };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: error.headers.get("Location"), data: null };
  }
}

const postComment = (cookie: string, fields: Record<string, string>) =>
  answer(pointAction(args(post(`/actiepunt/${SLUG}`, { intent: "comment", threadId: String(publicThread.id), ...fields }, { cookie }), { slug: SLUG })));

const commentsBy = async (authorId: number) =>
  (await getDb().select({ n: sql<number>`count(*)::int` }).from(comments).where(eq(comments.authorId, authorId)))[0]!.n;

/** Starts every call at the same moment, once all are set up. */
async function race<T>(calls: (() => Promise<T>)[]): Promise<T[]> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const running = calls.map((call) => gate.then(call));
  open();
  return Promise.all(running);
}

describe("comments", () => {
  test("the same form twice stores one comment and answers both times with the same redirect", async () => {
    const person = await createUser();
    const key = newSubmissionKey();
    const first = await postComment(person.cookie, { bodyText: "Een keer", submissionKey: key });
    const second = await postComment(person.cookie, { bodyText: "Een keer", submissionKey: key });
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/#reactie-\d+$/);
    expect(second).toEqual(first);
    expect(await commentsBy(person.id)).toBe(1);
  });

  test("two copies racing store exactly one comment, every round", async () => {
    for (let round = 0; round < 50; round++) {
      const person = await createUser();
      const key = newSubmissionKey();
      const answers = await race([0, 1].map(() => () => postComment(person.cookie, { bodyText: `Ronde ${round}`, submissionKey: key })));
      expect(answers.map((a) => a.status), `round ${round}`).toEqual([302, 302]);
      expect(answers[1]!.location, `round ${round}`).toBe(answers[0]!.location);
      expect(await commentsBy(person.id), `round ${round}`).toBe(1);
    }
  });
});
