/**
 * What the background workers do. `startWorkers` runs them in this process
 * (the server calls it; a separate worker process could too);
 * `runQueuedJobs` runs what is queued right now, for tests and scripts.
 */
import { lt, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { getDb } from "#db/client.ts";
import { emailTokens, rateLimits } from "#db/schema.ts";
import { deleteExpiredSessions } from "./auth/session.server.ts";
import { getBoss, QUEUES, type QueueName } from "./jobs.server.ts";
import { deliverMail } from "./mail.server.ts";
import { sendModerationDigests } from "./moderation-digest.server.ts";
import { fanOutNewComment, mailNotifications, sendNotificationDigests } from "./notifications.server.ts";
import { deleteOldSubmissions } from "./submissions.server.ts";

type MailJob = { outboxId: number };
type CommentJob = { commentId: number };

/**
 * Each job of a batch succeeds or fails on its own. (A handler that throws fails its whole
 * batch: one refused address would hold back, and use up the retries of, the messages after it.)
 */
async function runJob<T extends object>(boss: PgBoss, queue: QueueName, job: PgBoss.Job<T>, handler: (data: T) => Promise<unknown>) {
  try {
    await handler(job.data);
    await boss.complete(queue, job.id);
  } catch (error) {
    await boss.fail(queue, job.id, { message: String(error) });
  }
}

const runMailJob = (boss: PgBoss, job: PgBoss.Job<MailJob>) => runJob(boss, QUEUES.mail, job, (data) => deliverMail({ outboxId: data.outboxId }));
/** A new comment's fan-out to its followers; a retry adds nothing that is there already (see fanOutNewComment). */
const runCommentJob = (boss: PgBoss, job: PgBoss.Job<CommentJob>) => runJob(boss, QUEUES.commentNotification, job, (data) => fanOutNewComment({ commentId: data.commentId }));

/** Expired sessions, links, rate-limit windows and one-time form keys are removed now and then. */
async function cleanup() {
  const db = getDb();
  await deleteExpiredSessions({ db });
  await db.delete(emailTokens).where(lt(emailTokens.expiresAt, sql`now() - interval '30 days'`));
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, sql`now() - interval '1 day'`));
  await deleteOldSubmissions({ db });
}

export async function startWorkers() {
  const boss = await getBoss();
  await boss.work<MailJob>(QUEUES.mail, { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
    for (const job of jobs) await runMailJob(boss, job);
  });
  await boss.work<CommentJob>(QUEUES.commentNotification, { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
    for (const job of jobs) await runCommentJob(boss, job);
  });
  await boss.work(QUEUES.cleanup, { pollingIntervalSeconds: 30 }, cleanup);
  await boss.schedule(QUEUES.cleanup, "17 * * * *");
  await boss.work(
    QUEUES.moderationDigest,
    { pollingIntervalSeconds: 60 },
    async () => {
      await sendModerationDigests({ now: new Date() });
    },
  );
  // 08:00 in the Netherlands all year: pg-boss reads the cron in this time zone, so summer time needs no second schedule.
  await boss.schedule(QUEUES.moderationDigest, "0 8 * * *", undefined, { tz: "Europe/Amsterdam" });
  // A failed mail job is retried whole: notifications it already mailed carry `emailedAt` and are skipped.
  await boss.work<{ notificationIds: number[] }>(
    QUEUES.notificationMail,
    { pollingIntervalSeconds: 2 },
    async ([job]: PgBoss.Job<{ notificationIds: number[] }>[]) => {
      await mailNotifications({ notificationIds: job!.data.notificationIds });
    },
  );
  await boss.work(
    QUEUES.notificationDigest,
    { pollingIntervalSeconds: 60 },
    async () => {
      await sendNotificationDigests({ now: new Date() });
    },
  );
  // Daily digests every morning; weekly ones on Monday mornings (see dueDigests).
  await boss.schedule(QUEUES.notificationDigest, "30 7 * * *", undefined, { tz: "Europe/Amsterdam" });
}

const RUNNERS = { [QUEUES.mail]: runMailJob, [QUEUES.commentNotification]: runCommentJob } as const;

/**
 * Runs every job of `queue` (mail by default, or new comments' notifications) that is queued now, in
 * this process, for tests and scripts; returns how many ran.
 */
export async function runQueuedJobs(queue: keyof typeof RUNNERS = QUEUES.mail): Promise<number> {
  const boss = await getBoss();
  const run = RUNNERS[queue] as (boss: PgBoss, job: PgBoss.Job<object>) => Promise<void>;
  let ran = 0;
  for (;;) {
    const jobs = await boss.fetch<object>(queue, { batchSize: 20 });
    if (!jobs || jobs.length === 0) return ran;
    for (const job of jobs) {
      await run(boss, job);
      ran++;
    }
  }
}
