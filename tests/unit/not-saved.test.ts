import { UNSAFE_ErrorResponseImpl as ErrorResponse, redirect } from "@remix-run/router";
import type { ClientActionFunctionArgs, ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { describe, expect, test } from "vitest";
import { isNotSaved, keepUnsavedForms, skipReloadAfterRefusal } from "#app/forms/not-saved.ts";

const KEY = "AAAAAAAAAAAAAAAAAAAAAA";

/** The clientAction's arguments for a post of `fields` whose server answer is `answer` (thrown when it is a failure). */
function args(fields: Record<string, string>, answer: () => Promise<unknown>): ClientActionFunctionArgs {
  const request = new Request("http://127.0.0.1/actiepunt/x", { method: "POST", body: new URLSearchParams(fields) });
  return { request, params: {}, serverAction: answer } as unknown as ClientActionFunctionArgs;
}

const clientAction = keepUnsavedForms<() => { ok: true }>();
const failWith = (error: unknown) => () => Promise.reject(error);

describe("the clientAction of a route with a form that creates something", () => {
  test.each([
    ["the server's 503 (the database)", new ErrorResponse(503, "", "Even niet beschikbaar")],
    ["fetch's TypeError (no connection)", new TypeError("Failed to fetch")],
    ["a body that is not the app's (a gateway's error page)", new Error("Unable to decode turbo-stream response from URL: http://127.0.0.1/x.data")],
  ])("turns %s into a 503 that says 'not saved' with the form's own key", async (_name, error) => {
    const answer = await clientAction(args({ intent: "comment", submissionKey: KEY }, failWith(error)));
    expect(answer).toBeInstanceOf(Response);
    const response = answer as unknown as Response;
    expect(response.status).toBe(503);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    const body: unknown = await response.json();
    expect(body).toEqual({ notSaved: true, submissionKey: KEY });
    expect(isNotSaved(body)).toBe(true);
  });

  test.each([
    ["a redirect (stored)", redirect("/actiepunt/x#reactie-1")],
    ["a refusal", new ErrorResponse(403, "", "Forbidden")],
    ["an unexpected error (500)", new Error("Unexpected Server Error")],
    ["an abort", new DOMException("aborted", "AbortError")],
  ])("passes on %s", async (_name, error) => {
    await expect(clientAction(args({ intent: "comment", submissionKey: KEY }, failWith(error)))).rejects.toBe(error);
  });

  test("passes on the 503 of a post without a key (a like, a support): the page shows its error page", async () => {
    const error = new ErrorResponse(503, "", "Even niet beschikbaar");
    await expect(clientAction(args({ intent: "support" }, failWith(error)))).rejects.toBe(error);
    await expect(clientAction(args({ intent: "comment", submissionKey: "" }, failWith(error)))).rejects.toBe(error);
  });

  test("returns the server's answer as it is", async () => {
    await expect(clientAction(args({ intent: "comment", submissionKey: KEY }, () => Promise.resolve({ ok: true })))).resolves.toEqual({ ok: true });
  });
});

describe("reloading the page's data after a post", () => {
  const after = (actionStatus: number | undefined) =>
    skipReloadAfterRefusal({ actionStatus, defaultShouldRevalidate: true } as unknown as ShouldRevalidateFunctionArgs);
  test("is skipped after a refusal or a post that was not saved, and done otherwise", () => {
    expect([200, 202, 400, 403, 409, 422, 429, 503, undefined].map((status) => [status, after(status)])).toEqual([
      [200, true],
      [202, true],
      [400, false],
      [403, false],
      [409, false],
      [422, false],
      [429, false],
      [503, false],
      [undefined, true],
    ]);
  });

  test("tells a 'not saved' answer from the action's own", () => {
    expect(isNotSaved({ notSaved: true, submissionKey: KEY })).toBe(true);
    expect(isNotSaved({ comment: { error: "x" } })).toBe(false);
    expect(isNotSaved({ notSaved: true })).toBe(false);
    expect(isNotSaved(undefined)).toBe(false);
  });
});
