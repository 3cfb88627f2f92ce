import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterEach, expect, test } from "vitest";
import { pageCache, type PageCacheOptions } from "../../server/page-cache.ts";

// The page cache in front of a stand-in for Remix: every render counted, each page carrying its request's nonce.
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function site(options: Partial<PageCacheOptions>, pageSize = 100) {
  const app = express();
  let renders = 0;
  let nonce = 0;
  app.use((_req, res, next) => {
    res.locals.nonce = `nonce${++nonce}x`;
    next();
  });
  app.use(pageCache({ seconds: 60, sessionCookie: /session=/, ...options }));
  app.get("*", (req, res) => {
    renders++;
    res.type("html").send(`<script nonce="${res.locals.nonce}"></script>${req.path}${"x".repeat(pageSize)}`);
  });
  app.post("*", (_req, res) => void res.status(303).end());
  server = app.listen(0);
  await new Promise((resolve) => server!.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, { headers });
    return { hit: response.headers.get("X-Page-Cache") === "hit", body: await response.text() };
  };
  return { get, post: (path: string) => fetch(`${base}${path}`, { method: "POST", redirect: "manual" }), renders: () => renders };
}

test("a repeat is served from memory with the new request's nonce; a session cookie skips the cache", async () => {
  const s = await site({});
  expect((await s.get("/a")).hit).toBe(false);
  const again = await s.get("/a");
  expect(again.hit).toBe(true);
  expect(again.body).toMatch(/^<script nonce="nonce2x">/);
  expect((await s.get("/a", { Cookie: "session=abc" })).hit).toBe(false);
  expect(s.renders()).toBe(2);
});

test("a successful write empties the cache", async () => {
  const s = await site({});
  await s.get("/a");
  await s.post("/a");
  expect((await s.get("/a")).hit).toBe(false);
});

test("the oldest pages go first: at most maxEntries pages and maxTotalBytes of them", async () => {
  const byCount = await site({ maxEntries: 2 });
  for (const path of ["/a", "/b", "/c"]) await byCount.get(path);
  expect((await byCount.get("/a")).hit).toBe(false);
  expect((await byCount.get("/c")).hit).toBe(true);
  server!.close();
  server = undefined;

  const bySize = await site({ maxTotalBytes: 2_500 }, 1_000);
  for (const path of ["/a", "/b", "/c"]) await bySize.get(path);
  expect((await bySize.get("/a")).hit).toBe(false);
  expect((await bySize.get("/c")).hit).toBe(true);

  // A page larger than maxBytes is not kept at all.
  const huge = await site({ maxBytes: 500 }, 1_000);
  await huge.get("/a");
  expect((await huge.get("/a")).hit).toBe(false);
});
