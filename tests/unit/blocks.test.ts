import { describe, expect, test } from "vitest";
import { anchorFor, commentableParagraphs, parseBlocks as parseWithAnchors } from "#app/content/blocks.ts";

/** The blocks without their anchors, which have tests of their own below. */
const parseBlocks = (source: string) =>
  parseWithAnchors(source).map((block) => {
    const { anchor: _anchor, ...rest } = block as typeof block & { anchor?: string };
    return rest;
  });

describe("parseBlocks", () => {
  test("splits paragraphs on blank lines and joins wrapped lines", () => {
    expect(parseBlocks("Eerste regel\nloopt door.\n\nTweede alinea.")).toEqual([
      { type: "paragraph", text: "Eerste regel loopt door." },
      { type: "paragraph", text: "Tweede alinea." },
    ]);
  });

  test("reads numbered and bulleted lists, also right after a lead-in line", () => {
    expect(parseBlocks("Dit levert op:\n1. minder verspilling;\n2. innovatie.\n\n- een\n- twee")).toEqual([
      { type: "paragraph", text: "Dit levert op:" },
      { type: "ordered", items: ["minder verspilling;", "innovatie."] },
      { type: "bulleted", items: ["een", "twee"] },
    ]);
  });

  test("reads headings and normalises Windows line ends", () => {
    expect(parseBlocks("## Stakeholderforum\r\nHet forum denkt mee.\r\n\r\n\r\n## OGP")).toEqual([
      { type: "heading", text: "Stakeholderforum" },
      { type: "paragraph", text: "Het forum denkt mee." },
      { type: "heading", text: "OGP" },
    ]);
  });

  test("gives nothing for empty or blank text", () => {
    expect(parseBlocks("")).toEqual([]);
    expect(parseBlocks(" \n\n  \n")).toEqual([]);
  });

  test("keeps a number that does not start a list item as text", () => {
    expect(parseBlocks("In 2019 waren er 30.775 klachten.")).toEqual([{ type: "paragraph", text: "In 2019 waren er 30.775 klachten." }]);
  });
});

describe("paragraph anchors", () => {
  const text = "Eerste alinea.\n\nTweede alinea.\n\n1. een\n2. twee\n\nDerde alinea.";

  test("every paragraph and list has one, headings have none", () => {
    const blocks = parseWithAnchors(`## Kop\n\n${text}`);
    expect(blocks[0]).toEqual({ type: "heading", text: "Kop" });
    expect(blocks.slice(1).map((block) => ("anchor" in block ? block.anchor : null))).toEqual(
      commentableParagraphs(text).map((paragraph) => paragraph.anchor),
    );
    expect(new Set(commentableParagraphs(text).map((p) => p.anchor)).size).toBe(4);
  });

  test("survive an edit of another paragraph, and change with their own", () => {
    const before = commentableParagraphs(text);
    const edited = commentableParagraphs(text.replace("Tweede alinea.", "Tweede alinea, herschreven.").replace("Eerste alinea.", "Nieuw begin.\n\nEerste alinea."));
    const anchorOf = (list: typeof before, words: string) => list.find((p) => p.text === words)?.anchor;
    expect(anchorOf(edited, "Eerste alinea.")).toBe(anchorOf(before, "Eerste alinea."));
    expect(anchorOf(edited, "Derde alinea.")).toBe(anchorOf(before, "Derde alinea."));
    expect(anchorOf(edited, "een\ntwee")).toBe(anchorOf(before, "een\ntwee"));
    expect(anchorOf(edited, "Tweede alinea, herschreven.")).not.toBe(anchorOf(before, "Tweede alinea."));
  });

  test("repeated paragraphs get distinct anchors", () => {
    expect(commentableParagraphs("Zelfde.\n\nZelfde.").map((p) => p.anchor)).toEqual([anchorFor("Zelfde."), `${anchorFor("Zelfde.")}-2`]);
  });
});
