/**
 * The daily e-mail to moderators: per theme of theirs (admins: every theme)
 * how many items wait in the queue, how long the oldest has waited, and how
 * many wait longer than 48 hours, with a link to /moderatie. Nothing is sent
 * to someone whose themes have nothing waiting.
 *
 * Once a day per person, without a table of its own: the subject carries the
 * date (in the Netherlands), and a person who already has a digest with that
 * day's subject in the outbox — in either language — is skipped. The whole run
 * holds a transaction-level advisory lock, so two runs at once (two app
 * instances, a retried job) cannot both send: the second waits, then finds
 * the first one's mails.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { isLocale, translator, type Locale } from "#app/i18n/index.ts";
import { getDb, type Executor } from "#db/client.ts";
import { moderationQueue, outbox, roleGrants, themes, users } from "#db/schema.ts";
import { queueMail } from "./mail.server.ts";
import { formatDuration } from "./moderation-log.server.ts";

const OLD_HOURS = 48;
/** Any constant shared by all runs: the key of the advisory lock that serialises them. */
const LOCK_KEY = 0x6d6f6469; // "modi"

/** The site's address for links in the e-mail; the worker has no request to take it from. */
export function siteOrigin(): string {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** The calendar day of `now` in the Netherlands, written out in `locale`: the digest's subject carries it. */
function dayOf(now: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }).format(now);
}

export function digestSubject(now: Date, locale: Locale): string {
  return translator(locale)("moderationDigest.subject", { date: dayOf(now, locale) });
}

type ThemeQueue = { themeId: number; count: number; oldestAt: Date; old: number };

export type DigestResult = { sent: number; skipped: number };

/**
 * Queues one digest per moderator (and admin) with waiting items in their
 * themes, unless they already got today's. `now` decides the day and the ages.
 */
export async function sendModerationDigests({ now = new Date(), origin = siteOrigin(), db = getDb() }: { now?: Date; origin?: string; db?: Executor } = {}): Promise<DigestResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const waiting: ThemeQueue[] = await tx
      .select({
        themeId: moderationQueue.themeId,
        count: sql<number>`count(*)`.mapWith(Number),
        oldestAt: sql<Date>`min(${moderationQueue.openedAt})`.mapWith((value: string | Date) => new Date(value)),
        old: sql<number>`count(*) filter (where ${moderationQueue.openedAt} < ${now.toISOString()}::timestamptz - make_interval(hours => ${OLD_HOURS}))`.mapWith(Number),
      })
      .from(moderationQueue)
      .where(isNull(moderationQueue.closedAt))
      .groupBy(moderationQueue.themeId);
    if (waiting.length === 0) return { sent: 0, skipped: 0 };

    const themeIds = waiting.map((row) => row.themeId);
    // Moderators need a verified address to act (see the permission table); admins act on every theme.
    const grants = await tx
      .select({ userId: users.id, email: users.email, name: users.displayName, locale: users.locale, verified: users.emailVerifiedAt, role: roleGrants.role, themeId: roleGrants.themeId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(
        and(
          isNull(roleGrants.revokedAt),
          isNull(users.blockedAt),
          isNull(users.deletedAt),
          isNotNull(users.email),
          sql`(${roleGrants.role} = 'admin' or (${roleGrants.role} = 'moderator' and ${inArray(roleGrants.themeId, themeIds)} and ${users.emailVerifiedAt} is not null))`,
        ),
      );
    const people = new Map<number, { email: string; name: string; locale: Locale; themes: Set<number> | "all" }>();
    for (const grant of grants) {
      const person = people.get(grant.userId) ?? { email: grant.email!, name: grant.name ?? "", locale: isLocale(grant.locale) ? grant.locale : "nl", themes: new Set<number>() };
      if (grant.role === "admin") person.themes = "all";
      else if (person.themes !== "all" && grant.themeId !== null) person.themes.add(grant.themeId);
      people.set(grant.userId, person);
    }
    if (people.size === 0) return { sent: 0, skipped: 0 };

    const subjects = [digestSubject(now, "nl"), digestSubject(now, "en")];
    const alreadySent = new Set(
      (
        await tx
          .select({ userId: outbox.userId })
          .from(outbox)
          .where(and(inArray(outbox.userId, [...people.keys()]), inArray(outbox.subject, subjects)))
      ).map((row) => row.userId),
    );

    const themeRows = await tx
      .select({ id: themes.id, number: themes.number, title: themes.title, translations: themes.translations })
      .from(themes)
      .where(inArray(themes.id, themeIds));
    const themeById = new Map(themeRows.map((theme) => [theme.id, theme]));
    const ordered = [...waiting].sort((a, b) => (themeById.get(a.themeId)?.number ?? 0) - (themeById.get(b.themeId)?.number ?? 0) || a.themeId - b.themeId);

    let sent = 0;
    let skipped = 0;
    for (const [userId, person] of people) {
      const mine = ordered.filter((row) => person.themes === "all" || person.themes.has(row.themeId));
      if (mine.length === 0) continue;
      if (alreadySent.has(userId)) {
        skipped++;
        continue;
      }
      const t = translator(person.locale);
      const lines = mine.map((row) => {
        const theme = themeById.get(row.themeId)!;
        return t("moderationDigest.themeLine", {
          theme: `${t("theme.label", { numeral: romanNumeral(theme.number) })}: ${localize(theme, "title", person.locale).text}`,
          count: row.count,
          age: formatDuration((now.getTime() - row.oldestAt.getTime()) / 3_600_000, t),
          old: row.old,
        });
      });
      await queueMail(tx, {
        to: person.email,
        userId,
        subject: digestSubject(now, person.locale),
        text: t("moderationDigest.body", { name: person.name, themes: lines.join("\n"), link: `${origin}/moderatie` }),
      });
      sent++;
    }
    return { sent, skipped };
  });
}
