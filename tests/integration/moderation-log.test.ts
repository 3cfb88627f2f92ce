import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { digestSubject, sendModerationDigests } from "#app/moderation-digest.server.ts";
import { moderationLogTotals, type LogTotals } from "#app/moderation-log.server.ts";
import { loader as csvLoader } from "#app/routes/open-data.moderatielog[.]csv.ts";
import { loader as jsonLoader } from "#app/routes/open-data.moderatielog[.]json.ts";
import { loader as pageLoader } from "#app/routes/moderatielog.tsx";
import { getDb, rowsOf } from "#db/client.ts";
import { actionPoints, comments, moderationActions, moderationQueue, outbox, proposals, themes, threads } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, unwrap } from "#tests/setup/requests.ts";
import { asOwner } from "#tests/setup/owner.ts";

const SECRET_SENTENCE = "Mijn buurman Jan de Vries woont op Kerkstraat 12 en is een oplichter.";
const MODERATOR_NAME = "Moderator Zwaluwstaart";
const AUTHOR_NAME = "Schrijver Kievitsbloem";
const DAY = 24 * 3_600_000;

let themeA: { id: number; number: number; title: string };
let themeB: { id: number; number: number; title: string };
let moderatorId: number;
let authorId: number;
let threadId: number;
let threadPath: string;
let commentId: number;
let proposalId: number;
let baseline: LogTotals;
const ids = { hide: 0, approve: 0, timeout: 0, lock: 0 };
let dismissIds: number[] = [];
const now = new Date();
/** Noon (UTC) `days` from now: far from midnight in the Netherlands, so an hour later is still the same day. */
const noonIn = (days: number) => {
  const moment = new Date(now.getTime() + days * DAY);
  moment.setUTCHours(11, 0, 0, 0);
  return moment;
};
const monthOf = (moment: Date) => new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", timeZone: "Europe/Amsterdam" }).format(moment).slice(0, 7);

type PageData = {
  error: string | null;
  entries: { id: number; kind: string; itemId: number | null; path: string | null; action: string; reason: string; note: string; wait: string; theme: { numeral: string; title: { text: string } } }[];
  nextBefore: number | null;
  totals: { perTheme: { themeId: number; count: number }[]; perReason: { code: string; label: string; count: number }[]; perMonth: { month: string; count: number }[] };
};

async function page(path: string, cookie?: string) {
  const result = unwrap(await pageLoader(args(get(path, { cookie }))));
  return { status: result.status, data: result.data as PageData };
}

async function insertAction(values: typeof moderationActions.$inferInsert): Promise<number> {
  const [row] = await getDb().insert(moderationActions).values(values).returning({ id: moderationActions.id });
  return row!.id;
}

beforeAll(async () => {
  const db = getDb();
  const [a] = await db.select({ id: themes.id, number: themes.number, title: themes.title, planId: themes.planId }).from(themes).where(eq(themes.slug, "open-recht"));
  const [b] = await db
    .select({ id: themes.id, number: themes.number, title: themes.title })
    .from(themes)
    .where(and(eq(themes.planId, a!.planId), sql`${themes.id} <> ${a!.id}`))
    .orderBy(asc(themes.number))
    .limit(1);
  themeA = a!;
  themeB = b!;
  baseline = await moderationLogTotals({ now });

  moderatorId = (await createUser({ displayName: MODERATOR_NAME, grants: [{ role: "moderator", themeSlug: "open-recht" }] })).id;
  authorId = (await createUser({ displayName: AUTHOR_NAME })).id;

  const [point] = await db.select({ id: actionPoints.id, slug: actionPoints.slug }).from(actionPoints).where(eq(actionPoints.themeId, themeA.id)).limit(1);
  threadPath = `/actiepunt/${point!.slug}`;
  const [existing] = await db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.subjectType, "action_point"), eq(threads.subjectId, point!.id), eq(threads.kind, "public")));
  threadId = existing?.id ?? (await db.insert(threads).values({ subjectType: "action_point", subjectId: point!.id, kind: "public", themeId: themeA.id }).returning({ id: threads.id }))[0]!.id;
  const secretDoc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: SECRET_SENTENCE }] }] };
  const [comment] = await db
    .insert(comments)
    .values({ threadId, authorId, body: secretDoc, bodyHtml: `<p>${SECRET_SENTENCE}</p>`, status: "hidden", themeId: themeA.id, hiddenAt: now, hiddenReason: "personal_data", hiddenNote: "Bevat gegevens van een ander." })
    .returning({ id: comments.id });
  commentId = comment!.id;
  const [proposal] = await db
    .insert(proposals)
    .values({ planId: a!.planId, themeId: themeB.id, authorId, title: "Open vergaderingen", summary: "Alle vergaderingen openbaar.", body: {}, bodyHtml: "<p>Openbaar</p>" })
    .returning({ id: proposals.id });
  proposalId = proposal!.id;

  // Sixty dismissals first, so the four decisions under test are the newest.
  const dismissed = await db
    .insert(moderationActions)
    .values(Array.from({ length: 60 }, (_, index) => ({ targetType: "proposal", targetId: proposalId, themeId: themeB.id, moderatorId, action: "dismiss" as const, createdAt: new Date(now.getTime() - index * 60_000) })))
    .returning({ id: moderationActions.id });
  dismissIds = dismissed.map((row) => row.id);

  ids.approve = await insertAction({ targetType: "proposal", targetId: proposalId, themeId: themeB.id, moderatorId, action: "approve", createdAt: new Date(now.getTime() - 40 * DAY), reportedAt: new Date(now.getTime() - 43 * DAY) });
  ids.timeout = await insertAction({ targetType: "user", targetId: authorId, themeId: themeA.id, moderatorId, action: "timeout", reasonCode: "7d", publicNote: "Herhaald persoonlijke gegevens geplaatst.", createdAt: new Date(now.getTime() - 400 * DAY) });
  ids.lock = await insertAction({ targetType: "thread", targetId: threadId, themeId: themeA.id, moderatorId, action: "lock", publicNote: "De termijn is voorbij.", createdAt: now });
  ids.hide = await insertAction({
    targetType: "comment",
    targetId: commentId,
    themeId: themeA.id,
    moderatorId,
    action: "hide",
    reasonCode: "personal_data",
    publicNote: "Bevat gegevens van een ander.",
    original: { body: secretDoc, html: `<p>${SECRET_SENTENCE}</p>` },
    reportedAt: new Date(now.getTime() - 5.5 * 3_600_000),
    createdAt: now,
  });
});

describe("the public moderation record", () => {
  test("every decision is a row with its public fields, and nothing hidden or personal", async () => {
    const first = await page("/moderatielog");
    expect(first.status).toBe(200);
    const entries = first.data.entries;
    expect(entries.slice(0, 3).map((entry) => entry.id)).toEqual([ids.hide, ids.lock, ids.timeout]);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));

    expect(byId.get(ids.hide)).toMatchObject({
      kind: "comment",
      itemId: commentId,
      path: `/reactie/${commentId}`,
      action: "hide",
      reason: "bevat persoonsgegevens van iemand",
      note: "Bevat gegevens van een ander.",
      wait: "5 uur",
      theme: { numeral: roman(themeA.number), title: { text: themeA.title } },
    });
    expect(byId.get(ids.lock)).toMatchObject({ kind: "thread", path: threadPath, action: "lock", reason: "Geen", note: "De termijn is voorbij.", wait: "Niet bekend" });
    // A person: no link, no id, no name.
    expect(byId.get(ids.timeout)).toMatchObject({ kind: "user", itemId: null, path: null, action: "timeout", reason: "time-out van 7 dagen" });

    const older = await page(`/moderatielog?voor=${ids.timeout}&actie=approve`);
    expect(older.data.entries.map((entry) => entry.id)).toEqual([ids.approve]);
    expect(older.data.entries[0]).toMatchObject({ kind: "proposal", path: `/voorstel/${proposalId}`, reason: "Geen", wait: "3 dagen" });

    for (const text of [JSON.stringify(first.data), JSON.stringify(older.data)]) {
      expect(text).not.toContain("Jan de Vries");
      expect(text).not.toContain(MODERATOR_NAME);
      expect(text).not.toContain(AUTHOR_NAME);
    }
  });

  test("the page speaks English for an English visitor", async () => {
    const { data } = await page("/moderatielog?actie=hide", "lang=en");
    expect(data.entries[0]).toMatchObject({ id: ids.hide, reason: "contains someone's personal data", wait: "5 hours" });
  });

  test("the CSV and JSON files hold the same public fields, streamed under CC0", async () => {
    const csv = (await csvLoader(args(get("/open-data/moderatielog.csv")))) as Response;
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe('inline; filename="moderatielog.csv"');
    expect(csv.headers.get("Link")).toBe('<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"');
    const csvText = await csv.text();
    const json = (await jsonLoader(args(get("/open-data/moderatielog.json")))) as Response;
    expect(json.headers.get("Content-Type")).toBe("application/json");
    expect(json.headers.get("Link")).toContain('rel="license"');
    const jsonText = await json.text();

    for (const text of [csvText, jsonText]) {
      expect(text).not.toContain("Jan de Vries");
      expect(text).not.toContain(MODERATOR_NAME);
      expect(text).not.toContain(AUTHOR_NAME);
    }

    const lines = csvText.trimEnd().split("\n");
    expect(lines[0]).toBe("id,decided_at,theme_id,theme_number,theme_title,item_type,item_id,item_url,action,reason_code,public_note,reported_at,hours_to_decision");
    expect(lines).toHaveLength(1 + baselineCount() + 64);
    const hideLine = lines.find((line) => line.startsWith(`${ids.hide},`))!;
    expect(hideLine).toBe(
      `${ids.hide},${iso(now)},${themeA.id},${themeA.number},${csvQuoted(themeA.title)},comment,${commentId},http://localhost/reactie/${commentId},hide,personal_data,Bevat gegevens van een ander.,${iso(new Date(now.getTime() - 5.5 * 3_600_000))},5.5`,
    );
    expect(lines.find((line) => line.startsWith(`${ids.timeout},`))).toMatch(new RegExp(`^${ids.timeout},[^,]+,${themeA.id},${themeA.number},.*,person,,,timeout,7d,Herhaald persoonlijke gegevens geplaatst\\.,,$`));

    const rows = JSON.parse(jsonText) as Record<string, unknown>[];
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id as number)].sort((x, y) => x - y));
    expect(rows.find((row) => row.id === ids.lock)).toEqual({
      id: ids.lock,
      decided_at: iso(now),
      theme_id: themeA.id,
      theme_number: themeA.number,
      theme_title: themeA.title,
      item_type: "thread",
      item_id: threadId,
      item_url: `http://localhost${threadPath}`,
      action: "lock",
      reason_code: null,
      public_note: "De termijn is voorbij.",
      reported_at: null,
      hours_to_decision: null,
    });
    expect(rows.find((row) => row.id === ids.timeout)).toMatchObject({ item_type: "person", item_id: null, item_url: null });
    expect(rows.filter((row) => dismissIds.includes(row.id as number))).toHaveLength(60);
  });

  test("totals per theme, reason and month count every decision", async () => {
    const { data } = await page("/moderatielog");
    const themeCount = (totals: { themeId: number; count: number }[], id: number) => totals.find((row) => row.themeId === id)?.count ?? 0;
    expect(themeCount(data.totals.perTheme, themeA.id) - themeCount(baseline.perTheme, themeA.id)).toBe(3);
    expect(themeCount(data.totals.perTheme, themeB.id) - themeCount(baseline.perTheme, themeB.id)).toBe(61);

    const reasonCount = (code: string) => data.totals.perReason.find((row) => row.code === code)?.count ?? 0;
    const baseReason = (code: string | null) => baseline.perReason.find((row) => row.reasonCode === code)?.count ?? 0;
    expect(reasonCount("personal_data") - baseReason("personal_data")).toBe(1);
    expect(reasonCount("7d") - baseReason("7d")).toBe(1);
    expect(reasonCount("") - baseReason(null)).toBe(62);
    expect(data.totals.perReason.find((row) => row.code === "7d")?.label).toBe("time-out van 7 dagen");

    expect(data.totals.perMonth).toHaveLength(12);
    expect(data.totals.perMonth.at(-1)!.month).toBe(monthOf(now));
    const monthCount = (totals: { month: string; count: number }[], month: string) => totals.find((row) => row.month === month)?.count ?? 0;
    const delta = (month: string) => monthCount(data.totals.perMonth, month) - monthCount(baseline.perMonth, month);
    const recentMonths = new Map<string, number>();
    for (let index = 0; index < 60; index++) {
      const month = monthOf(new Date(now.getTime() - index * 60_000));
      recentMonths.set(month, (recentMonths.get(month) ?? 0) + 1);
    }
    recentMonths.set(monthOf(now), (recentMonths.get(monthOf(now)) ?? 0) + 2);
    const approveMonth = monthOf(new Date(now.getTime() - 40 * DAY));
    recentMonths.set(approveMonth, (recentMonths.get(approveMonth) ?? 0) + 1);
    for (const [month, count] of recentMonths) expect(delta(month)).toBe(count);
    // The time-out of 400 days ago is outside the last twelve months.
    const sumDelta = data.totals.perMonth.reduce((sum, row) => sum + delta(row.month), 0);
    expect(sumDelta).toBe(63);
  });

  test("pages of 50 follow each other without gaps or repeats", async () => {
    const first = await page("/moderatielog?actie=dismiss");
    expect(first.data.entries).toHaveLength(50);
    expect(first.data.nextBefore).toBe(first.data.entries.at(-1)!.id);
    const second = await page(`/moderatielog?actie=dismiss&voor=${first.data.nextBefore}`);
    expect(second.data.nextBefore).toBeNull();
    const seen = [...first.data.entries, ...second.data.entries].map((entry) => entry.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort((x, y) => x - y)).toEqual([...dismissIds].sort((x, y) => x - y));
  });

  test("filters by theme and by action, and together", async () => {
    const byTheme = await page(`/moderatielog?thema=${themeA.id}`);
    expect(byTheme.data.entries.map((entry) => entry.id)).toEqual([ids.hide, ids.lock, ids.timeout]);
    const byAction = await page("/moderatielog?actie=hide");
    expect(byAction.data.entries.map((entry) => entry.id)).toEqual([ids.hide]);
    const both = await page(`/moderatielog?thema=${themeB.id}&actie=hide`);
    expect(both.data.entries).toEqual([]);
    const empty = await page(`/moderatielog?thema=&actie=`);
    expect(empty.status).toBe(200);
  });

  test.each([["?thema=abc"], ["?thema=999999"], ["?actie=verbannen"], ["?voor=-3"], ["?voor=1.5"]])("a bad filter %s is a 400 with a translated message", async (query) => {
    const { status, data } = await page(`/moderatielog${query}`);
    expect(status).toBe(400);
    expect(data.error).toBe("Dit thema, dit besluit of deze pagina bestaat niet. Kies opnieuw een thema of besluit.");
    expect(data.entries).toEqual([]);
    const english = await page(`/moderatielog${query}`, "lang=en");
    expect(english.data.error).toBe("This theme, decision or page does not exist. Choose a theme or decision again.");
  });
});

describe("the daily digest for moderators", () => {
  let modA: number;
  let modB: number;
  let admin: number;
  let targetCounter = 900_000;

  async function waiting(themeId: number, openedAt: Date) {
    targetCounter++;
    await getDb().insert(moderationQueue).values({ targetType: "comment", targetId: targetCounter, themeId, reasons: ["reports"], openedAt });
  }
  async function closeAll() {
    await getDb().update(moderationQueue).set({ closedAt: new Date() }).where(isNull(moderationQueue.closedAt));
  }
  async function mailsTo(userId: number) {
    return getDb().select({ subject: outbox.subject, text: outbox.text }).from(outbox).where(eq(outbox.userId, userId)).orderBy(asc(outbox.id));
  }

  beforeAll(async () => {
    await closeAll();
    modA = (await createUser({ grants: [{ role: "moderator", themeSlug: "open-recht" }] })).id;
    const [slugB] = await getDb().select({ slug: themes.slug }).from(themes).where(eq(themes.id, themeB.id));
    modB = (await createUser({ grants: [{ role: "moderator", themeSlug: slugB!.slug }] })).id;
    admin = (await createUser({ grants: [{ role: "admin" }] })).id;
  });

  test("nothing is sent when nothing waits", async () => {
    const result = await sendModerationDigests({ now, origin: "https://inspraak.example" });
    expect(result).toEqual({ sent: 0, skipped: 0 });
    for (const id of [modA, modB, admin]) expect(await mailsTo(id)).toEqual([]);
  });

  test("a moderator hears only about their own themes; an admin about all", async () => {
    const day = noonIn(2);
    await waiting(themeB.id, new Date(day.getTime() - 3 * 3_600_000));
    await sendModerationDigests({ now: day, origin: "https://inspraak.example" });
    expect(await mailsTo(modA)).toEqual([]);
    const [toB] = await mailsTo(modB);
    expect(toB!.subject).toBe(digestSubject(day, "nl"));
    expect(toB!.text).toContain(`- Thema ${roman(themeB.number)}: ${themeB.title}: 1 in de wachtrij. Het oudste wacht al 3 uur. Langer dan 48 uur: 0.`);
    expect(toB!.text).toContain("https://inspraak.example/moderatie");
    expect(await mailsTo(admin)).toHaveLength(1);
  });

  test("counts per theme, the oldest item's age and the items older than 48 hours; never twice a day", async () => {
    await closeAll();
    const day = noonIn(4);
    await waiting(themeA.id, new Date(day.getTime() - 50 * 3_600_000));
    await waiting(themeA.id, new Date(day.getTime() - 49 * 3_600_000));
    await waiting(themeA.id, new Date(day.getTime() - 2 * 3_600_000));
    await waiting(themeB.id, new Date(day.getTime() - 30 * 60_000));
    const before = { a: (await mailsTo(modA)).length, b: (await mailsTo(modB)).length, admin: (await mailsTo(admin)).length };

    await sendModerationDigests({ now: day, origin: "https://inspraak.example" });
    const toA = (await mailsTo(modA)).slice(before.a);
    expect(toA).toHaveLength(1);
    expect(toA[0]!.text).toContain(`- Thema ${roman(themeA.number)}: ${themeA.title}: 3 in de wachtrij. Het oudste wacht al 2 dagen. Langer dan 48 uur: 2.`);
    expect(toA[0]!.text).not.toContain(`Thema ${roman(themeB.number)}:`);
    const toAdmin = (await mailsTo(admin)).slice(before.admin);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.text).toContain(`${themeA.title}: 3 in de wachtrij.`);
    expect(toAdmin[0]!.text).toContain(`${themeB.title}: 1 in de wachtrij. Het oudste wacht al minder dan een uur. Langer dan 48 uur: 0.`);
    expect((await mailsTo(modB)).slice(before.b)).toHaveLength(1);

    // The same day again, a few hours later: nobody gets a second digest.
    const again = await sendModerationDigests({ now: new Date(day.getTime() + 3_600_000), origin: "https://inspraak.example" });
    expect(again.sent).toBe(0);
    expect(await mailsTo(modA)).toHaveLength(before.a + 1);
    expect(await mailsTo(admin)).toHaveLength(before.admin + 1);
    expect(await mailsTo(modB)).toHaveLength(before.b + 1);

    // Every digest has a delivery job queued with it.
    const jobs = rowsOf<{ n: number }>(await asOwner((db) => db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'mail-send'
      and (data->>'outboxId')::int in (select id from outbox where user_id in (${modA}, ${modB}, ${admin}))`)));
    expect(Number(jobs[0]!.n)).toBe(before.a + before.b + before.admin + 3);
  });

  test("after the queue is emptied, nothing is sent", async () => {
    await closeAll();
    const counts = await getDb().select({ n: sql<number>`count(*)::int` }).from(outbox).where(inArray(outbox.userId, [modA, modB, admin]));
    const result = await sendModerationDigests({ now: new Date(now.getTime() + 6 * DAY), origin: "https://inspraak.example" });
    expect(result.sent).toBe(0);
    const after = await getDb().select({ n: sql<number>`count(*)::int` }).from(outbox).where(inArray(outbox.userId, [modA, modB, admin]));
    expect(after[0]!.n).toBe(counts[0]!.n);
  });
});

function baselineCount(): number {
  return baseline.perTheme.reduce((sum, row) => sum + row.count, 0);
}
function iso(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function csvQuoted(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function roman(value: number): string {
  return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][value]!;
}
