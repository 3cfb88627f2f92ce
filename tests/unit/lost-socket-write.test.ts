import { expect, test } from "vitest";
import { isConnectionLost, isLostSocketWrite } from "#db/client.ts";

/** The error postgres.js 3.4.9 throws from its write timer once a connection has lost its socket (porsager/postgres#1154). */
function driverError(file: string) {
  const error = new TypeError("Cannot read properties of null (reading 'write')");
  error.stack = `TypeError: Cannot read properties of null (reading 'write')\n    at Immediate.nextWrite (${file}:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
  return error;
}

test("only the driver's lost-socket write is recognised; every other uncaught error still ends the process", () => {
  expect(isLostSocketWrite(driverError("file:///app/node_modules/postgres/src/connection.js"))).toBe(true);
  expect(isLostSocketWrite(driverError("/app/node_modules/postgres/cjs/src/connection.js"))).toBe(true);
  expect(isLostSocketWrite(driverError("file:///app/app/comments.server.ts"))).toBe(false);
  expect(isLostSocketWrite(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false);
  const other = driverError("file:///app/node_modules/postgres/src/connection.js");
  other.message = "Cannot read properties of undefined (reading 'id')";
  expect(isLostSocketWrite(other)).toBe(false);
  expect(isLostSocketWrite(new Error("boom"))).toBe(false);
  expect(isLostSocketWrite("a string")).toBe(false);
});

test("a lost or refused connection is told apart from a failing query, also when wrapped as a cause", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
  expect(isConnectionLost(refused)).toBe(true);
  expect(isConnectionLost(new Error("Failed query", { cause: shutdown }))).toBe(true);
  expect(isConnectionLost(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }))).toBe(true);
  expect(isConnectionLost(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe(false);
  expect(isConnectionLost(new Error("no code"))).toBe(false);
  const loop: { code?: string; cause?: unknown } = {};
  loop.cause = loop;
  expect(isConnectionLost(loop)).toBe(false);
});
