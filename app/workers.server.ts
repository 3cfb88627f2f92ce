/**
 * What the background workers do. `startWorkers` runs them in this process
 * (the server calls it; a separate worker process could too);
 * `runQueuedJobs` runs what is queued right now, for tests and scripts.
 */
import { lt, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { getDb, isConnectionLost, retireConnections } from "#db/client.ts";
import { emailTokens, rateLimits } from "#db/schema.ts";
import { deleteExpiredSessions } from "./auth/session.server.ts";
import { getBoss, QUEUES } from "./jobs.server.ts";
import { deliverMail } from "./mail.server.ts";
import { sendModerationDigests } from "./moderation-digest.server.ts";
import { mailNotifications, sendNotificationDigests } from "./notifications.server.ts";

type MailJob = { outboxId: number };

/** A job that lost its database connection leaves a fresh pool behind, as a request does (see retireConnections). */
function recovering<A extends unknown[], R>(handler: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isConnectionLost(error)) retireConnections();
      throw error;
    }
  };
}

/**
 * Each mail job of a batch succeeds or fails on its own. (A handler that throws fails its whole
 * batch: one refused address would hold back, and use up the retries of, the messages after it.)
 */
async function runMailJob(boss: PgBoss, job: PgBoss.Job<MailJob>) {
  try {
    await deliverMail({ outboxId: job.data.outboxId });
    await boss.complete(QUEUES.mail, job.id);
  } catch (error) {
    if (isConnectionLost(error)) retireConnections();
    await boss.fail(QUEUES.mail, job.id, { message: String(error) });
  }
}

/** Expired sessions, links and rate-limit windows are removed now and then. */
async function cleanup() {
  const db = getDb();
  await deleteExpiredSessions({ db });
  await db.delete(emailTokens).where(lt(emailTokens.expiresAt, sql`now() - interval '30 days'`));
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, sql`now() - interval '1 day'`));
}

export async function startWorkers() {
  const boss = await getBoss();
  await boss.work<MailJob>(QUEUES.mail, { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
    for (const job of jobs) await runMailJob(boss, job);
  });
  await boss.work(QUEUES.cleanup, { pollingIntervalSeconds: 30 }, recovering(cleanup));
  await boss.schedule(QUEUES.cleanup, "17 * * * *");
  await boss.work(
    QUEUES.moderationDigest,
    { pollingIntervalSeconds: 60 },
    recovering(async () => {
      await sendModerationDigests({ now: new Date() });
    }),
  );
  // 08:00 in the Netherlands all year: pg-boss reads the cron in this time zone, so summer time needs no second schedule.
  await boss.schedule(QUEUES.moderationDigest, "0 8 * * *", undefined, { tz: "Europe/Amsterdam" });
  // A failed mail job is retried whole: notifications it already mailed carry `emailedAt` and are skipped.
  await boss.work<{ notificationIds: number[] }>(
    QUEUES.notificationMail,
    { pollingIntervalSeconds: 2 },
    recovering(async ([job]: PgBoss.Job<{ notificationIds: number[] }>[]) => {
      await mailNotifications({ notificationIds: job!.data.notificationIds });
    }),
  );
  await boss.work(
    QUEUES.notificationDigest,
    { pollingIntervalSeconds: 60 },
    recovering(async () => {
      await sendNotificationDigests({ now: new Date() });
    }),
  );
  // Daily digests every morning; weekly ones on Monday mornings (see dueDigests).
  await boss.schedule(QUEUES.notificationDigest, "30 7 * * *", undefined, { tz: "Europe/Amsterdam" });
}

/** Runs every mail job that is queued now, in this process; returns how many ran. */
export async function runQueuedJobs(): Promise<number> {
  const boss = await getBoss();
  let ran = 0;
  for (;;) {
    const jobs = await boss.fetch<MailJob>(QUEUES.mail, { batchSize: 20 });
    if (!jobs || jobs.length === 0) return ran;
    for (const job of jobs) {
      await runMailJob(boss, job);
      ran++;
    }
  }
}
