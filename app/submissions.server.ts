/**
 * Every form that creates something carries a one-time key (made here when
 * the page is rendered). The key is claimed as the first statement of the
 * transaction that creates the row, and that transaction stores what it gave,
 * so a committed row always has its key: the same form sent again (a double
 * click, a retry after an answer that was lost) gets the first answer and
 * stores nothing. Two copies racing each other meet at the key's primary key:
 * the second waits for the first to commit and then finds its answer.
 *
 * A post without a key (a script, or a page from before keys existed) is
 * handled without this protection; a key in another format is refused with a
 * 400 by the guard, like every input no form here makes; a key that already
 * served another kind of form or another subject is refused too (422).
 */
import { randomBytes } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client.ts";
import { submissions } from "#db/schema.ts";
import { isSubmissionKey, SUBMISSION_KEY_FIELD } from "#app/forms/submission.ts";

/** How long a key is kept: a retry comes within minutes, a form left open overnight gets a fresh page. */
export const SUBMISSION_KEY_HOURS = 24;

export type SubmissionKind = "comment" | "progressUpdate" | "proposal" | "proposalResponse" | "report" | "appeal" | "plan" | "theme" | "actionPoint";

/** A fresh key for a form on a page being rendered. */
export function newSubmissionKey(): string {
  return randomBytes(16).toString("base64url");
}

/** The posted key, or null when the form sent none. (The guard refused a malformed one already.) */
export function submissionKeyOf(formData: FormData): string | null {
  const value = formData.get(SUBMISSION_KEY_FIELD);
  return isSubmissionKey(value) ? value : null;
}

export type Submission = {
  /** The form's key; without one `once` simply creates. */
  key: string | null | undefined;
  userId: number;
  kind: SubmissionKind;
  /** Where the form creates: what a key was first used for, e.g. `thread:12/parent:34`. */
  subject: string;
};

export type KeyReused = { ok: false; reason: "keyReused" };

/**
 * Runs `create` at most once per person and key, inside the caller's
 * transaction `tx`, of which this must be the first statement (so a racing
 * copy waits here, holding nothing). A success is stored with the key and
 * returned as it is to every later copy; a refusal frees the key again, so
 * the corrected form can use it.
 */
export async function once<R extends { ok: boolean }>(tx: Executor, submission: Submission, create: () => Promise<R>): Promise<R | KeyReused> {
  const { key, userId, kind, subject } = submission;
  if (!key) return create();
  const mine = and(eq(submissions.userId, userId), eq(submissions.key, key));
  // A second round only when the key was removed between the two statements (the clean-up job).
  for (let round = 0; round < 2; round++) {
    const claimed = await tx.insert(submissions).values({ userId, key, kind, subject }).onConflictDoNothing().returning({ key: submissions.key });
    if (claimed.length) {
      const result = await create();
      if (result.ok) await tx.update(submissions).set({ result }).where(mine);
      else await tx.delete(submissions).where(mine);
      return result;
    }
    const [first] = await tx.select({ kind: submissions.kind, subject: submissions.subject, result: submissions.result }).from(submissions).where(mine);
    if (!first) continue;
    if (first.kind !== kind || first.subject !== subject || first.result === null) return { ok: false, reason: "keyReused" };
    return first.result as R;
  }
  return { ok: false, reason: "keyReused" };
}

/** Removes keys older than SUBMISSION_KEY_HOURS (the clean-up job). */
export async function deleteOldSubmissions({ db = getDb() }: { db?: Executor } = {}): Promise<void> {
  await db.delete(submissions).where(lt(submissions.createdAt, sql`now() - make_interval(hours => ${SUBMISSION_KEY_HOURS})`));
}
