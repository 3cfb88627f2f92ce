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
 * (WeakMap) and the compiled patterns per pattern (bounded Map). Matches are
 * still computed afresh for every call.
 *
 * Each change is applied only when the exact original text is found, and
 * only once; otherwise the package stays as it is and this says so.
 * tests/unit/patched-dependencies.test.ts fails when a change is missing, so
 * an upgrade that breaks one is noticed.
 */
/* global console, process */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

export const MARKER = "/* inspraak: memoised route matching */";

const patches = [
  {
    package: "@remix-run/router",
    file: "@remix-run/router/dist/router.cjs.js",
    changes: [
      {
        from: `function matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
        to: `${MARKER}\nconst rankedBranchesByRoutes = new WeakMap();\nfunction matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
      },
      {
        from: `  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;`,
        to: `  let branches = rankedBranchesByRoutes.get(routes);\n  if (!branches) {\n    branches = flattenRoutes(routes);\n    rankRouteBranches(branches);\n    rankedBranchesByRoutes.set(routes, branches);\n  }\n  let matches = null;`,
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
