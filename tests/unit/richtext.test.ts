import { Editor, type ChainedCommands, type JSONContent } from "@tiptap/core";
import { wrapIn } from "@tiptap/pm/commands";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { hrefFromInput, nestingOf, richTextExtensions, schemaGuardPlugin } from "#app/components/editor/extensions.ts";
import { en } from "#app/i18n/en.ts";
import { nl } from "#app/i18n/nl.ts";
import { parseRichText, readRichText, refineRichText, richTextShape } from "#app/richtext/form.ts";
import { docToText, escapeHtml, renderHtml, textToDoc } from "#app/richtext/render.ts";
import { normaliseHref, RICH_TEXT_MAX, RICH_TEXT_MAX_NESTING, RICH_TEXT_MAX_NODES } from "#app/richtext/schema.ts";
import { validateDoc, type RichDoc, type RichTextError } from "#app/richtext/validate.ts";

// -- building blocks ---------------------------------------------------------
type J = Record<string, unknown>;
const text = (value: unknown, ...marks: J[]): J => (marks.length ? { type: "text", text: value, marks } : { type: "text", text: value });
const p = (...content: J[]): J => (content.length ? { type: "paragraph", content } : { type: "paragraph" });
const doc = (...content: unknown[]): J => ({ type: "doc", content });
const li = (...content: J[]): J => ({ type: "listItem", content });
const ul = (...items: J[]): J => ({ type: "bulletList", content: items });
const ol = (items: J[], attrs?: J): J => (attrs ? { type: "orderedList", attrs, content: items } : { type: "orderedList", content: items });
const quote = (...content: J[]): J => ({ type: "blockquote", content });
const br: J = { type: "hardBreak" };
const bold: J = { type: "bold" };
const italic: J = { type: "italic" };
const link = (href: unknown): J => ({ type: "link", attrs: { href } });
const withLink = (href: unknown) => doc(p(text("klik hier", link(href))));

function valid(input: unknown): RichDoc {
  const result = validateDoc(input);
  if (!result.ok) throw new Error(`expected a valid document, got ${result.error}`);
  return result.doc;
}
function errorOf(input: unknown): RichTextError | "ok" {
  const result = validateDoc(input);
  return result.ok ? "ok" : result.error;
}

// -- a tiny scanner: only the allowed tags and attributes, balanced, with escaped text ----
const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  br: [],
  ul: [],
  ol: ["start"],
  li: [],
  blockquote: [],
  strong: [],
  em: [],
  a: ["href", "rel"],
};
function assertSafeHtml(html: string) {
  const stack: string[] = [];
  let rest = html;
  while (rest) {
    if (rest.startsWith("<")) {
      const match = /^<(\/?)([a-z]+)((?: [a-z]+="[^"<>]*")*)>/.exec(rest);
      if (!match) throw new Error(`not an allowed tag at: ${rest.slice(0, 60)}`);
      const [whole, closing, tag, attributeText] = match as unknown as [string, string, string, string];
      expect(Object.keys(ALLOWED), whole).toContain(tag);
      const attributes = [...attributeText.matchAll(/ ([a-z]+)="([^"]*)"/g)].map(([, name, value]) => ({ name: name!, value: value! }));
      for (const { name, value } of attributes) {
        expect(ALLOWED[tag], `${name} on <${tag}>`).toContain(name);
        if (name === "href") expect(value).toMatch(/^(https?:\/\/[^/\s]|mailto:[^\s])/);
        if (name === "rel") expect(value).toBe("nofollow ugc noopener");
        if (name === "start") expect(value).toMatch(/^[1-9]\d*$/);
      }
      if (tag === "a") expect(attributes.map((attribute) => attribute.name)).toEqual(closing ? [] : ["href", "rel"]);
      if (closing) {
        expect(attributes).toEqual([]);
        expect(stack.pop(), `closing </${tag}>`).toBe(tag);
      } else if (tag !== "br") {
        stack.push(tag);
      }
      rest = rest.slice(whole.length);
    } else {
      const end = rest.indexOf("<");
      const chunk = end < 0 ? rest : rest.slice(0, end);
      expect(chunk).not.toContain(">");
      expect(chunk.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toMatch(/[&"']/);
      rest = rest.slice(chunk.length);
    }
  }
  expect(stack).toEqual([]);
}

// -- every kind of valid document -----------------------------------------------
const VALID: [string, unknown][] = [
  ["a paragraph", doc(p(text("Hallo")))],
  ["bold, italic and both", doc(p(text("vet", bold), text(" schuin", italic), text(" allebei", bold, italic)))],
  ["an https link", withLink("https://www.example.nl/pad?x=1#deel")],
  ["an http link", withLink("http://example.nl")],
  ["a mailto link", withLink("mailto:info@example.nl")],
  ["a link with bold text", doc(p(text("belangrijk", link("https://example.nl"), bold)))],
  ["a hard break", doc(p(text("regel 1"), br, text("regel 2")))],
  ["a hard break carrying marks", doc(p(text("a", bold), { type: "hardBreak", marks: [bold] }, text("b", bold)))],
  ["a bulleted list", doc(ul(li(p(text("een"))), li(p(text("twee")))))],
  ["a numbered list", doc(ol([li(p(text("een")))]))],
  ["a numbered list starting at 3", doc(ol([li(p(text("drie")))], { start: 3 }))],
  ["a numbered list with empty attrs", doc(ol([li(p(text("een")))], {}))],
  ["nested lists", doc(ol([li(p(text("een")), ul(li(p(text("a")))), p(text("meer")))]))],
  ["a quote", doc(quote(p(text("citaat"))))],
  ["lists in a quote, four levels deep", doc(quote(ul(li(p(text("1")), ol([li(p(text("2")), quote(p(text("3"))))])))))],
  ["lists nested as deep as allowed", nestedLists(RICH_TEXT_MAX_NESTING)],
  ["an empty paragraph between others", doc(p(text("a")), p(), p(text("b")))],
  ["a paragraph with empty content", doc(p(text("a")), { type: "paragraph", content: [] })],
  ["a text with an empty marks list", doc(p({ type: "text", text: "a", marks: [] }))],
  ["an empty list item paragraph", doc(ul(li(p()), li(p(text("x")))))],
];

describe("validateDoc accepts what the editor can produce", () => {
  test.each(VALID)("%s", (_name, input) => {
    const result = validateDoc(input);
    expect(result.ok).toBe(true);
    if (result.ok) assertSafeHtml(renderHtml(result.doc));
  });

  test("normalises links, keeps start and drops marks of hard breaks", () => {
    expect(valid(withLink("  HTTPS://Example.NL  "))).toEqual(doc(p(text("klik hier", link("https://example.nl/")))));
    expect(valid(doc(ol([li(p(text("x")))], { start: 7 })))).toEqual(doc(ol([li(p(text("x")))], { start: 7 })));
    expect(valid(doc(p(text("a"), { type: "hardBreak", marks: [bold] })))).toEqual(doc(p(text("a"), br)));
  });

  test("counts characters as code points of the text", () => {
    expect(validateDoc(doc(p(text("ab", bold), br, text("c")), p(text("😀"))))).toMatchObject({ ok: true, length: 4 });
    expect(validateDoc(doc(p(text("x".repeat(RICH_TEXT_MAX)))))).toMatchObject({ ok: true, length: RICH_TEXT_MAX });
    expect(validateDoc(doc(p(text("😀".repeat(RICH_TEXT_MAX)))))).toMatchObject({ ok: true, length: RICH_TEXT_MAX });
  });

  test("strips hidden and control characters, keeps newlines, turns tabs into spaces", () => {
    const hidden = "\u202Ea\u202A\u202B\u202C\u202D\u2066b\u2067\u2068\u2069\u200Bc\u200C\u200D\u200E\u200F\uFEFFd\u0000\u0001\u0008\u001F\u007F\u0085e\nf\tg\r\nh";
    expect(valid(doc(p(text(hidden))))).toEqual(doc(p(text("abcde\nf g\nh"))));
  });

  test("keeps the zero-width joiners inside an emoji sequence", () => {
    expect(valid(doc(p(text("👩🏽\u200D💻 🏳️\u200D🌈 a\u200Db"))))).toEqual(doc(p(text("👩🏽\u200D💻 🏳️\u200D🌈 ab"))));
  });

  test("drops text that only held hidden characters", () => {
    expect(valid(doc(p(text("\u200B\u200B"), text("zichtbaar", bold), text("\uFEFF"))))).toEqual(doc(p(text("zichtbaar", bold))));
  });

  test("strips trailing empty paragraphs, not the ones in between", () => {
    expect(valid(doc(p(text("a")), p(), p(text("b")), p(), p()))).toEqual(doc(p(text("a")), p(), p(text("b"))));
  });

  test("returns a fresh copy: changing the input later changes nothing", () => {
    const input = doc(p(text("a", bold)));
    const output = valid(input);
    ((input.content as J[])[0]!.content as J[])[0]!.text = "<script>";
    expect(output).toEqual(doc(p(text("a", bold))));
  });
});

// -- one test per rule ----------------------------------------------------------------
function nestedLists(levels: number): J {
  let list = ul(li(p(text(String(levels)))));
  for (let level = levels - 1; level > 0; level--) list = ul(li(p(text(String(level))), list));
  return doc(list);
}

describe("validateDoc refuses", () => {
  test.each<[string, unknown, RichTextError]>([
    ["null", null, "richText.invalid"],
    ["a string", "<p>hallo</p>", "richText.invalid"],
    ["a number", 42, "richText.invalid"],
    ["an array", [doc(p(text("a")))], "richText.invalid"],
    ["a root that is not a doc", p(text("a")), "richText.invalid"],
    ["a node without type", doc({ content: [] }), "richText.invalid"],
    ["an unknown node", doc({ type: "heading", attrs: { level: 1 }, content: [text("kop")] }), "richText.invalid"],
    ["an unknown mark", doc(p(text("a", { type: "underline" }))), "richText.invalid"],
    ["an unknown key on a node", doc({ type: "paragraph", id: "x", content: [text("a")] }), "richText.invalid"],
    ["an unknown key on a mark", doc(p(text("a", { type: "bold", level: 2 }))), "richText.invalid"],
    ["attrs on a paragraph", doc({ type: "paragraph", attrs: {}, content: [text("a")] }), "richText.invalid"],
    ["attrs on bold", doc(p(text("a", { type: "bold", attrs: {} }))), "richText.invalid"],
    ["attrs on the doc", { type: "doc", attrs: {}, content: [p(text("a"))] }, "richText.invalid"],
    ["a list item outside a list", doc(li(p(text("a")))), "richText.invalid"],
    ["text directly in the doc", doc(text("a")), "richText.invalid"],
    ["a paragraph in a paragraph", doc(p(p(text("a")) as J)), "richText.invalid"],
    ["a list in a paragraph", doc(p(ul(li(p(text("a")))))), "richText.invalid"],
    ["a paragraph in a list", doc(ul(p(text("a")) as J)), "richText.invalid"],
    ["a list without items", doc(ul()), "richText.invalid"],
    ["a list item without a paragraph first", doc(ul(li(ul(li(p(text("a"))))))), "richText.invalid"],
    ["an empty list item", doc(ul(li())), "richText.invalid"],
    ["an empty quote", doc(quote()), "richText.invalid"],
    ["text in a quote", doc(quote(text("a"))), "richText.invalid"],
    ["an empty text node", doc(p(text(""))), "richText.invalid"],
    ["text that is not a string", doc(p(text(42))), "richText.invalid"],
    ["text on a paragraph", doc({ type: "paragraph", text: "a" }), "richText.invalid"],
    ["content in a text node", doc(p({ type: "text", text: "a", content: [] })), "richText.invalid"],
    ["content in a hard break", doc(p(text("a"), { type: "hardBreak", content: [] })), "richText.invalid"],
    ["marks on a paragraph", doc({ type: "paragraph", marks: [bold], content: [text("a")] }), "richText.invalid"],
    ["a repeated mark", doc(p(text("a", bold, bold))), "richText.invalid"],
    ["a repeated link", doc(p(text("a", link("https://a.nl"), link("https://b.nl")))), "richText.invalid"],
    ["a link without attrs", doc(p(text("a", { type: "link" }))), "richText.invalid"],
    ["a link with target", doc(p(text("a", { type: "link", attrs: { href: "https://a.nl", target: "_blank" } }))), "richText.invalid"],
    ["a numbered list starting at 0", doc(ol([li(p(text("a")))], { start: 0 })), "richText.invalid"],
    ["a numbered list starting below 0", doc(ol([li(p(text("a")))], { start: -4 })), "richText.invalid"],
    ["a numbered list starting at 1.5", doc(ol([li(p(text("a")))], { start: 1.5 })), "richText.invalid"],
    ["a numbered list starting at a string", doc(ol([li(p(text("a")))], { start: "3" })), "richText.invalid"],
    ["a numbered list starting at a huge number", doc(ol([li(p(text("a")))], { start: 1e12 })), "richText.invalid"],
    ["a numbered list with a type", doc(ol([li(p(text("a")))], { start: 1, type: "a" })), "richText.invalid"],
    ["a bulleted list with attrs", doc({ type: "bulletList", attrs: { start: 2 }, content: [li(p(text("a")))] }), "richText.invalid"],
    ["content that is not an array", doc({ type: "paragraph", content: { 0: text("a") } }), "richText.invalid"],
    ["marks that are not an array", doc(p({ type: "text", text: "a", marks: bold })), "richText.invalid"],
    ["a link that is not http(s) or mailto", withLink("ftp://example.nl"), "richText.badLink"],
    ["no content at all", { type: "doc" }, "richText.empty"],
    ["an empty doc", doc(), "richText.empty"],
    ["only empty paragraphs", doc(p(), p()), "richText.empty"],
    ["only spaces and hard breaks", doc(p(text("   "), br, text("\u00A0\n"))), "richText.empty"],
    ["only hidden characters", doc(p(text("\u200B\u202E\uFEFF"))), "richText.empty"],
    ["one character too many", doc(p(text("x".repeat(RICH_TEXT_MAX - 1))), p(text("yz"))), "richText.tooLong"],
    ["lists nested too deep", nestedLists(RICH_TEXT_MAX_NESTING + 1), "richText.tooDeep"],
    ["quotes nested too deep", doc(quote(quote(quote(quote(quote(p(text("5")))))))), "richText.tooDeep"],
    ["too many nodes", doc(...Array.from({ length: RICH_TEXT_MAX_NODES }, () => p(text("a")))), "richText.tooDeep"],
  ])("%s", (_name, input, error) => {
    expect(errorOf(input)).toBe(error);
  });

  test("the limits in the messages match the code", () => {
    expect(nl["richText.tooLong"]).toContain(String(RICH_TEXT_MAX));
    expect(en["richText.tooLong"]).toContain(String(RICH_TEXT_MAX));
    expect(nl["richText.tooDeep"]).toContain(String(RICH_TEXT_MAX_NESTING));
    expect(en["richText.tooDeep"]).toContain(String(RICH_TEXT_MAX_NESTING));
    for (const key of ["richText.invalid", "richText.badLink", "richText.empty", "richText.tooLong", "richText.tooDeep"] as const) {
      expect(nl[key]).toBeTruthy();
      expect(en[key]).toBeTruthy();
    }
  });
});

// -- a corpus of hostile input ---------------------------------------------------------
const MB10 = "a".repeat(10 * 1024 * 1024);
function deeplyNested(levels: number): J {
  let node: J = p(text("bodem"));
  for (let level = 0; level < levels; level++) node = quote(node);
  return doc(node);
}
function withGetter(): J {
  const node: J = { type: "text" };
  Object.defineProperty(node, "text", { enumerable: true, get: () => "a" });
  return doc(p(node));
}
class FakeNode {
  type = "paragraph";
}
const SCRIPT_LINKS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "\njavascript:alert(1)",
  "java\nscript:alert(1)",
  "java\tscript:alert(1)",
  "java\rscript:alert(1)",
  "java\u0000script:alert(1)",
  "javascript\u200B:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "javascript&#58;alert(1)",
  "javascript&colon;alert(1)",
  "%6Aavascript:alert(1)",
  "\\u006aavascript:alert(1)",
  "ｊａｖａｓｃｒｉｐｔ:alert(1)",
  "javascript://%0Aalert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "DATA:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "//evil.example/x",
  "/relatief/pad",
  "relatief",
  "#anker",
  "?x=1",
  "https:",
  "https://",
  "https:javascript:alert(1)",
  "https://user:wachtwoord@evil.example",
  "https://bank.example@evil.example",
  "https://exa\u200Bmple.nl",
  "\u202Ehttps://example.nl",
  "https://example.nl/a b",
  "mailto:",
  "file:///etc/passwd",
  "ftp://example.nl",
  "tel:+31612345678",
  "blob:https://example.nl/123",
  "",
  "   ",
  `https://example.nl/${"x".repeat(3000)}`,
];

type Hostile = { name: string; input: unknown; error: RichTextError | "ok" };
const HOSTILE: Hostile[] = [
  { name: "<script> in text", input: doc(p(text("<script>alert(1)</script>"))), error: "ok" },
  { name: "an img tag with onerror in text", input: doc(p(text('<img src=x onerror="alert(1)">'))), error: "ok" },
  { name: "breaking out of an attribute in text", input: doc(p(text(`"'><svg onload=alert(1)>`, bold))), error: "ok" },
  { name: "closing tags in linked text", input: doc(p(text("</a></p><script>x</script>", link("https://example.nl")))), error: "ok" },
  { name: "a quote in a link's address", input: withLink('https://example.nl/"onmouseover="alert(1)'), error: "ok" },
  { name: "tags in a link's address", input: withLink("https://example.nl/'><script>alert(1)</script>"), error: "ok" },
  { name: "control and direction characters in text", input: doc(p(text("a\u0000b\u202Ec\u2066d"))), error: "ok" },
  ...SCRIPT_LINKS.map((href) => ({ name: `link ${JSON.stringify(href.slice(0, 60))}`, input: withLink(href), error: "richText.badLink" as const })),
  { name: "a link address that is not a string", input: withLink(42), error: "richText.badLink" },
  { name: "a link address that is an object", input: withLink({ toString: () => "https://example.nl" }), error: "richText.badLink" },
  { name: "a script link on a hard break", input: doc(p(text("a"), { type: "hardBreak", marks: [link("javascript:alert(1)")] })), error: "richText.badLink" },
  { name: "an onclick attribute on a link", input: doc(p(text("a", { type: "link", attrs: { href: "https://a.nl", onclick: "alert(1)" } }))), error: "richText.invalid" },
  { name: "target on a link", input: doc(p(text("a", { type: "link", attrs: { href: "https://a.nl", target: "_blank" } }))), error: "richText.invalid" },
  { name: "rel on a link", input: doc(p(text("a", { type: "link", attrs: { href: "https://a.nl", rel: "opener" } }))), error: "richText.invalid" },
  { name: "class on a link", input: doc(p(text("a", { type: "link", attrs: { href: "https://a.nl", class: "x" } }))), error: "richText.invalid" },
  { name: "style on a paragraph", input: doc({ type: "paragraph", attrs: { style: "background:url(javascript:alert(1))" }, content: [text("a")] }), error: "richText.invalid" },
  { name: "class on a quote", input: doc({ type: "blockquote", attrs: { class: "x" }, content: [p(text("a"))] }), error: "richText.invalid" },
  { name: "an event handler key on a node", input: doc({ type: "paragraph", onmouseover: "alert(1)", content: [text("a")] }), error: "richText.invalid" },
  { name: "an html key on a node", input: doc({ type: "paragraph", html: "<script>alert(1)</script>" }), error: "richText.invalid" },
  { name: "an iframe node", input: doc({ type: "iframe", attrs: { src: "https://evil.example" } }), error: "richText.invalid" },
  { name: "an image node", input: doc(p({ type: "image", attrs: { src: "x", onerror: "alert(1)" } })), error: "richText.invalid" },
  { name: "a code block", input: doc({ type: "codeBlock", content: [text("x")] }), error: "richText.invalid" },
  { name: "a heading", input: doc({ type: "heading", attrs: { level: 7 }, content: [text("x")] }), error: "richText.invalid" },
  { name: "a horizontal rule", input: doc({ type: "horizontalRule" }), error: "richText.invalid" },
  { name: "a textStyle mark with style", input: doc(p(text("a", { type: "textStyle", attrs: { style: "x" } }))), error: "richText.invalid" },
  { name: "a code mark", input: doc(p(text("a", { type: "code" }))), error: "richText.invalid" },
  { name: "a node type that is not a string", input: doc({ type: ["paragraph"] }), error: "richText.invalid" },
  { name: "a node type from the prototype", input: doc({ type: "toString" }), error: "richText.invalid" },
  { name: "a mark type from the prototype", input: doc(p(text("a", { type: "hasOwnProperty" }))), error: "richText.invalid" },
  { name: "__proto__ on a node (JSON)", input: JSON.parse('{"type":"doc","content":[{"type":"paragraph","__proto__":{"polluted":true}}]}'), error: "richText.invalid" },
  { name: "__proto__ on the doc (JSON)", input: JSON.parse('{"type":"doc","__proto__":{"isAdmin":true},"content":[]}'), error: "richText.invalid" },
  { name: "__proto__ in attrs (JSON)", input: JSON.parse('{"type":"doc","content":[{"type":"orderedList","attrs":{"__proto__":{"start":2}},"content":[]}]}'), error: "richText.invalid" },
  { name: "constructor.prototype (JSON)", input: JSON.parse('{"type":"doc","content":[],"constructor":{"prototype":{"polluted":true}}}'), error: "richText.invalid" },
  { name: "an object with a foreign prototype", input: doc(Object.assign(Object.create({ type: "paragraph" }) as J, { content: [] })), error: "richText.invalid" },
  { name: "a class instance", input: doc(new FakeNode()), error: "richText.invalid" },
  { name: "a getter", input: withGetter(), error: "richText.invalid" },
  { name: "a symbol key", input: doc({ type: "paragraph", [Symbol("x")]: 1 }), error: "richText.invalid" },
  { name: "text that is an array", input: doc(p(text(["a"]))), error: "richText.invalid" },
  { name: "text that is an object", input: doc(p(text({ toString: () => "a" }))), error: "richText.invalid" },
  { name: "text that is null", input: doc(p(text(null))), error: "richText.invalid" },
  { name: "an array where a node belongs", input: doc(["paragraph", [text("a")]]), error: "richText.invalid" },
  { name: "an array where the doc belongs", input: [{ type: "doc" }], error: "richText.invalid" },
  { name: "a string where a node belongs", input: doc("<p>hoi</p>"), error: "richText.invalid" },
  { name: "null where a node belongs", input: doc(null), error: "richText.invalid" },
  { name: "a sparse content array", input: doc(p(text("a")), undefined), error: "richText.invalid" },
  // eslint-disable-next-line no-sparse-arrays
  { name: "a hole in the content array", input: { type: "doc", content: [p(text("a")), , p(text("b"))] }, error: "richText.invalid" },
  { name: "a 10 MB text", input: doc(p(text(MB10))), error: "richText.tooLong" },
  { name: "many texts adding up beyond the limit", input: doc(...Array.from({ length: 100 }, () => p(text("x".repeat(60))))), error: "richText.tooLong" },
  { name: "50 nested quotes", input: deeplyNested(50), error: "richText.tooDeep" },
  { name: "100 000 nested quotes", input: deeplyNested(100_000), error: "richText.tooDeep" },
  { name: "a million paragraphs", input: { type: "doc", content: new Array(1_000_000).fill(p(text("a"))) }, error: "richText.tooDeep" },
  { name: "a million marks", input: doc(p({ type: "text", text: "a", marks: new Array(1_000_000).fill(bold) })), error: "richText.tooDeep" },
];

describe("hostile input", () => {
  test("the corpus is large enough", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  test.each(HOSTILE)("$name → $error", ({ input, error }) => {
    const result = validateDoc(input);
    expect(result.ok ? "ok" : result.error).toBe(error);
    if (result.ok) {
      const html = renderHtml(result.doc);
      assertSafeHtml(html);
      // Hostile text may remain as escaped text; no tag may carry it.
      for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).not.toMatch(/<(script|img|svg|iframe)|\son[a-z]+=|javascript:/i);
      expect(html).not.toMatch(/<(script|img|svg|iframe)/i);
    }
  });

  test("JSON with __proto__ pollutes nothing", () => {
    validateDoc(JSON.parse('{"type":"doc","__proto__":{"polluted":true},"content":[{"type":"paragraph","content":[{"type":"text","text":"a"}]}]}'));
    expect(({} as J).polluted).toBeUndefined();
  });

  test("huge input is refused quickly", () => {
    const started = performance.now();
    expect(errorOf(doc(p(text(MB10))))).toBe("richText.tooLong");
    expect(parseRichText(JSON.stringify(doc(p(text(MB10)))), undefined)).toEqual({ ok: false, error: "richText.tooLong" });
    expect(parseRichText(undefined, MB10)).toEqual({ ok: false, error: "richText.tooLong" });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("normaliseHref", () => {
  test.each([
    ["https://example.nl", "https://example.nl/"],
    ["  http://Example.NL/Pad?q=1#x  ", "http://example.nl/Pad?q=1#x"],
    ["HTTPS://bücher.example/", "https://xn--bcher-kva.example/"],
    ["mailto:info@example.nl?subject=Vraag", "mailto:info@example.nl?subject=Vraag"],
    ['https://example.nl/"x"<y>', "https://example.nl/%22x%22%3Cy%3E"],
  ])("%j becomes %j", (input, output) => {
    expect(normaliseHref(input)).toBe(output);
  });

  test.each(SCRIPT_LINKS)("refuses %j", (href) => {
    expect(normaliseHref(href)).toBeNull();
  });
});

// -- rendering ---------------------------------------------------------------------------
describe("renderHtml", () => {
  test("renders every node and mark with only the allowed attributes", () => {
    const rich = valid(
      doc(
        p(text("Vet", bold), text(" en "), text("schuin", italic), text(" "), text("link", link("https://example.nl")), br, text("mail", link("mailto:a@example.nl"))),
        ul(li(p(text("een"))), li(p(text("twee")), ol([li(p(text("a")))], { start: 3 }))),
        ol([li(p(text("b")))], { start: 1 }),
        quote(p(text("citaat"))),
      ),
    );
    const html = renderHtml(rich);
    expect(html).toBe(
      '<p><strong>Vet</strong> en <em>schuin</em> <a href="https://example.nl/" rel="nofollow ugc noopener">link</a><br><a href="mailto:a@example.nl" rel="nofollow ugc noopener">mail</a></p>' +
        '<ul><li><p>een</p></li><li><p>twee</p><ol start="3"><li><p>a</p></li></ol></li></ul>' +
        "<ol><li><p>b</p></li></ol>" +
        "<blockquote><p>citaat</p></blockquote>",
    );
    assertSafeHtml(html);
  });

  test("joins neighbouring pieces of one link into one <a>", () => {
    const rich = valid(doc(p(text("lees ", link("https://example.nl")), text("dit", link("https://example.nl"), bold), text(" en", link("https://example.nl/ander")))));
    expect(renderHtml(rich)).toBe(
      '<p><a href="https://example.nl/" rel="nofollow ugc noopener">lees <strong>dit</strong></a><a href="https://example.nl/ander" rel="nofollow ugc noopener"> en</a></p>',
    );
  });

  test("escapes & < > \" ' in text and addresses", () => {
    expect(escapeHtml(`& < > " '`)).toBe("&amp; &lt; &gt; &quot; &#39;");
    const html = renderHtml(valid(doc(p(text(`<b>"Tom" & 'Jerry'</b>`, link("https://example.nl/it's?a=1&b=2"))))));
    expect(html).toBe(
      '<p><a href="https://example.nl/it&#39;s?a=1&amp;b=2" rel="nofollow ugc noopener">&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</a></p>',
    );
  });

  test("even an unvalidated document cannot produce a script link or another tag", () => {
    const forged = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] },
        { type: "iframe", content: [] },
        { type: "orderedList", attrs: { start: '1"><script>' }, content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
      ],
    } as unknown as RichDoc;
    const html = renderHtml(forged);
    expect(html).toBe("<p>x</p><ol><li><p></p></li></ol>");
  });
});

describe("docToText", () => {
  test("puts blank lines between blocks and marks lists, quotes and links", () => {
    const rich = valid(
      doc(
        p(text("Hallo", bold), br, text("wereld")),
        ul(li(p(text("een"))), li(p(text("twee")), p(text("vervolg")))),
        ol([li(p(text("drie")))], { start: 3 }),
        quote(p(text("geciteerd")), p(text("nog meer"))),
        p(text("zie "), text("de site", link("https://example.nl")), text(" of "), text("https://example.nl/pad", link("https://example.nl/pad"))),
      ),
    );
    expect(docToText(rich)).toBe(
      [
        "Hallo",
        "wereld",
        "",
        "- een",
        "- twee",
        "",
        "  vervolg",
        "",
        "3. drie",
        "",
        "> geciteerd",
        ">",
        "> nog meer",
        "",
        "zie de site (https://example.nl/) of https://example.nl/pad",
      ].join("\n"),
    );
  });

  test("does not interpret or escape anything: it is plain text", () => {
    expect(docToText(valid(doc(p(text("<b>&amp;</b>")))))).toBe("<b>&amp;</b>");
  });
});

describe("textToDoc", () => {
  test("blank lines make paragraphs, single newlines make hard breaks", () => {
    expect(textToDoc("Eerste regel\nTweede regel\n\nNieuwe alinea\r\n\r\n\r\nLaatste")).toEqual(
      doc(p(text("Eerste regel"), br, text("Tweede regel")), p(text("Nieuwe alinea")), p(text("Laatste"))),
    );
  });

  test("lines with only spaces separate paragraphs too; leading and trailing blank lines vanish", () => {
    expect(textToDoc("\n\n  a\n \t \nb\n\n")).toEqual(doc(p(text("  a")), p(text("b"))));
  });

  test("never interprets markup", () => {
    const input = "**vet** _schuin_ <b>html</b> <script>alert(1)</script>\n- geen lijst\n> geen citaat\n[link](javascript:alert(1)) https://example.nl";
    const rich = valid(textToDoc(input));
    expect(rich.content).toHaveLength(1);
    const inline = (rich.content[0] as { content: J[] }).content;
    expect(inline.every((node) => node.type === "hardBreak" || (node.type === "text" && !("marks" in node)))).toBe(true);
    expect(docToText(rich)).toBe(input);
    expect(renderHtml(rich)).not.toMatch(/<script|<b>|<a /);
  });

  test("an empty text is an empty document", () => {
    expect(textToDoc("")).toEqual(doc());
    expect(errorOf(textToDoc(" \n\n \n"))).toBe("richText.empty");
  });

  test("docToText and textToDoc round-trip plain paragraphs", () => {
    const plain = "Een\ntwee\n\ndrie";
    expect(docToText(valid(textToDoc(plain)))).toBe(plain);
  });
});

// -- forms -------------------------------------------------------------------------------------
function form(fields: Record<string, string | Blob>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("readRichText", () => {
  const json = JSON.stringify(doc(p(text("Uit de editor", bold))));

  test("reads the editor's JSON and renders it", () => {
    expect(readRichText(form({ body: json }))).toEqual({
      ok: true,
      doc: doc(p(text("Uit de editor", bold))),
      html: "<p><strong>Uit de editor</strong></p>",
      length: 13,
    });
  });

  test("the JSON wins over the textarea", () => {
    expect(readRichText(form({ body: json, bodyText: "uit het tekstvak" }))).toMatchObject({ ok: true, html: "<p><strong>Uit de editor</strong></p>" });
  });

  test("reads the textarea when there is no JSON, or only an empty one", () => {
    const expected = { ok: true, html: "<p>&lt;b&gt;a&lt;/b&gt;<br>b</p><p>c</p>", length: 10 };
    expect(readRichText(form({ bodyText: "<b>a</b>\nb\n\nc" }))).toMatchObject(expected);
    expect(readRichText(form({ body: "", bodyText: "<b>a</b>\nb\n\nc" }))).toMatchObject(expected);
    expect(readRichText(form({ body: "  \n", bodyText: "<b>a</b>\nb\n\nc" }))).toMatchObject(expected);
  });

  test("uses the field name it is given", () => {
    expect(readRichText(form({ summary: json }), "summary")).toMatchObject({ ok: true });
    expect(readRichText(form({ summaryText: "samenvatting" }), "summary")).toMatchObject({ ok: true, html: "<p>samenvatting</p>" });
    expect(readRichText(form({ body: json }), "summary")).toEqual({ ok: false, error: "richText.empty" });
  });

  test.each([
    ["bad JSON", { body: "{not json" }, "richText.invalid"],
    ["JSON that is HTML", { body: '"<p>hallo</p>"' }, "richText.invalid"],
    ["a file instead of JSON", { body: new Blob(["{}"]) }, "richText.invalid"],
    ["a file instead of text", { bodyText: new Blob(["hallo"]) }, "richText.invalid"],
    ["no fields at all", {}, "richText.empty"],
    ["an empty textarea", { bodyText: "" }, "richText.empty"],
    ["a textarea with only blank lines", { bodyText: "\n \n\t\n" }, "richText.empty"],
    ["an empty editor", { body: JSON.stringify(doc(p())) }, "richText.empty"],
    ["a script link from the editor", { body: JSON.stringify(withLink("javascript:alert(1)")) }, "richText.badLink"],
    ["a textarea over the limit", { bodyText: "x".repeat(RICH_TEXT_MAX + 1) }, "richText.tooLong"],
    ["an enormous JSON string", { body: JSON.stringify(doc(...Array.from({ length: 20_000 }, () => p(text("a"))))) }, "richText.tooLong"],
  ] as [string, Record<string, string | Blob>, RichTextError][])("%s → %s", (_name, fields, error) => {
    expect(readRichText(form(fields))).toEqual({ ok: false, error });
  });

  test("zod helpers put the problem under the field", () => {
    const schema = z.object({ title: z.string(), ...richTextShape("body") }).superRefine(refineRichText("body"));
    expect(schema.safeParse({ title: "t", bodyText: "hallo" }).success).toBe(true);
    expect(schema.safeParse({ title: "t", body: json }).success).toBe(true);
    const failed = schema.safeParse({ title: "t", body: "", bodyText: "  " });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues).toMatchObject([{ path: ["body"], message: "richText.empty" }]);
  });
});

// -- the configured editor --------------------------------------------------------------
// happy-dom is not installed, so the editor runs headless (no DOM, so no HTML content): the
// document is built with the commands the toolbar uses, and from JSON with Tiptap's defaults.
describe("the Tiptap editor's JSON passes validateDoc", () => {
  const t = (value: string): JSONContent => ({ type: "text", text: value });
  const para = (value: string): JSONContent => ({ type: "paragraph", content: [t(value)] });
  const newEditor = (content: JSONContent) => new Editor({ element: null, extensions: richTextExtensions, content });
  // A headless editor has no view and so runs no plugins; a state made with the guard plugin does.
  const withPlugins = (editor: Editor) => EditorState.create({ schema: editor.schema, doc: editor.state.doc, plugins: [schemaGuardPlugin()] });

  function find(editor: Editor, words: string) {
    let found: { from: number; to: number } | null = null;
    editor.state.doc.descendants((node, pos) => {
      const index = node.isText ? (node.text ?? "").indexOf(words) : -1;
      if (!found && index >= 0) found = { from: pos + index, to: pos + index + words.length };
      return !found;
    });
    if (!found) throw new Error(`"${words}" is not in the document`);
    return found as { from: number; to: number };
  }

  test("a document with every feature, made with the toolbar's commands", () => {
    const editor = newEditor({
      type: "doc",
      content: [para("Vet en schuin."), para("Een webadres, een website en mail."), para("regel een regel twee"), para("opsomming"), para("ingesprongen"), para("genummerd"), para("citaat")],
    });
    const run = (selection: number | { from: number; to: number }, command: (chain: ChainedCommands) => ChainedCommands) =>
      expect(command(editor.chain().setTextSelection(selection)).run()).toBe(true);
    run(find(editor, "Vet"), (chain) => chain.toggleBold());
    run(find(editor, "schuin"), (chain) => chain.toggleItalic());
    run(find(editor, "webadres"), (chain) => chain.setLink({ href: "https://example.nl" }));
    run(find(editor, "website"), (chain) => chain.setLink({ href: "http://example.nl" }).toggleBold());
    run(find(editor, "mail"), (chain) => chain.setLink({ href: "mailto:info@example.nl" }));
    run(find(editor, "regel een").to, (chain) => chain.setHardBreak());
    run({ from: find(editor, "opsomming").from, to: find(editor, "ingesprongen").to }, (chain) => chain.toggleBulletList());
    run(find(editor, "ingesprongen"), (chain) => chain.sinkListItem("listItem"));
    run(find(editor, "genummerd"), (chain) => chain.toggleOrderedList().updateAttributes("orderedList", { start: 3 }));
    run(find(editor, "citaat"), (chain) => chain.toggleBlockquote().toggleBulletList());

    const json = editor.getJSON();
    // Exactly the schema: links carry only href, ordered lists only start.
    expect(JSON.stringify(json)).not.toMatch(/"(target|rel|class|title)"|"type":null/);
    const result = validateDoc(json);
    expect(result).toMatchObject({ ok: true });
    const html = result.ok ? renderHtml(result.doc) : "";
    assertSafeHtml(html);
    expect(html).toBe(
      "<p><strong>Vet</strong> en <em>schuin</em>.</p>" +
        '<p>Een <a href="https://example.nl/" rel="nofollow ugc noopener">webadres</a>, een <a href="http://example.nl/" rel="nofollow ugc noopener"><strong>website</strong></a> en <a href="mailto:info@example.nl" rel="nofollow ugc noopener">mail</a>.</p>' +
        "<p>regel een<br> regel twee</p>" +
        "<ul><li><p>opsomming</p><ul><li><p>ingesprongen</p></li></ul></li></ul>" +
        '<ol start="3"><li><p>genummerd</p></li></ol>' +
        "<blockquote><ul><li><p>citaat</p></li></ul></blockquote>",
    );
    editor.destroy();
  });

  test("refuses script links in its link command", () => {
    const editor = newEditor({ type: "doc", content: [para("Hallo wereld")] });
    expect(editor.chain().setTextSelection({ from: 1, to: 6 }).setLink({ href: "javascript:alert(1)" }).run()).toBe(false);
    expect(editor.chain().setTextSelection({ from: 1, to: 6 }).setLink({ href: "data:text/html,x" }).run()).toBe(false);
    expect(editor.chain().setTextSelection({ from: 1, to: 6 }).setLink({ href: "//evil.example" }).run()).toBe(false);
    expect(JSON.stringify(editor.getJSON())).not.toContain("link");
    editor.destroy();
  });

  test("drops Tiptap's extra attributes from content it is given", () => {
    const editor = newEditor({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "link", attrs: { href: "https://example.nl", target: "_blank", rel: "noopener", class: "x", title: "t" } }] }] },
        { type: "orderedList", attrs: { start: 5, type: "a" }, content: [{ type: "listItem", content: [para("b")] }] },
      ],
    });
    expect(editor.getJSON().content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "link", attrs: { href: "https://example.nl" } }] }] },
      { type: "orderedList", attrs: { start: 5 }, content: [{ type: "listItem", content: [para("b")] }] },
    ]);
    expect(validateDoc(editor.getJSON()).ok).toBe(true);
    editor.destroy();
  });

  test("brings list numbers the server would refuse back into range", () => {
    const editor = newEditor({ type: "doc", content: [para("a")] });
    const state = withPlugins(editor);
    const list = (start: number) =>
      editor.schema.nodes.orderedList!.create({ start }, editor.schema.nodes.listItem!.create(null, editor.schema.nodes.paragraph!.create(null, editor.schema.text("x"))));
    const next = state.apply(state.tr.insert(state.doc.content.size, [list(0), list(-3), list(10_000_000), list(4)]));
    const starts: unknown[] = [];
    next.doc.forEach((node) => {
      if (node.type.name === "orderedList") starts.push(node.attrs.start);
    });
    expect(starts).toEqual([1, 1, 1, 4]);
    expect(validateDoc(next.doc.toJSON()).ok).toBe(true);
    editor.destroy();
  });

  test("does not nest lists and quotes deeper than the server accepts", () => {
    const nested = (levels: number) => {
      let inner: JSONContent = para("diep");
      for (let level = 0; level < levels; level++) inner = { type: "blockquote", content: [inner] };
      return newEditor({ type: "doc", content: [inner] });
    };
    const wrapped = (levels: number) => {
      const editor = nested(levels);
      let state = withPlugins(editor);
      state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, find(editor, "diep").from)));
      wrapIn(editor.schema.nodes.blockquote!)(state, (tr) => (state = state.apply(tr)));
      editor.destroy();
      return nestingOf(state.doc);
    };
    expect(wrapped(RICH_TEXT_MAX_NESTING - 1)).toBe(RICH_TEXT_MAX_NESTING);
    expect(wrapped(RICH_TEXT_MAX_NESTING)).toBe(RICH_TEXT_MAX_NESTING);
  });

  test("the link field and autolinking complete addresses the way the server accepts them", () => {
    expect(hrefFromInput(" www.example.nl/pad ")).toBe("https://www.example.nl/pad");
    expect(hrefFromInput("example.nl:8080")).toBe("https://example.nl:8080/");
    expect(hrefFromInput("jan@example.nl")).toBe("mailto:jan@example.nl");
    expect(hrefFromInput("http://example.nl")).toBe("http://example.nl/");
    for (const bad of ["javascript:alert(1)", "user:pass@evil.example", "/pad", "woord", "", "data:text/html,x"]) expect(hrefFromInput(bad)).toBeNull();
    const linkExtension = richTextExtensions.find((extension) => extension.name === "link");
    const options = linkExtension?.options as { autolink: boolean; openOnClick: boolean; shouldAutoLink: (url: string) => boolean; HTMLAttributes: Record<string, unknown> };
    expect(options).toMatchObject({ autolink: true, openOnClick: false, HTMLAttributes: { target: null, class: null } });
    expect(options.shouldAutoLink("www.example.nl")).toBe(true);
    expect(options.shouldAutoLink("jan@example.nl")).toBe(true);
    expect(options.shouldAutoLink("https://bank.example@evil.example")).toBe(false);
  });

  test("an empty editor posts a document the server calls empty", () => {
    const editor = newEditor({ type: "doc", content: [{ type: "paragraph" }] });
    expect(validateDoc(editor.getJSON())).toEqual({ ok: false, error: "richText.empty" });
    editor.destroy();
  });
});
