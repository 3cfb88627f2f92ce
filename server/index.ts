import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { prepareDatabase } from "../db/bootstrap.ts";
import { closeDb, onQuery } from "../db/client.ts";
import { stopJobs } from "../app/jobs.server.ts";
import { closeHealthConnection } from "../app/health.server.ts";
import { startWorkers } from "../app/workers.server.ts";
import { afterBodyRefused, bodyLimit } from "./body-limit.ts";
import { resolveSecretAtStart, startStep, stopOnSignals } from "./process.ts";
import { pageCache } from "./page-cache.ts";
import { precompressedAssets } from "./static-assets.ts";
import { remixHandler } from "./remix-handler.ts";
import { databaseTrafficLimiter, trafficLimit, trafficLimitFactor } from "./traffic-limit.ts";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

// The secret first: SECRET, or the one kept in DATA_DIR; refused here rather than on the first page that needs it.
await resolveSecretAtStart();
// RATE_LIMITS: "off", or a factor for every per-client limit (app/rate-limit.server.ts, TRAFFIC_LIMITS).
const trafficFactor = await startStep(() => trafficLimitFactor(process.env.RATE_LIMITS));

const database = await startStep(() => prepareDatabase());
for (const warning of database.warnings) console.warn(warning);
// Background jobs (e-mail, clean-up) run in this process; WORKERS=off leaves them to another instance.
if (process.env.WORKERS !== "off") await startWorkers();

const viteDevServer = production
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
// Behind a load balancer or TLS proxy, TRUST_PROXY (e.g. "1" or "loopback") makes req.ip and https detection use X-Forwarded-*.
if (process.env.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);
app.use(compression());

// INSPRAAK_QUERY_COUNT=1 (the benchmark, tests): every response says how many SQL statements its request sent, in
// `X-Query-Count`, counted through the driver's debug hook in an AsyncLocalStorage context per request. The header
// is written when the response's head is: a page's loaders have all finished by then (no deferred data), an
// action's statements too. A statement that had to wait for a free pool connection is handed over from the
// pool's callback, in the context of the request that released it, and counted there: read the figure from a
// request that had the pool to itself (the benchmark probes one request at a time).
if (process.env.INSPRAAK_QUERY_COUNT === "1") {
  const counters = new AsyncLocalStorage<{ queries: number }>();
  onQuery(() => {
    const counter = counters.getStore();
    if (counter) counter.queries++;
  });
  app.use((_req, res, next) => {
    const counter = { queries: 0 };
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!this.headersSent) this.setHeader("X-Query-Count", String(counter.queries));
      return writeHead.apply(this, args);
    } as typeof writeHead;
    counters.run(counter, next);
  });
}
app.use((req, res, next) => {
  res.locals.requestId = req.get("x-request-id") ?? randomUUID();
  res.locals.nonce = randomBytes(16).toString("base64");
  if (production) {
    // Scripts only from this site or inline with this request's nonce; no plugins, no framing, no foreign form targets.
    res.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${res.locals.nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    if (req.secure) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  res.set({
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  });
  next();
});

// Before anything reads a body: one above the route's maximum is refused with 413 unread.
app.use(bodyLimit());

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  // Vite fingerprints everything under /assets, so it may be cached for good.
  app.use("/assets", precompressedAssets("build/client/assets"), express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}

// Assets are served above, so they are never counted; everything else is, before the page cache answers.
const limiter = trafficFactor > 0 ? databaseTrafficLimiter() : null;
if (limiter) {
  limiter.start();
  app.use(trafficLimit({ limiter, factor: trafficFactor }));
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild);

// A form posted from another site: Remix would abort it with an error (a 500) before our guard could refuse it
// with a 403 and a message. Without its Origin the guard decides: it refuses a cross-site post (by its Referer,
// or for want of one), and only the one-click unsubscribe with its signed token goes through, as mail clients need.
app.use((req, _res, next) => {
  if (req.method !== "GET" && req.method !== "HEAD" && req.headers.origin) {
    const host = (req.get("x-forwarded-host") ?? "").split(",")[0]!.trim() || req.get("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(req.headers.origin).host;
    } catch {
      // "null" or garbage: not this site
    }
    if (originHost !== host) delete req.headers.origin;
  }
  next();
});

// Signed-out visitors' pages are kept for PAGE_CACHE_SECONDS (default 2 in production, off in development); see page-cache.ts.
const pageCacheSeconds = Number(process.env.PAGE_CACHE_SECONDS ?? (production ? 2 : 0));
app.use(pageCache({ seconds: Number.isFinite(pageCacheSeconds) ? pageCacheSeconds : 0, sessionCookie: /(?:^|;\s*)(?:__Host-)?inspraak_session=/ }));

app.all(
  "*",
  remixHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (req, res) => ({ requestId: String(res.locals.requestId), clientIp: req.ip ?? "unknown", nonce: String(res.locals.nonce) }),
  }),
);

app.use(afterBodyRefused);

const server: Server = app.listen(port, host, () => {
  const where = database.embedded ? "embedded PostgreSQL" : "DATABASE_URL";
  console.log(`Inspraak listening on http://localhost:${port} (${where})`);
});
// A taken port: one line, and the embedded PostgreSQL is stopped rather than left running without its app.
server.once("error", async (error: NodeJS.ErrnoException) => {
  console.error(`Inspraak did not start: ${error.code === "EADDRINUSE" ? `port ${port} is in use by another program; set PORT to a free one.` : error.message}`);
  await stopJobs().catch(() => {});
  await closeDb().catch(() => {});
  await database.stop().catch(() => {});
  process.exit(1);
});

stopOnSignals(async () => {
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await viteDevServer?.close();
  await limiter?.stop();
  await stopJobs();
  await closeDb();
  await closeHealthConnection();
  // On Ctrl-C the terminal signals PostgreSQL too; it may already be stopping.
  await database.stop();
});
