/**
 * The plain-language meter (Direct Duidelijk, language level B1). It advises
 * and never blocks. <ReadabilityMeter> analyses a text and shows it with
 * <ReadabilityReport> (which a page can also give a result from its loader);
 * <LiveReadabilityMeter> follows what someone is writing in a form.
 */
import { useEffect, useMemo, useState } from "react";
import { analyseReadability, readabilityText } from "#app/content/readability.ts";
import { docToText } from "#app/richtext/render.ts";
import { validateDoc } from "#app/richtext/validate.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { ReadabilityReport } from "./ReadabilityReport.tsx";

/** How long typing must pause before the meter (and its live region) changes. */
export const SETTLE_MS = 800;

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
  const settledText = useSettled(text, SETTLE_MS);
  const result = useMemo(() => analyseReadability(settledText), [settledText]);
  return <ReadabilityReport result={result} headingLevel={headingLevel} showLists={showLists} />;
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
