/**
 * With JavaScript, a form that creates something keeps what the person wrote
 * when its post gets no usable answer: the database is briefly unavailable
 * (the server's 503), or no answer came at all (the network failed, or a
 * gateway sent its own error page). The route's `clientAction` turns that
 * into the answer NotSaved instead of letting the page give way to its error
 * page: the form stays on screen with its text and its one-time key and says
 * so, and sending it again posts the same key, so a post that was stored
 * after all is not stored twice (app/submissions.server.ts).
 *
 * Posts without a key (a like, a support, a follow) keep the error page: they
 * hold nothing that was typed. Without JavaScript none of this runs: the
 * browser shows the 503 page.
 */
import { isRouteErrorResponse, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { isSubmissionKey, SUBMISSION_KEY_FIELD } from "#app/forms/submission.ts";

export type NotSaved = { notSaved: true; submissionKey: string };

export function isNotSaved(value: unknown): value is NotSaved {
  return typeof value === "object" && value !== null && (value as { notSaved?: unknown }).notSaved === true && isSubmissionKey((value as { submissionKey?: unknown }).submissionKey);
}

/** A route's action data (or a fetcher's data) with the NotSaved answer told apart from the action's own answers. */
export function splitNotSaved<T>(answer: T | NotSaved | undefined): { reply: T | undefined; notSaved: NotSaved | null } {
  return isNotSaved(answer) ? { reply: undefined, notSaved: answer } : { reply: answer, notSaved: null };
}

/**
 * What "no usable answer" looks like to a clientAction: the server's 503 (the
 * database), fetch's TypeError (no connection), or a body that is not the
 * app's (a proxy's error page). A redirect, a 4xx, a 500 or an abort is not one.
 */
function isUnanswered(error: unknown): boolean {
  if (isRouteErrorResponse(error)) return error.status === 503;
  if (error instanceof TypeError) return true;
  return error instanceof Error && error.message.startsWith("Unable to decode turbo-stream response");
}

/**
 * The `clientAction` of a route with a form that creates something:
 * `export const clientAction = keepUnsavedForms<typeof action>();`, and the
 * component reads `useActionData<typeof clientAction>()` through splitNotSaved.
 */
export function keepUnsavedForms<Action>() {
  return async ({ request, serverAction }: ClientActionFunctionArgs) => {
    const key = (await request.clone().formData()).get(SUBMISSION_KEY_FIELD);
    if (!isSubmissionKey(key)) return serverAction<Action>();
    try {
      return await serverAction<Action>();
    } catch (error) {
      if (!isUnanswered(error)) throw error;
      return notSaved(key);
    }
  };
}

/**
 * Returned as a Response because the router reads a returned Response as its
 * JSON body with its status, and a status of 400 or more keeps it from
 * reloading the page's data (see skipReloadAfterRefusal), which could not load
 * now either: the page would give way to its error page after all.
 * Components see the body.
 */
function notSaved(submissionKey: string): NotSaved {
  const body: NotSaved = { notSaved: true, submissionKey };
  return new Response(JSON.stringify(body), { status: 503, headers: { "Content-Type": "application/json" } }) as unknown as NotSaved;
}

/**
 * The `shouldRevalidate` of the root and of every route where a fetcher form
 * creates something: after a post that was refused (4xx) or not saved (503)
 * nothing changed, so the page's data is not reloaded. The router does this
 * for single fetch already after a form navigation, but after a fetcher's post
 * Remix's single-fetch strategy reloads every route that lacks a
 * `shouldRevalidate`, whatever the router decided.
 */
export const skipReloadAfterRefusal: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && actionStatus >= 400 ? false : defaultShouldRevalidate;
