/**
 * HTML and plain text from validated rich text, and rich text from plain text.
 * The HTML is built here from the document's data, never taken from a
 * browser: every text and attribute value is escaped, and the only tags are
 * p, br, ul, ol, li, blockquote, strong, em and a, with href and rel on
 * links and start on ordered lists.
 *
 * Links get rel="nofollow ugc noopener" (user content, no ranking credit for
 * spam) and no target: they open in the same tab like every other link on
 * the site, so people keep control (WCAG G200/G201) and the page cannot be
 * reached through window.opener.
 */
import { normaliseHref, ORDERED_LIST_START_MAX } from "./schema.ts";
import type { RichBlock, RichDoc, RichInline, RichListItem, RichMark } from "./validate.ts";

const LINK_REL = "nofollow ugc noopener";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function linkOf(node: RichInline): string | null {
  if (node.type !== "text") return null;
  const link = node.marks?.find((mark): mark is Extract<RichMark, { type: "link" }> => mark.type === "link");
  // Checked again here so a document that skipped validation still cannot carry a script link.
  return link ? normaliseHref(link.attrs?.href) : null;
}

function inlineHtml(node: RichInline): string {
  if (node.type === "hardBreak") return "<br>";
  if (node.type !== "text" || typeof node.text !== "string") return "";
  let html = escapeHtml(node.text);
  const types = new Set(node.marks?.map((mark) => mark.type));
  if (types.has("italic")) html = `<em>${html}</em>`;
  if (types.has("bold")) html = `<strong>${html}</strong>`;
  return html;
}

/** Inline content, with neighbouring pieces of the same link joined into one <a>. */
function inlinesHtml(nodes: readonly RichInline[] = []): string {
  let html = "";
  for (let index = 0; index < nodes.length; ) {
    const href = linkOf(nodes[index]!);
    if (!href) {
      html += inlineHtml(nodes[index]!);
      index++;
      continue;
    }
    let inner = "";
    while (index < nodes.length && linkOf(nodes[index]!) === href) {
      inner += inlineHtml(nodes[index]!);
      index++;
    }
    html += `<a href="${escapeHtml(href)}" rel="${LINK_REL}">${inner}</a>`;
  }
  return html;
}

function startOf(block: RichBlock): number {
  const start = block.type === "orderedList" ? block.attrs?.start : undefined;
  return typeof start === "number" && Number.isInteger(start) && start >= 1 && start <= ORDERED_LIST_START_MAX ? start : 1;
}

function itemsHtml(items: readonly RichListItem[] = []): string {
  return items.map((item) => `<li>${blocksHtml(item.content)}</li>`).join("");
}

function blocksHtml(blocks: readonly RichBlock[] = []): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case "paragraph":
          return `<p>${inlinesHtml(block.content)}</p>`;
        case "bulletList":
          return `<ul>${itemsHtml(block.content)}</ul>`;
        case "orderedList": {
          const start = startOf(block);
          return `${start === 1 ? "<ol>" : `<ol start="${start}">`}${itemsHtml(block.content)}</ol>`;
        }
        case "blockquote":
          return `<blockquote>${blocksHtml(block.content)}</blockquote>`;
        default:
          return "";
      }
    })
    .join("");
}

/** The HTML of a document that passed validateDoc. */
export function renderHtml(doc: RichDoc): string {
  return blocksHtml(doc.content);
}

function sameAddress(text: string, href: string) {
  const bare = (value: string) => value.replace(/^(https?:\/\/|mailto:)/i, "").replace(/\/$/, "").toLowerCase();
  return bare(text) === bare(href);
}

function inlineText(nodes: readonly RichInline[] = []): string {
  let text = "";
  for (let index = 0; index < nodes.length; ) {
    const node = nodes[index]!;
    const href = linkOf(node);
    if (!href) {
      text += node.type === "hardBreak" ? "\n" : node.type === "text" ? node.text : "";
      index++;
      continue;
    }
    let linkText = "";
    while (index < nodes.length && linkOf(nodes[index]!) === href) {
      const part = nodes[index]!;
      linkText += part.type === "text" ? part.text : "";
      index++;
    }
    // Where the link text does not show the address, the plain text keeps it.
    text += sameAddress(linkText, href) ? linkText : `${linkText} (${href})`;
  }
  return text;
}

function blockLines(block: RichBlock): string[] {
  switch (block.type) {
    case "paragraph":
      return inlineText(block.content).split("\n");
    case "bulletList":
    case "orderedList": {
      const start = startOf(block);
      return block.content.flatMap((item, index) => {
        const marker = block.type === "bulletList" ? "- " : `${start + index}. `;
        const indent = " ".repeat(marker.length);
        return blocksLines(item.content).map((line, lineIndex) => (lineIndex === 0 ? marker + line : line ? indent + line : line));
      });
    }
    case "blockquote":
      return blocksLines(block.content).map((line) => (line ? `> ${line}` : ">"));
    default:
      return [];
  }
}

function blocksLines(blocks: readonly RichBlock[] = []): string[] {
  return blocks.flatMap((block, index) => (index === 0 ? blockLines(block) : ["", ...blockLines(block)]));
}

/**
 * Plain text for e-mails, search and quotes: blank lines between blocks,
 * "- " and "1. " before list items, "> " before quoted lines, and a link's
 * address after its text. Also what the plain textarea shows when editing.
 */
export function docToText(doc: RichDoc): string {
  return blocksLines(doc.content).join("\n");
}

/**
 * A document from the plain textarea: lines with only spaces separate
 * paragraphs, other line breaks become hard breaks. Nothing in the text is
 * read as markup. The result still has to pass validateDoc.
 */
export function textToDoc(text: string): RichDoc {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.trim() === "") {
      if (current.length) paragraphs.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) paragraphs.push(current);
  return {
    type: "doc",
    content: paragraphs.map((lines) => ({
      type: "paragraph",
      content: lines.flatMap((line, index): RichInline[] =>
        index === 0 ? [{ type: "text", text: line }] : [{ type: "hardBreak" }, { type: "text", text: line }],
      ),
    })),
  };
}
