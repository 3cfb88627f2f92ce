import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { budgetFailures, PAGE_WEIGHT_BUDGET_BYTES, parseBrowserManifest, routeFiles, routeWeights, servedSize, type BrowserManifest } from "../../scripts/page-weight/measure.ts";

// A tiny build: a shared framework chunk, a shared component chunk and an editor that is only imported dynamically (so not listed).
const manifest: BrowserManifest = {
  entry: { module: "/assets/entry.js", imports: ["/assets/framework.js"] },
  routes: {
    root: { id: "root", module: "/assets/root.js", imports: ["/assets/framework.js", "/assets/i18n.js"] },
    "routes/page": { id: "routes/page", parentId: "root", module: "/assets/page.js", imports: ["/assets/framework.js", "/assets/shared.js"] },
    "routes/page.child": { id: "routes/page.child", parentId: "routes/page", module: "/assets/child.js", imports: ["/assets/shared.js"] },
  },
};
const sizes: Record<string, number> = { "/assets/entry.js": 1, "/assets/framework.js": 80, "/assets/i18n.js": 5, "/assets/root.js": 2, "/assets/page.js": 3, "/assets/shared.js": 7, "/assets/child.js": 4 };
const kilobytes = (file: string) => ({ raw: sizes[file]! * 3 * 1024, gzip: sizes[file]! * 1024, brotli: sizes[file]! * 900 });

describe("page weight", () => {
  test("a first visit loads the entry, every matched route and their imports, each file once", () => {
    expect(routeFiles(manifest, "routes/page.child")).toEqual([
      "/assets/entry.js",
      "/assets/framework.js",
      "/assets/i18n.js",
      "/assets/root.js",
      "/assets/shared.js",
      "/assets/page.js",
      "/assets/child.js",
    ]);
    expect(routeFiles(manifest, "root")).toEqual(["/assets/entry.js", "/assets/framework.js", "/assets/i18n.js", "/assets/root.js"]);
  });

  test("sums the files of each route", () => {
    const weights = routeWeights(manifest, kilobytes);
    expect(weights.map((row) => [row.routeId, row.gzip / 1024])).toEqual([
      ["root", 88],
      ["routes/page", 98],
      ["routes/page.child", 102],
    ]);
    expect(weights[2]!.raw).toBe(102 * 3 * 1024);
  });

  test("fails a reader page over the budget, or one missing from the build", () => {
    const weights = routeWeights(manifest, kilobytes);
    expect(PAGE_WEIGHT_BUDGET_BYTES).toBe(100 * 1024);
    expect(budgetFailures(weights, ["routes/page"])).toEqual([]);
    expect(budgetFailures(weights, ["routes/page", "routes/page.child"])).toEqual(["routes/page.child: 102.0 KB gzip, over the budget of 100.0 KB"]);
    expect(budgetFailures(weights, ["routes/gone"])).toEqual(["routes/gone: not in the build"]);
  });

  test("counts gzip as compression() sends it: small files go uncompressed", () => {
    const small = new TextEncoder().encode("export{};".repeat(10));
    expect(servedSize(small)).toEqual({ raw: 90, gzip: 90, brotli: 90 });
    const large = new TextEncoder().encode("const a = 1;\n".repeat(500));
    const size = servedSize(large);
    expect(size.raw).toBe(6500);
    expect(size.gzip).toBe(gzipSync(large).byteLength);
    expect(size.gzip).toBeLessThan(500);
  });

  test("reads the manifest file Remix writes", () => {
    expect(parseBrowserManifest(`window.__remixManifest=${JSON.stringify(manifest)};`)).toEqual(manifest);
    expect(() => parseBrowserManifest("export default {}")).toThrow(/Remix browser manifest/);
  });

  test("refuses a route that is not in the manifest", () => {
    expect(() => routeFiles(manifest, "routes/nowhere")).toThrow(/not in the manifest/);
  });
});
