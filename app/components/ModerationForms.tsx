/**
 * Small moderation forms shared by the queue, the item page and the thread
 * (moderating in place). Each is a plain form posting to the item's page,
 * with `terug` saying where to come back to with the outcome.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { StatusMessage, SubmitButton } from "#app/components/forms.tsx";
import { HIDE_REASON_CODES, NOTE_MAX } from "#app/forms/moderation-limits.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

/** Codes of a decision that did its work; anything else is a refusal. */
const DONE = new Set(["approve", "hide", "restore", "redact", "dismiss", "lock", "unlock", "timeout", "claimed", "appealGrant", "appealUphold"]);

export function ModerationResult({ code }: { code: string | null }) {
  const t = useTranslate();
  if (!code) return null;
  const key = `moderation.result.${code}` as MessageKey;
  return <StatusMessage type={DONE.has(code) ? "ok" : "warning"}>{t(key) ?? t("moderation.result.unknown")}</StatusMessage>;
}

export function IntentButton({ action, back, intent, label, appearance = "secondary" }: { action: string; back: string; intent: string; label: string; appearance?: "primary" | "secondary" | "subtle" }) {
  return (
    <Form method="post" action={action} className="inspraak-inline-form">
      <input type="hidden" name="terug" value={back} />
      <input type="hidden" name="intent" value={intent} />
      <SubmitButton appearance={appearance}>{label}</SubmitButton>
    </Form>
  );
}

/** Label, optional hint and one input of a moderation form (plain forms, validated on the server). */
export function ModerationField({ id, label, kind, hint, children }: { id: string; label: string; kind: "text" | "textarea" | "select"; hint?: string; children: ReactNode }) {
  return (
    <div className={`utrecht-form-field utrecht-form-field--${kind}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint ? (
        <div className="utrecht-form-field-description" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function ReasonSelect({ id, name = "reason", required = true }: { id: string; name?: string; required?: boolean }) {
  const t = useTranslate();
  return (
    <ModerationField id={id} label={t("moderation.form.reason")} kind="select">
      <select id={id} name={name} required={required} className="utrecht-select utrecht-select--html-select" defaultValue="">
        <option value="">{t("moderation.form.chooseReason")}</option>
        {HIDE_REASON_CODES.map((code) => (
          <option key={code} value={code}>
            {t(`moderation.reason.${code}`)}
          </option>
        ))}
      </select>
    </ModerationField>
  );
}

export function NoteField({ id, label, name = "note", required = false }: { id: string; label: string; name?: string; required?: boolean }) {
  const t = useTranslate();
  return (
    <ModerationField id={id} label={label} kind="textarea" hint={t("moderation.form.noteHint", { max: NOTE_MAX })}>
      <textarea id={id} name={name} rows={2} maxLength={NOTE_MAX} required={required} aria-describedby={`${id}-hint`} className="utrecht-textarea utrecht-textarea--html-textarea" />
    </ModerationField>
  );
}

/** Hide with a reason code and a public note. */
export function HideForm({ action, back, idPrefix }: { action: string; back: string; idPrefix: string }) {
  const t = useTranslate();
  return (
    <Form method="post" action={action} className="inspraak-form">
      <input type="hidden" name="terug" value={back} />
      <input type="hidden" name="intent" value="hide" />
      <ReasonSelect id={`${idPrefix}-reden`} />
      <NoteField id={`${idPrefix}-toelichting`} label={t("moderation.form.publicNote")} />
      <SubmitButton>{t("moderation.action.hide")}</SubmitButton>
    </Form>
  );
}
