/**
 * The zod schemas of the plan admin page (`/beheer/plannen`), shared by browser
 * and server, and the conversion between Dutch wall-clock time (what
 * `<input type="datetime-local">` shows and sends) and instants.
 * Error messages are translation keys; the page translates them.
 */
import { z } from "zod";

export const TIME_ZONE = "Europe/Amsterdam";
export const BUDGET_MAX = 1000;
const MAX_ID = 2_147_483_647;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
const DAY = 86_400_000;

const wallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The Dutch wall-clock time of an instant, written as if it were UTC (milliseconds dropped). */
function wallTimeAt(instant: number): number {
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type WallTimeResult = { ok: true; instant: Date } | { ok: false; reason: "invalid" | "outOfRange" | "doesNotExist" };

/**
 * "2027-01-10T09:00" read as Dutch time → 2027-01-10T08:00Z (winter), "2027-07-10T09:00" → 07:00Z (summer).
 * A time in the hour skipped when summer time starts does not exist; a time in the hour that
 * happens twice when it ends is taken the first time, in summer time (as Temporal's "compatible" does).
 */
export function fromDutchTime(value: string): WallTimeResult {
  const match = LOCAL.exec(value);
  if (!match) return { ok: false, reason: "invalid" };
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second);
  const check = new Date(wall);
  // Date.UTC rolls 31 February over into March; a real date comes back unchanged.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second) {
    return { ok: false, reason: "invalid" };
  }
  if (year! < FIRST_YEAR || year! > LAST_YEAR) return { ok: false, reason: "outOfRange" };
  // The offset a day before and a day after covers both sides of any clock change on this date.
  const offsets = new Set([wallTimeAt(wall - DAY) - (wall - DAY), wallTimeAt(wall + DAY) - (wall + DAY)]);
  const instants = [...offsets].map((offset) => wall - offset).filter((instant) => wallTimeAt(instant) === wall);
  if (instants.length === 0) return { ok: false, reason: "doesNotExist" };
  return { ok: true, instant: new Date(Math.min(...instants)) };
}

/** An instant as `<input type="datetime-local">` wants it, in Dutch time: "2027-01-10T09:00" (seconds only when there are any). */
export function toDutchTime(instant: Date): string {
  const wall = new Date(wallTimeAt(instant.getTime())).toISOString();
  return wall.slice(0, wall.slice(17, 19) === "00" ? 16 : 19);
}

/** One opening or closing moment; empty is "not set". */
const moment = z
  .string({ error: "planAdmin.error.invalidMoment" })
  .max(40, { error: "planAdmin.error.invalidMoment" })
  .transform((value, ctx) => {
    const result = fromDutchTime(value.trim());
    if (result.ok) return result.instant;
    const message = { invalid: "planAdmin.error.invalidMoment", outOfRange: "planAdmin.error.momentOutOfRange", doesNotExist: "planAdmin.error.momentDoesNotExist" }[result.reason];
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  })
  .optional();

const unknownPlan = { error: "planAdmin.error.unknownPlan" };
/** A plan's id: a PostgreSQL `integer`; anything larger would make the query fail instead of finding nothing. */
export const planIdSchema = z.number(unknownPlan).int(unknownPlan).min(1, unknownPlan).max(MAX_ID, unknownPlan);

const budgetError = { error: "planAdmin.error.budgetInvalid" };

export const windowPairs = [
  { window: "proposals", open: "proposalsOpenAt", close: "proposalsCloseAt" },
  { window: "support", open: "supportOpenAt", close: "supportCloseAt" },
] as const;

/** A plan's consultation windows and support budget. */
export const planWindowsSchema = z
  .object({
    intent: z.literal("windows"),
    planId: planIdSchema,
    proposalsOpenAt: moment,
    proposalsCloseAt: moment,
    supportOpenAt: moment,
    supportCloseAt: moment,
    supportBudget: z.number(budgetError).int(budgetError).min(1, budgetError).max(BUDGET_MAX, budgetError).optional(),
  })
  .superRefine((value, ctx) => {
    for (const { open, close } of windowPairs) {
      // A moment that failed its own check stays the posted string here (zod runs refinements on a failed object too): compare Dates only.
      const opens = value[open] instanceof Date ? value[open] : undefined;
      const closes = value[close] instanceof Date ? value[close] : undefined;
      if (closes && !opens && value[open] === undefined) ctx.addIssue({ code: "custom", path: [open], message: "planAdmin.error.openMissing" });
      if (opens && closes && closes.getTime() <= opens.getTime()) ctx.addIssue({ code: "custom", path: [close], message: "planAdmin.error.closeBeforeOpen" });
    }
  });

/** Every form of the plan admin page, told apart by `intent` (more will follow: plan, theme and action point texts). */
export const planAdminSchema = z.discriminatedUnion("intent", [planWindowsSchema], { error: "admin.error.invalid" });
export type PlanAdminIntent = z.infer<typeof planAdminSchema>["intent"];
export const planAdminIntents: readonly string[] = ["windows"] satisfies PlanAdminIntent[];

/** `?gedaan=plan-12` after saving plan 12: an unknown value is simply ignored. */
export const planPageQuery = z.object({
  gedaan: z
    .string()
    .regex(/^plan-[1-9][0-9]{0,9}$/)
    .transform((value) => Number(value.slice("plan-".length)))
    .optional()
    .catch(undefined),
});
