import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { policyOf } from "#app/guard.server.ts";
import { isPermission } from "#app/permissions.server.ts";

const routesDir = path.resolve("app/routes");
const files = [
  "../root.tsx",
  ...(await readdir(routesDir, { recursive: true })).filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes(".test.")).sort(),
];

// Deny by default: a route that exports a loader or action not built with loaderWith/actionWith
// (and so without a permission from the table) fails here.
describe("every route declares its permission", () => {
  test("there are routes to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test.each(files)("%s", async (file) => {
    const route = (await import(path.join(routesDir, file))) as Record<string, unknown>;
    for (const kind of ["loader", "action"] as const) {
      if (!(kind in route)) continue;
      const policy = policyOf(route[kind]);
      expect(policy, `${file} exports a ${kind} without a declared policy`).toBeDefined();
      expect(policy!.kind).toBe(kind);
      expect(isPermission(policy!.permission), `${file}: unknown permission ${policy!.permission}`).toBe(true);
    }
  });
});
