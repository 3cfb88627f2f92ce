import { expect, test } from "vitest";
import { asUnavailable, isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableJson, unavailableText } from "#app/unavailable.server.ts";

const failure = (code: string, message = `failure ${code}`) => Object.assign(new Error(message), { code });
/** How Drizzle hands a driver's error on: its own error with the driver's as `cause`. */
const wrapped = (cause: Error) => new Error("Failed query: select 1\nparams: ", { cause });

test("a database that cannot answer now is told apart from a query that is wrong, also when wrapped", () => {
  // Lost or refused connections (through isConnectionLost), timeouts, no free slot, a server shutting down or starting, a busy pool.
  for (const code of ["ECONNREFUSED", "57014", "55P03", "53300", "57P01", "57P02", "57P03", "POOL_BUSY"]) {
    expect(isDatabaseUnavailable(failure(code)), code).toBe(true);
    expect(isDatabaseUnavailable(wrapped(failure(code))), `wrapped ${code}`).toBe(true);
  }
  // A unique violation, a bad value, a syntax error, a missing table: faults in the query, still a 500.
  for (const code of ["23505", "22P02", "42601", "42P01", "57P04", "08P01"]) expect(isDatabaseUnavailable(wrapped(failure(code))), code).toBe(false);
  expect(isDatabaseUnavailable(new Error("no code"))).toBe(false);
  expect(isDatabaseUnavailable(undefined)).toBe(false);
  expect(isDatabaseUnavailable("57014")).toBe(false);
  // A cycle of causes ends.
  const looped = failure("23505");
  (looped as { cause?: unknown }).cause = looped;
  expect(isDatabaseUnavailable(looped)).toBe(false);
});

test("every 503 carries Retry-After and is kept by no cache", async () => {
  const text = unavailableText("even geduld");
  expect(text.status).toBe(503);
  expect(text.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
  expect(text.headers.get("Cache-Control")).toBe("no-store");
  expect(text.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  expect(await text.text()).toBe("even geduld");
  const json = unavailableJson({ error: { code: "unavailable" } }, { "Access-Control-Allow-Origin": "*", "Cache-Control": "public" });
  expect([json.status, json.headers.get("Retry-After"), json.headers.get("Cache-Control"), json.headers.get("Access-Control-Allow-Origin")]).toEqual([503, "5", "no-store", "*"]);
  expect(await json.json()).toEqual({ error: { code: "unavailable" } });
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  expect(asUnavailable(headers)).toBe(503);
  expect(headers.get("Retry-After")).toBe("5");
});
