/**
 * E-mail. Every message is written to the `outbox` table in the transaction
 * that causes it, with a pg-boss job that delivers it: through SMTP when
 * SMTP_URL is set, otherwise the outbox is the mailbox (listed at /dev/mail in
 * development and printed to the console).
 */
import { and, desc, eq, or, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb, type Executor } from "#db/client.ts";
import { outbox } from "#db/schema.ts";
import { enqueue, QUEUES } from "./jobs.server.ts";

export type Mail = { to: string; userId: number | null; subject: string; text: string; headers?: Record<string, string> };

export async function queueMail(db: Executor, mail: Mail): Promise<number> {
  const [row] = await db
    .insert(outbox)
    .values({ toAddress: mail.to, userId: mail.userId, subject: mail.subject, text: mail.text, headers: mail.headers ?? {} })
    .returning({ id: outbox.id });
  await enqueue(db, QUEUES.mail, { outboxId: row!.id }, { singletonKey: `mail:${row!.id}` });
  return row!.id;
}

let transporter: { url: string; transport: Transporter } | undefined;
function smtp(): Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (transporter?.url !== url) transporter = { url, transport: nodemailer.createTransport(url) };
  return transporter.transport;
}

/**
 * Delivers one outbox message. A message is claimed by switching it from
 * queued to sending in one statement, so two workers never both send it; a
 * failed send puts it back and throws, and pg-boss retries the job. A claim
 * older than ten minutes belonged to a worker that died, and may be taken over.
 */
export async function deliverMail({ outboxId, db = getDb() }: { outboxId: number; db?: Executor }): Promise<"sent" | "skipped"> {
  const [message] = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, status: "sending", claimedAt: sql`now()` })
    .where(
      and(
        eq(outbox.id, outboxId),
        or(eq(outbox.status, "queued"), and(eq(outbox.status, "sending"), sql`${outbox.claimedAt} < now() - interval '10 minutes'`)),
      ),
    )
    .returning();
  if (!message) return "skipped";
  const transport = smtp();
  try {
    if (transport) {
      await transport.sendMail({
        from: process.env.MAIL_FROM ?? "Inspraak <noreply@localhost>",
        to: message.toAddress,
        subject: message.subject,
        text: message.text,
        headers: message.headers,
      });
    } else if (process.env.NODE_ENV !== "production") {
      console.log(`[mail] to ${message.toAddress}: ${message.subject}\n${message.text}\n`);
    }
  } catch (error) {
    await db.update(outbox).set({ status: "queued", lastError: String(error).slice(0, 500) }).where(eq(outbox.id, outboxId));
    throw error;
  }
  await db.update(outbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(outbox.id, outboxId));
  return "sent";
}

/** The newest messages, for the development mailbox at /dev/mail. */
export async function listOutbox({ limit = 50, db = getDb() }: { limit?: number; db?: Executor } = {}) {
  return db
    .select({ id: outbox.id, to: outbox.toAddress, subject: outbox.subject, text: outbox.text, status: outbox.status, createdAt: outbox.createdAt })
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(limit);
}
