import { expect, test } from "vitest";
import { isConnectionLost, PoolBusyError } from "#db/client.ts";

test("a lost or refused connection is told apart from a failing query, also when wrapped as a cause", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
  expect(isConnectionLost(refused)).toBe(true);
  expect(isConnectionLost(new Error("Failed query", { cause: shutdown }))).toBe(true);
  // node-postgres: no code, only the message.
  expect(isConnectionLost(new Error("Connection terminated unexpectedly"))).toBe(true);
  expect(isConnectionLost(new Error("Connection terminated due to connection timeout"))).toBe(true);
  expect(isConnectionLost(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
  // "localhost" resolves to two addresses: both refusals come as one AggregateError.
  expect(isConnectionLost(new AggregateError([refused, refused], ""))).toBe(true);
  expect(isConnectionLost(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
  expect(isConnectionLost(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe(false);
  expect(isConnectionLost(Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }))).toBe(false);
  expect(isConnectionLost(new PoolBusyError("waited"))).toBe(false);
  expect(isConnectionLost(new Error("no code"))).toBe(false);
  const loop: { code?: string; cause?: unknown } = {};
  loop.cause = loop;
  expect(isConnectionLost(loop)).toBe(false);
});
