import type { Locale } from "#app/i18n/index.ts";

const formats: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

/** A moment as people read it, in Dutch time on server and browser alike, e.g. "14 april 2021 om 10:12". */
export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(formats[locale], { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(new Date(iso));
}
