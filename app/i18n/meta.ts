import { defaultLocale, isLocale, translator, type Translate } from "./index.ts";

/** A translator for `meta` functions, which cannot use hooks: the locale comes from the root match. */
export function metaTranslator(matches: ReadonlyArray<{ id: string; data: unknown }>): Translate {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return translator(isLocale(root?.locale) ? root.locale : defaultLocale);
}
