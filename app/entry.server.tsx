import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "#app/components/nonce.tsx";
import { isConnectionLost } from "#db/client.ts";

const ABORT_DELAY = 5_000;

/** Unexpected errors are logged once, with the request id the error page shows. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // Remembered for this request: the page then answers 503 (errors are sanitised before handleRequest sees them).
  if (isConnectionLost(error)) {
    if (context) (context as { databaseUnavailable?: boolean }).databaseUnavailable = true;
  }
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? "-";
  console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname}`, error);
};

/** Pages and data for a signed-in person are never stored by browsers or proxies. */
function isSignedIn(request: Request): boolean {
  return /(?:^|;\s*)(?:__Host-)?inspraak_session=[a-z2-7]/.test(request.headers.get("Cookie") ?? "");
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (isSignedIn(request)) response.headers.set("Cache-Control", "private, no-store");
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // While the database is down, pages answer 503 (try again soon) instead of 500.
  if (responseStatusCode >= 500 && (loadContext as { databaseUnavailable?: boolean }).databaseUnavailable) {
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", "5");
  }
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
        if (shellRendered) console.error(error);
      },
      nonce,
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
