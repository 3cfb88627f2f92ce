/**
 * `npm install` / `npm ci` run this (package.json "postinstall"): small,
 * checked changes to installed packages, each for a measured reason
 * (docs/decisions/009-write-path-performance.md). Plain JavaScript without
 * dependencies, so it runs before anything else is built.
 *
 * @remix-run/router (the server side of Remix): `matchRoutes` flattened and
 * ranked the whole route tree, and compiled a regular expression for every
 * route it tried, on every call — at least three calls per request, with ~80
 * routes a fifth of the server's CPU time under load. The route tree and the
 * patterns do not change, so the ranked branches are kept per route tree
 * (WeakMap), the compiled patterns per pattern (at most 2,000), and the
 * matches per path (the 10,000 most recently used per route tree); every
 * caller gets its own copies of the match objects and their params.
 *
 * Each change is applied only when the exact original text is found, and
 * only once; otherwise the package stays as it is and this says so.
 * tests/unit/patched-dependencies.test.ts fails when a change is missing, so
 * an upgrade that breaks one is noticed.
 */
/* global console, process */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

export const MARKER = "/* inspraak: memoised route matching, v2 */";

const patches = [
  {
    package: "@remix-run/router",
    file: "@remix-run/router/dist/router.cjs.js",
    changes: [
      {
        from: `function matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
        to: `${MARKER}\nconst routeMatchCache = new WeakMap();\nconst MATCHED_PATHS = 10000;\nfunction matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
      },
      {
        from: `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  let matches = null;
  let decoded = decodePath(pathname);
  for (let i = 0; matches == null && i < branches.length; ++i) {`,
        to: `  let cache = routeMatchCache.get(routes);
  if (!cache) {
    let ranked = flattenRoutes(routes);
    rankRouteBranches(ranked);
    cache = { branches: ranked, byPath: new Map() };
    routeMatchCache.set(routes, cache);
  }
  let key = (allowPartial ? "p" : "e") + pathname;
  let known = cache.byPath.get(key);
  if (known === undefined) {
    known = matchRoutesUncached(cache.branches, pathname, allowPartial);
    if (cache.byPath.size >= MATCHED_PATHS) cache.byPath.delete(cache.byPath.keys().next().value);
  } else {
    cache.byPath.delete(key);
  }
  cache.byPath.set(key, known);
  if (!known) return known;
  // Fresh objects for the caller, shared as the router shares them (one params object for all matches of a path).
  let copies = new Map();
  return known.map(match => {
    let params = copies.get(match.params);
    if (!params) copies.set(match.params, params = Object.assign({}, match.params));
    return Object.assign({}, match, { params });
  });
}
function matchRoutesUncached(branches, pathname, allowPartial) {
  let matches = null;
  let decoded = decodePath(pathname);
  for (let i = 0; matches == null && i < branches.length; ++i) {`,
      },
      {
        from: `function compilePath(path, caseSensitive, end) {`,
        to: `const compiledPaths = new Map();\nfunction compilePath(path, caseSensitive, end) {\n  const key = path + "\\u0000" + caseSensitive + "\\u0000" + end;\n  let compiled = compiledPaths.get(key);\n  if (!compiled) {\n    compiled = compilePathUncached(path, caseSensitive, end);\n    if (compiledPaths.size < 2000) compiledPaths.set(key, compiled);\n  }\n  return compiled;\n}\nfunction compilePathUncached(path, caseSensitive, end) {`,
      },
    ],
  },
];

const require = createRequire(import.meta.url);
let failed = false;
for (const patch of patches) {
  let file;
  try {
    file = require.resolve(patch.file);
  } catch {
    console.warn(`patch-dependencies: ${patch.package} is not installed; nothing to change.`);
    continue;
  }
  let text = readFileSync(file, "utf8");
  if (text.includes(MARKER)) continue;
  const missing = patch.changes.filter((change) => text.split(change.from).length !== 2);
  if (missing.length) {
    failed = true;
    console.warn(`patch-dependencies: ${patch.package} is not the version this was written for (${missing.length} passage(s) not found); it stays unchanged and runs slower. See docs/decisions/009-write-path-performance.md.`);
    continue;
  }
  for (const change of patch.changes) text = text.replace(change.from, () => change.to);
  writeFileSync(file, text);
  console.log(`patch-dependencies: ${patch.package} patched (memoised route matching).`);
}
process.exitCode = 0;
if (failed) console.warn("patch-dependencies: the install goes on without the change.");
