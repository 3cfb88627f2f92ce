import type { Socket } from "node:net";
import type { NextFunction, Request, Response } from "express";
import { refuse } from "./refusal.ts";

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The largest request body each kind of request may carry, in bytes, each
 * above the largest form its routes accept (url-encoded: a character may take
 * 3 bytes, 9 outside ASCII).
 *
 * - Reading (GET, HEAD, OPTIONS): nothing reads a body there.
 * - Signing in, registering, a password reset, the language switch: a few short fields.
 * - Forms with rich text (comments, replies, proposals, a moderator's redaction): the
 *   editor's document may be 400,000 characters of JSON (app/richtext/form.ts) with up to a
 *   thousand links of 2,048 characters, which percent-encoded comes to about 2.5 MB. A real
 *   comment is at most about 150 KB.
 * - Admin forms (/beheer): at most about 90,000 characters of text (app/forms/content-admin.ts).
 * - Every other form: short fields, with room for a rich text a new route might take.
 */
export function bodyMaximum(method: string, path: string): number {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return 16 * KiB;
  const route = path.toLowerCase().replace(/\.data$/, "");
  if (/^\/(?:inloggen|registreren|wachtwoord-vergeten|wachtwoord-herstellen\/[^/]*|taal|uitloggen)\/?$/.test(route)) return 64 * KiB;
  if (/^\/(?:actiepunt|voorstel|reactie|moderatie\/item)\/|^\/voorstellen\/nieuw\/?$/.test(route)) return 3 * MiB;
  if (/^\/beheer(?:\/|$)/.test(route)) return 2 * MiB;
  return MiB;
}

class BodyTooLarge extends Error {
  constructor() {
    super("The request body is larger than this route accepts");
    this.name = "BodyTooLarge";
  }
}

/**
 * Refuses a body above the route's maximum with 413 before it is read: at
 * once from Content-Length (Node's parser never delivers more than that), and
 * for a chunked body by counting the bytes as the parser hands them over.
 * Past the maximum no more bytes reach the reader (Remix), whose stream ends in
 * an error rather than as a short body; the answer is a 413 when none was sent
 * yet, and the connection is closed.
 */
export function bodyLimit({ maximum = bodyMaximum, lingerMs = 2000 }: { maximum?: (method: string, path: string) => number; lingerMs?: number } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    const max = maximum(req.method, req.path);
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      if (Number(declared) > max) return tooLarge(req, res, lingerMs);
      return next();
    }
    if (req.headers["transfer-encoding"] === undefined) return next();

    let received = 0;
    let over = false;
    const push = req.push;
    req.push = function (this: Request, chunk: unknown, encoding?: BufferEncoding) {
      // Past the limit every byte is dropped as it arrives, so none is kept.
      if (over) return true;
      if (chunk !== null) received += (chunk as Buffer).length;
      if (received <= max) return push.call(this, chunk, encoding);
      over = true;
      req.socket.once("close", () => req.destroy(new BodyTooLarge()));
      // An answer already under way cannot become a 413: the connection is cut.
      if (res.headersSent) req.socket.destroy();
      else tooLarge(req, res, lingerMs);
      return true;
    } as typeof req.push;
    next();
  };
}

/**
 * An error handler for the end of the chain: once a chunked body was refused
 * while Remix was already reading it, Remix still tries to send an answer of
 * its own and fails (the 413 went first). That failure is expected, not news.
 */
export function afterBodyRefused(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.locals.bodyRefused) return;
  next(error);
}

function tooLarge(req: Request, res: Response, lingerMs: number) {
  res.locals.bodyRefused = true;
  lingeringClose(req.socket, lingerMs);
  refuse(req, res, { status: 413, title: "error.tooLarge.title", text: "error.tooLarge.text", close: true });
}

/**
 * Node closes a `Connection: close` socket as soon as the answer is written.
 * With the client's body still arriving, that close resets the connection
 * and the client may lose the answer before it reads it. So: send the answer
 * and end our side, go on reading (and dropping) what still comes, and close
 * once the client ends its side or after `lingerMs`.
 */
function lingeringClose(socket: Socket, lingerMs: number) {
  socket.destroySoon = function (this: Socket) {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), lingerMs);
    this.once("end", () => this.destroy());
    this.once("close", () => clearTimeout(timer));
    this.resume();
  };
}
