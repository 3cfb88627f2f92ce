import { describe, expect, test } from "vitest";
import { safeRedirect } from "#app/safe-redirect.ts";

describe("safeRedirect", () => {
  test.each(["/", "/thema/open-recht", "/actiepunt/open-source?x=1#reacties"])("keeps the site path %s", (path) => {
    expect(safeRedirect(path)).toBe(path);
  });

  test.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "",
    null,
    undefined,
  ])("refuses %j and falls back", (target) => {
    expect(safeRedirect(target, "/home")).toBe("/home");
  });
});
