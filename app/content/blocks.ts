/**
 * The small text format of the plan's own texts (descriptions, about page):
 * blank lines separate blocks, `## ` starts a heading, consecutive lines
 * starting with `1. ` or `- ` form an ordered or bulleted list. Anything else
 * is a paragraph; single line breaks inside it are kept as spaces.
 */
export type Block =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "ordered"; items: string[] }
  | { type: "bulleted"; items: string[] };

const ORDERED = /^\d+[.)]\s+/;
const BULLET = /^[-*]\s+/;

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
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
      if (last?.type === listType) last.items.push(item);
      else blocks.push({ type: listType, items: [item] });
    }
    flush();
  }
  return blocks;
}
