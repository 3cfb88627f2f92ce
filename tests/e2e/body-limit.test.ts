import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { closeDb } from "#db/client.ts";
import { startApp, type RunningApp } from "#tests/setup/app.ts";
import { createUser, PASSWORD } from "#tests/setup/factories.ts";
import { postForm } from "#tests/setup/http.ts";
import { createTestDatabase } from "#tests/setup/postgres.ts";
import { rawBody, sendRaw } from "#tests/setup/raw-http.ts";

// An app process of its own, so its memory is what this file's requests did to it.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: RunningApp;
let port: number;

const MiB = 1024 * 1024;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "seeded");
  process.env.DATABASE_URL = database.url;
  app = await startApp({ databaseUrl: database.appUrl, ownerUrl: database.url });
  port = Number(new URL(app.url).port);
});

afterAll(async () => {
  await app?.stop();
  await closeDb();
  await database?.drop();
});

/** Resident memory of the app process, in bytes. */
function rss(): number {
  const line = readFileSync(`/proc/${app.process.pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m);
  return Number(line![1]) * 1024;
}

const signInHead = (length: string, path = "/inloggen") => [
  `POST ${path} HTTP/1.1`,
  `Host: 127.0.0.1:${port}`,
  `Origin: ${app.url}`,
  "Content-Type: application/x-www-form-urlencoded",
  "Accept: text/html",
  length,
];

test("a 2 MiB sign-in post is refused with 413 within 100 ms of its head, before its body is sent; signing in still works", async () => {
  const person = await createUser();
  const answer = await sendRaw({ port, head: signInHead(`Content-Length: ${2 * MiB}`), length: 0 });
  expect(answer.status).toBe(413);
  expect(answer.msToAnswer).toBeLessThan(100);
  expect(answer.answer).toMatch(/\r\nConnection: close\r\n/i);
  expect(rawBody(answer.answer)).toContain("Te groot om te versturen");

  const signIn = await postForm(app.url, "/inloggen", { email: person.email, password: PASSWORD, redirectTo: "/account" });
  expect(signIn.status).toBe(302);
  expect(signIn.headers.get("Location")).toBe("/account");
});

test("a chunked 2 MiB sign-in post is refused with 413 without waiting for its end", async () => {
  // The last chunk never comes: only a server that stops reading at its limit answers at all.
  const answer = await sendRaw({ port, head: signInHead("Transfer-Encoding: chunked"), length: 2 * MiB, chunked: true, piece: 16 * 1024, complete: false, timeoutMs: 5000 });
  expect(answer.status).toBe(413);
  expect(answer.msToAnswer).toBeLessThan(1000);
  // With JavaScript on, the form posts to `.data`: the answer is the error in Remix's own encoding.
  const data = await sendRaw({ port, head: signInHead("Transfer-Encoding: chunked", "/inloggen.data"), length: 2 * MiB, chunked: true, piece: 16 * 1024, complete: false, timeoutMs: 5000 });
  expect(data.status).toBe(413);
  expect(data.answer).toMatch(/content-type: text\/x-script/i);
});

test("posts of 32 MiB leave the memory bounded, and /healthz answers quickly all the while", async () => {
  // Warm up what the requests below use, so what follows measures them alone.
  for (let i = 0; i < 3; i++) await sendRaw({ port, head: signInHead(`Content-Length: ${32 * MiB}`), length: MiB });
  for (let i = 0; i < 3; i++) await sendRaw({ port, head: signInHead("Transfer-Encoding: chunked"), length: MiB, chunked: true });
  const before = rss();

  let posting = true;
  const health: number[] = [];
  const probe = (async () => {
    while (posting) {
      const started = performance.now();
      const response = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      await response.text();
      expect(response.status).toBe(200);
      health.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const statuses: (number | null)[] = [];
  let sent = 0;
  // Four at a time, half with Content-Length, half chunked; each client sends as fast as the server takes it.
  const twenty = async () => {
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          sendRaw(i % 2 === 0 ? { port, head: signInHead(`Content-Length: ${32 * MiB}`), length: 32 * MiB } : { port, head: signInHead("Transfer-Encoding: chunked"), length: 32 * MiB, chunked: true }),
        ),
      );
      for (const answer of answers) {
        statuses.push(answer.status);
        sent += answer.sent;
      }
    }
    return rss();
  };
  const afterFirst = await twenty();
  const after = await twenty();
  posting = false;
  await probe;

  expect(statuses.join(" ")).toBe(Array(40).fill(413).join(" "));
  console.log(
    `2 × 20 posts of 32 MiB: ${(sent / MiB).toFixed(1)} MiB sent before the answers, RSS ${(before / MiB).toFixed(0)} → ${(afterFirst / MiB).toFixed(0)} → ${(after / MiB).toFixed(0)} MiB, ` +
      `/healthz ${health.length}× max ${Math.max(...health).toFixed(0)} ms`,
  );
  // No body is kept: what the first twenty left (freed buffers the heap keeps) is less than two of them, and the next twenty add next to nothing.
  expect(afterFirst - before).toBeLessThan(64 * MiB);
  expect(after - afterFirst).toBeLessThan(16 * MiB);
  expect(health.length).toBeGreaterThan(0);
  // Nothing went wrong on the way: no error was logged (Remix reading a chunked body finds it cut off, as it should).
  expect(app.output()).not.toMatch(/\n\s+at /);
  expect(Math.max(...health)).toBeLessThan(500);
});
