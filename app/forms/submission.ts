/**
 * The one-time key of a form that creates something (app/submissions.server.ts
 * keeps the keys): the field's name and its format, shared by the server,
 * which makes and checks keys, and the forms, which carry them.
 */
export const SUBMISSION_KEY_FIELD = "submissionKey";

// 16 random bytes in base64url, and for one of several forms on a page the id it answers (a reply form: `.123`).
const KEY = /^[A-Za-z0-9_-]{16,64}(?:\.[0-9]{1,10})?$/;

export function isSubmissionKey(value: unknown): value is string {
  return typeof value === "string" && KEY.test(value);
}

/** What a posted form may carry as its key: nothing, an empty field (as none), or one key in our format. */
export function acceptableSubmissionKeys(values: readonly string[]): boolean {
  return values.length === 0 || (values.length === 1 && (values[0] === "" || isSubmissionKey(values[0])));
}

/**
 * The key a form carries: after a refusal the one it was sent with, so a corrected
 * form and a retry count as the same submission; otherwise the page's fresh key.
 */
export function formSubmissionKey(sent: unknown, fresh: string | null | undefined): string | null {
  return isSubmissionKey(sent) ? sent : (fresh ?? null);
}
