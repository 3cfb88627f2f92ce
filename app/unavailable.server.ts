/**
 * One answer to "the database cannot serve this request right now": which
 * errors mean that, and the 503 each kind of response gives for it (pages and
 * `.data` through the error boundary and entry.server.tsx, the API as its
 * JSON problem, everything else as plain text), always with Retry-After.
 */
import { isConnectionLost } from "#db/client.ts";

/** How long clients are asked to wait before trying again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * PostgreSQL's answers that say "not now" rather than "this query is wrong":
 * statement_timeout and lock_timeout ran out, no connection slot was free,
 * or the server is shutting down, restarting or not yet ready.
 */
const UNAVAILABLE_SQLSTATES = new Set(["57014", "55P03", "53300", "57P01", "57P02", "57P03"]);
/** The pool's own refusal: a request waited too long for a connection, or too many were waiting. */
const POOL_BUSY = "POOL_BUSY";

/** True when `error` (or an error it wraps as its cause) means the database cannot serve this request now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return isConnectionLost(error) || codesOf(error).some((code) => code === POOL_BUSY || UNAVAILABLE_SQLSTATES.has(code));
}

/** The `code` of the error and of each error it wraps (Drizzle wraps the driver's error as `cause`). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

/** The message of the innermost wrapped error: the driver's own words rather than Drizzle's "Failed query: …". */
function innermost(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

type Context = { databaseUnavailable?: boolean; requestId?: string };

/**
 * Remembers for this request that the database was unavailable (entry.server.tsx then answers 503 with
 * Retry-After) and logs it once per request in one line. (The pool drops a lost connection itself.)
 */
export function markUnavailable(context: object | undefined, error: unknown, request: Request): void {
  const ctx = (context ?? {}) as Context;
  if (ctx.databaseUnavailable) return;
  ctx.databaseUnavailable = true;
  const reason = codesOf(error)[0] ?? innermost(error).slice(0, 200);
  console.error(`[${ctx.requestId ?? "-"}] ${request.method} ${new URL(request.url).pathname}: database unavailable (${reason}), answered 503`);
}

export function isMarkedUnavailable(context: unknown): boolean {
  return Boolean(context && (context as Context).databaseUnavailable);
}

/** Sets what every 503 carries on `headers`: Retry-After, and no caching anywhere. Returns the status, 503. */
export function asUnavailable(headers: Headers): 503 {
  headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  headers.set("Cache-Control", "no-store");
  return 503;
}

/** A plain-text 503 (feeds, open data, /healthz and other resource routes; pages render theirs from it). */
export function unavailableText(message: string): Response {
  const headers = new Headers({ "Content-Type": "text/plain; charset=utf-8" });
  return new Response(message, { status: asUnavailable(headers), headers });
}

/** A JSON 503 with `body` (the API's problem format) and the given extra headers. */
export function unavailableJson(body: unknown, extraHeaders: Record<string, string> = {}): Response {
  const headers = new Headers({ ...extraHeaders, "Content-Type": "application/json; charset=utf-8" });
  return new Response(JSON.stringify(body), { status: asUnavailable(headers), headers });
}
