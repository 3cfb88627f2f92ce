/**
 * Strict validation of rich text (ProseMirror JSON) against RICH_TEXT_SCHEMA.
 * Input is untrusted: anything not exactly in the schema is refused, and the
 * result is a fresh, normalised copy, never the input object itself.
 */
import {
  normaliseHref,
  RICH_TEXT_MAX,
  RICH_TEXT_MAX_NESTING,
  RICH_TEXT_MAX_NODES,
  ORDERED_LIST_START_MAX,
  RICH_TEXT_SCHEMA,
  type MarkType,
  type NodeType,
} from "./schema.ts";

export type RichMark = { type: "bold" } | { type: "italic" } | { type: "link"; attrs: { href: string } };
export type RichText = { type: "text"; text: string; marks?: RichMark[] };
export type RichHardBreak = { type: "hardBreak" };
export type RichInline = RichText | RichHardBreak;
export type RichParagraph = { type: "paragraph"; content?: RichInline[] };
export type RichListItem = { type: "listItem"; content: [RichParagraph, ...RichBlock[]] };
export type RichBulletList = { type: "bulletList"; content: RichListItem[] };
export type RichOrderedList = { type: "orderedList"; attrs?: { start: number }; content: RichListItem[] };
export type RichBlockquote = { type: "blockquote"; content: RichBlock[] };
export type RichBlock = RichParagraph | RichBulletList | RichOrderedList | RichBlockquote;
export type RichDoc = { type: "doc"; content: RichBlock[] };

export type RichTextError = "richText.invalid" | "richText.badLink" | "richText.empty" | "richText.tooLong" | "richText.tooDeep";
export type ValidateResult = { ok: true; doc: RichDoc; length: number } | { ok: false; error: RichTextError };

const NODE_KEYS = new Set(["type", "content", "text", "marks", "attrs"]);
const MARK_KEYS = new Set(["type", "attrs"]);
// Structural depth (doc > blockquote > list > listItem > paragraph > text ...) that RICH_TEXT_MAX_NESTING allows, plus slack.
const MAX_DEPTH = 3 + RICH_TEXT_MAX_NESTING * 2 + 2;
// Raw text beyond this is refused before it is normalised, so a huge string costs no work.
const RAW_TEXT_MAX = RICH_TEXT_MAX * 4;

// Direction overrides and isolates, zero-width characters and marks, the byte-order mark, and C0/C1 controls except \n.
// A zero-width joiner before a pictograph stays: it is part of an emoji (👩🏽‍💻), which would otherwise fall apart.
const INVISIBLE = /(?!\n)(?:[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B\u200C\u200E\u200F\uFEFF]|\u200D(?!\p{Extended_Pictographic}))/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as it is stored: tabs become spaces, hidden and control characters go. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(INVISIBLE, "").replace(LONE_SURROGATE, "");
}

/** Characters of text as the limit counts them: code points, so an emoji is one. */
export function countChars(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

class Refusal extends Error {
  constructor(readonly reason: RichTextError) {
    super(reason);
  }
}

function refuse(reason: RichTextError = "richText.invalid"): never {
  throw new Refusal(reason);
}

/** A plain object made by JSON.parse or a literal, with only the given keys. */
function plainObject(value: unknown, allowed: Set<string>): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) refuse();
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) refuse();
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== "string" || !allowed.has(key)) refuse();
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !("value" in descriptor)) refuse();
  }
  return value as Record<string, unknown>;
}

function plainArray(value: unknown): unknown[] {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) refuse();
  return value;
}

type State = { nodes: number; rawText: number; length: number; visible: boolean };

function countNode(state: State, amount = 1) {
  state.nodes += amount;
  if (state.nodes > RICH_TEXT_MAX_NODES) refuse("richText.tooDeep");
}

function readMarks(value: unknown, state: State): RichMark[] {
  const list = plainArray(value);
  countNode(state, list.length);
  const seen = new Set<string>();
  const marks: RichMark[] = [];
  for (const item of list) {
    const mark = plainObject(item, MARK_KEYS);
    const type = mark.type;
    if (typeof type !== "string" || !Object.hasOwn(RICH_TEXT_SCHEMA.marks, type) || seen.has(type)) refuse();
    seen.add(type);
    const allowedAttrs: readonly string[] = RICH_TEXT_SCHEMA.marks[type as MarkType].attrs;
    if (!allowedAttrs.length) {
      if (Object.hasOwn(mark, "attrs")) refuse();
      marks.push({ type } as RichMark);
      continue;
    }
    const attrs = plainObject(mark.attrs, new Set(allowedAttrs));
    const href = normaliseHref(attrs.href);
    if (href === null) refuse("richText.badLink");
    marks.push({ type: "link", attrs: { href } });
  }
  return marks;
}

function readText(node: Record<string, unknown>, state: State): RichText | null {
  const raw = node.text;
  if (typeof raw !== "string" || raw === "") refuse();
  state.rawText += raw.length;
  if (state.rawText > RAW_TEXT_MAX) refuse("richText.tooLong");
  const marks = node.marks === undefined ? [] : readMarks(node.marks, state);
  const text = cleanText(raw);
  if (!text) return null;
  state.length += countChars(text);
  if (/\S/u.test(text)) state.visible = true;
  return marks.length ? { type: "text", text, marks } : { type: "text", text };
}

function readStart(node: Record<string, unknown>): { start: number } | undefined {
  if (node.attrs === undefined) return undefined;
  const attrs = plainObject(node.attrs, new Set(RICH_TEXT_SCHEMA.nodes.orderedList.attrs));
  if (attrs.start === undefined) return undefined;
  const start = attrs.start;
  if (typeof start !== "number" || !Number.isInteger(start) || start < 1 || start > ORDERED_LIST_START_MAX) refuse();
  return { start };
}

type AnyNode = RichDoc | RichBlock | RichListItem | RichInline;

function readNode(value: unknown, allowed: readonly NodeType[], state: State, depth: number, nesting: number): AnyNode | null {
  if (depth > MAX_DEPTH) refuse("richText.tooDeep");
  const node = plainObject(value, NODE_KEYS);
  const type = node.type;
  if (typeof type !== "string" || !(allowed as readonly string[]).includes(type)) refuse();
  const spec = RICH_TEXT_SCHEMA.nodes[type as NodeType];

  if (type === "text") {
    if (Object.hasOwn(node, "content") || Object.hasOwn(node, "attrs")) refuse();
    return readText(node, state);
  }
  if (Object.hasOwn(node, "text")) refuse();
  if (Object.hasOwn(node, "marks")) {
    // A hard break may carry the marks around it (Tiptap keeps them when splitting bold text); they do not render.
    if (type !== "hardBreak") refuse();
    readMarks(node.marks, state);
  }
  if (Object.hasOwn(node, "attrs") && type !== "orderedList") refuse();
  if (type === "hardBreak") {
    if (Object.hasOwn(node, "content")) refuse();
    return { type: "hardBreak" };
  }

  const level = "nests" in spec && spec.nests ? nesting + 1 : nesting;
  if (level > RICH_TEXT_MAX_NESTING) refuse("richText.tooDeep");
  const childTypes = "content" in spec ? spec.content : [];
  const rawChildren = node.content === undefined ? [] : plainArray(node.content);
  countNode(state, rawChildren.length);
  const children: AnyNode[] = [];
  const first = "first" in spec ? spec.first : undefined;
  // An index loop, not forEach: holes in a sparse array must be seen (and refused).
  for (let index = 0; index < rawChildren.length; index++) {
    const child = readNode(rawChildren[index], index === 0 && first ? [first] : childTypes, state, depth + 1, level);
    if (child) children.push(child);
  }
  if ("nonEmpty" in spec && spec.nonEmpty && !rawChildren.length) refuse();

  switch (type) {
    case "paragraph":
      return children.length ? { type, content: children as RichInline[] } : { type };
    case "orderedList": {
      const attrs = readStart(node);
      return attrs ? { type, attrs, content: children as RichListItem[] } : { type, content: children as RichListItem[] };
    }
    case "bulletList":
      return { type, content: children as RichListItem[] };
    case "listItem":
      return { type, content: children as RichListItem["content"] };
    case "blockquote":
      return { type, content: children as RichBlock[] };
    default:
      return { type: "doc", content: children as RichBlock[] };
  }
}

function isEmptyParagraph(block: RichBlock | undefined) {
  return block?.type === "paragraph" && !block.content?.length;
}

/**
 * Checks untrusted rich text against the schema and returns a normalised copy
 * (hidden characters removed, trailing empty paragraphs dropped) with its
 * length in characters, or the translation key of what is wrong.
 */
export function validateDoc(input: unknown): ValidateResult {
  const state: State = { nodes: 1, rawText: 0, length: 0, visible: false };
  let doc: RichDoc;
  try {
    doc = readNode(input, ["doc"], state, 0, 0) as RichDoc;
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.reason };
    // A stack overflow or similar on hostile input is still just invalid input.
    if (error instanceof RangeError) return { ok: false, error: "richText.tooDeep" };
    throw error;
  }
  while (isEmptyParagraph(doc.content.at(-1))) doc.content.pop();
  if (!state.visible) return { ok: false, error: "richText.empty" };
  if (state.length > RICH_TEXT_MAX) return { ok: false, error: "richText.tooLong" };
  return { ok: true, doc, length: state.length };
}

/** The length the limit counts for a document that is already valid (the editor's counter uses this). */
export function docLength(doc: { content?: readonly unknown[]; text?: unknown }): number {
  let length = typeof doc.text === "string" ? countChars(cleanText(doc.text)) : 0;
  for (const child of doc.content ?? []) {
    if (typeof child === "object" && child !== null) length += docLength(child as { content?: readonly unknown[]; text?: unknown });
  }
  return length;
}
