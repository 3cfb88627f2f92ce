/**
 * Rich text from a submitted form. A field posts one of two things:
 * - `${field}`: the editor's document as a JSON string (with JavaScript), or
 * - `${field}Text`: the plain textarea (without JavaScript, or before the editor loaded).
 * The JSON wins when it is present and not empty. Either way the document is
 * validated and the HTML is rendered here; HTML from the browser is never used.
 */
import { z } from "zod";
import { RICH_TEXT_MAX } from "./schema.ts";
import { renderHtml, textToDoc } from "./render.ts";
import { validateDoc, type RichDoc, type RichTextError } from "./validate.ts";

export type RichTextResult = { ok: true; doc: RichDoc; html: string; length: number } | { ok: false; error: RichTextError };

// Generous ceilings on the raw fields, checked before any parsing: a valid document is far smaller.
const JSON_CHARS_MAX = 400_000;
const TEXT_CHARS_MAX = RICH_TEXT_MAX * 4;

/** The core of readRichText, for values already taken from a form. */
export function parseRichText(json: unknown, text: unknown): RichTextResult {
  let input: unknown;
  if (json !== undefined && json !== null && json !== "") {
    if (typeof json !== "string") return { ok: false, error: "richText.invalid" };
    if (json.length > JSON_CHARS_MAX) return { ok: false, error: "richText.tooLong" };
    try {
      input = JSON.parse(json);
    } catch {
      return { ok: false, error: "richText.invalid" };
    }
  } else {
    if (text !== undefined && text !== null && typeof text !== "string") return { ok: false, error: "richText.invalid" };
    if ((text?.length ?? 0) > TEXT_CHARS_MAX) return { ok: false, error: "richText.tooLong" };
    input = textToDoc(text ?? "");
  }
  const result = validateDoc(input);
  if (!result.ok) return result;
  return { ok: true, doc: result.doc, html: renderHtml(result.doc), length: result.length };
}

/** The server-side entry point: the checked document, its HTML and its length, or a translation key. */
export function readRichText(formData: FormData, field = "body"): RichTextResult {
  const json = formData.get(field);
  return parseRichText(typeof json === "string" && json.trim() === "" ? null : json, formData.get(`${field}Text`));
}

type RichTextShape<F extends string> = { [K in F | `${F}Text`]: z.ZodOptional<z.ZodString> };

/**
 * zod: the two posted fields of one rich-text input, to spread into a form schema.
 * Pair with refineRichText so Conform shows a problem under `field`:
 *   z.object({ ...richTextShape("body") }).superRefine(refineRichText("body"))
 */
export function richTextShape<F extends string>(field: F): RichTextShape<F> {
  return { [field]: z.string().optional(), [`${field}Text`]: z.string().optional() } as RichTextShape<F>;
}

export function refineRichText<F extends string>(field: F) {
  return (values: Partial<Record<F | `${F}Text`, string>>, ctx: z.RefinementCtx) => {
    const result = parseRichText(values[field] || null, values[`${field}Text`]);
    if (!result.ok) ctx.addIssue({ code: "custom", message: result.error, path: [field] });
  };
}
