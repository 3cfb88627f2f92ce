/**
 * The Tiptap extensions of the rich-text editor, configured to exactly
 * app/richtext/schema.ts: what this editor produces passes validateDoc.
 * Kept apart from the React component so a unit test can build a headless
 * editor with the very same list.
 */
import { Extension } from "@tiptap/core";
// Link and OrderedList come with @tiptap/starter-kit (same pinned version); they are imported to narrow their attributes.
import { Link } from "@tiptap/extension-link";
import { OrderedList } from "@tiptap/extension-list";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin } from "@tiptap/pm/state";
import { StarterKit } from "@tiptap/starter-kit";
import { normaliseHref, ORDERED_LIST_START_MAX, RICH_TEXT_MAX_NESTING } from "#app/richtext/schema.ts";

const NESTING_TYPES = new Set(["bulletList", "orderedList", "blockquote"]);

/** How many lists and quotes are nested inside each other at the deepest point. */
export function nestingOf(node: ProseMirrorNode): number {
  let deepest = 0;
  node.forEach((child) => {
    if (child.isTextblock || child.isInline) return;
    deepest = Math.max(deepest, nestingOf(child));
  });
  return deepest + (NESTING_TYPES.has(node.type.name) ? 1 : 0);
}

function validStart(start: unknown): number {
  return typeof start === "number" && Number.isInteger(start) && start >= 1 && start <= ORDERED_LIST_START_MAX ? start : 1;
}

/**
 * An address as people type it, made complete: "www.example.nl/x" gets
 * https://, "jan@example.nl" gets mailto:. Null when it is not allowed.
 */
export function hrefFromInput(value: string): string | null {
  const trimmed = value.trim();
  if (/^[^\s@/?#:]+@[^\s@/?#:]+\.[^\s@/?#:]+$/.test(trimmed)) return normaliseHref(`mailto:${trimmed}`);
  if (/^[^\s@/?#:]+\.[^\s@/?#:]+(?:[/?#:]|$)/.test(trimmed)) return normaliseHref(`https://${trimmed}`);
  return normaliseHref(trimmed);
}

/** Ordered lists with `start` only: Tiptap's list-style `type` attribute is left out of the schema. */
const RichOrderedList = OrderedList.extend({
  addAttributes() {
    return {
      start: {
        default: 1,
        parseHTML: (element: HTMLElement) => validStart(Number.parseInt(element.getAttribute("start") ?? "", 10)),
      },
    };
  },
});

/** Links with `href` only: no target, rel, class or title in the document. */
const RichLink = Link.extend({
  addAttributes() {
    return {
      href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute("href") },
    };
  },
}).configure({
  autolink: true,
  openOnClick: false,
  linkOnPaste: true,
  defaultProtocol: "https",
  // The editor's own rendering of links; what readers get comes from app/richtext/render.ts.
  HTMLAttributes: { target: null, rel: "nofollow ugc noopener", class: null },
  isAllowedUri: (url) => normaliseHref(url) !== null,
  // Typed addresses become links only where the server will accept them (never with a user name in them, for example).
  shouldAutoLink: (url) => hrefFromInput(url) !== null,
});

/**
 * Keeps the document within what the server accepts where the editor can:
 * no change that nests lists and quotes deeper than allowed, and list
 * numbers (typed "0. " or pasted) brought back into range.
 */
export function schemaGuardPlugin() {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged || nestingOf(tr.doc) <= Math.max(RICH_TEXT_MAX_NESTING, nestingOf(tr.before)),
    appendTransaction: (transactions, _old, state) => {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      const tr = state.tr;
      state.doc.descendants((node, pos) => {
        if (node.isTextblock) return false;
        if (node.type.name === "orderedList" && validStart(node.attrs.start) !== node.attrs.start) {
          tr.setNodeMarkup(pos, undefined, { ...node.attrs, start: validStart(node.attrs.start) });
        }
        return true;
      });
      return tr.docChanged ? tr : null;
    },
  });
}

const SchemaGuard = Extension.create({
  name: "richTextSchemaGuard",
  addProseMirrorPlugins: () => [schemaGuardPlugin()],
});

export const richTextExtensions = [
  StarterKit.configure({
    heading: false,
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    link: false,
    orderedList: false,
  }),
  RichOrderedList,
  RichLink,
  SchemaGuard,
];
