/**
 * The one place that decides where a form may send someone afterwards: only a
 * path on this site (`/x`), never `//host`, `/\host`, an absolute URL or a
 * `javascript:` link. Anything else gives `fallback`.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  // Control characters and backslashes can be read as "//" by browsers.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  return target;
}
