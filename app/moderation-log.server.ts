/**
 * The public moderation record: every row of `moderation_actions`, as a page
 * (`/moderatielog`) and as open data. Only public columns are ever selected
 * here — never `original` (the hidden or redacted text) and never the
 * moderator — so no caller can leak them by accident. Persons (time-outs)
 * appear without their id: an id would let anyone follow one person's record.
 */
import { fileResponse, recordStream, type Row } from "./record-stream.server.ts";
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Translate } from "#app/i18n/index.ts";
import { getDb, type Executor } from "#db/client.ts";
import { actionPoints, moderationActionKind, moderationActions, plans, themes, threads } from "#db/schema.ts";
import { LEDGER_LICENCE } from "./supports.server.ts";

export const LOG_ACTIONS = moderationActionKind.enumValues;
export type LogAction = (typeof LOG_ACTIONS)[number];
export const LOG_PAGE_SIZE = 50;
const STREAM_BATCH_SIZE = 500;

export type ItemKind = "comment" | "proposal" | "thread" | "user";

export type LogEntry = {
  id: number;
  decidedAt: Date;
  /** When the item entered the queue; null when the decision did not come from the queue. */
  reportedAt: Date | null;
  theme: { id: number; number: number; title: string; translations: (typeof themes.$inferSelect)["translations"] };
  kind: ItemKind;
  /** Null for a person: the record never says who it was. */
  itemId: number | null;
  /** Where the item (or its placeholder) is shown; null for a person. */
  path: string | null;
  action: LogAction;
  reasonCode: string | null;
  publicNote: string;
  hoursToDecision: number | null;
};

const PUBLIC_COLUMNS = {
  id: moderationActions.id,
  createdAt: moderationActions.createdAt,
  reportedAt: moderationActions.reportedAt,
  targetType: moderationActions.targetType,
  targetId: moderationActions.targetId,
  action: moderationActions.action,
  reasonCode: moderationActions.reasonCode,
  publicNote: moderationActions.publicNote,
  themeId: themes.id,
  themeNumber: themes.number,
  themeTitle: themes.title,
  themeTranslations: themes.translations,
  threadSubjectType: threads.subjectType,
  threadSubjectId: threads.subjectId,
  actionPointSlug: actionPoints.slug,
};

function publicQuery(db: Executor) {
  return db
    .select(PUBLIC_COLUMNS)
    .from(moderationActions)
    .innerJoin(themes, eq(themes.id, moderationActions.themeId))
    .leftJoin(threads, and(eq(moderationActions.targetType, "thread"), eq(threads.id, moderationActions.targetId)))
    .leftJoin(actionPoints, and(eq(threads.subjectType, "action_point"), eq(actionPoints.id, threads.subjectId)));
}

type PublicRow = Awaited<ReturnType<ReturnType<typeof publicQuery>["execute"]>>[number];

function pathOf(row: PublicRow): string | null {
  switch (row.targetType) {
    case "comment":
      return `/reactie/${row.targetId}`;
    case "proposal":
      return `/voorstel/${row.targetId}`;
    case "thread":
      if (row.threadSubjectType === "proposal") return `/voorstel/${row.threadSubjectId}`;
      return row.actionPointSlug ? `/actiepunt/${row.actionPointSlug}` : null;
    default:
      return null;
  }
}

function toEntry(row: PublicRow): LogEntry {
  const kind: ItemKind = row.targetType === "comment" || row.targetType === "proposal" || row.targetType === "thread" ? row.targetType : "user";
  return {
    id: row.id,
    decidedAt: row.createdAt,
    reportedAt: row.reportedAt,
    theme: { id: row.themeId, number: row.themeNumber, title: row.themeTitle, translations: row.themeTranslations },
    kind,
    itemId: kind === "user" ? null : row.targetId,
    path: kind === "user" ? null : pathOf(row),
    action: row.action,
    reasonCode: row.reasonCode,
    publicNote: row.publicNote,
    hoursToDecision: row.reportedAt ? Math.max(0, (row.createdAt.getTime() - row.reportedAt.getTime()) / 3_600_000) : null,
  };
}

/** One page of the record, newest first: decisions with an id below `before`, optionally of one theme and one action. */
export async function listModerationLog({
  before,
  themeId,
  action,
  limit = LOG_PAGE_SIZE,
  db = getDb(),
}: { before?: number; themeId?: number; action?: LogAction; limit?: number; db?: Executor } = {}): Promise<{ entries: LogEntry[]; nextBefore: number | null }> {
  const rows = await publicQuery(db)
    .where(
      and(
        before !== undefined ? lt(moderationActions.id, before) : undefined,
        themeId !== undefined ? eq(moderationActions.themeId, themeId) : undefined,
        action !== undefined ? eq(moderationActions.action, action) : undefined,
      ),
    )
    .orderBy(desc(moderationActions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(toEntry);
  return { entries: page, nextBefore: rows.length > limit ? page.at(-1)!.id : null };
}

/** Every theme of every plan, for the theme filter (newest plan first). */
export async function listLogThemes({ db = getDb() }: { db?: Executor } = {}) {
  return db
    .select({ id: themes.id, number: themes.number, title: themes.title, translations: themes.translations, period: plans.period })
    .from(themes)
    .innerJoin(plans, eq(plans.id, themes.planId))
    .orderBy(desc(themes.planId), asc(themes.number));
}

export type LogTotals = {
  perTheme: { themeId: number; number: number; title: string; translations: (typeof themes.$inferSelect)["translations"]; period: string; count: number }[];
  /** Null is a decision without a reason code (approve, dismiss, lock, ...). */
  perReason: { reasonCode: string | null; count: number }[];
  /** The last 12 calendar months in the Netherlands, oldest first, months without decisions included. */
  perMonth: { month: string; count: number }[];
};

/** Totals over the whole record: per theme, per reason code, and per month for the last 12 months (Europe/Amsterdam). */
export async function moderationLogTotals({ now = new Date(), db = getDb() }: { now?: Date; db?: Executor } = {}): Promise<LogTotals> {
  const count = sql<number>`count(*)`.mapWith(Number);
  const [perTheme, perReason, perMonth] = await Promise.all([
    db
      .select({ themeId: themes.id, number: themes.number, title: themes.title, translations: themes.translations, period: plans.period, count })
      .from(moderationActions)
      .innerJoin(themes, eq(themes.id, moderationActions.themeId))
      .innerJoin(plans, eq(plans.id, themes.planId))
      .groupBy(themes.id, plans.id)
      .orderBy(desc(themes.planId), asc(themes.number)),
    db
      .select({ reasonCode: moderationActions.reasonCode, count })
      .from(moderationActions)
      .groupBy(moderationActions.reasonCode)
      .orderBy(sql`count(*) desc`, sql`${moderationActions.reasonCode} nulls last`),
    db.execute<{ month: string; count: number }>(sql`
      with bounds as (select date_trunc('month', ${now.toISOString()}::timestamptz at time zone 'Europe/Amsterdam') as this_month),
      months as (select generate_series((select this_month from bounds) - interval '11 months', (select this_month from bounds), interval '1 month') as start)
      select to_char(months.start, 'YYYY-MM') as month, count(${moderationActions.id})::int as count
      from months
      left join ${moderationActions}
        on ${moderationActions.createdAt} >= (months.start at time zone 'Europe/Amsterdam')
       and ${moderationActions.createdAt} < ((months.start + interval '1 month') at time zone 'Europe/Amsterdam')
      group by months.start
      order by months.start`),
  ]);
  return { perTheme, perReason, perMonth: perMonth.rows.map((row) => ({ month: row.month, count: Number(row.count) })) };
}

// -- words -------------------------------------------------------------------------

/** "3 uur", "2 dagen", "minder dan een uur"; whole hours below two days, whole days from then on. */
export function formatDuration(hours: number | null, t: Translate): string {
  if (hours === null) return t("moderationLog.wait.unknown");
  if (hours < 1) return t("moderationLog.wait.lessThanHour");
  if (hours < 48) {
    const count = Math.floor(hours);
    return count === 1 ? t("moderationLog.wait.hourOne") : t("moderationLog.wait.hours", { count });
  }
  const days = Math.floor(hours / 24);
  return days === 1 ? t("moderationLog.wait.dayOne") : t("moderationLog.wait.days", { count: days });
}

const HIDE_REASON_KEYS = {
  spam: "moderation.reason.spam",
  offensive: "moderation.reason.offensive",
  off_topic: "moderation.reason.off_topic",
  personal_data: "moderation.reason.personal_data",
  illegal: "moderation.reason.illegal",
  reports: "moderation.reason.reports",
  other: "moderation.reason.other",
} as const;

/** A reason code in words: the placeholder's reasons, "time-out van 7 dagen" for `7d`, else the code itself. */
export function reasonText(code: string | null, t: Translate): string {
  if (code === null || code === "") return t("moderationLog.reason.none");
  if (Object.hasOwn(HIDE_REASON_KEYS, code)) return t(HIDE_REASON_KEYS[code as keyof typeof HIDE_REASON_KEYS]);
  const days = /^(\d{1,3})d$/.exec(code);
  if (days) return Number(days[1]) === 1 ? t("moderationLog.reason.dayOne") : t("moderationLog.reason.days", { days: Number(days[1]) });
  return code;
}

// -- open data ---------------------------------------------------------------------

export type OpenDataRow = {
  id: number;
  decided_at: string;
  theme_id: number;
  theme_number: number;
  theme_title: string;
  item_type: "comment" | "proposal" | "thread" | "person";
  item_id: number | null;
  item_url: string | null;
  action: LogAction;
  reason_code: string | null;
  public_note: string;
  reported_at: string | null;
  hours_to_decision: number | null;
};

const OPEN_DATA_COLUMNS = ["id", "decided_at", "theme_id", "theme_number", "theme_title", "item_type", "item_id", "item_url", "action", "reason_code", "public_note", "reported_at", "hours_to_decision"] as const satisfies readonly (keyof OpenDataRow)[];

function utc(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function toOpenDataRow(entry: LogEntry, origin: string): OpenDataRow {
  return {
    id: entry.id,
    decided_at: utc(entry.decidedAt),
    theme_id: entry.theme.id,
    theme_number: entry.theme.number,
    theme_title: entry.theme.title,
    item_type: entry.kind === "user" ? "person" : entry.kind,
    item_id: entry.itemId,
    item_url: entry.path ? new URL(entry.path, origin).href : null,
    action: entry.action,
    reason_code: entry.reasonCode,
    public_note: entry.publicNote,
    reported_at: entry.reportedAt ? utc(entry.reportedAt) : null,
    hours_to_decision: entry.hoursToDecision === null ? null : Math.round(entry.hoursToDecision * 10) / 10,
  };
}

/** The whole record, oldest first, read in keyset batches so memory stays flat however long it gets. */
export async function* moderationLogRows({ batchSize = STREAM_BATCH_SIZE, db = getDb() }: { batchSize?: number; db?: Executor } = {}): AsyncGenerator<LogEntry> {
  let after = 0;
  for (;;) {
    const rows = await publicQuery(db).where(gt(moderationActions.id, after)).orderBy(asc(moderationActions.id)).limit(batchSize);
    for (const row of rows) yield toEntry(row);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.id;
  }
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */

/** The record as an open-data file, streamed: the database is read only as fast as the client downloads. */
export function moderationLogStream({ format, origin, batchSize, db }: { format: "csv" | "json"; origin: string; batchSize?: number; db?: Executor }): ReadableStream<Uint8Array> {
  async function* publicRows() {
    for await (const row of moderationLogRows({ batchSize, db })) yield toOpenDataRow(row, origin) as Row;
  }
  return recordStream({ rows: publicRows(), fields: OPEN_DATA_COLUMNS, format });
}

const TYPES = { csv: "text/csv; charset=utf-8", json: "application/json" } as const;

/** The record as an HTTP response, streamed, under CC0 (the Link header says so), like the support ledger. */
export function moderationLogResponse({ format, request, db }: { format: "csv" | "json"; request: Request; db?: Executor }): Promise<Response> {
  return fileResponse(moderationLogStream({ format, origin: new URL(request.url).origin, db }), {
    "Content-Type": TYPES[format],
    "Content-Disposition": `inline; filename="moderatielog.${format}"`,
    // A request with cookies may get a refreshed session cookie from the guard: no shared cache may keep that.
    "Cache-Control": request.headers.has("Cookie") ? "private, max-age=60" : "public, max-age=60",
    Link: `<${LEDGER_LICENCE}>; rel="license"`,
  });
}
