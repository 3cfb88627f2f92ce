import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { ContentActionData } from "#app/components/ContentForm.tsx";

/** What a refused save shows: messages on the form or on its fields (translation keys or translated text). */
export type Refusal = { formErrors?: string[]; fieldErrors?: Record<string, string[]> };

type SaveResult = { ok: true } | { ok: false; reason: "stale"; current: object; version: string } | { ok: false; reason: string };

/**
 * The edit action of the admin's plan, theme and action point pages: reads
 * the form, saves it if nobody saved the item since the version the form
 * was made from, and answers as ContentForm expects — back to the page on
 * success; otherwise the form again with the person's values and the errors
 * (400), or, for an out-of-date save, 409 with what is stored now and its
 * version, so saving again overwrites deliberately. `refusal` turns the
 * other reasons into messages; null for one means the item is gone (404).
 */
export async function saveContentForm<Value extends { version: string }, Result extends SaveResult>({
  formData,
  schema,
  save,
  savedTo,
  refusal,
}: {
  formData: FormData;
  schema: z.ZodType<Value>;
  save: (value: Value) => Promise<Result>;
  savedTo: string;
  refusal: (result: Exclude<Result, { ok: true }>) => Refusal | null;
}) {
  const submission = parseWithZod(formData, { schema });
  const version = typeof formData.get("version") === "string" ? String(formData.get("version")) : null;
  const failed = (status: number, errors: Refusal = {}, current: ContentActionData["current"] = null, nextVersion = version) =>
    data({ result: submission.reply(errors), version: nextVersion, current } satisfies ContentActionData, { status });
  if (submission.status !== "success") return failed(400);
  const result = await save(submission.value);
  if (result.ok) throw redirect(savedTo);
  const refused = result as Exclude<Result, { ok: true }>;
  if ("current" in refused && refused.reason === "stale") {
    return failed(409, { formErrors: ["contentAdmin.error.stale"] }, refused.current as ContentActionData["current"], refused.version);
  }
  const errors = refusal(refused);
  if (!errors) throw new Response("Not Found", { status: 404 });
  return failed(400, errors);
}
