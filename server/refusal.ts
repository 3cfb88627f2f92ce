import type { Request, Response } from "express";
import { translator, type MessageKey } from "../app/i18n/index.ts";
import { preferredLocale } from "../app/i18n/locale.server.ts";

export type Refusal = {
  status: 413 | 429;
  title: MessageKey;
  text: MessageKey;
  params?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** Close the connection after the answer (a body we will not read is still on its way). */
  close?: boolean;
};

const STATUS_TEXT = { 413: "Payload Too Large", 429: "Too Many Requests" } as const;

/**
 * Answers a request the server refuses before Remix sees it, in the
 * visitor's language, without touching the database: a small HTML page for a
 * browser, plain text for other clients, and for Remix's `.data` requests an
 * error in Remix's own encoding, so the page shows its error message
 * (status, title and text) instead of failing to read the answer.
 */
export function refuse(req: Request, res: Response, refusal: Refusal): void {
  const locale = preferredLocale(req.headers.cookie, req.headers["accept-language"]);
  const t = translator(locale);
  const title = t(refusal.title, refusal.params);
  const text = t(refusal.text, refusal.params);
  let type: string;
  let body: string;
  if (req.path.endsWith(".data")) {
    type = "text/x-script; charset=utf-8";
    body = singleFetchError(req, refusal.status, text);
    res.setHeader("X-Remix-Response", "yes");
  } else if (/\btext\/html\b/.test(req.headers.accept ?? "")) {
    type = "text/html; charset=utf-8";
    body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/">${escape(t("error.backHome"))}</a></p></body></html>`;
  } else {
    type = "text/plain; charset=utf-8";
    body = `${title}\n${text}\n`;
  }
  res.status(refusal.status);
  res.set({ ...refusal.headers, "Content-Type": type, "Content-Language": locale, "Cache-Control": "no-store" });
  if (refusal.close) res.setHeader("Connection", "close");
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * A thrown error response as Remix's single fetch encodes it (turbo-stream:
 * a flat array of values that refer to each other by index, objects as
 * `{"_<index of key>": <index of value>}`). An action's answer is `{ error }`;
 * a page's data is keyed by route, so the error goes to the root route and to
 * every route the client asked for.
 */
export function singleFetchError(req: Request, status: 413 | 429, message: string): string {
  const answer: Record<string, number> = {};
  const values: unknown[] = [answer];
  const add = (value: unknown) => values.push(value) - 1;
  const errorName = add("error");
  const parts: unknown[] = ["ErrorResponse"];
  const error = add(parts);
  parts.push(add(message), add(status), add(STATUS_TEXT[status]));
  if (req.method !== "GET" && req.method !== "HEAD") {
    answer[`_${errorName}`] = error;
  } else {
    const result = add({ [`_${errorName}`]: error });
    const asked = typeof req.query._routes === "string" ? req.query._routes.split(",").filter(Boolean) : [];
    for (const route of new Set(["root", ...asked])) answer[`_${add(route)}`] = result;
  }
  return JSON.stringify(values);
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
