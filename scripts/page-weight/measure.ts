/**
 * How much JavaScript a first visit to each route costs, computed from the
 * browser manifest Remix writes into the client build
 * (`build/client/assets/manifest-*.js`). On a first visit the browser loads
 * the client entry and its imports, then for every matched route (root down to
 * the page) the route module and its imports — Remix lists those as
 * `modulepreload` links, already flattened over static imports. Chunks that
 * are only imported dynamically (the Tiptap editor) are not in these lists.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * The budget for a reader's page: at most 100 KB (102,400 bytes) of
 * JavaScript as served, gzip-compressed (issue 8, "Page weight").
 */
export const PAGE_WEIGHT_BUDGET_BYTES = 100 * 1024;

/** Pages people mostly read; each must stay within the budget. */
export const READER_ROUTES = [
  "routes/_index",
  "routes/thema.$slug",
  "routes/actiepunt.$slug",
  "routes/voorstellen._index",
  "routes/voorstel.$id",
  "routes/zoeken",
] as const;

/** `compression()`'s default threshold: smaller responses are sent as they are. */
const COMPRESSION_THRESHOLD_BYTES = 1024;

type AssetList = { module: string; imports?: string[] };
export type BrowserManifest = {
  entry: AssetList;
  routes: Record<string, AssetList & { id: string; parentId?: string }>;
};

export type AssetSize = { raw: number; gzip: number; brotli: number };

export type RouteWeight = { routeId: string; files: string[] } & AssetSize;

/** Reads `window.__remixManifest={...};` as Remix writes it. */
export function parseBrowserManifest(source: string): BrowserManifest {
  const match = /^window\.__remixManifest=(.*);\s*$/s.exec(source);
  if (!match?.[1]) throw new Error("Not a Remix browser manifest (expected `window.__remixManifest=...;`)");
  return JSON.parse(match[1]) as BrowserManifest;
}

/** The matched routes for a first visit to `routeId`: root first, the page last. */
export function routeChain(manifest: BrowserManifest, routeId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id !== undefined; id = manifest.routes[id]?.parentId) {
    if (!manifest.routes[id]) throw new Error(`Route ${JSON.stringify(id)} is not in the manifest`);
    if (chain.includes(id)) throw new Error(`Route ${JSON.stringify(id)} is its own ancestor`);
    chain.unshift(id);
  }
  return chain;
}

/** Every JavaScript file a first visit to `routeId` loads, each once, in load order. */
export function routeFiles(manifest: BrowserManifest, routeId: string): string[] {
  const files = [manifest.entry.module, ...(manifest.entry.imports ?? [])];
  for (const id of routeChain(manifest, routeId)) {
    const route = manifest.routes[id]!;
    files.push(...(route.imports ?? []), route.module);
  }
  return [...new Set(files)];
}

/**
 * The compressed copies the build writes beside each asset of at least 1 KB
 * (`name.js.gz`, `name.js.br`), at the strongest settings: the server sends
 * them as they are (server/static-assets.ts), so nothing is compressed per
 * request and what is measured here is exactly what goes over the wire.
 */
export function precompress(content: Uint8Array): { gzip: Buffer; brotli: Buffer } | null {
  if (content.byteLength < COMPRESSION_THRESHOLD_BYTES) return null;
  return {
    gzip: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }),
    brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
  };
}

/** The bytes on the wire for one file: its precompressed copies (below 1 KB a file is sent as it is). */
export function servedSize(content: Uint8Array): AssetSize {
  const raw = content.byteLength;
  const compressed = precompress(content);
  if (!compressed) return { raw, gzip: raw, brotli: raw };
  return { raw, gzip: compressed.gzip.byteLength, brotli: compressed.brotli.byteLength };
}

/** The weight of every page route (routes without a component of their own — resource routes — are left out by the caller's choice of ids). */
export function routeWeights(manifest: BrowserManifest, sizeOf: (file: string) => AssetSize, routeIds = Object.keys(manifest.routes)): RouteWeight[] {
  return routeIds.map((routeId) => {
    const files = routeFiles(manifest, routeId);
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const file of files) {
      const size = sizeOf(file);
      total.raw += size.raw;
      total.gzip += size.gzip;
      total.brotli += size.brotli;
    }
    return { routeId, files, ...total };
  });
}

/** The reader pages over budget (gzip), or missing from the build: both fail the build. */
export function budgetFailures(weights: RouteWeight[], readerRoutes: readonly string[] = READER_ROUTES, budget = PAGE_WEIGHT_BUDGET_BYTES): string[] {
  const failures: string[] = [];
  for (const routeId of readerRoutes) {
    const weight = weights.find((row) => row.routeId === routeId);
    if (!weight) failures.push(`${routeId}: not in the build`);
    else if (weight.gzip > budget) failures.push(`${routeId}: ${kb(weight.gzip)} gzip, over the budget of ${kb(budget)}`);
  }
  return failures;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
