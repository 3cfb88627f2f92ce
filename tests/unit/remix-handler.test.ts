import { EventEmitter } from "node:events";
import type { Response as ExpressResponse } from "express";
import { expect, test } from "vitest";
import { sendResponse } from "../../server/remix-handler.ts";

/** A response socket that takes one chunk and then is full until `drain()`; it records what happened to it. */
class SlowClient extends EventEmitter {
  written: string[] = [];
  ended = false;
  destroyed = false;
  headersSent = false;
  statusCode = 200;
  statusMessage = "";
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  append() {
    return this;
  }
  write(chunk: Uint8Array) {
    this.written.push(new TextDecoder().decode(chunk));
    this.headersSent = true;
    return false;
  }
  end() {
    this.ended = true;
    this.emit("close");
  }
  destroy() {
    this.destroyed = true;
    this.emit("close");
  }
  drain() {
    this.emit("drain");
  }
}
const slowClient = () => new SlowClient();

/** A body of `count` chunks that counts how often it was pulled, and fails at chunk `failAt`. */
function body({ count, failAt }: { count: number; failAt?: number }) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls++;
        if (state.pulls === failAt) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        if (state.pulls > count) return controller.close();
        controller.enqueue(new TextEncoder().encode(`regel ${state.pulls}\n`));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test("the body is read only as fast as the client takes it", async () => {
  const res = slowClient();
  const { stream, state } = body({ count: 5 });
  const sent = sendResponse(res as unknown as ExpressResponse, new Response(stream));
  for (let i = 0; i < 10; i++) await settle();
  expect(res.written).toEqual(["regel 1\n"]);
  expect(state.pulls).toBe(1);
  for (let chunk = 2; chunk <= 5; chunk++) {
    res.drain();
    for (let i = 0; i < 5; i++) await settle();
    expect(res.written.length).toBe(chunk);
  }
  res.drain();
  await sent;
  expect(res.ended).toBe(true);
  expect(res.written.join("")).toBe("regel 1\nregel 2\nregel 3\nregel 4\nregel 5\n");
});

test("a body that fails midway cuts the connection off without ending the message", async () => {
  const res = slowClient();
  const { stream } = body({ count: 5, failAt: 3 });
  const sent = sendResponse(res as unknown as ExpressResponse, new Response(stream));
  for (let i = 0; i < 5; i++) await settle();
  res.drain();
  for (let i = 0; i < 5; i++) await settle();
  res.drain();
  await expect(sent).rejects.toThrow("ECONNREFUSED");
  expect(res.written).toEqual(["regel 1\n", "regel 2\n"]);
  expect(res.destroyed).toBe(true);
  expect(res.ended).toBe(false);
});

test("a client that goes away stops the reading", async () => {
  const res = slowClient();
  const { stream, state } = body({ count: 1000 });
  const sent = sendResponse(res as unknown as ExpressResponse, new Response(stream));
  for (let i = 0; i < 5; i++) await settle();
  res.emit("close");
  await sent;
  expect(state.cancelled).toBe(true);
  expect(state.pulls).toBe(1);
  expect(res.ended).toBe(false);
});
