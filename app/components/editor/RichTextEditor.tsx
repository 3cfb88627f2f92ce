/**
 * A rich-text field. Rendered on the server and before hydration it is a
 * plain, labelled textarea posting `${name}Text` – all that people without
 * JavaScript get, and it works. After hydration a "Use formatting" button
 * loads the Tiptap editor (a separate chunk, so readers never download it)
 * and swaps it in, carrying over what was typed; the editor posts its
 * document as JSON in the hidden field `${name}`. The server reads either
 * with readRichText (app/richtext/form.ts).
 *
 * The editor starts by itself when the initial document has formatting that
 * the textarea would lose, and on later mounts once someone has used it.
 * To empty the field after a successful submit, give it a new React `key`.
 */
import { useEffect, useId, useRef, useState, type ComponentType } from "react";
import { useErrorText } from "#app/components/forms.tsx";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { docToText, textToDoc } from "#app/richtext/render.ts";
import { RICH_TEXT_MAX } from "#app/richtext/schema.ts";
import type { RichDoc } from "#app/richtext/validate.ts";
import type { TiptapEditorProps } from "./TiptapEditor.client.tsx";

export type RichTextEditorProps = {
  /** The field name: the editor posts `${name}` (JSON), the textarea `${name}Text`. Default "body". */
  name?: string;
  label: string;
  description?: string;
  /** Translation keys (e.g. Conform's `fields.body.errors`) or messages the server already translated. */
  error?: string | readonly string[] | null;
  /** The document being edited. */
  initialDoc?: RichDoc | null;
  maxLength?: number;
  autoFocus?: boolean;
  /** Id of the textarea, and the base of the other ids. */
  id?: string;
};

let loadedEditor: ComponentType<TiptapEditorProps> | null = null;
let loading: Promise<ComponentType<TiptapEditorProps>> | null = null;
// Once someone switched to the editor, fields mounted later on (e.g. after a reset) start with it.
let preferEditor = false;

function loadEditor() {
  loading ??= import("./TiptapEditor.client.tsx").then((module) => (loadedEditor = module.TiptapEditor));
  // A failed download may be retried on the next attempt.
  loading.catch(() => (loading = null));
  return loading;
}

function hasFormatting(doc: RichDoc | null | undefined): boolean {
  return !!doc?.content.some((block) => block.type !== "paragraph" || block.content?.some((inline) => inline.type === "text" && inline.marks?.length));
}

export function RichTextEditor({ name = "body", label, description, error, initialDoc, maxLength = RICH_TEXT_MAX, autoFocus = false, id }: RichTextEditorProps) {
  const t = useTranslate();
  const errorText = useErrorText();
  const generated = useId();
  const baseId = id ?? `${name}-${generated}`;
  const labelId = `${baseId}-label`;
  const descriptionId = `${baseId}-description`;
  const hintId = `${baseId}-hint`;
  const errorId = `${baseId}-error`;
  const contentId = `${baseId}-editor`;

  const [initialText] = useState(() => (initialDoc ? docToText(initialDoc) : ""));
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // Always the textarea on the server and at hydration; a later client-side mount may start with a loaded editor.
  const [Editor, setEditor] = useState<ComponentType<TiptapEditorProps> | null>(() => (preferEditor ? loadedEditor : null));
  const [editorContent, setEditorContent] = useState<RichDoc | null>(initialDoc ?? null);
  const [focusEditor, setFocusEditor] = useState(autoFocus);
  const [hydrated, setHydrated] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);

  const switchToEditor = (focus: boolean) => {
    loadEditor().then(
      (component) => {
        const text = textareaRef.current?.value ?? initialText;
        // Keep the original document (and its formatting) while its text is unchanged.
        const doc = initialDoc && text === initialText ? initialDoc : textToDoc(text);
        preferEditor = true;
        setEditorContent(doc.content.length ? doc : null);
        setFocusEditor(focus || document.activeElement === textareaRef.current);
        setEditor(() => component);
      },
      () => setLoadFailed(true),
    );
  };

  useEffect(() => {
    setHydrated(true);
    if (!Editor && (preferEditor || hasFormatting(initialDoc))) switchToEditor(autoFocus);
    // Only once, after hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const errors = (typeof error === "string" ? [error] : (error ?? [])).filter(Boolean);
  const invalid = errors.length > 0;
  const describedBy = [description ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className={`utrecht-form-field utrecht-form-field--textarea inspraak-richtext${invalid ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        {/* With the editor there is no form control to point at; a click on the label focuses the editor instead. */}
        <label
          className="utrecht-form-label"
          id={labelId}
          htmlFor={Editor ? undefined : baseId}
          onClick={Editor ? () => document.getElementById(contentId)?.focus() : undefined}
        >
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {invalid ? (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {errors.map((message) => errorText(message)).join(" ")}
        </div>
      ) : null}
      {Editor ? (
        <div className="utrecht-form-field__input">
          <Editor
            name={name}
            contentId={contentId}
            labelId={labelId}
            describedBy={describedBy}
            invalid={invalid}
            initialContent={editorContent}
            maxLength={maxLength}
            autoFocus={focusEditor}
          />
        </div>
      ) : (
        <>
          <div className="utrecht-form-field-description" id={hintId}>
            {t("richText.textHint")} {t("richText.limitHint", { max: maxLength })}
          </div>
          <div className="utrecht-form-field__input">
            <textarea
              ref={textareaRef}
              className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? " utrecht-textarea--invalid" : ""}`}
              id={baseId}
              name={`${name}Text`}
              rows={8}
              defaultValue={initialText}
              autoFocus={autoFocus}
              aria-invalid={invalid || undefined}
              aria-describedby={[description ? descriptionId : null, hintId, invalid ? errorId : null].filter(Boolean).join(" ")}
              // Whoever starts writing will likely want the editor: fetch it now so the switch is instant.
              onFocus={() => void loadEditor().catch(() => undefined)}
            />
          </div>
          {hydrated && !loadFailed ? (
            <div className="inspraak-richtext__switch">
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action utrecht-button--html-button"
                onClick={() => switchToEditor(true)}
              >
                {t("richText.useFormatting")}
              </button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
