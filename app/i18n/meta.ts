import type { MetaDescriptor } from "@remix-run/node";
import { defaultLocale, isLocale, translator, type Translate } from "./index.ts";

/** A translator for `meta` functions, which cannot use hooks: the locale comes from the root match. */
export function metaTranslator(matches: ReadonlyArray<{ id: string; data: unknown }>): Translate {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return translator(isLocale(root?.locale) ? root.locale : defaultLocale);
}

type Matches = ReadonlyArray<{ id: string; data: unknown }>;

/**
 * The `<title>` (with the site's name) and description of a page; `build`
 * returns null when the loader found nothing, which gives the not-found title.
 */
export function pageMeta(matches: Matches, build: (t: Translate) => { title: string; description?: string } | null): MetaDescriptor[] {
  const t = metaTranslator(matches);
  const page = build(t) ?? { title: t("error.notFound.title") };
  const tags: MetaDescriptor[] = [{ title: `${page.title} — ${t("site.name")}` }];
  if (page.description) tags.push({ name: "description", content: page.description });
  return tags;
}
