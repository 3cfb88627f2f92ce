import { describe, expect, test } from "vitest";
import { parseBlocks } from "#app/content/blocks.ts";

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
