/**
 * The shared plumbing of the read-only JSON API at /api/v1/: every route is
 * `apiLoader(...)`, which answers CORS preflights, counts the per-IP rate
 * limit, checks the query parameters, and turns the handler's value into a
 * JSON response with a weak ETag (304 on a matching If-None-Match). Expected
 * failures are `ApiProblem`s and become `{ error: { code, message } }` with a
 * message in the request's language; they never become a 500.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { z } from "zod";
import { loaderWith } from "#app/guard.server.ts";
import { translator, type Locale, type MessageKey } from "#app/i18n/index.ts";
import { preferredLocale } from "#app/i18n/locale.server.ts";
import { consume, LIMITS } from "#app/rate-limit.server.ts";
import { RETRY_AFTER_SECONDS, unavailableJson } from "#app/unavailable.server.ts";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Parameters every list accepts. */
export const PAGE_PARAMS = ["na", "aantal"] as const;

const EXPOSED = ["ETag", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"].join(", ");

/** An expected failure: bad input (400), nothing there (404), too many requests (429), the database briefly unavailable (503). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new ApiProblem(404, "not_found", "api.error.notFound");
/** The value, or a 404 when there is none. */
export function found<T>(value: T | null): T {
  if (value === null) throw notFound();
  return value;
}
export const badFilter = (name: string, value: string) => new ApiProblem(400, "invalid_filter", "api.error.badFilter", { name, value: value.slice(0, 100) });

/**
 * The language of error messages: the site's `lang` cookie, else the first of
 * Dutch or English in Accept-Language (API clients rarely carry the cookie), else Dutch.
 */
export function apiLocale(request: Request): Locale {
  return preferredLocale(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** A weak validator for a body: equal bodies give equal tags. */
export function weakETag(body: string): string {
  return `W/"${encodeBase64urlNoPadding(sha256(new TextEncoder().encode(body))).slice(0, 27)}"`;
}

/** Whether If-None-Match names this tag (weak comparison, as RFC 9110 asks for If-None-Match). */
export function matchesETag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

function corsHeaders(): Record<string, string> {
  return { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": EXPOSED };
}

/** The answer to a CORS preflight: reading only, with the one non-safelisted header a reader needs. */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(),
      "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Headers": "If-None-Match, Accept, Accept-Language",
      "Access-Control-Max-Age": "86400",
      Allow: "GET, HEAD, OPTIONS",
    },
  });
}

type RateState = { limit: number; remaining: number; reset: number };

function rateHeaders(rate: RateState | null): Record<string, string> {
  if (!rate) return {};
  return { "RateLimit-Limit": String(rate.limit), "RateLimit-Remaining": String(rate.remaining), "RateLimit-Reset": String(rate.reset) };
}

export function errorResponse(problem: ApiProblem, locale: Locale, rate: RateState | null = null): Response {
  const value = { error: { code: problem.code, message: translator(locale)(problem.key, problem.params) } };
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Language": locale,
    Vary: "Accept-Language, Cookie",
    ...corsHeaders(),
    ...rateHeaders(rate),
  };
  if (problem.status === 503) return unavailableJson(value, headers);
  if (problem.status === 429) headers["Retry-After"] = String(problem.params.seconds ?? 60);
  return new Response(JSON.stringify(value), { status: problem.status, headers });
}

/** The API's 503 while the database is unavailable, in its own error format (see the guard's `unavailable`). */
export function unavailableResponse(request: Request): Response {
  return errorResponse(new ApiProblem(503, "unavailable", "api.error.unavailable", { seconds: RETRY_AFTER_SECONDS }), apiLocale(request));
}

/** A 200 JSON response, or 304 when the client already holds this very body. */
export function jsonResponse(request: Request, value: unknown, rate: RateState | null = null): Response {
  const body = JSON.stringify(value);
  const etag = weakETag(body);
  const headers = { ETag: etag, "Cache-Control": "public, max-age=60", ...corsHeaders(), ...rateHeaders(rate) };
  if (matchesETag(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}

/**
 * The query string, refused (400) when it has a parameter the endpoint does
 * not know or one given twice: a typo then shows up instead of being ignored.
 */
export function readQuery(url: URL, allowed: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      throw new ApiProblem(400, "unknown_parameter", "api.error.unknownParameter", { name: name.slice(0, 50), allowed: allowed.join(", ") || "—" });
    }
    if (values.has(name)) throw new ApiProblem(400, "repeated_parameter", "api.error.repeatedParameter", { name });
    values.set(name, value);
  }
  return values;
}

/** `aantal`: 1–100, default 25; anything else is a 400. */
export function pageSize(query: Map<string, string>): number {
  const raw = query.get("aantal");
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) throw new ApiProblem(400, "invalid_limit", "api.error.badLimit");
  return size;
}

/**
 * Cursors are opaque to clients: base64url JSON naming the list they belong
 * to and the keyset position. One from another list, or one we did not make,
 * is a 400 — never a query with garbage in it.
 */
export function encodeCursor(list: string, key: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ l: list, k: key })).toString("base64url");
}

export function decodeCursor<T>(raw: string | undefined, list: string, key: z.ZodType<T>): T | null {
  if (raw === undefined) return null;
  const problem = new ApiProblem(400, "invalid_cursor", "api.error.badCursor");
  if (raw.length === 0 || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw problem;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw problem;
  }
  const shape = z.object({ l: z.literal(list), k: key }).strict().safeParse(parsed);
  if (!shape.success) throw problem;
  return shape.data.k as T;
}

/** Keyset position on an id. */
export const idKey = z.tuple([z.number().int().positive().max(2 ** 31 - 1)]);
/** Keyset position on a UTC timestamp as the database prints it, and an id. */
export const timeIdKey = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), z.number().int().positive().max(2 ** 31 - 1)]);

export type ApiArgs = { request: Request; url: URL; params: Record<string, string | undefined> };

/**
 * A loader for an API resource. OPTIONS reaches the loader in Remix (only
 * POST, PUT, PATCH and DELETE go to an action), so the preflight is answered
 * here: no action, and the guard's same-site check for actions stays as it is.
 */
export function apiLoader(handler: (args: ApiArgs) => Promise<unknown> | unknown) {
  return loaderWith("public.read", async ({ request, params, clientIp }) => {
    if (request.method === "OPTIONS") return preflight();
    const locale = apiLocale(request);
    const used = await consume({ limit: LIMITS.apiPerIp, subject: `ip:${clientIp}` });
    const rate = { limit: LIMITS.apiPerIp.max, remaining: used.remaining, reset: used.resetSeconds };
    if (!used.allowed) return errorResponse(new ApiProblem(429, "rate_limited", "api.error.tooMany", { seconds: used.retryAfter }), locale, rate);
    try {
      return jsonResponse(request, await handler({ request, url: new URL(request.url), params }), rate);
    } catch (error) {
      if (error instanceof ApiProblem) return errorResponse(error, locale, rate);
      throw error;
    }
  }, { unavailable: unavailableResponse });
}
