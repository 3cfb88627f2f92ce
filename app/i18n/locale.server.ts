import { defaultLocale, isLocale, type Locale } from "./index.ts";

export const LOCALE_COOKIE = "lang";

/** The visitor's chosen language from the `lang` cookie; Dutch when none is chosen. */
export function getLocale(request: Request): Locale {
  const cookies = request.headers.get("Cookie") ?? "";
  for (const part of cookies.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return defaultLocale;
}

export function localeCookie(locale: Locale, { secure }: { secure: boolean }): string {
  const oneYear = 60 * 60 * 24 * 365;
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${oneYear}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
