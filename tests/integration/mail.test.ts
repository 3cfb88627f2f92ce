import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { QUEUES, stopJobs } from "#app/jobs.server.ts";
import { deliverMail, queueMail } from "#app/mail.server.ts";
import { runQueuedJobs, startWorkers } from "#app/workers.server.ts";
import { getDb, rowsOf } from "#db/client.ts";
import { freePort } from "#db/embedded.ts";
import { outbox } from "#db/schema.ts";
import { startSmtp } from "#tests/setup/smtp.ts";
import { asOwner } from "#tests/setup/owner.ts";

/** Headers and body of a received message (ASCII text, so no transfer encoding to undo). */
function parse(raw: string) {
  const split = raw.indexOf("\n\n");
  const headers = raw.slice(0, split);
  return { subject: /^Subject: (.*)$/m.exec(headers)?.[1], headers, body: raw.slice(split + 2) };
}

async function outboxRow(id: number) {
  const [row] = await getDb().select().from(outbox).where(eq(outbox.id, id));
  return row;
}

async function jobsFor(outboxId: number) {
  // pg-boss's tables are the owner's: the app's role may only add jobs.
  const rows = rowsOf(await asOwner((db) => db.execute(
    sql`select id, state from pgboss.job where name = ${QUEUES.mail} and data->>'outboxId' = ${String(outboxId)}`,
  )));
  return Array.from(rows as Iterable<{ id: string; state: string }>);
}

let counter = 0;
function message() {
  const text = "Hello,\n\nConfirm your address with this link:\nhttp://localhost/e-mail-bevestigen/abc\n\nRegards,\nInspraak";
  counter++;
  return { to: `ontvanger${counter}@voorbeeld.nl`, userId: null, subject: `Test message ${counter}`, text };
}

async function queue(mail: ReturnType<typeof message>) {
  return getDb().transaction((tx) => queueMail(tx, mail));
}

const originalSmtpUrl = process.env.SMTP_URL;
afterEach(() => {
  if (originalSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = originalSmtpUrl;
  vi.restoreAllMocks();
});

describe("with SMTP_URL", () => {
  let port: number;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeEach(async () => {
    port = await freePort();
    smtp = await startSmtp(port);
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    return () => smtp.stop();
  });

  test("a queued message is sent once over SMTP and marked sent", async () => {
    const mail = message();
    const id = await queue(mail);
    expect((await outboxRow(id))?.status).toBe("queued");

    expect(await runQueuedJobs()).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const [received] = smtp.received;
    expect(received!.to).toEqual([mail.to]);
    const parsed = parse(received!.raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.body).toContain("Confirm your address with this link:\nhttp://localhost/e-mail-bevestigen/abc");
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect((await jobsFor(id)).map((job) => job.state)).toEqual(["completed"]);

    // Nothing left to run, and running again sends nothing twice.
    expect(await runQueuedJobs()).toBe(0);
    expect(await deliverMail({ outboxId: id })).toBe("skipped");
    expect(smtp.received).toHaveLength(1);
  });

  test("a message queued in a transaction that rolls back is never sent and leaves no row or job", async () => {
    let queuedId = 0;
    await expect(
      getDb().transaction(async (tx) => {
        queuedId = await queueMail(tx, message());
        throw new Error("the change fails after queueing its mail");
      }),
    ).rejects.toThrow("the change fails");

    expect(queuedId).toBeGreaterThan(0);
    expect(await outboxRow(queuedId)).toBeUndefined();
    expect(await jobsFor(queuedId)).toEqual([]);
    await runQueuedJobs();
    expect(smtp.received).toEqual([]);
  });

  test("the background worker sends a batch even when one address in it is refused", async () => {
    await smtp.stop();
    const refused = message();
    smtp = await startSmtp(port, { refuse: [refused.to] });
    const refusedId = await queue(refused);
    const good = [message(), message()];
    const goodIds = [await queue(good[0]!), await queue(good[1]!)];

    await startWorkers();
    try {
      // The worker polls every second; wait until it has handled the three jobs.
      await vi.waitFor(
        async () => {
          const states = (await Promise.all([refusedId, ...goodIds].map(jobsFor))).map((jobs) => jobs[0]?.state);
          expect(states).toEqual(["retry", "completed", "completed"]);
        },
        { timeout: 15_000, interval: 100 },
      );
    } finally {
      await stopJobs();
    }

    expect(smtp.received.flatMap((received) => received.to).sort()).toEqual(good.map((mail) => mail.to).sort());
    for (const id of goodIds) expect(await outboxRow(id)).toMatchObject({ status: "sent" });
    const refusedRow = await outboxRow(refusedId);
    expect(refusedRow).toMatchObject({ status: "queued", sentAt: null });
    expect(refusedRow!.lastError).toMatch(/No such mailbox/);
  });

  test("a failed delivery goes back to the queue, is retried, and is sent exactly once when the server is back", async () => {
    const mail = message();
    const id = await queue(mail);
    await smtp.stop();

    await runQueuedJobs();
    const failed = await outboxRow(id);
    expect(failed).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(failed!.lastError).toMatch(/ECONNREFUSED/);
    const [job] = await jobsFor(id);
    expect(job?.state).toBe("retry");
    // The retry waits (30 s and more); nothing runs it before then.
    expect(await runQueuedJobs()).toBe(0);

    smtp = await startSmtp(port);
    await asOwner((db) => db.execute(sql`update pgboss.job set start_after = now() where id = ${job!.id}::uuid`));
    expect(await runQueuedJobs()).toBe(1);

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual([mail.to]);
    expect(parse(smtp.received[0]!.raw).subject).toBe(mail.subject);
    expect(await outboxRow(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect((await jobsFor(id)).map((row) => row.state)).toEqual(["completed"]);
    expect(await runQueuedJobs()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });
});

test("without SMTP_URL the outbox is the mailbox: the message is marked sent and nothing goes over the network", async () => {
  const port = await freePort();
  const smtp = await startSmtp(port);
  try {
    delete process.env.SMTP_URL;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const mail = message();
    const id = await queue(mail);

    expect(await deliverMail({ outboxId: id })).toBe("sent");

    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "sent", lastError: null });
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(mail.subject));
    // Its job finds the message already sent and sends nothing.
    await runQueuedJobs();
    expect(smtp.received).toEqual([]);
    expect(await outboxRow(id)).toMatchObject({ status: "sent", attempts: 1 });
  } finally {
    await smtp.stop();
  }
});

test("a message claimed by a worker that died is taken over after ten minutes, not before", async () => {
  delete process.env.SMTP_URL;
  vi.spyOn(console, "log").mockImplementation(() => {});
  const id = await queue(message());
  await getDb().update(outbox).set({ status: "sending", claimedAt: sql`now() - interval '2 minutes'` }).where(eq(outbox.id, id));
  expect(await deliverMail({ outboxId: id })).toBe("skipped");
  await getDb().update(outbox).set({ claimedAt: sql`now() - interval '11 minutes'` }).where(eq(outbox.id, id));
  expect(await deliverMail({ outboxId: id })).toBe("sent");
  expect(await outboxRow(id)).toMatchObject({ status: "sent" });
});
