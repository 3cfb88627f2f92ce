import { expect, test } from "vitest";
import { isLostSocketWrite } from "#db/client.ts";

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
