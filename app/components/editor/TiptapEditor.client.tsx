/**
 * The Tiptap editor with its toolbar, loaded only after someone asks for
 * formatting (see RichTextEditor.tsx): this module and Tiptap form a separate
 * chunk of about 130 KB that readers never download.
 */
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { MessageKey } from "#app/i18n/index.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { docLength, type RichDoc } from "#app/richtext/validate.ts";
import { hrefFromInput, richTextExtensions } from "./extensions.ts";
import "./editor.css";

export type TiptapEditorProps = {
  /** Name of the hidden field that posts the document as JSON. */
  name: string;
  /** Id for the editable area, so the label can focus it. */
  contentId: string;
  labelId: string;
  /** Ids of the description and error message around the field. */
  describedBy: string | undefined;
  invalid: boolean;
  initialContent: RichDoc | null;
  maxLength: number;
  autoFocus: boolean;
};

const EMPTY_DOC = { type: "doc", content: [{ type: "paragraph" }] };

type Tool = { key: MessageKey; active: (editor: Editor) => boolean; run: (editor: Editor) => void };
const TOOLS: Tool[] = [
  { key: "richText.bold", active: (e) => e.isActive("bold"), run: (e) => e.chain().focus().toggleBold().run() },
  { key: "richText.italic", active: (e) => e.isActive("italic"), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: "richText.bulletList", active: (e) => e.isActive("bulletList"), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: "richText.orderedList", active: (e) => e.isActive("orderedList"), run: (e) => e.chain().focus().toggleOrderedList().run() },
  { key: "richText.blockquote", active: (e) => e.isActive("blockquote"), run: (e) => e.chain().focus().toggleBlockquote().run() },
];

export function TiptapEditor({ name, contentId, labelId, describedBy, invalid, initialContent, maxLength, autoFocus }: TiptapEditorProps) {
  const t = useTranslate();
  const ids = useId();
  const counterId = `${ids}-counter`;
  const linkInputId = `${ids}-link`;
  const linkHintId = `${ids}-link-hint`;
  const linkErrorId = `${ids}-link-error`;
  const toolbarRef = useRef<HTMLDivElement>(null);
  const linkInputRef = useRef<HTMLInputElement>(null);
  const [json, setJson] = useState(() => JSON.stringify(initialContent ?? EMPTY_DOC));
  const [count, setCount] = useState(() => (initialContent ? docLength(initialContent) : 0));
  const [focusIndex, setFocusIndex] = useState(0);
  const [link, setLink] = useState<{ value: string; invalid: boolean } | null>(null);

  const editorProps = useMemo(
    () => ({
      attributes: {
        id: contentId,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        "aria-describedby": [describedBy, counterId].filter(Boolean).join(" "),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: `inspraak-editor__content${invalid ? " inspraak-editor__content--invalid" : ""}`,
      },
    }),
    [contentId, labelId, describedBy, counterId, invalid],
  );

  const editor = useEditor({
    extensions: richTextExtensions,
    content: initialContent ?? EMPTY_DOC,
    immediatelyRender: false,
    autofocus: autoFocus ? "end" : false,
    editorProps,
    onUpdate: ({ editor: current }) => {
      const doc = current.getJSON();
      setJson(JSON.stringify(doc));
      setCount(docLength(doc));
    },
  });

  const active = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current ? { tools: TOOLS.map((tool) => tool.active(current)), link: current.isActive("link") } : { tools: TOOLS.map(() => false), link: false },
  });

  const openLink = () => {
    if (!editor) return;
    const href = editor.getAttributes("link").href;
    setLink({ value: typeof href === "string" ? href : "", invalid: false });
    // The field appears on the next render; focus it then.
    requestAnimationFrame(() => linkInputRef.current?.focus());
  };

  const closeLink = () => {
    setLink(null);
    editor?.commands.focus();
  };

  const applyLink = () => {
    if (!editor || !link) return;
    if (!link.value.trim()) {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      setLink(null);
      return;
    }
    const href = hrefFromInput(link.value);
    if (!href) {
      setLink({ ...link, invalid: true });
      linkInputRef.current?.focus();
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: link.value.trim(), marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    setLink(null);
  };

  const removeLink = () => {
    if (!editor?.isActive("link")) return;
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
  };

  // One tab stop for the toolbar; arrow keys, Home and End move between its buttons (WAI-ARIA toolbar pattern).
  const onToolbarKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(toolbarRef.current?.querySelectorAll("button") ?? []);
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const next =
      event.key === "ArrowRight" ? (current + 1) % buttons.length
      : event.key === "ArrowLeft" ? (current - 1 + buttons.length) % buttons.length
      : event.key === "Home" ? 0
      : event.key === "End" ? buttons.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons[next]?.focus();
  };

  const onLinkKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter would submit the surrounding form.
    if (event.key === "Enter") {
      event.preventDefault();
      applyLink();
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeLink();
    }
  };

  const tool = (index: number, label: string, pressed: boolean | undefined, onClick: () => void, disabled = false) => (
    <button
      key={label}
      type="button"
      className="utrecht-button utrecht-button--secondary-action utrecht-button--html-button inspraak-editor__tool"
      tabIndex={index === focusIndex ? 0 : -1}
      aria-pressed={pressed}
      aria-disabled={disabled || undefined}
      aria-controls={contentId}
      // Keep the text selection in the editor while the button is clicked.
      onMouseDown={(event) => event.preventDefault()}
      onFocus={() => setFocusIndex(index)}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      {label}
    </button>
  );

  const over = count > maxLength;
  const near = !over && count >= Math.floor(maxLength * 0.9);
  const announcement = over ? t("richText.overLimit", { max: maxLength }) : near ? t("richText.nearLimit", { max: maxLength }) : "";

  return (
    <div className="inspraak-editor">
      <div ref={toolbarRef} role="toolbar" aria-label={t("richText.toolbar")} aria-controls={contentId} className="inspraak-editor__toolbar" onKeyDown={onToolbarKeyDown}>
        {TOOLS.map((item, index) => tool(index, t(item.key), active?.tools[index] ?? false, () => editor && item.run(editor)))}
        {tool(TOOLS.length, t("richText.link"), active?.link ?? false, openLink)}
        {tool(TOOLS.length + 1, t("richText.unlink"), undefined, removeLink, !active?.link)}
      </div>
      {link ? (
        <div className={`inspraak-editor__link utrecht-form-field utrecht-form-field--text${link.invalid ? " utrecht-form-field--invalid" : ""}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={linkInputId}>
              {t("richText.linkLabel")}
            </label>
          </div>
          <div className="utrecht-form-field-description" id={linkHintId}>
            {t("richText.linkHint")}
          </div>
          {link.invalid ? (
            <div className="utrecht-form-field-error-message" id={linkErrorId} role="alert">
              {t("richText.linkInvalid")}
            </div>
          ) : null}
          <div className="utrecht-form-field__input inspraak-editor__link-row">
            {/* type="text": a url input would block submitting the whole form while it holds a half-typed address. No name: it is not posted. */}
            <input
              ref={linkInputRef}
              id={linkInputId}
              type="text"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              className={`utrecht-textbox utrecht-textbox--html-input${link.invalid ? " utrecht-textbox--invalid" : ""}`}
              value={link.value}
              aria-invalid={link.invalid || undefined}
              aria-describedby={link.invalid ? `${linkHintId} ${linkErrorId}` : linkHintId}
              onChange={(event) => setLink({ value: event.target.value, invalid: false })}
              onKeyDown={onLinkKeyDown}
            />
            <button type="button" className="utrecht-button utrecht-button--primary-action utrecht-button--html-button" onClick={applyLink}>
              {t("richText.linkApply")}
            </button>
            <button type="button" className="utrecht-button utrecht-button--subtle-action utrecht-button--html-button" onClick={closeLink}>
              {t("richText.linkCancel")}
            </button>
          </div>
        </div>
      ) : null}
      <EditorContent editor={editor} />
      <input type="hidden" name={name} value={json} />
      <div id={counterId} className={`inspraak-editor__counter${over ? " inspraak-editor__counter--over" : ""}`}>
        {t("richText.counter", { count, max: maxLength })}
      </div>
      {/* Announced only when the text comes near or over the limit, not on every keystroke. */}
      <div className="inspraak-editor__visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
