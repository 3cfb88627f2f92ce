import { defaultLocale, isLocale, type Locale } from "./index.ts";

export const LOCALE_COOKIE = "lang";

/** The visitor's chosen language from the `lang` cookie; Dutch when none is chosen. */
export function getLocale(request: Request): Locale {
  return cookieLocale(request.headers.get("Cookie")) ?? defaultLocale;
}

function cookieLocale(cookies: string | null | undefined): Locale | null {
  for (const part of (cookies ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return null;
}

/**
 * For answers given outside the pages (the API, a refusal before Remix sees the request): the `lang` cookie,
 * else the first of Dutch or English in Accept-Language (such clients rarely carry the cookie), else Dutch.
 */
export function preferredLocale(cookies: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  const chosen = cookieLocale(cookies);
  if (chosen) return chosen;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((entry) => {
      const [tag = "", ...rest] = entry.trim().split(";");
      const q = Number(rest.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0 && isLocale(entry.lang))
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? defaultLocale;
}

export function localeCookie(locale: Locale, { secure }: { secure: boolean }): string {
  const oneYear = 60 * 60 * 24 * 365;
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${oneYear}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
