import { readdirSync } from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

/**
 * Serves the build's precompressed copies of fingerprinted assets
 * (`x.js.br`, `x.js.gz`, written by scripts/page-weight.ts) to browsers that
 * accept them, so assets are compressed once, at the strongest level, instead
 * of on every request. Anything without a copy falls through to
 * express.static and compression().
 */
export function precompressedAssets(assetsDir: string) {
  const available = new Set<string>();
  try {
    for (const name of readdirSync(assetsDir)) available.add(name);
  } catch {
    // no build yet: everything falls through
  }
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = decodeURIComponent(req.path.replace(/^\//, ""));
    if (!name || name.includes("/") || !available.has(name)) return next();
    const encoding = req.acceptsEncodings("br", "gzip", "identity");
    const suffix = encoding === "br" ? ".br" : encoding === "gzip" ? ".gz" : null;
    res.vary("Accept-Encoding");
    if (!suffix || !available.has(name + suffix)) return next();
    res.type(path.extname(name));
    res.set("Content-Encoding", encoding as string);
    res.sendFile(path.resolve(assetsDir, name + suffix), { immutable: true, maxAge: "1y" }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  };
}
