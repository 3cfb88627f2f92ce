import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { LiveReadabilityMeter, ReadabilityMeter } from "#app/components/ReadabilityMeter.tsx";
import {
  analyseReadability,
  countSyllables,
  fleschDouma,
  levelOf,
  readabilityText,
  splitSentences,
  splitWords,
} from "#app/content/readability.ts";
import { en } from "#app/i18n/en.ts";
import type { Locale } from "#app/i18n/index.ts";
import { nl } from "#app/i18n/nl.ts";
import { docToText, textToDoc } from "#app/richtext/render.ts";

// useTranslate reads the root loader data, which needs a Remix router; here the dictionaries are used directly.
const page = vi.hoisted(() => ({ locale: "nl" as Locale }));
vi.mock("#app/i18n/use-translate.ts", async () => {
  const { translator } = await import("#app/i18n/index.ts");
  return { useLocale: () => page.locale, useTranslate: () => translator(page.locale) };
});

const PLAN_SENTENCE =
  "Met het Rijksprogramma Duurzaam Digitale Informatiehuishouding (RDDI) ondersteunen we ministeries bij het in praktijk brengen van actieve openbaarmaking.";
const B1_SENTENCE = "Wij willen dat je meedoet. Je kunt ons altijd mailen of bellen.";

/** Syllable counts as the Woordenlijst hyphenates the words. */
const SYLLABLES: [string, number][] = [
  ["actiepunt", 3], ["overheid", 3], ["openbaarmaking", 5], ["informatiehuishouding", 7],
  // be-leids-in-ti-mi-teit: 6 vowel groups, so 6 (not 7).
  ["beleidsintimiteit", 6],
  ["ideeën", 3], ["geïnteresseerd", 5], ["eeuw", 1], ["nieuw", 1], ["mooi", 1], ["kraaien", 2], ["zee", 1],
  ["België", 3], ["reünie", 3], ["huis", 1], ["fiets", 1], ["boek", 1], ["deur", 1], ["tijd", 1], ["trein", 1],
  ["vrouw", 1], ["blauw", 1], ["leeuw", 1], ["draaien", 2], ["groeien", 2], ["mooie", 2], ["burger", 2],
  ["gemeente", 3], ["ministerie", 4], ["participatie", 5], ["transparantie", 4], ["democratie", 4],
  ["samenleving", 4], ["bijeenkomst", 3], ["duurzaam", 2], ["digitale", 4], ["ondersteunen", 4],
  ["verantwoordelijkheid", 6], ["ruïne", 3], ["naïef", 2], ["coöperatie", 5], ["materiaal", 4], ["sociaal", 3],
  ["creatief", 3], ["theater", 3], ["situatie", 4], ["actueel", 3], ["museum", 3], ["radio", 3], ["eieren", 3],
  ["uien", 2], ["knieën", 2], ["e-mail", 2], ["auto's", 2], ["ambtenaar", 3], ["zeeën", 2], ["politie", 3],
  ["ingenieur", 4], ["Rijksprogramma", 4], ["cadeau", 2], ["poëzie", 3], ["yoga", 2], ["baby", 2], ["één", 1],
  ["hooi", 1], ["saai", 1], ["moeilijk", 2], ["makkelijk", 3], ["IJsland", 2], ["Europese", 4], ["idee", 2],
  ["geuit", 2], ["zoiets", 2],
  // Known misses: English loanwords. A silent final e and "ea" as one vowel are not Dutch rules; the counter says 3, 3 and 2.
  ["website", 2], ["software", 2], ["team", 1],
];

describe("syllables", () => {
  test("at least 90% of a list of Dutch words is counted exactly", () => {
    const misses = SYLLABLES.filter(([word, expected]) => countSyllables(word) !== expected).map(([word]) => word);
    expect(SYLLABLES.length).toBeGreaterThanOrEqual(40);
    expect(1 - misses.length / SYLLABLES.length, `misses: ${misses.join(", ")}`).toBeGreaterThanOrEqual(0.9);
  });

  test("long vowels, diphthongs and eeuw/ieuw are one syllable, a trema starts a new one", () => {
    expect(countSyllables("eeuw")).toBe(1);
    expect(countSyllables("nieuwsgierig")).toBe(3);
    expect(countSyllables("kraaien")).toBe(2);
    expect(countSyllables("ideeën")).toBe(3);
    expect(countSyllables("geïnteresseerd")).toBe(5);
  });

  test("every word has at least one syllable", () => {
    expect(countSyllables("RDDI")).toBe(1);
    expect(countSyllables("st")).toBe(1);
    expect(countSyllables("7")).toBe(1);
  });
});

describe("sentences and words", () => {
  test("abbreviations, decimals and initials do not end a sentence", () => {
    expect(splitSentences("Dit gaat bijv. over o.a. de wet, d.w.z. art. 5 en nr. 3. De rente is 3.5 procent. J. de Vries en J.P. Jansen tekenden.")).toEqual([
      "Dit gaat bijv. over o.a. de wet, d.w.z. art. 5 en nr. 3.",
      "De rente is 3.5 procent.",
      "J. de Vries en J.P. Jansen tekenden.",
    ]);
  });

  test("question and exclamation marks end a sentence; a short word before a period does too", () => {
    expect(splitSentences("Doe je mee? Ja! Kom nu. Dan kan het.")).toEqual(["Doe je mee?", "Ja!", "Kom nu.", "Dan kan het."]);
  });

  test("line breaks end a sentence; list markers from rich text are left out", () => {
    const text = docToText(textToDoc("Mijn voorstel\n\nIk wil drie dingen\n\nMeer inspraak"));
    expect(splitSentences(`${text}\n- eerste punt\n- tweede punt\n1. Stap een`)).toEqual([
      "Mijn voorstel",
      "Ik wil drie dingen",
      "Meer inspraak",
      "eerste punt",
      "tweede punt",
      "Stap een",
    ]);
  });

  test("words: accented letters, digits and hyphenated words; addresses are skipped", () => {
    expect(splitWords("Ideeën van e-mail en auto's: 3.5 of 2024, zie https://voorbeeld.nl/a.b of info@voorbeeld.nl.")).toEqual([
      "Ideeën", "van", "e-mail", "en", "auto's", "3.5", "of", "2024", "zie", "of",
    ]);
  });
});

describe("score", () => {
  test("the Flesch-Douma formula, on a hand-computed example", () => {
    // Wij(1) wil-len(2) een(1) o-pen(2) o-ver-heid(3) | ie-der-een(3) mag(1) mee-pra-ten(3): 8 words, 2 sentences, 16 syllables.
    // 206.835 - 0.93 × 8/2 - 77 × 16/8 = 206.835 - 3.72 - 154 = 49.115
    const result = analyseReadability("Wij willen een open overheid. Iedereen mag meepraten.");
    expect(result.counts).toEqual({ words: 8, sentences: 2, syllables: 16, averageSentenceLength: 4 });
    expect(fleschDouma(8, 2, 16)).toBeCloseTo(49.115, 10);
    expect(result.score).toBe(49);
    expect(result.level).toBe("difficult");
  });

  test("a simple B1 text scores higher than a sentence from the action plan", () => {
    const simple = analyseReadability(B1_SENTENCE);
    const complex = analyseReadability(PLAN_SENTENCE);
    expect(simple.score).toBeGreaterThanOrEqual(60);
    expect(complex.score).toBeLessThan(30);
    expect(simple.score!).toBeGreaterThan(complex.score!);
  });

  test("the score is clamped to 0–100", () => {
    expect(fleschDouma(18, 1, 45)).toBeLessThan(0);
    expect(analyseReadability(PLAN_SENTENCE).score).toBe(0);
    expect(fleschDouma(4, 1, 4)).toBeGreaterThan(100);
    expect(analyseReadability("Ik lees een boek.").score).toBe(100);
  });

  test("levels", () => {
    expect([80, 79, 60, 59, 50, 49, 30, 29, 0].map(levelOf)).toEqual([
      "veryEasy", "easy", "easy", "fair", "fair", "difficult", "difficult", "veryDifficult", "veryDifficult",
    ]);
  });

  test("an empty or blank text has no score", () => {
    for (const text of ["", "   \n\n  ", "... - !"]) {
      const result = analyseReadability(text);
      expect(result.score).toBeNull();
      expect(result.level).toBeNull();
      expect(result.counts.words).toBe(0);
    }
  });
});

describe("long sentences and words", () => {
  const sentence = (words: number) => `${Array.from({ length: words }, (_, index) => (index ? "woord" : "Woord")).join(" ")}.`;

  test("sentences over 20 words, longest first, at most 5", () => {
    const text = [sentence(20), sentence(22), sentence(5), sentence(30), sentence(21), sentence(25), sentence(23), sentence(24)].join(" ");
    const result = analyseReadability(text);
    expect(result.longSentences.map((item) => item.words)).toEqual([30, 25, 24, 23, 22]);
    expect(result.longSentences[0]!.text).toBe(sentence(30));
  });

  test("distinct words of 4+ syllables or 14+ letters, not numbers, at most 10", () => {
    const result = analyseReadability(
      "De informatiehuishouding en de Informatiehuishouding. Een schoonmaakster telt tot 12345678901234. Een huis met een tuin.",
    );
    expect(result.longWords).toEqual([
      { word: "informatiehuishouding", syllables: 7, letters: 21 },
      { word: "schoonmaakster", syllables: 3, letters: 14 },
    ]);
    const many = analyseReadability(
      "organisatie participatie democratie transparantie ministerie samenleving informatie administratie communicatie digitalisering verantwoordelijkheid",
    );
    expect(many.longWords).toHaveLength(10);
    expect(many.longWords[0]!.word).toBe("verantwoordelijkheid");
  });

  test("the text for a proposal counts title, summary and body as separate blocks", () => {
    expect(readabilityText(["Meer bankjes", "  ", null, "In het park. Voor ouderen."])).toBe("Meer bankjes\n\nIn het park. Voor ouderen.");
    expect(analyseReadability(readabilityText(["Meer bankjes", "In het park"])).counts.sentences).toBe(2);
  });
});

describe("ReadabilityMeter", () => {
  beforeEach(() => {
    page.locale = "nl";
  });

  const render = (text: string) => renderToString(createElement(ReadabilityMeter, { text }));

  test("shows the score in a labelled meter with the level as text", () => {
    const html = render("Wij willen een open overheid. Iedereen mag meepraten.");
    expect(html).toMatch(/<meter id="([^"]+)-meter" min="0" max="100" low="50" high="60" optimum="100" value="49"/);
    const meterId = /<meter id="([^"]+)"/.exec(html)![1];
    expect(html).toContain(`<label class="utrecht-form-label" for="${meterId}">${nl["readability.meterLabel"]}</label>`);
    expect(html).toContain(`aria-live="polite" aria-atomic="true"><strong>Moeilijk te lezen (score 49 van 100)</strong>`);
    expect(html).toContain("Probeer een score van ongeveer 60 of hoger te halen.");
    expect(html).toContain("Gemiddeld aantal woorden per zin: 4.");
  });

  test("lists long sentences and long words; a long list is collapsed", () => {
    const longSentence = "Met het Rijksprogramma Duurzaam Digitale Informatiehuishouding ondersteunen we ministeries en gemeenten bij het in praktijk brengen van actieve openbaarmaking van documenten.";
    const html = render(`${longSentence} Dat is goed.`);
    expect(html).toContain(`<li class="utrecht-unordered-list__item">${longSentence} (21 woorden)</li>`);
    expect(html).toMatch(/<h3 class="utrecht-heading-3">Lange zinnen \(1\)<\/h3>/);
    expect(html).toContain("<details");
    expect(html).toContain("<summary>Lange woorden (7)</summary>");
    expect(html).toContain("Informatiehuishouding (7 lettergrepen)</li>");
  });

  test("an empty text shows a message and no meter", () => {
    const html = render("  ");
    expect(html).not.toContain("<meter");
    expect(html).toContain(nl["readability.empty"]);
  });

  test("speaks the page's language", () => {
    page.locale = "en";
    const html = render(B1_SENTENCE);
    expect(html).toContain("Very easy to read (score");
    expect(html).toContain(en["readability.heading"]);
  });

  test("the live meter renders only a note for people without JavaScript on the server", () => {
    const html = renderToString(createElement(LiveReadabilityMeter, { formId: "proposal" }));
    expect(html).toBe(`<noscript><p class="utrecht-paragraph">${nl["readability.afterPublishing"]}</p></noscript>`);
  });
});
