/**
 * How easy a Dutch text is to read, for the plain-language meter on
 * proposals. Pure and without dependencies: the same numbers in the browser
 * while someone writes and on the server for the published proposal.
 *
 * The score is Flesch-Douma (W.H. Douma, "De leesbaarheid van landbouwbladen",
 * 1960), the Dutch adaptation of the Flesch Reading Ease formula:
 *   206.835 - 0.93 × (words / sentences) - 77 × (syllables / words)
 * clamped to 0–100. Higher is easier; about 60 or more fits language level B1.
 * It only measures the length of sentences and words, so it is advice, never a verdict.
 */

export type ReadabilityLevel = "veryEasy" | "easy" | "fair" | "difficult" | "veryDifficult";

export type LongSentence = { text: string; words: number };
export type LongWord = { word: string; syllables: number; letters: number };

export type Readability = {
  /** 0–100, rounded; null when there is no text to measure. */
  score: number | null;
  level: ReadabilityLevel | null;
  counts: { words: number; sentences: number; syllables: number; averageSentenceLength: number };
  /** Sentences of more than LONG_SENTENCE_WORDS words, longest first. */
  longSentences: LongSentence[];
  /** Distinct long words, most syllables first. */
  longWords: LongWord[];
};

/** A score of about this or higher fits language level B1. */
import { B1_SCORE, LONG_SENTENCE_WORDS, LONG_WORD_LETTERS, LONG_WORD_SYLLABLES } from "./readability-limits.ts";

export { B1_SCORE, LONG_SENTENCE_WORDS, LONG_WORD_LETTERS, LONG_WORD_SYLLABLES };
const MAX_LONG_SENTENCES = 5;
const MAX_LONG_WORDS = 10;

/** The lowest score of each level, easiest first. */
const LEVELS: readonly [ReadabilityLevel, number][] = [
  ["veryEasy", 80],
  ["easy", 60],
  ["fair", 50],
  ["difficult", 30],
  ["veryDifficult", 0],
];

export function levelOf(score: number): ReadabilityLevel {
  return LEVELS.find(([, min]) => score >= min)?.[0] ?? "veryDifficult";
}

/** The Flesch-Douma formula itself, unrounded and unclamped. */
export function fleschDouma(words: number, sentences: number, syllables: number): number {
  return 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words);
}

// ---- sentences ----

/** Abbreviations that never end a sentence (lower case, with their dots). */
const ABBREVIATIONS = new Set([
  "aanv.", "afb.", "afd.", "afk.", "art.", "bijl.", "bijv.", "blz.", "bv.", "ca.", "cf.", "dhr.", "dr.", "drs.",
  "evt.", "excl.", "fa.", "fig.", "gem.", "hfst.", "ing.", "incl.", "ir.", "jhr.", "jr.", "max.", "mevr.", "min.", "mln.", "mld.",
  "mr.", "mrd.", "mw.", "nl.", "nr.", "nrs.", "ong.", "pag.", "p.", "prof.", "red.", "resp.", "sr.", "st.", "tel.", "vgl.", "vnl.",
  "vs.", "zgn.", "zg.", "jan.", "feb.", "febr.", "mrt.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.",
]);
/** Abbreviations that may also end a sentence: they do when a capital follows. */
const FINAL_ABBREVIATIONS = new Set(["enz.", "etc.", "e.d.", "e.a.", "jl.", "a.s.", "e.v."]);
/** Initials ("J.", "J.P.") and dotted abbreviations ("o.a.", "d.w.z."); not "er." or "nu.". */
const LETTER_DOTS = /^(?:\p{Lu}\.|(?:\p{L}{1,2}\.){2,})$/u;

const TERMINATOR = /(?:[.!?…]+)["'”’»)\]]*(?=\s|$)/gu;
/** List bullets, numbers and quote marks that docToText puts before lines. */
const LINE_MARKER = /^\s*(?:>\s*)*(?:[-*•–]\s+|\d{1,3}[.)]\s+)?/u;

function endsSentence(line: string, index: number, terminator: string): boolean {
  const rest = line.slice(index + terminator.length).trimStart();
  if (!rest) return true;
  const punctuation = terminator.replace(/["'”’»)\]]+$/u, "");
  if (/[!?]/u.test(punctuation)) return true;
  const next = rest.replace(/^["'“‘«([]+/u, "");
  const startsUpper = /^[\p{Lu}\p{N}]/u.test(next);
  // An ellipsis mid-sentence ("en dan… niets") or a period before a lower-case word is no sentence end.
  if (!startsUpper) return false;
  if (punctuation !== ".") return true;
  const token = (line.slice(0, index).split(/\s/).pop() ?? "").replace(/^["'“‘«([]+/u, "") + ".";
  const lower = token.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (FINAL_ABBREVIATIONS.has(lower)) return true;
  return !LETTER_DOTS.test(token);
}

/**
 * The sentences of a text. A sentence ends at . ! ? or … before a space, and
 * at every line break: list items, headings and the title rarely end with a
 * full stop. Abbreviations, initials and decimals ("3.5") do not end one.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = rawLine.replace(LINE_MARKER, "").trim();
    if (!line) continue;
    let start = 0;
    for (const match of line.matchAll(TERMINATOR)) {
      const end = match.index + match[0].length;
      if (!endsSentence(line, match.index, match[0])) continue;
      sentences.push(line.slice(start, end).trim());
      start = end;
    }
    sentences.push(line.slice(start).trim());
  }
  return sentences.filter((sentence) => splitWords(sentence).length > 0);
}

// ---- words ----

const ADDRESS = /\b(?:https?:\/\/|mailto:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
// Dotted abbreviations and initials as one word; otherwise letters and digits, joined by hyphens,
// apostrophes ("auto's") or, between digits, by . and , ("3.5", "1.000").
const WORD = /(?:\p{L}{1,2}\.){2,}|[\p{L}\p{M}\p{N}]+(?:(?:[-‐‑'’]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** The words of a text. Web and e-mail addresses are skipped: nobody reads them word by word. */
export function splitWords(text: string): string[] {
  return text.replace(ADDRESS, " ").match(WORD) ?? [];
}

// ---- syllables ----

const IJ = "ĳ"; // The ligature stands in for the vowel "ij" while counting.
const VOWELS = new Set(["a", "e", "i", "o", "u", "y", IJ]);
/** Three vowel letters that are one sound; eeu and ieu only before a w ("eeuw", "nieuw", but "in-ge-ni-eur"). */
const TRIPLES = new Set(["aai", "ooi", "oei", "eau", "eeu", "ieu"]);
const BEFORE_W = new Set(["eeu", "ieu"]);
const DOUBLES = new Set(["aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui", "ei", "ou", "au", "ai", "oi", "ey", "ay", "oy"]);

/** Syllables in one vowel group: greedy, longest known combination first. */
function nuclei(group: string, next: string): number {
  let count = 0;
  for (let index = 0; index < group.length; count++) {
    const triple = group.slice(index, index + 3);
    if (TRIPLES.has(triple) && (!BEFORE_W.has(triple) || (index + 3 === group.length && next === "w"))) index += 3;
    else if (DOUBLES.has(group.slice(index, index + 2))) index += 2;
    else index += 1;
  }
  return count;
}

function partSyllables(part: string): number {
  if (/^[\p{N}.,]+$/u.test(part)) return Math.max(1, part.replace(/\D/g, "").length);
  // Letters, with a trema (ë, ï, ö, ü) marking a vowel that starts a new syllable; other accents are dropped.
  const letters: { char: string; trema: boolean }[] = [];
  for (const char of part.toLowerCase().normalize("NFD")) {
    if (char === "\u0308" && letters.length) letters[letters.length - 1]!.trema = true;
    else if (/[a-z]/.test(char)) letters.push({ char, trema: false });
  }
  for (let index = 0; index < letters.length - 1; index++) {
    if (letters[index]!.char === "i" && letters[index + 1]!.char === "j" && !letters[index]!.trema) {
      letters.splice(index, 2, { char: IJ, trema: false });
    }
  }
  // A y before a vowel at the start is a consonant ("yoga").
  const isVowel = (index: number) => VOWELS.has(letters[index]!.char) && !(index === 0 && letters[0]!.char === "y" && letters.length > 1 && VOWELS.has(letters[1]!.char));
  let count = 0;
  let group = "";
  for (let index = 0; index <= letters.length; index++) {
    const letter = letters[index];
    if (letter && isVowel(index) && !(letter.trema && group)) {
      group += letter.char;
      continue;
    }
    if (group) count += nuclei(group, letter?.char ?? "");
    group = letter && isVowel(index) ? letter.char : "";
  }
  // "museum", "jubileum": here eu is two vowels.
  if (/[^aeiou]eum$/.test(part.toLowerCase())) count++;
  return count;
}

/**
 * Syllables of a Dutch word, from its vowel groups: diphthongs and long
 * vowels (aa, ie, ij, eu, ui, ooi, eeuw, ...) count once, a trema starts a
 * new syllable. A heuristic: loanwords with a silent e ("website") get one
 * too many. Parts of a hyphenated word are counted separately; at least 1.
 */
export function countSyllables(word: string): number {
  let total = 0;
  for (const part of word.replace(/['’]/g, "").split(/[-‐‑]/)) if (part) total += partSyllables(part);
  return Math.max(1, total);
}

// ---- the whole analysis ----

/** The text the meter measures for a proposal: title, summary and body, each its own block. Used on both sides. */
export function readabilityText(parts: readonly (string | null | undefined)[]): string {
  return parts
    .map((part) => part?.trim() ?? "")
    .filter(Boolean)
    .join("\n\n");
}

function countLetters(word: string): number {
  return word.match(/\p{L}/gu)?.length ?? 0;
}

export function analyseReadability(text: string): Readability {
  const sentences = splitSentences(text);
  const sentenceWords = sentences.map(splitWords);
  const words = sentenceWords.flat();
  const syllablesOf = new Map<string, number>();
  let syllables = 0;
  for (const word of words) {
    const key = word.toLowerCase();
    let count = syllablesOf.get(key);
    if (count === undefined) syllablesOf.set(key, (count = countSyllables(word)));
    syllables += count;
  }

  const longSentences = sentences
    .map((sentence, index) => ({ text: sentence, words: sentenceWords[index]!.length }))
    .filter((sentence) => sentence.words > LONG_SENTENCE_WORDS)
    .sort((a, b) => b.words - a.words)
    .slice(0, MAX_LONG_SENTENCES);

  const seen = new Set<string>();
  const longWords: LongWord[] = [];
  for (const word of words) {
    const key = word.toLowerCase();
    // Numbers and dotted abbreviations are not words to rewrite.
    if (seen.has(key) || /[\p{N}.]/u.test(word)) continue;
    seen.add(key);
    const letters = countLetters(word);
    const count = syllablesOf.get(key) ?? countSyllables(word);
    if (count >= LONG_WORD_SYLLABLES || letters >= LONG_WORD_LETTERS) longWords.push({ word, syllables: count, letters });
  }
  longWords.sort((a, b) => b.syllables - a.syllables || b.letters - a.letters);

  const counts = {
    words: words.length,
    sentences: sentences.length,
    syllables,
    averageSentenceLength: sentences.length ? words.length / sentences.length : 0,
  };
  if (!words.length) return { score: null, level: null, counts, longSentences: [], longWords: [] };
  const score = Math.round(Math.min(100, Math.max(0, fleschDouma(words.length, sentences.length, syllables))));
  return { score, level: levelOf(score), counts, longSentences, longWords: longWords.slice(0, MAX_LONG_WORDS) };
}
