import { describe, expect, test } from "vitest";
import { formatDate, romanNumeral } from "#app/content/format.ts";

describe("romanNumeral", () => {
  test("numbers the seven themes I to VII", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(romanNumeral)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII"]);
  });
  test("handles larger numbers and refuses impossible ones", () => {
    expect(romanNumeral(14)).toBe("XIV");
    expect(romanNumeral(2024)).toBe("MMXXIV");
    expect(() => romanNumeral(0)).toThrow(RangeError);
    expect(() => romanNumeral(1.5)).toThrow(RangeError);
  });
});

describe("formatDate", () => {
  test("writes dates out in Dutch and English", () => {
    expect(formatDate("2021-04-14", "nl")).toBe("14 april 2021");
    expect(formatDate("2021-07-05", "en")).toBe("5 July 2021");
  });
});
