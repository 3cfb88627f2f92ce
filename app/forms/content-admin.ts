/**
 * The zod schemas of the pages where admins create and edit plans, themes and
 * action points, shared by browser and server. Every text has its Dutch
 * original and an optional English translation (`<field>En`). Error messages
 * are translation keys; the pages translate them.
 */
import { z } from "zod";
import { MAX_ID } from "#app/forms/ids.ts";
import type { MessageKey } from "#app/i18n/index.ts";

export const SLUG_MAX = 80;
export const TITLE_MAX = 200;
export const SHORT_MAX = 1000;
export const TEXT_MAX = 20_000;
export const THEME_NUMBER_MAX = 50;
export const ACTION_POINT_NUMBER_MAX = 999;

/** Lower-case letters and digits in groups joined by single hyphens, as the slugs of the shipped plans. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z
  .string({ error: "contentAdmin.error.slugRequired" })
  .trim()
  .min(3, { error: "contentAdmin.error.slug" })
  .max(SLUG_MAX, { error: "contentAdmin.error.slug" })
  .regex(SLUG_PATTERN, { error: "contentAdmin.error.slug" });

/** A text that must be there; Conform turns an empty field into undefined, so "required" is the type error. */
const required = (max: number) =>
  z
    .string({ error: "contentAdmin.error.required" })
    .trim()
    .min(1, { error: "contentAdmin.error.required" })
    .max(max, { error: max === TITLE_MAX ? "contentAdmin.error.titleTooLong" : max === SHORT_MAX ? "contentAdmin.error.shortTooLong" : "contentAdmin.error.textTooLong" });

/** A text that may be empty (then ""). */
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: max === TITLE_MAX ? "contentAdmin.error.titleTooLong" : max === SHORT_MAX ? "contentAdmin.error.shortTooLong" : "contentAdmin.error.textTooLong" })
    .optional()
    .transform((value) => value ?? "");

const id = (error: string) => z.number({ error }).int({ error }).min(1, { error }).max(MAX_ID, { error });
const number = (max: number) => {
  const error = max === THEME_NUMBER_MAX ? "contentAdmin.error.themeNumber" : "contentAdmin.error.actionPointNumber";
  return z.number({ error }).int({ error }).min(1, { error }).max(max, { error });
};

/** The version the form was opened with (see app/content-admin.server.ts); a broken one is as good as stale. */
const version = z.string({ error: "contentAdmin.error.stale" }).max(40, { error: "contentAdmin.error.stale" });

export const PLAN_STATUSES = ["drafting", "current", "archived"] as const;

/** "2020-2022": two years, the second not before the first. */
const period = z
  .string({ error: "contentAdmin.error.required" })
  .trim()
  .superRefine((value, ctx) => {
    const match = /^(\d{4})-(\d{4})$/.exec(value);
    if (!match) return ctx.addIssue({ code: "custom", message: "contentAdmin.error.period" });
    const [from, to] = [Number(match[1]), Number(match[2])];
    if (from < 2000 || to > 2100 || to < from) ctx.addIssue({ code: "custom", message: "contentAdmin.error.periodOrder" });
  });

const planTexts = {
  title: required(TITLE_MAX),
  titleEn: optional(TITLE_MAX),
  period,
  status: z.enum(PLAN_STATUSES, { error: "contentAdmin.error.status" }),
  intro: optional(TEXT_MAX),
  introEn: optional(TEXT_MAX),
  about: optional(TEXT_MAX),
  aboutEn: optional(TEXT_MAX),
};
/** A plan's slug is set once: the seed recognises the shipped plans by it (see docs/decisions/007-plans-admin.md). */
export const planCreateSchema = z.object({ slug, ...planTexts });
export const planEditSchema = z.object({ version, ...planTexts });

const themeTexts = {
  number: number(THEME_NUMBER_MAX),
  slug,
  title: required(TITLE_MAX),
  titleEn: optional(TITLE_MAX),
  description: optional(TEXT_MAX),
  descriptionEn: optional(TEXT_MAX),
};
export const themeCreateSchema = z.object({ planId: id("contentAdmin.error.unknownPlan"), ...themeTexts });
export const themeEditSchema = z.object({ version, ...themeTexts });

const actionPointTexts = {
  number: number(ACTION_POINT_NUMBER_MAX),
  slug,
  title: required(TITLE_MAX),
  titleEn: optional(TITLE_MAX),
  holder: required(TITLE_MAX),
  holderEn: optional(TITLE_MAX),
  partners: optional(SHORT_MAX),
  partnersEn: optional(SHORT_MAX),
  summary: optional(SHORT_MAX),
  summaryEn: optional(SHORT_MAX),
  body: optional(TEXT_MAX),
  bodyEn: optional(TEXT_MAX),
  contribution: optional(TEXT_MAX),
  contributionEn: optional(TEXT_MAX),
};
export const actionPointCreateSchema = z.object({ themeId: id("contentAdmin.error.unknownTheme"), ...actionPointTexts });
export const actionPointEditSchema = z.object({ version, ...actionPointTexts });

/** `?plan=12` / `?thema=12` on a "new" page, and `?gedaan=...` after a save; anything else is ignored. */
export const parentQuery = z.object({
  plan: z.coerce.number().int().min(1).max(MAX_ID).optional().catch(undefined),
  thema: z.coerce.number().int().min(1).max(MAX_ID).optional().catch(undefined),
  gedaan: z.enum(["aangemaakt", "opgeslagen"]).optional().catch(undefined),
});

/** A route parameter that must be an id; anything else is a 404. */

/** How a page shows one field of these forms. */
export type FieldSpec = {
  name: string;
  kind: "text" | "number" | "textarea" | "status";
  /** The English translation of the field before it: labelled "… (Engels)", may stay empty. */
  english?: boolean;
  hint?: MessageKey;
  hintValues?: Record<string, string | number>;
  maxLength?: number;
};

const text = (name: string, max: number, hint?: MessageKey): FieldSpec[] => [
  { name, kind: max > SHORT_MAX ? "textarea" : "text", hint, maxLength: max },
  { name: `${name}En`, kind: max > SHORT_MAX ? "textarea" : "text", english: true, maxLength: max },
];

export const planFields: FieldSpec[] = [
  ...text("title", TITLE_MAX),
  { name: "period", kind: "text", hint: "contentAdmin.hint.period", maxLength: 9 },
  { name: "status", kind: "status", hint: "contentAdmin.hint.status" },
  ...text("intro", TEXT_MAX, "contentAdmin.hint.text"),
  ...text("about", TEXT_MAX, "contentAdmin.hint.text"),
];
export const newPlanFields: FieldSpec[] = [{ name: "slug", kind: "text", hint: "contentAdmin.hint.planSlug", maxLength: SLUG_MAX }, ...planFields];

const slugField: FieldSpec = { name: "slug", kind: "text", hint: "contentAdmin.hint.slug", maxLength: SLUG_MAX };

export const themeFields: FieldSpec[] = [
  { name: "number", kind: "number", hint: "contentAdmin.hint.themeNumber", hintValues: { max: THEME_NUMBER_MAX } },
  slugField,
  ...text("title", TITLE_MAX),
  ...text("description", TEXT_MAX, "contentAdmin.hint.text"),
];

export const actionPointFields: FieldSpec[] = [
  { name: "number", kind: "number", hint: "contentAdmin.hint.actionPointNumber", hintValues: { max: ACTION_POINT_NUMBER_MAX } },
  slugField,
  ...text("title", TITLE_MAX),
  ...text("holder", TITLE_MAX),
  ...text("partners", SHORT_MAX),
  ...text("summary", SHORT_MAX, "contentAdmin.hint.summary"),
  ...text("body", TEXT_MAX, "contentAdmin.hint.text"),
  ...text("contribution", TEXT_MAX, "contentAdmin.hint.text"),
];
