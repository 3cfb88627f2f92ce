/**
 * The plain-language meter (Direct Duidelijk, language level B1). It advises
 * and never blocks. <ReadabilityMeter> shows the analysis of a text and
 * renders the same on the server (published proposal) and in the browser;
 * <LiveReadabilityMeter> follows what someone is writing in a form.
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import {
  analyseReadability,
  B1_SCORE,
  LONG_SENTENCE_WORDS,
  LONG_WORD_LETTERS,
  LONG_WORD_SYLLABLES,
  readabilityText,
  type ReadabilityLevel,
} from "#app/content/readability.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { docToText } from "#app/richtext/render.ts";
import { validateDoc } from "#app/richtext/validate.ts";
import { Heading2, Heading3, Heading4, ListItem, Paragraph, UnorderedList } from "./nlds.tsx";

/** How long typing must pause before the meter (and its live region) changes. */
export const SETTLE_MS = 800;
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

/** The value, but only once it stopped changing for `delay` ms; the first value at once (also on the server). */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export type ReadabilityMeterProps = {
  /** The plain text to measure; for a proposal use readabilityText([title, summary, docToText(body)]). */
  text: string;
  /** Level of the meter's heading in the page outline. Default 2. */
  headingLevel?: 2 | 3 | 4;
  /** Show the long sentences and long words. Default true. */
  showLists?: boolean;
};

export function ReadabilityMeter({ text, headingLevel = 2, showLists = true }: ReadabilityMeterProps) {
  const t = useTranslate();
  const locale = useLocale();
  const id = useId();
  const settledText = useSettled(text, SETTLE_MS);
  const result = useMemo(() => analyseReadability(settledText), [settledText]);
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

// ---- following a form ----

type Control = HTMLInputElement | HTMLTextAreaElement;

function control(form: HTMLFormElement, name: string): Control | null {
  const element = form.elements.namedItem(name);
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element : null;
}

/** The body as plain text: the editor's JSON (checked like the server does), else its visible text, else the textarea. */
function bodyText(form: HTMLFormElement, field: string): string {
  const json = control(form, field);
  if (json) {
    try {
      const result = validateDoc(JSON.parse(json.value));
      if (result.ok) return docToText(result.doc);
      if (result.error === "richText.empty") return "";
    } catch {
      // Not JSON: read what is on screen instead.
    }
    const editable = json.parentElement?.querySelector<HTMLElement>("[contenteditable='true']") ?? form.querySelector<HTMLElement>("[contenteditable='true']");
    if (editable) return editable.innerText;
  }
  return control(form, `${field}Text`)?.value ?? "";
}

export function readFormText(form: HTMLFormElement, field: string, extraFields: readonly string[]): string {
  return readabilityText([...extraFields.map((name) => control(form, name)?.value), bodyText(form, field)]);
}

export type LiveReadabilityMeterProps = {
  /** Id of the form that holds the rich-text field. */
  formId: string;
  /** Name of the RichTextEditor field: its JSON is posted as `${field}`, the textarea as `${field}Text`. Default "body". */
  field?: string;
  /** Plain inputs or textareas read before the body, each as its own block. Missing ones are skipped. Default title and summary. */
  extraFields?: readonly string[];
} & Omit<ReadabilityMeterProps, "text">;

/**
 * The meter for a text being written in a form. Without JavaScript it shows
 * only a note that the score appears once the proposal is published.
 */
export function LiveReadabilityMeter({ formId, field = "body", extraFields = ["title", "summary"], ...meterProps }: LiveReadabilityMeterProps) {
  const t = useTranslate();
  const [text, setText] = useState<string | null>(null);
  const fieldsKey = extraFields.join("\n");

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const fields = fieldsKey ? fieldsKey.split("\n") : [];
    const read = () => setText(readFormText(form, field, fields));
    read();
    // Read shortly after the event: the editor writes its hidden JSON field after React re-renders.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        read();
      }, 100);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("reset", schedule);
    // Undo, toolbar commands and a field swapped for the editor change the form without an input event.
    const observer = new MutationObserver(schedule);
    observer.observe(form, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["value"] });
    return () => {
      form.removeEventListener("input", schedule);
      form.removeEventListener("reset", schedule);
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [formId, field, fieldsKey]);

  if (text === null) {
    return (
      <noscript>
        <p className="utrecht-paragraph">{t("readability.afterPublishing")}</p>
      </noscript>
    );
  }
  return <ReadabilityMeter text={text} {...meterProps} />;
}
