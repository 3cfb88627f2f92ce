import { expect, test } from "vitest";
import { getLocale, localeCookie } from "#app/i18n/locale.server.ts";

const request = (cookie?: string) => new Request("http://localhost/", { headers: cookie ? { Cookie: cookie } : {} });

test("Dutch unless the visitor chose another language", () => {
  expect(getLocale(request())).toBe("nl");
  expect(getLocale(request("other=1; lang=en"))).toBe("en");
  expect(getLocale(request("lang=xx"))).toBe("nl");
});

test("the language cookie lasts a year and is Secure only when asked", () => {
  expect(localeCookie("en", { secure: false })).toBe("lang=en; Path=/; Max-Age=31536000; SameSite=Lax");
  expect(localeCookie("nl", { secure: true })).toContain("; Secure");
});
