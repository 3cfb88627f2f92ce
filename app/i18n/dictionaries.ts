/**
 * Both languages' messages, for the server (and tests and scripts). The
 * browser build gets app/i18n/dictionaries.browser.ts instead (a resolver in
 * vite.config.ts), so neither dictionary is shipped as JavaScript: the page's
 * own language travels in the document as JSON (see MessagesScript in root.tsx).
 */
import type { Locale, Messages } from "./index.ts";
import { en } from "./en.ts";
import { nl } from "./nl.ts";

const all: Record<Locale, Messages> = { nl, en };

export function dictionaryFor(locale: Locale): Messages | undefined {
  return all[locale];
}
