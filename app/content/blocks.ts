/**
 * The small text format of the plan's own texts (descriptions, about page):
 * blank lines separate blocks, `## ` starts a heading, consecutive lines
 * starting with `1. ` or `- ` form an ordered or bulleted list. Anything else
 * is a paragraph; single line breaks inside it are kept as spaces.
 */
export type Block =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string; anchor: string }
  | { type: "ordered"; items: string[]; anchor: string }
  | { type: "bulleted"; items: string[]; anchor: string };

type RawBlock =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "ordered" | "bulleted"; items: string[] };

/**
 * A paragraph's anchor is made from its own text (FNV-1a, base 36), so it
 * stays the same when other paragraphs are edited, added or removed, and
 * changes only when the paragraph itself does. Repeated paragraphs get -2, -3.
 */
export function anchorFor(text: string, prefix = "alinea"): string {
  let hash = 0x811c9dc5;
  for (const char of text.normalize("NFC")) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}-${hash.toString(36)}`;
}

function withAnchors(blocks: RawBlock[], prefix: string): Block[] {
  const seen = new Map<string, number>();
  return blocks.map((block): Block => {
    if (block.type === "heading") return block;
    const base = anchorFor(block.type === "paragraph" ? block.text : block.items.join("\n"), prefix);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const anchor = count === 1 ? base : `${base}-${count}`;
    return block.type === "paragraph" ? { ...block, anchor } : { ...block, anchor };
  });
}

const ORDERED = /^\d+[.)]\s+/;
const BULLET = /^[-*]\s+/;

export function parseBlocks(source: string, anchorPrefix = "alinea"): Block[] {
  const blocks: RawBlock[] = [];
  const chunks = source.replace(/\r\n?/g, "\n").split(/\n\s*\n/);
  for (const chunk of chunks) {
    const lines = chunk
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ type: "paragraph", text: paragraph.join(" ") });
      paragraph = [];
    };
    for (const line of lines) {
      if (line.startsWith("## ")) {
        flush();
        blocks.push({ type: "heading", text: line.slice(3).trim() });
        continue;
      }
      const listType = ORDERED.test(line) ? "ordered" : BULLET.test(line) ? "bulleted" : null;
      if (!listType) {
        paragraph.push(line);
        continue;
      }
      flush();
      const item = line.replace(listType === "ordered" ? ORDERED : BULLET, "");
      const last = blocks.at(-1);
      if (last && last.type === listType && "items" in last) last.items.push(item);
      else blocks.push({ type: listType, items: [item] });
    }
    flush();
  }
  return withAnchors(blocks, anchorPrefix);
}

/** The paragraphs (and lists) a comment can be about, with their anchors and text. */
export function commentableParagraphs(source: string, anchorPrefix = "alinea"): { anchor: string; text: string }[] {
  return parseBlocks(source, anchorPrefix).flatMap((block) =>
    block.type === "heading" ? [] : [{ anchor: block.anchor, text: block.type === "paragraph" ? block.text : block.items.join("\n") }],
  );
}
