/**
 * Background jobs on pg-boss: the jobs live in PostgreSQL (schema `pgboss`),
 * so any app instance may run them and a failed job is retried. Jobs are
 * enqueued inside the transaction of the change that causes them: no mail
 * for a change that rolled back, no change without its mail.
 */
import PgBoss from "pg-boss";
import { sql, type SQL } from "drizzle-orm";
import { databaseUrl, type Executor, ownerDatabaseUrl, rowsOf } from "#db/client.ts";
import { grantAppRole, roleOf } from "#db/roles.ts";

export const QUEUES = {
  mail: "mail-send",
  cleanup: "cleanup",
  moderationDigest: "moderation-digest",
  notificationMail: "notification-mail",
  notificationDigest: "notification-digest",
  commentNotification: "notify-comment",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * Seconds before the first retry of a failed mail job (MAIL_RETRY_DELAY_SECONDS, default 30); each
 * later retry waits about twice as long. Tests shorten it to see a mail go out once SMTP is back.
 */
export function mailRetryDelaySeconds(): number {
  const value = Number(process.env.MAIL_RETRY_DELAY_SECONDS);
  return Number.isInteger(value) && value >= 1 ? value : 30;
}

type Store = { url: string; boss: PgBoss; ready: Promise<PgBoss> };
const key = Symbol.for("inspraak.jobs");
const store = globalThis as typeof globalThis & { [key]?: Store };

/**
 * The started pg-boss of this process (one per database URL), with its queues created. It runs as the owner of
 * the tables: it makes and migrates its own schema, and a table per queue.
 */
export function getBoss(): Promise<PgBoss> {
  const url = ownerDatabaseUrl();
  const current = store[key];
  if (current && current.url === url) return current.ready;
  const boss = new PgBoss({ connectionString: url, max: 3, schema: "pgboss", application_name: "inspraak-jobs" });
  boss.on("error", (error) => console.error("[jobs]", error));
  const ready = (async () => {
    await boss.start();
    const mailRetry = { retryLimit: 8, retryDelay: mailRetryDelaySeconds(), retryBackoff: true };
    await boss.createQueue(QUEUES.mail, { name: QUEUES.mail, ...mailRetry });
    await boss.createQueue(QUEUES.cleanup, { name: QUEUES.cleanup, retryLimit: 1, policy: "singleton" });
    await boss.createQueue(QUEUES.moderationDigest, { name: QUEUES.moderationDigest, retryLimit: 2, retryDelay: 300, policy: "singleton" });
    await boss.createQueue(QUEUES.notificationMail, { name: QUEUES.notificationMail, ...mailRetry });
    // createQueue leaves an existing queue as it is; the retry settings follow the configuration at every start.
    for (const name of [QUEUES.mail, QUEUES.notificationMail]) await boss.updateQueue(name, { name, ...mailRetry });
    await boss.createQueue(QUEUES.notificationDigest, { name: QUEUES.notificationDigest, retryLimit: 2, retryDelay: 300, policy: "singleton" });
    await boss.createQueue(QUEUES.commentNotification, { name: QUEUES.commentNotification, retryLimit: 8, retryDelay: 5, retryBackoff: true });
    // The app's role adds jobs from its own transactions (enqueue): it may now do so in the schema pg-boss just made or migrated.
    const appUrl = databaseUrl();
    if (appUrl !== url) await grantAppRole({ ownerUrl: url, appRole: roleOf(appUrl) });
    return boss;
  })();
  // A start that failed (PostgreSQL was away just then) is forgotten, so the next job starts afresh instead of
  // every later enqueue failing with the same error until the process restarts.
  ready.catch(() => {
    if (store[key]?.ready === ready) delete store[key];
    boss.stop({ graceful: false, wait: false }).catch(() => {});
  });
  store[key] = { url, boss, ready };
  return ready;
}

export async function stopJobs(): Promise<void> {
  const current = store[key];
  delete store[key];
  if (current) await current.boss.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => {});
}

/**
 * pg-boss speaks `$1` SQL with a values array; this runs it through our Drizzle executor (and so its transaction).
 * Every value is bound as one parameter: Drizzle would drop an `undefined` interpolation (pg-boss passes unset
 * defaults as undefined) and spread an array into a list.
 */
function executorFor(db: Executor) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const chunks: SQL[] = text
        .split(/\$(\d+)/)
        .map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1] ?? null)}`));
      const rows = rowsOf(await db.execute(sql.join(chunks)));
      return { rows: Array.from(rows as Iterable<unknown>) };
    },
  };
}

/** Enqueues a job as part of `db`'s transaction. */
export async function enqueue(db: Executor, name: QueueName, data: object, options: { singletonKey?: string } = {}) {
  const boss = await getBoss();
  await boss.insert([{ name, data, ...options }], { db: executorFor(db) });
}
