/**
 * `node --import tsx scripts/page-weight.ts` (the last step of `npm run build`):
 * writes the gzip and brotli copies of every asset the server sends as they
 * are, prints the JavaScript each route sends on a first visit and exits with 1
 * when a reader's page is over the budget (scripts/page-weight/measure.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { budgetFailures, kb, PAGE_WEIGHT_BUDGET_BYTES, parseBrowserManifest, precompress, READER_ROUTES, routeWeights, servedSize, type AssetSize } from "./page-weight/measure.ts";

const clientDir = path.resolve(process.argv[2] ?? "build/client");
const assetsDir = path.join(clientDir, "assets");

// Vite empties the output folder on every build, so there is exactly one browser manifest.
const manifests = readdirSync(assetsDir).filter((name) => /^manifest-[0-9a-f]+\.js$/.test(name));
if (manifests.length !== 1) {
  console.error(`page-weight: expected one manifest-*.js in ${assetsDir}, found ${manifests.length}; run \`npx remix vite:build\` first`);
  process.exit(1);
}
// Vite empties the folder on every build, so these copies always match their files.
for (const name of readdirSync(assetsDir)) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const compressed = precompress(readFileSync(path.join(assetsDir, name)));
  if (!compressed) continue;
  writeFileSync(path.join(assetsDir, `${name}.gz`), compressed.gzip);
  writeFileSync(path.join(assetsDir, `${name}.br`), compressed.brotli);
}

const manifest = parseBrowserManifest(readFileSync(path.join(assetsDir, manifests[0]!), "utf8"));

const sizes = new Map<string, AssetSize>();
const sizeOf = (file: string) => {
  let size = sizes.get(file);
  if (!size) {
    size = servedSize(readFileSync(path.join(clientDir, file)));
    sizes.set(file, size);
  }
  return size;
};

const weights = routeWeights(manifest, sizeOf).sort((a, b) => b.gzip - a.gzip || a.routeId.localeCompare(b.routeId));
const readers = new Set<string>(READER_ROUTES);
const width = Math.max(...weights.map((row) => row.routeId.length));
console.log(`\nJavaScript per route on a first visit (* reader page, budget ${kb(PAGE_WEIGHT_BUDGET_BYTES)} gzip)\n`);
console.log(`  ${"route".padEnd(width)}  ${"files".padStart(5)}  ${"raw".padStart(9)}  ${"gzip".padStart(9)}  ${"brotli".padStart(9)}`);
for (const row of weights) {
  const mark = readers.has(row.routeId) ? "*" : " ";
  console.log(`${mark} ${row.routeId.padEnd(width)}  ${String(row.files.length).padStart(5)}  ${kb(row.raw).padStart(9)}  ${kb(row.gzip).padStart(9)}  ${kb(row.brotli).padStart(9)}`);
}

const failures = budgetFailures(weights);
if (failures.length > 0) {
  console.error(`\npage-weight: over budget\n${failures.map((line) => `  ${line}`).join("\n")}`);
  process.exit(1);
}
console.log(`\npage-weight: every reader page is within ${kb(PAGE_WEIGHT_BUDGET_BYTES)} of gzip-compressed JavaScript`);
