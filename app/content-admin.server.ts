/**
 * What the admin of plans, themes and action points shares: texts with an
 * English translation beside the Dutch original, a summary of a change for
 * the audit log, the version that refuses a stale save, and telling a
 * duplicate slug or number (a unique index) from other database errors.
 * No queries here: each domain module runs its own.
 */
import { commentableParagraphs } from "#app/content/blocks.ts";
import type { Translations } from "#db/seed/types.ts";

/** A text field as the admin forms edit it: the Dutch original and its English translation ("" is none). */
export type Bilingual = { nl: string; en: string };

export type AuditDetails = Record<string, string | number | null>;

/** The version a form was opened with: the row's `updated_at`, to the millisecond (what JavaScript dates hold). */
export const versionOf = (updatedAt: Date) => updatedAt.toISOString();

/** The English translations of `fields`, merged into what the row had; an empty text removes the translation. */
export function mergeTranslations<K extends string>(current: Translations<K>, next: Partial<Record<K, string>>): Translations<K> {
  const en: Partial<Record<K, string>> = { ...current.en };
  for (const [field, text] of Object.entries(next) as [K, string | undefined][]) {
    if (text) en[field] = text;
    else delete en[field];
  }
  const { en: _previous, ...others } = current;
  return Object.keys(en).length ? { ...others, en } : others;
}

/**
 * What changed between two versions of a row, as the audit log keeps it: short
 * fields from → to; long texts (in the block format) only how many paragraphs
 * stayed, came and went, since a paragraph's anchor is made from its text.
 */
export function changeSummary(before: AuditDetails, after: AuditDetails, longTexts: readonly string[] = []): AuditDetails {
  const details: AuditDetails = {};
  for (const field of Object.keys(after)) {
    const long = longTexts.includes(field);
    const from = before[field] ?? (long ? "" : null);
    const to = after[field] ?? null;
    // An empty text and no text are the same to a reader.
    if ((from ?? "") === (to ?? "")) continue;
    if (long && typeof from === "string" && typeof to === "string") {
      const old = new Set(commentableParagraphs(from).map((paragraph) => paragraph.anchor));
      const fresh = new Set(commentableParagraphs(to).map((paragraph) => paragraph.anchor));
      details[`${field}.kept`] = [...fresh].filter((anchor) => old.has(anchor)).length;
      details[`${field}.added`] = [...fresh].filter((anchor) => !old.has(anchor)).length;
      details[`${field}.removed`] = [...old].filter((anchor) => !fresh.has(anchor)).length;
      // A change in spacing only keeps every paragraph: still worth a line in the log.
      if (details[`${field}.added`] === 0 && details[`${field}.removed`] === 0) details[`${field}.layout`] = 1;
      continue;
    }
    details[`${field}.from`] = from;
    details[`${field}.to`] = to;
  }
  return details;
}

/** The texts of a row as the audit summary compares them: originals, and English as `<field>En`. */
export function flatTexts<K extends string>(row: Record<K, string> & { translations: Translations<K> }, fields: readonly K[]): AuditDetails {
  const flat: AuditDetails = {};
  for (const field of fields) {
    flat[field] = row[field];
    flat[`${field}En`] = row.translations.en?.[field] ?? "";
  }
  return flat;
}

/** The unique index a failed insert or update ran into (PostgreSQL error 23505), else null. Drizzle wraps the driver's error. */
export function violatedConstraint(error: unknown): string | null {
  for (let cause = error; cause && typeof cause === "object"; cause = (cause as { cause?: unknown }).cause) {
    const pgError = cause as { code?: unknown; constraint?: unknown };
    if (pgError.code === "23505") return typeof pgError.constraint === "string" ? pgError.constraint : "";
  }
  return null;
}
