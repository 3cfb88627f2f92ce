import { expect, test } from "vitest";
import { localize, localizeFields } from "#app/content/localize.ts";
import type { Translations } from "#db/seed/types.ts";

const row: { title: string; description: string; translations: Translations<"title" | "description"> } = { title: "Open Recht", description: "Over klachten.", translations: { en: { title: "Open Justice" } } };

test("returns the translation and its language when there is one", () => {
  expect(localize(row, "title", "en")).toEqual({ text: "Open Justice", lang: "en" });
});

test("falls back to the Dutch original, saying it is Dutch", () => {
  expect(localize(row, "description", "en")).toEqual({ text: "Over klachten.", lang: "nl" });
  expect(localizeFields(row, ["title", "description"], "nl")).toEqual({
    title: { text: "Open Recht", lang: "nl" },
    description: { text: "Over klachten.", lang: "nl" },
  });
});
