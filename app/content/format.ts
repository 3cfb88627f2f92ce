import type { Locale } from "#app/i18n/index.ts";

const NUMERALS: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

/** Themes are numbered I–VII in the plan. */
export function romanNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 3999) throw new RangeError(`No roman numeral for ${value}`);
  let rest = value;
  let result = "";
  for (const [amount, numeral] of NUMERALS) {
    while (rest >= amount) {
      result += numeral;
      rest -= amount;
    }
  }
  return result;
}

const dateLocales: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };
// Made once: creating an Intl.DateTimeFormat costs far more than formatting with it.
const dateFormatters: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat(dateLocales.nl, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat(dateLocales.en, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

/** A calendar date (YYYY-MM-DD) written out, e.g. "14 april 2021". */
export function formatDate(isoDate: string, locale: Locale): string {
  return dateFormatters[locale].format(new Date(`${isoDate}T12:00:00Z`));
}
