/**
 * The rich-text schema as data, shared by the browser (editor configuration,
 * counter) and the server (validator, renderer). It mirrors the Tiptap
 * extensions in app/components/editor/extensions.ts exactly: whatever that
 * editor produces passes `validateDoc`, and nothing else does.
 *
 * Decisions:
 * - Links carry `href` only. The editor's Link mark is narrowed to that one
 *   attribute, so its JSON never holds `target`, `rel`, `class` or `title`;
 *   the validator rejects them and the renderer adds its own `rel`.
 * - Ordered lists carry `start` only. Tiptap's `type` attribute (list style
 *   "a", "I", ...) is removed from the editor, so the validator rejects it.
 */

/** The most characters of text a document may hold (Unicode code points of its text nodes). */
export const RICH_TEXT_MAX = 5000;
/** How many lists and quotes may be nested inside each other. */
export const RICH_TEXT_MAX_NESTING = 4;
/** The most nodes and marks a document may hold; far beyond any real comment, it caps the server's work. */
export const RICH_TEXT_MAX_NODES = 2000;
/** The longest link address. */
export const LINK_HREF_MAX = 2048;
/** The highest number an ordered list may start at. */
export const ORDERED_LIST_START_MAX = 100_000;
export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

export type BlockType = "paragraph" | "bulletList" | "orderedList" | "blockquote";
export type NodeType = "doc" | BlockType | "listItem" | "text" | "hardBreak";
export type MarkType = "bold" | "italic" | "link";

type NodeSpec = {
  /** Node types allowed as children; absent for leaves. */
  content?: readonly NodeType[];
  /** The type the first child must have. */
  first?: NodeType;
  /** Whether the node needs at least one child. */
  nonEmpty?: boolean;
  /** Allowed attributes (all optional). */
  attrs?: readonly string[];
  /** Inline nodes may carry marks. */
  inline?: boolean;
  /** Lists and quotes count towards RICH_TEXT_MAX_NESTING. */
  nests?: boolean;
};

const BLOCKS = ["paragraph", "bulletList", "orderedList", "blockquote"] as const satisfies readonly BlockType[];
const INLINE = ["text", "hardBreak"] as const satisfies readonly NodeType[];

export const RICH_TEXT_SCHEMA = {
  nodes: {
    doc: { content: BLOCKS },
    paragraph: { content: INLINE },
    text: { inline: true },
    hardBreak: { inline: true },
    bulletList: { content: ["listItem"], nonEmpty: true, nests: true },
    orderedList: { content: ["listItem"], nonEmpty: true, nests: true, attrs: ["start"] },
    listItem: { content: BLOCKS, first: "paragraph", nonEmpty: true },
    blockquote: { content: BLOCKS, nonEmpty: true, nests: true },
  } satisfies Record<NodeType, NodeSpec>,
  marks: {
    bold: { attrs: [] },
    italic: { attrs: [] },
    link: { attrs: ["href"] },
  } satisfies Record<MarkType, { attrs: readonly string[] }>,
} as const;

// Any control, format (zero-width, direction) or non-space whitespace character.
const HREF_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Z}]/u;
// The scheme must be spelled out plainly at the very start; this also refuses relative and protocol-relative links.
const HREF_SCHEME = /^(https?|mailto):/i;

/**
 * The link address to store, or null when it is not allowed: only absolute
 * http, https and mailto addresses, without hidden characters, without a
 * user name or password in them (those disguise where a link goes).
 * Shared by the editor's link field and the server's validator.
 */
export function normaliseHref(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const href = input.trim();
  if (!href || href.length > LINK_HREF_MAX) return null;
  if (HREF_FORBIDDEN.test(href) || !HREF_SCHEME.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol === "mailto:") {
    return url.pathname ? url.href : null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href.length > LINK_HREF_MAX ? null : url.href;
}
