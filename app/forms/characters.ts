/**
 * Text PostgreSQL cannot store: NUL (U+0000, error 22021) and lone UTF-16
 * surrogates (no UTF-8 form). The guard refuses any request that carries them
 * in a URL parameter, the query string or a form field, before a route runs.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isUnstorable(value: string): boolean {
  return value.includes("\u0000") || LONE_SURROGATE.test(value);
}
