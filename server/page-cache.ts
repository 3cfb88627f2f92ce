import type { NextFunction, Request, Response } from "express";

/**
 * A short-lived cache of the pages signed-out visitors get (micro-caching).
 *
 * Most traffic on the day a consultation opens is people reading the same
 * few pages without signing in. Those pages are the same for everyone with
 * the same address, cookies and preferred languages, so this instance keeps
 * each for `seconds` and answers repeats from memory instead of running the
 * loaders and React again. Only pages are kept (HTML and Remix's page data),
 * only 200s, and only answers that set no cookie and are not private or
 * no-store; a request with a session cookie never reads or fills the cache.
 *
 * Freshness: a successful write (any non-GET answered below 400) through
 * this instance empties the cache, so a person who posts and then looks
 * signed out sees their comment at once; a write through another instance
 * shows after at most `seconds`. The per-request CSP nonce is swapped: the
 * kept page's nonce is replaced by this request's, which the
 * Content-Security-Policy header of this request already names. A request
 * with `Cache-Control: no-cache` (a browser's hard reload) is answered fresh.
 *
 * When a kept page expires, one request renders it anew while the others
 * are still given the expired copy (for at most another `seconds`), so a
 * popular page is rendered once per period instead of by every visitor who
 * arrives in the same instant.
 */
export type PageCacheOptions = { seconds: number; maxEntries?: number; maxBytes?: number; maxTotalBytes?: number; sessionCookie: RegExp };

type Entry = { expires: number; status: number; headers: [string, string][]; body: string; nonce: string; refreshing: boolean };

const CACHEABLE_TYPES = /^(text\/html|text\/x-script)\b/;
/** Headers that belong to one request, not to the page: the current request sets its own. */
const PER_REQUEST = new Set(["content-security-policy", "strict-transport-security", "content-length", "content-encoding", "transfer-encoding", "connection", "date", "x-query-count", "set-cookie"]);

export function pageCache({ seconds, maxEntries = 500, maxBytes = 2_000_000, maxTotalBytes = 64_000_000, sessionCookie }: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  let generation = 0;
  let totalBytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    totalBytes -= entry.body.length;
    entries.delete(key);
  };
  const clear = () => {
    entries.clear();
    totalBytes = 0;
  };

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (seconds <= 0) return next();
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.on("finish", () => {
        if (res.statusCode < 400) {
          clear();
          generation++;
        }
      });
      return next();
    }
    const cookies = req.get("cookie") ?? "";
    if (sessionCookie.test(cookies)) return next();
    const key = [req.originalUrl, cookies, req.get("accept-language") ?? "", req.secure ? "s" : ""].join("\n");
    const nonce = String(res.locals.nonce ?? "");
    const hit = /no-cache/.test(req.get("cache-control") ?? "") ? undefined : entries.get(key);
    const now = Date.now();
    // Fresh; or expired while another request is already rendering it anew (and not more than a period ago).
    const usable = hit && (hit.expires > now || (hit.refreshing && hit.expires + seconds * 1000 > now));
    if (hit && !usable && !hit.refreshing && req.method === "GET") hit.refreshing = true;
    if (hit && usable) {
      res.status(hit.status);
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Page-Cache", "hit");
      const body = hit.nonce && nonce ? hit.body.replaceAll(hit.nonce, nonce) : hit.body;
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    if (req.method === "HEAD") return next();

    // Fill: keep a copy of what Remix writes (after compression() has wrapped write/end, so these are the plain bytes).
    const started = generation;
    const chunks: Buffer[] = [];
    let size = 0;
    let keep = true;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
      if (!buffer) return void (keep = false);
      size += buffer.byteLength;
      if (size > maxBytes) keep = false;
      else chunks.push(buffer);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      if (keep && started === generation && cacheable(res)) {
        const body = Buffer.concat(chunks).toString("utf8");
        remove(key);
        // The oldest go first, within both the number of pages and the memory they take (characters, roughly bytes).
        while (entries.size > 0 && (entries.size >= maxEntries || totalBytes + body.length > maxTotalBytes)) remove(entries.keys().next().value!);
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => !PER_REQUEST.has(name.toLowerCase()))
          .map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(", ") : String(value)]);
        entries.set(key, { expires: Date.now() + seconds * 1000, status: res.statusCode, headers, body, nonce, refreshing: false });
        totalBytes += body.length;
      } else if (hit && entries.get(key) === hit) {
        // Not kept this time (an error, a cookie): the next request tries again.
        remove(key);
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
  return middleware;
}

function cacheable(res: Response): boolean {
  if (res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return false;
  if (!CACHEABLE_TYPES.test(String(res.getHeader("content-type") ?? ""))) return false;
  return !/\b(private|no-store)\b/.test(String(res.getHeader("cache-control") ?? ""));
}
