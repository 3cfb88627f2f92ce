/**
 * Supports for proposals of the plan being drafted, each person's support
 * budget, the public tallies and the open-data ledger of every support.
 *
 * Rules kept here:
 * - One support per person per proposal: the primary key of `supports`
 *   decides, never a check before the insert.
 * - A person's budget (`plans.support_budget`, null is unlimited) is claimed
 *   with one conditional upsert on `support_budgets`, so parallel requests
 *   cannot overspend it. `used` always equals the person's supports in the
 *   plan on proposals that are not withdrawn or merged.
 * - Supports that count: those on proposals that are published, under
 *   consideration, adopted or not adopted. Supports of withdrawn and merged
 *   proposals stay on record but no longer count, and their supporters get
 *   their budget back (`releaseSupportsOfWithdrawnProposal`). A merged
 *   proposal lives on in the one it was merged into: its supporters may
 *   support that one with the budget they got back; counting both would let
 *   one person's support count twice for the same idea.
 * - Supporting and withdrawing lock the proposal row first, then the support
 *   row, then the budget row: a status change at the same moment (which also
 *   locks the proposal) comes entirely before or after, and the fixed order
 *   cannot deadlock. Both are database functions (support_proposal,
 *   withdraw_support in migrations/0008_support_functions.sql, sharing
 *   lock_proposal_for_support for the lock, status and window), so each is
 *   one round trip: supports are the busiest write of a consultation.
 *
 * The ledger names supporters by a pseudonym: HMAC-SHA256 of
 * "supporter:<user id>" with the server's SECRET, hex, first 16 bytes. The
 * same person has the same pseudonym on every proposal; without the secret
 * nobody can tell who it is.
 */
import { fileResponse, recordStream } from "./record-stream.server.ts";
import { createHmac, createHash } from "node:crypto";
import { and, isNull, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor, rowsOf } from "#db/client.ts";
import { plans, proposals, supportBudgets, supports, themes, type ProposalStatus } from "#db/schema.ts";
import { localizeFields, type LocalizedText } from "#app/content/localize.ts";
import type { Locale, Translate } from "#app/i18n/index.ts";
import { windowState, type WindowState } from "./windows.ts";

/** Proposals that may be supported (and whose support may be withdrawn). */
export const SUPPORTABLE: readonly ProposalStatus[] = ["published", "under_consideration"];
/** Proposals whose supports count in the tallies and the ledger. */
export const COUNTED: readonly ProposalStatus[] = ["published", "under_consideration", "adopted", "not_adopted"];

export const LEDGER_BATCH_SIZE = 5_000;

// -- supporting ------------------------------------------------------------------

export type SupportResult =
  | { ok: true; supportCount: number; budgetLeft: number | null }
  | { ok: false; reason: "notFound" | "notSupportable" | "windowClosed" | "budgetSpent" | "alreadySupported" };

export type WithdrawResult =
  | { ok: true; supportCount: number; budgetLeft: number | null }
  | { ok: false; reason: "notFound" | "notSupportable" | "windowClosed" | "notSupported" };

type Outcome = { outcome: string; new_count: number | null; budget_left: number | null };

/** The outcome of support_proposal() or withdraw_support() (migrations/0008_support_functions.sql) as a result. */
function outcomeOf<R>(rows: unknown): R {
  const [row] = Array.from(rows as Iterable<Outcome>);
  if (!row) throw new Error("the support function answered no row");
  return (row.outcome === "ok" ? { ok: true, supportCount: row.new_count!, budgetLeft: row.budget_left } : { ok: false, reason: row.outcome }) as R;
}

const supportable = sql`array[${sql.join(
  SUPPORTABLE.map((status) => sql`${status}`),
  sql`, `,
)}]::proposal_status[]`;

/**
 * Supports a proposal, in one statement (the database function
 * support_proposal, which keeps the rules above): the proposal must be open
 * for support and the plan's support window open (by the database's clock);
 * one support per person, the primary key decides; one unit of the person's
 * budget is claimed atomically; the supporter follows the proposal.
 */
export async function supportProposal({ proposalId, userId, db = getDb() }: { proposalId: number; userId: number; db?: Executor }): Promise<SupportResult> {
  return outcomeOf<SupportResult>(rowsOf(await db.execute(sql`select outcome, new_count, budget_left from support_proposal(${proposalId}, ${userId}, ${supportable})`)));
}

/**
 * Takes a support back while the support window is open and the proposal
 * can still be supported; the person gets the unit of budget back. One
 * statement: the database function withdraw_support.
 */
export async function withdrawSupport({ proposalId, userId, db = getDb() }: { proposalId: number; userId: number; db?: Executor }): Promise<WithdrawResult> {
  return outcomeOf<WithdrawResult>(rowsOf(await db.execute(sql`select outcome, new_count, budget_left from withdraw_support(${proposalId}, ${userId}, ${supportable})`)));
}

/**
 * Gives every supporter of a proposal their unit of budget back. Call it
 * once, in the transaction that moves the proposal from a counting status to
 * `withdrawn` or `merged`, after that status change. The supports stay on
 * record (and in `support_count`) but no longer count. Returns how many
 * supporters got their budget back.
 */
export async function releaseSupportsOfWithdrawnProposal({ proposalId, db }: { proposalId: number; db: Executor }): Promise<number> {
  const [proposal] = await db.select({ planId: proposals.planId, status: proposals.status }).from(proposals).where(eq(proposals.id, proposalId)).for("no key update");
  if (!proposal) return 0;
  if (proposal.status !== "withdrawn" && proposal.status !== "merged") {
    throw new Error(`releaseSupportsOfWithdrawnProposal: proposal ${proposalId} is ${proposal.status}; change its status first, in the same transaction`);
  }
  const supporters = sql`(select ${supports.userId} from ${supports} where ${supports.proposalId} = ${proposalId})`;
  // Budget rows locked in one order, so two releases sharing supporters cannot deadlock.
  await db
    .select({ userId: supportBudgets.userId })
    .from(supportBudgets)
    .where(and(eq(supportBudgets.planId, proposal.planId), sql`${supportBudgets.userId} in ${supporters}`))
    .orderBy(asc(supportBudgets.userId))
    .for("update");
  const released = await db
    .update(supportBudgets)
    .set({ used: sql`${supportBudgets.used} - 1` })
    .where(and(eq(supportBudgets.planId, proposal.planId), sql`${supportBudgets.userId} in ${supporters}`))
    .returning({ userId: supportBudgets.userId });
  return released.length;
}

// -- what a person supports ---------------------------------------------------------

/** The proposals of a plan the person supports (withdrawn and merged ones included), for showing the right button. */
export async function supportsOfUser({ userId, planId, db = getDb() }: { userId: number; planId: number; db?: Executor }): Promise<number[]> {
  const rows = await db
    .select({ proposalId: supports.proposalId })
    .from(supports)
    .innerJoin(proposals, eq(proposals.id, supports.proposalId))
    .where(and(eq(supports.userId, userId), eq(proposals.planId, planId)))
    .orderBy(asc(supports.proposalId));
  return rows.map((row) => row.proposalId);
}

export type Budget = { budget: number | null; used: number; left: number | null };

const left = (budget: number | null, used: number) => (budget === null ? null : Math.max(0, budget - used));

/** A person's support budget in a plan: the plan's limit (null is unlimited), how much is used and how much is left. */
export async function budgetOf({ userId, planId, db = getDb() }: { userId: number; planId: number; db?: Executor }): Promise<Budget> {
  const [row] = await db
    .select({ budget: plans.supportBudget, used: sql<number>`coalesce(${supportBudgets.used}, 0)`.mapWith(Number) })
    .from(plans)
    .leftJoin(supportBudgets, and(eq(supportBudgets.planId, plans.id), eq(supportBudgets.userId, userId)))
    .where(eq(plans.id, planId));
  const budget = row?.budget ?? null;
  const used = row?.used ?? 0;
  return { budget, used, left: left(budget, used) };
}

// -- tallies -------------------------------------------------------------------------

export type ThemeTally = {
  id: number;
  number: number;
  slug: string;
  title: string;
  translations: (typeof themes.$inferSelect)["translations"];
  /** Proposals in a counting status, most supported first. */
  proposals: { id: number; title: string; status: ProposalStatus; supports: number }[];
  /** Supports in this theme, and the different people who gave them. */
  supports: number;
  supporters: number;
};

export type Tallies = { themes: ThemeTally[]; supports: number; supporters: number };

/**
 * The counted supports of every proposal of a plan, per theme, counted from
 * the rows of `supports` (not from the counters), so the ledger recounts to
 * exactly these numbers.
 */
export async function tallies({ planId, db = getDb() }: { planId: number; db?: Executor }): Promise<Tallies> {
  // Proposals hidden by moderation appear in no tally or open data.
  const counted = and(eq(proposals.planId, planId), inArray(proposals.status, [...COUNTED]), isNull(proposals.hiddenAt));
  const [themeRows, proposalRows, perTheme, overall] = await Promise.all([
    db
      .select({ id: themes.id, number: themes.number, slug: themes.slug, title: themes.title, translations: themes.translations })
      .from(themes)
      .where(eq(themes.planId, planId))
      .orderBy(asc(themes.number)),
    db
      .select({
        id: proposals.id,
        themeId: proposals.themeId,
        title: proposals.title,
        status: proposals.status,
        supports: sql<number>`count(${supports.userId})`.mapWith(Number),
      })
      .from(proposals)
      .leftJoin(supports, eq(supports.proposalId, proposals.id))
      .where(counted)
      .groupBy(proposals.id)
      .orderBy(sql`count(${supports.userId}) desc`, asc(proposals.id)),
    db
      .select({
        themeId: proposals.themeId,
        supports: sql<number>`count(*)`.mapWith(Number),
        supporters: sql<number>`count(distinct ${supports.userId})`.mapWith(Number),
      })
      .from(supports)
      .innerJoin(proposals, eq(proposals.id, supports.proposalId))
      .where(counted)
      .groupBy(proposals.themeId),
    db
      .select({ supports: sql<number>`count(*)`.mapWith(Number), supporters: sql<number>`count(distinct ${supports.userId})`.mapWith(Number) })
      .from(supports)
      .innerJoin(proposals, eq(proposals.id, supports.proposalId))
      .where(counted),
  ]);
  return {
    themes: themeRows.map((theme) => {
      const totals = perTheme.find((row) => row.themeId === theme.id);
      return {
        ...theme,
        proposals: proposalRows.filter((row) => row.themeId === theme.id).map(({ themeId: _themeId, ...row }) => row),
        supports: totals?.supports ?? 0,
        supporters: totals?.supporters ?? 0,
      };
    }),
    supports: overall[0]?.supports ?? 0,
    supporters: overall[0]?.supporters ?? 0,
  };
}

export type DraftingPlan = { id: number; slug: string; title: LocalizedText; supportWindow: WindowState; supportBudget: number | null };

/** The plan being drafted: the one whose proposals are supported, tallied and published as open data. */
export async function findDraftingPlan({ locale = "nl", db = getDb() }: { locale?: Locale; db?: Executor } = {}): Promise<DraftingPlan | null> {
  const [plan] = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      translations: plans.translations,
      supportOpenAt: plans.supportOpenAt,
      supportCloseAt: plans.supportCloseAt,
      supportBudget: plans.supportBudget,
    })
    .from(plans)
    .where(eq(plans.status, "drafting"))
    .orderBy(sql`${plans.id} desc`)
    .limit(1);
  if (!plan) return null;
  return {
    id: plan.id,
    slug: plan.slug,
    ...localizeFields(plan, ["title"], locale),
    supportWindow: windowState(plan.supportOpenAt, plan.supportCloseAt),
    supportBudget: plan.supportBudget,
  };
}

/** The tally page of the plan being drafted: the plan, and per theme its proposals with their counted supports. */
export async function getTallyReport({ locale, db = getDb() }: { locale: Locale; db?: Executor }) {
  const plan = await findDraftingPlan({ locale, db });
  if (!plan) return null;
  const result = await tallies({ planId: plan.id, db });
  return {
    plan,
    supports: result.supports,
    supporters: result.supporters,
    themes: result.themes.map(({ translations, title, ...theme }) => ({ ...theme, ...localizeFields({ title, translations }, ["title"], locale) })),
  };
}

// -- the ledger ------------------------------------------------------------------------

/** Used only outside production when SECRET is not set; anyone can read it here, so it protects nothing. */
export const DEVELOPMENT_SECRET = "inspraak-development-secret-not-for-production";
export const MIN_SECRET_LENGTH = 32;

// Resolved once at start (server/secret.ts). The server's modules and the app
// build each load this module, so the value lives on globalThis.
const secretKey = Symbol.for("inspraak.secret");
const resolved = globalThis as typeof globalThis & { [secretKey]?: string };

export function setServerSecret(secret: string): void {
  resolved[secretKey] = secret;
}

/**
 * The server's secret for pseudonyms and signed links: the one resolved at
 * start (SECRET, or the one kept in DATA_DIR), else SECRET, or a fixed
 * development secret outside production.
 */
export function serverSecret(): string {
  const kept = resolved[secretKey];
  if (kept) return kept;
  const secret = process.env.SECRET;
  if (process.env.NODE_ENV === "production") {
    if (!secret) throw new Error("SECRET is not set. Set it to a long random value (e.g. `openssl rand -hex 32`): it keeps the supporters in the open-data ledger anonymous.");
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -hex 32\`).`);
    return secret;
  }
  return secret || DEVELOPMENT_SECRET;
}

const PSEUDONYM_PREFIX = "supporter:";
const PSEUDONYM_HEX_LENGTH = 32;

/** The pseudonym of a supporter as the ledger shows it. */
export function supporterPseudonym(userId: number, secret: string = serverSecret()): string {
  return createHmac("sha256", secret).update(`${PSEUDONYM_PREFIX}${userId}`).digest("hex").slice(0, PSEUDONYM_HEX_LENGTH);
}

/**
 * HMAC-SHA256 written out in SQL with the built-in sha256(), so the database
 * can order and page the ledger by pseudonym; ordering by user id would leak
 * the order in which supporters registered.
 */
function pseudonymSql(userId: typeof supports.userId, secret: string) {
  let key = Buffer.from(secret, "utf8");
  if (key.length > 64) key = createHash("sha256").update(key).digest();
  const block = Buffer.alloc(64);
  key.copy(block);
  const inner = Buffer.from(block.map((byte) => byte ^ 0x36)).toString("hex");
  const outer = Buffer.from(block.map((byte) => byte ^ 0x5c)).toString("hex");
  return sql<Buffer>`sha256(decode(${outer}, 'hex') || sha256(decode(${inner}, 'hex') || convert_to(${PSEUDONYM_PREFIX} || ${userId}::text, 'UTF8')))`;
}

export type LedgerRow = { proposalId: number; supporter: string; supportedAt: string };

/**
 * Every counted support of a plan, ordered by proposal and pseudonym, read in
 * keyset-paginated batches so memory stays flat however many supports there
 * are. Supports given while the ledger is being read may or may not appear.
 */
export async function* supportLedger({ planId, batchSize = LEDGER_BATCH_SIZE, db = getDb() }: { planId: number; batchSize?: number; db?: Executor }): AsyncGenerator<LedgerRow> {
  const pseudonym = pseudonymSql(supports.userId, serverSecret());
  let after: { proposalId: number; hash: string } | null = null;
  for (;;) {
    const rows: { proposalId: number; hash: string; supportedAt: string }[] = await db
      .select({
        proposalId: supports.proposalId,
        hash: sql<string>`encode(${pseudonym}, 'hex')`,
        supportedAt: sql<string>`to_char(${supports.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      })
      .from(supports)
      .where(
        and(
          sql`${supports.proposalId} in (select ${proposals.id} from ${proposals} where ${proposals.planId} = ${planId} and ${inArray(proposals.status, [...COUNTED])} and ${proposals.hiddenAt} is null)`,
          after ? sql`(${supports.proposalId} > ${after.proposalId} or (${supports.proposalId} = ${after.proposalId} and ${pseudonym} > decode(${after.hash}, 'hex')))` : undefined,
          after ? sql`${supports.proposalId} >= ${after.proposalId}` : undefined,
        ),
      )
      .orderBy(asc(supports.proposalId), pseudonym)
      .limit(batchSize);
    for (const row of rows) yield { proposalId: row.proposalId, supporter: row.hash.slice(0, PSEUDONYM_HEX_LENGTH), supportedAt: row.supportedAt };
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = { proposalId: last.proposalId, hash: last.hash };
  }
}

/** The columns of the ledger files, in order. */
export const LEDGER_FIELDS = ["proposal_id", "supporter", "supported_at"] as const;

/** The ledger as an open-data file, streamed: memory stays flat, and the database is read only as fast as the client downloads. */
export function ledgerStream({ planId, format, db }: { planId: number; format: "csv" | "json"; db?: Executor }): ReadableStream<Uint8Array> {
  async function* rows() {
    for await (const row of supportLedger({ planId, db })) yield { proposal_id: row.proposalId, supporter: row.supporter, supported_at: row.supportedAt };
  }
  return recordStream({ rows: rows(), fields: LEDGER_FIELDS, format });
}

export const LEDGER_LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/";

const LEDGER_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json" } as const;

/**
 * The ledger of the plan being drafted as an HTTP response, streamed; null
 * when no plan is being drafted. Published under CC0 (the Link header says so).
 */
export async function draftingLedgerResponse({ format, request, db = getDb() }: { format: "csv" | "json"; request: Request; db?: Executor }): Promise<Response | null> {
  const plan = await findDraftingPlan({ db });
  if (!plan) return null;
  // Fails before the response starts, not halfway through it, when SECRET is missing in production.
  serverSecret();
  return fileResponse(ledgerStream({ planId: plan.id, format, db }), {
    "Content-Type": LEDGER_TYPES[format],
    "Content-Disposition": `inline; filename="steunbetuigingen-${plan.slug}.${format}"`,
    // A request with cookies may get a refreshed session cookie from the guard: no shared cache may keep that.
    "Cache-Control": request.headers.has("Cookie") ? "private, max-age=60" : "public, max-age=60",
    Link: `<${LEDGER_LICENCE}>; rel="license"`,
  });
}

// -- window messages ----------------------------------------------------------------------

/** A moment in the Netherlands' time zone, e.g. "1 juli 2025 om 12:00", formatted on the server so hydration agrees. */
export function formatMoment(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(new Date(iso));
}

/** "Steunen kan tot 1 juli 2025 om 12:00" and its siblings, for a plan's support window. */
export function supportWindowMessage(window: WindowState, t: Translate, locale: Locale): string {
  switch (window.state) {
    case "notYet":
      return window.opensAt ? t("support.window.notYet", { date: formatMoment(window.opensAt, locale) }) : t("support.window.notYetNoDate");
    case "open":
      return window.closesAt ? t("support.window.open", { date: formatMoment(window.closesAt, locale) }) : t("support.window.openNoEnd");
    case "closed":
      return t("support.window.closed", { date: formatMoment(window.closedAt, locale) });
  }
}
