import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { SHORT_MAX, TEXT_MAX, TITLE_MAX } from "#app/forms/content-admin.ts";
import { parseRichText } from "#app/richtext/form.ts";
import { rawBody, sendRaw } from "#tests/setup/raw-http.ts";
import { decodeSingleFetch, type DecodedError } from "#tests/setup/single-fetch.ts";
import { bodyLimit, bodyMaximum } from "../../server/body-limit.ts";

// The body limit in front of a stand-in for Remix that reads the body the way Remix's adapter does.
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

type Seen = { read: number | null; failed: string | null; called: boolean };

async function site(maximum = 1000) {
  const app = express();
  const seen: Seen = { read: null, failed: null, called: false };
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  app.use(bodyLimit({ maximum: (method) => (method === "GET" ? 10 : maximum) }));
  app.all("*", async (req, res) => {
    seen.called = true;
    try {
      const body = await new Response(createReadableStreamFromReadable(req)).arrayBuffer();
      seen.read = body.byteLength;
      res.type("text").send(`read ${body.byteLength}`);
    } catch (error) {
      seen.failed = (error as Error).name;
      if (!res.headersSent) res.status(500).end();
    } finally {
      done();
    }
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server!.once("listening", resolve));
  return { port: (server.address() as AddressInfo).port, seen, finished };
}

describe("the limits per kind of request", () => {
  const link = (char: string, length: number) => ({ type: "text", text: "a", marks: [{ type: "link", attrs: { href: `https://e.nl/?${char.repeat(length)}` } }] });

  test("the largest comment the validator accepts fits, though it is far above a megabyte", () => {
    // A thousand links (nodes and marks: 2,000) whose addresses take the most bytes in a form post: as many with
    // characters of 9 bytes as the node limit allows, the rest of the 400,000 characters with '/' (3 bytes each).
    const json = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [...Array.from({ length: 951 }, () => link("€", 226)), ...Array.from({ length: 48 }, () => link("/", 2034))] }] });
    expect(parseRichText(json, undefined).ok).toBe(true);
    const post = new URLSearchParams({ intent: "comment", threadId: "2147483647", parentId: "2147483647", paragraph: "x".repeat(40), body: json }).toString();
    expect(post.length).toBeGreaterThan(2 * 1024 * 1024);
    for (const path of ["/actiepunt/open-data", "/voorstel/12.data", "/reactie/5/bewerken", "/voorstellen/nieuw", "/moderatie/item/reactie/5"]) {
      expect(post.length, path).toBeLessThan(bodyMaximum("POST", path));
    }
  });

  test("the largest admin form fits, and the sign-in forms are small", () => {
    const widest = (length: number) => "€".repeat(length);
    const actionPoint = new URLSearchParams({
      version: "x".repeat(40),
      themeId: "2147483647",
      number: "999",
      slug: "a".repeat(80),
      ...Object.fromEntries(["title", "titleEn", "holder", "holderEn"].map((name) => [name, widest(TITLE_MAX)])),
      ...Object.fromEntries(["partners", "partnersEn", "summary", "summaryEn"].map((name) => [name, widest(SHORT_MAX)])),
      ...Object.fromEntries(["body", "bodyEn", "contribution", "contributionEn"].map((name) => [name, widest(TEXT_MAX)])),
    }).toString();
    expect(actionPoint.length).toBeLessThan(bodyMaximum("POST", "/beheer/actiepunten/3"));
    const signIn = new URLSearchParams({ email: widest(254), password: widest(1000), redirectTo: `/${widest(2000)}` }).toString();
    expect(signIn.length).toBeLessThan(bodyMaximum("POST", "/inloggen.data"));
    expect(bodyMaximum("POST", "/inloggen")).toBe(64 * 1024);
    expect(bodyMaximum("POST", "/wachtwoord-herstellen/abc")).toBe(64 * 1024);
    expect(bodyMaximum("POST", "/melden/reactie/3")).toBe(1024 * 1024);
    expect(bodyMaximum("GET", "/zoeken")).toBe(16 * 1024);
  });
});

describe("the middleware", () => {
  test("a body within the limit reaches the reader whole, with Content-Length and chunked", async () => {
    const s = await site(1000);
    const plain = await sendRaw({ port: s.port, head: ["POST /x HTTP/1.1", "Host: localhost", "Content-Length: 1000", "Connection: close"], length: 1000 });
    expect(plain.status).toBe(200);
    expect(rawBody(plain.answer)).toBe("read 1000");
    const chunked = await sendRaw({ port: s.port, head: ["POST /x HTTP/1.1", "Host: localhost", "Transfer-Encoding: chunked", "Connection: close"], length: 1000, chunked: true, piece: 100 });
    expect(rawBody(chunked.answer)).toBe("read 1000");
  });

  test("a Content-Length above the limit is refused with 413 before a byte of the body is sent, and the reader never runs", async () => {
    const s = await site(1000);
    const answer = await sendRaw({ port: s.port, head: ["POST /inloggen HTTP/1.1", "Host: localhost", "Content-Length: 2000000", "Accept: text/html", "Accept-Language: en-GB,en;q=0.9"], length: 0 });
    expect(answer.status).toBe(413);
    expect(answer.answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(rawBody(answer.answer)).toContain("<h1>Too large to send</h1>");
    expect(s.seen.called).toBe(false);
  });

  test("a chunked body is counted as it arrives: past the limit the answer is 413, the reader gets an error, not a short body", async () => {
    const s = await site(10_000);
    const answer = await sendRaw({ port: s.port, head: ["POST /voorstel/1.data HTTP/1.1", "Host: localhost", "Transfer-Encoding: chunked"], length: 1_000_000, chunked: true, piece: 1000 });
    expect(answer.status).toBe(413);
    // Sent until the answer came: the limit and what was in flight on the socket, not the megabyte.
    expect(answer.sent).toBeLessThan(500_000);
    await s.finished;
    expect(s.seen.read).toBeNull();
    expect(s.seen.failed).not.toBeNull();
  });

  test("a `.data` request gets the refusal in Remix's encoding, which the page shows as an error with status 413", async () => {
    const s = await site(1000);
    const answer = await sendRaw({ port: s.port, head: ["POST /voorstel/1.data HTTP/1.1", "Host: localhost", "Content-Length: 5000"], length: 0 });
    expect(answer.answer).toMatch(/content-type: text\/x-script/i);
    const decoded = (await decodeSingleFetch(rawBody(answer.answer))) as { error: DecodedError };
    expect(decoded.error.status).toBe(413);
    expect(decoded.error.data).toContain("Er is niets opgeslagen");
  });

  test("a GET with a body beyond what any reader needs is refused too", async () => {
    const s = await site();
    const answer = await sendRaw({ port: s.port, head: ["GET /zoeken HTTP/1.1", "Host: localhost", "Content-Length: 11"], length: 0 });
    expect(answer.status).toBe(413);
    expect(rawBody(answer.answer)).toContain("Te groot om te versturen");
  });
});
