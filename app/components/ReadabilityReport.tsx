/**
 * How the plain-language meter shows an analysis (app/content/readability.ts).
 * Without the analysis itself: a published proposal's page gets the result
 * from its loader, so the page does not ship the analyser (docs/performance.md).
 */
import { useId, type ReactNode } from "react";
import { B1_SCORE, LONG_SENTENCE_WORDS, LONG_WORD_LETTERS, LONG_WORD_SYLLABLES } from "#app/content/readability-limits.ts";
import type { Readability, ReadabilityLevel } from "#app/content/readability.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { Heading2, Heading3, Heading4, ListItem, Paragraph, UnorderedList } from "./nlds.tsx";

/** Lists longer than this start collapsed. */
const OPEN_LIST_MAX = 3;

const LEVEL_KEYS: Record<ReadabilityLevel, MessageKey> = {
  veryEasy: "readability.level.veryEasy",
  easy: "readability.level.easy",
  fair: "readability.level.fair",
  difficult: "readability.level.difficult",
  veryDifficult: "readability.level.veryDifficult",
};

const HEADINGS = { 2: Heading2, 3: Heading3, 4: Heading4 } as const;

export type ReadabilityReportProps = {
  /** analyseReadability(text) */
  result: Readability;
  /** Level of the meter's heading in the page outline. Default 2. */
  headingLevel?: 2 | 3 | 4;
  /** Show the long sentences and long words. Default true. */
  showLists?: boolean;
};

export function ReadabilityReport({ result, headingLevel = 2, showLists = true }: ReadabilityReportProps) {
  const t = useTranslate();
  const locale = useLocale();
  const id = useId();
  const Heading = HEADINGS[headingLevel];
  const SubHeading = HEADINGS[Math.min(headingLevel + 1, 4) as 3 | 4];
  const number = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 1 });

  const { score, level, counts, longSentences, longWords } = result;
  const summary = score === null || level === null ? t("readability.empty") : t("readability.summary", { level: t(LEVEL_KEYS[level]), score });

  return (
    <section className="inspraak-readability" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t("readability.heading")}</Heading>
      {score !== null ? (
        <div className="inspraak-readability__meter">
          <label className="utrecht-form-label" htmlFor={`${id}-meter`}>
            {t("readability.meterLabel")}
          </label>
          {/* low/high/optimum let the browser colour the bar: below 50 poor, 50–60 fair, from B1 (60) good. */}
          <meter id={`${id}-meter`} min={0} max={100} low={50} high={B1_SCORE} optimum={100} value={score} aria-valuetext={t("readability.valueText", { score })}>
            {t("readability.valueText", { score })}
          </meter>
        </div>
      ) : null}
      {/* The only live region: one short sentence, changed only after typing pauses. */}
      <Paragraph className="inspraak-readability__summary" aria-live="polite" aria-atomic="true">
        <strong>{summary}</strong>
      </Paragraph>
      <Paragraph>{t("readability.advice", { target: B1_SCORE })}</Paragraph>
      {score !== null ? (
        <Paragraph className="inspraak-readability__counts">
          {t("readability.counts", { words: counts.words, sentences: counts.sentences, average: number.format(counts.averageSentenceLength) })}
        </Paragraph>
      ) : null}
      {showLists && longSentences.length ? (
        <Findings heading={t("readability.longSentences.heading", { count: longSentences.length })} Heading={SubHeading} count={longSentences.length}>
          <Paragraph>{t("readability.longSentences.intro", { max: LONG_SENTENCE_WORDS })}</Paragraph>
          <UnorderedList>
            {longSentences.map((sentence, index) => (
              <ListItem key={index}>{t("readability.longSentences.item", { text: sentence.text, words: sentence.words })}</ListItem>
            ))}
          </UnorderedList>
        </Findings>
      ) : null}
      {showLists && longWords.length ? (
        <Findings heading={t("readability.longWords.heading", { count: longWords.length })} Heading={SubHeading} count={longWords.length}>
          <Paragraph>{t("readability.longWords.intro", { syllables: LONG_WORD_SYLLABLES, letters: LONG_WORD_LETTERS })}</Paragraph>
          <UnorderedList className="inspraak-readability__words">
            {longWords.map((word) => (
              <ListItem key={word.word}>
                {t("readability.longWords.item", { word: word.word, syllables: word.syllables })}
              </ListItem>
            ))}
          </UnorderedList>
        </Findings>
      ) : null}
    </section>
  );
}

/** A short list under a heading; a longer one collapsed, so the form stays calm. */
function Findings({ heading, Heading, count, children }: { heading: string; Heading: typeof Heading3; count: number; children: ReactNode }) {
  if (count <= OPEN_LIST_MAX) {
    return (
      <div className="inspraak-readability__findings">
        <Heading>{heading}</Heading>
        {children}
      </div>
    );
  }
  return (
    <details className="inspraak-readability__findings">
      <summary>{heading}</summary>
      {children}
    </details>
  );
}
