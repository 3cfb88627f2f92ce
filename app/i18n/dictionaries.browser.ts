/**
 * The browser's stand-in for app/i18n/dictionaries.ts: only the page's own
 * language, read once from the JSON the server wrote into the document
 * (MessagesScript in root.tsx). Switching language reloads the document.
 */
import { MESSAGES_ELEMENT_ID, type Locale, type Messages } from "./index.ts";

let fromDocument: { locale: string; messages: Messages } | null | undefined;

export function dictionaryFor(_locale: Locale): Messages | undefined {
  if (fromDocument === undefined) {
    const text = document.getElementById(MESSAGES_ELEMENT_ID)?.textContent;
    fromDocument = text ? (JSON.parse(text) as { locale: string; messages: Messages }) : null;
    if (!fromDocument) console.error(`No #${MESSAGES_ELEMENT_ID} in the document: texts show as keys`);
  }
  // The server always sends the language it rendered in; any other request gets that one rather than nothing.
  return fromDocument?.messages;
}
