import { dictionaryFor } from "./dictionaries.ts";
import type { MessageKey } from "./nl.ts";

export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nl";
export type { MessageKey };
export type Messages = Record<MessageKey, string>;

/** The id of the `<script type="application/json">` that carries the page's messages to the browser. */
export const MESSAGES_ELEMENT_ID = "inspraak-messages";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Whether a string is a message key (rather than a message the server already translated). */
export function isMessageKey(value: string): value is MessageKey {
  const messages = dictionaryFor(defaultLocale);
  return !!messages && Object.hasOwn(messages, value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translate function for one locale: `t("theme.label", { numeral: "II" })`. */
export function translator(locale: Locale): Translate {
  const messages = dictionaryFor(locale);
  return (key, params) => {
    const message = messages?.[key] ?? key;
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

/** The messages of one language as JSON that is safe inside a `<script>` element. */
export function messagesJson(locale: Locale): string {
  return JSON.stringify({ locale, messages: dictionaryFor(locale) ?? {} }).replace(/</g, "\\u003c");
}
