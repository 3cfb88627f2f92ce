import type { Locale } from "#app/i18n/index.ts";

const formats: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

// Made once: creating an Intl.DateTimeFormat costs far more than formatting with it, and a discussion page formats dozens of dates.
const formatters: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat(formats.nl, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
  en: new Intl.DateTimeFormat(formats.en, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
};

/** A moment as people read it, in Dutch time on server and browser alike, e.g. "14 april 2021 om 10:12". */
export function formatDateTime(iso: string, locale: Locale): string {
  return formatters[locale].format(new Date(iso));
}

