import { once } from "node:events";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
// The adapter's own request conversion (host, port, abort on close); its exact version is pinned in package.json.
import { createRemixRequest } from "@remix-run/express/dist/server.js";

type Options = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext & { requestId?: string };
};

/**
 * Remix for Express, like @remix-run/express's handler except in how a body is sent. That one writes each
 * chunk as soon as it is read, never waiting for the client, so a streamed open-data file was read from
 * the database as fast as PostgreSQL could deliver and piled up in memory; and a body that broke off was
 * passed on to Express's error handler without a word about which request it was. Here a chunk is read
 * only when the client has taken the previous ones, reading stops when the client goes away, and a body
 * that fails midway ends the connection without the closing chunk: the client sees an incomplete
 * transfer, never a short file that looks whole.
 */
export function remixHandler({ build, mode, getLoadContext }: Options) {
  const handle = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    let context: ReturnType<Options["getLoadContext"]>;
    let response: Response;
    try {
      context = getLoadContext(req, res);
      response = await handle(createRemixRequest(req, res), context);
    } catch (error) {
      if (res.headersSent || res.locals.bodyRefused) return;
      return next(error);
    }
    // An answer went out already (the body limit's 413 while Remix was reading the body): nothing more to send.
    if (res.headersSent || res.locals.bodyRefused) {
      await response.body?.cancel().catch(() => {});
      return;
    }
    try {
      await sendResponse(res, response);
    } catch (error) {
      console.error(`[${context.requestId ?? "-"}] ${req.method} ${req.path}: the response body failed after it had begun; the connection was cut off`, error);
    }
  };
}

/** Sends `response` on `res`, paced by the client (see remixHandler); rejects when the body fails midway. */
export async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (!response.body) {
    res.end();
    return;
  }
  // Set-Cookie, Content-Type and the rest go out with the first chunk; a server-sent stream needs them at once.
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  const reader = response.body.getReader();
  const closed = new Promise<"closed">((resolve) => res.once("close", () => resolve("closed")));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), closed]);
      if (next === "closed") return void reader.cancel().catch(() => {});
      if (next.done) break;
      const drained = res.write(next.value);
      // Compression holds output back until flushed; a streamed page shows as it arrives.
      (res as ExpressResponse & { flush?: () => void }).flush?.();
      if (!drained && (await Promise.race([once(res, "drain"), closed])) === "closed") return void reader.cancel().catch(() => {});
    }
    res.end();
  } catch (error) {
    res.destroy();
    void reader.cancel().catch(() => {});
    throw error;
  }
}
