import { useRouteLoaderData } from "@remix-run/react";
import { defaultLocale, translator, type Locale } from "./index.ts";

/** The page's locale, from the root loader (Dutch when the root loader did not run). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? defaultLocale;
}

export function useTranslate() {
  return translator(useLocale());
}
