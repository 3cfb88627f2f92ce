import type { HeadersFunction } from "@remix-run/node";

/** Headers of a 429: when to try again, and the limit that was met (the names the API sends on every answer). */
export function limitedHeaders(max: number, retryAfter: number): Record<string, string> {
  const seconds = String(Math.max(1, Math.ceil(retryAfter)));
  return { "Retry-After": seconds, "RateLimit-Limit": String(max), "RateLimit-Remaining": "0", "RateLimit-Reset": seconds };
}

const LIMIT_HEADERS = ["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

/**
 * A route's `headers`: a page answered by a rate-limited action (429) keeps
 * the action's Retry-After and RateLimit-* headers. Without a `headers` export
 * Remix passes only Set-Cookie from an action to the page.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const from = actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;
  const headers = new Headers();
  for (const name of LIMIT_HEADERS) {
    const value = from.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
};
