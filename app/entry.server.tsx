import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "#app/components/nonce.tsx";
import { asUnavailable, isDatabaseUnavailable, isMarkedUnavailable, markUnavailable } from "#app/unavailable.server.ts";

const ABORT_DELAY = 5_000;

/** Unexpected errors are logged once, with the request id the error page shows. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // The guard turns these into a 503 itself; one that escaped it is remembered for this request, so the page
  // or data answers 503 all the same (errors are sanitised before handleRequest sees them).
  if (isDatabaseUnavailable(error)) return markUnavailable(context, error, request);
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? "-";
  console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname}`, error);
};

/** Pages and data for a signed-in person are never stored by browsers or proxies. */
function isSignedIn(request: Request): boolean {
  return /(?:^|;\s*)(?:__Host-)?inspraak_session=[a-z2-7]/.test(request.headers.get("Cookie") ?? "");
}

/**
 * A 5xx while the database was unavailable is a 503 with Retry-After, for a page as for its `.data`
 * (client-side navigations and form posts with JavaScript on). The error inside is the guard's 503, which
 * the error boundary shows as "temporarily unavailable".
 */
function unavailableStatus(status: number, headers: Headers, context: unknown): number {
  if (status === 503 || (status >= 500 && isMarkedUnavailable(context))) return asUnavailable(headers);
  return status;
}

export function handleDataRequest(response: Response, { request, context }: { request: Request; context: unknown }) {
  if (isSignedIn(request)) response.headers.set("Cache-Control", "private, no-store");
  const status = unavailableStatus(response.status, response.headers, context);
  if (status === response.status) return response;
  return new Response(response.body, { status, statusText: "Service Unavailable", headers: response.headers });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  responseStatusCode = unavailableStatus(responseStatusCode, responseHeaders, loadContext);
  if (isSignedIn(request)) responseHeaders.set("Cache-Control", "private, no-store");
  // Crawlers get the whole page at once; browsers get it streamed as soon as the shell is ready.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const nonce = (loadContext as { nonce?: string }).nonce ?? "";
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        [readyEvent]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors after the shell was sent are logged by handleError; before it, they reject above.
        // React's word for a reader that went away (the client, or an answer sent already: the body limit's 413): not news.
        const readerGone = error instanceof Error && error.message === "The destination stream closed early.";
        if (shellRendered && !readerGone) console.error(error);
      },
      nonce,
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
