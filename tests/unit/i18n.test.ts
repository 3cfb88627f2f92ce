import { describe, expect, test } from "vitest";
import { en } from "#app/i18n/en.ts";
import { isLocale, translator } from "#app/i18n/index.ts";
import { nl } from "#app/i18n/nl.ts";

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("translations", () => {
  test("English has exactly the Dutch keys, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, message] of Object.entries({ ...nl, ...en })) expect(message.trim(), key).not.toBe("");
  });

  test("every message uses the same placeholders in both languages", () => {
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });

  test("fills in placeholders and leaves unknown ones visible", () => {
    expect(translator("nl")("theme.label", { numeral: "IV" })).toBe("Thema IV");
    expect(translator("en")("actionPoint.label", { number: 7 })).toBe("Action point 7");
    expect(translator("nl")("theme.label")).toBe("Thema {numeral}");
  });

  test("knows its locales", () => {
    expect(isLocale("nl")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
