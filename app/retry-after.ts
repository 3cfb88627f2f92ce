import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers`: a page answered by a rate-limited action (429) keeps
 * the action's Retry-After. Without a `headers` export Remix passes only
 * Set-Cookie from an action to the page.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  const headers = new Headers();
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
