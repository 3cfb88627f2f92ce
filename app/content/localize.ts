import type { Locale } from "#app/i18n/index.ts";
import type { Translations } from "#db/seed/types.ts";

/** A text together with the language it is really in (which may differ from the page's). */
export type LocalizedText = { text: string; lang: Locale };

/**
 * The text of `field` in `locale`, falling back to the original Dutch when no
 * translation exists, and saying which language was returned.
 */
export function localize<K extends string>(
  row: { [P in K]: string } & { translations: Translations<K> },
  field: K,
  locale: Locale,
): LocalizedText {
  if (locale !== "nl") {
    const translated = row.translations[locale]?.[field];
    if (translated) return { text: translated, lang: locale };
  }
  return { text: row[field], lang: "nl" };
}

/** Several fields of one row at once. */
export function localizeFields<K extends string>(
  row: { [P in K]: string } & { translations: Translations<K> },
  fields: readonly K[],
  locale: Locale,
): Record<K, LocalizedText> {
  return Object.fromEntries(fields.map((field) => [field, localize(row, field, locale)])) as Record<K, LocalizedText>;
}
