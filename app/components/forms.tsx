/**
 * Form parts on NL Design System CSS, for Conform-managed forms and for forms
 * the server alone validates (serverForm). Errors may be translation keys
 * (from the shared zod schemas) or messages the server already translated.
 */
import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { NotSaved } from "#app/forms/not-saved.ts";
import { formSubmissionKey, SUBMISSION_KEY_FIELD } from "#app/forms/submission.ts";
import { isMessageKey } from "#app/i18n/index.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

export function useErrorText() {
  const t = useTranslate();
  return (message: string) => (isMessageKey(message) ? t(message) : message);
}

/** What a field needs from Conform's field metadata. */
type FieldMeta = Pick<FieldMetadata<unknown>, "id" | "name" | "errorId" | "descriptionId" | "errors" | "initialValue" | "required">;

/** Label, description and error message around one input, wired up with ids for screen readers. */
function FieldShell({
  meta,
  label,
  description,
  kind,
  children,
}: {
  meta: FieldMeta;
  label: string;
  description?: string;
  kind: "text" | "select";
  children: (input: { invalid: boolean; describedBy: string | undefined }) => ReactNode;
}) {
  const errorText = useErrorText();
  const errors = meta.errors ?? [];
  const describedBy = [description ? meta.descriptionId : null, errors.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`utrecht-form-field utrecht-form-field--${kind}${errors.length ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={meta.id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description" id={meta.descriptionId}>
          {description}
        </div>
      ) : null}
      {errors.length ? (
        <div className="utrecht-form-field-error-message" id={meta.errorId}>
          {errors.map((error) => errorText(error)).join(" ")}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children({ invalid: errors.length > 0, describedBy })}</div>
    </div>
  );
}

type TextFieldProps = {
  meta: FieldMeta;
  label: string;
  description?: string;
  /** "number" is a text field with a numeric keyboard: type="number" changes its value when someone scrolls over it. */
  type?: "text" | "email" | "password" | "search" | "datetime-local" | "number";
  autoComplete?: string;
  /** Passwords are never put back into the form after a failed submit. */
  keepValue?: boolean;
  maxLength?: number;
};

export function TextField({ meta, label, description, type = "text", autoComplete, keepValue = type !== "password", maxLength }: TextFieldProps) {
  return (
    <FieldShell meta={meta} label={label} description={description} kind="text">
      {({ invalid, describedBy }) => (
        <input
          className={`utrecht-textbox utrecht-textbox--html-input${invalid ? " utrecht-textbox--invalid" : ""}`}
          id={meta.id}
          name={meta.name}
          type={type === "number" ? "text" : type}
          inputMode={type === "number" ? "numeric" : undefined}
          autoComplete={autoComplete}
          defaultValue={keepValue && typeof meta.initialValue === "string" ? meta.initialValue : undefined}
          required={meta.required}
          maxLength={maxLength}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

/** A select; `required` only where every submit needs it, so a form with optional parts still posts without JavaScript. */
/** A multi-line text field (plain text; paragraphs separated by empty lines where the form says so). */
export function TextAreaField({ meta, label, description, maxLength, rows = 8 }: { meta: FieldMeta; label: string; description?: string; maxLength?: number; rows?: number }) {
  return (
    <FieldShell meta={meta} label={label} description={description} kind="text">
      {({ invalid, describedBy }) => (
        <textarea
          className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? " utrecht-textarea--invalid" : ""}`}
          id={meta.id}
          name={meta.name}
          rows={rows}
          defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : undefined}
          required={meta.required}
          maxLength={maxLength}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({
  meta,
  label,
  description,
  placeholder,
  options,
  required,
}: {
  meta: FieldMeta;
  label: string;
  description?: string;
  placeholder: string;
  options: { value: string; label: string }[];
  required?: boolean;
}) {
  return (
    <FieldShell meta={meta} label={label} description={description} kind="select">
      {({ invalid, describedBy }) => (
        <select
          className={`utrecht-select utrecht-select--html-select${invalid ? " utrecht-select--invalid" : ""}`}
          id={meta.id}
          name={meta.name}
          defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : ""}
          required={required}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        >
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** The errors of the whole form (e.g. "wrong password"), announced to screen readers. */
export function FormErrors({ form }: { form: Pick<FormMetadata, "errors" | "errorId"> }) {
  const errorText = useErrorText();
  const errors = form.errors ?? [];
  if (!errors.length) return null;
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert" id={form.errorId}>
      <div className="utrecht-alert__content">
        {errors.map((error) => (
          <p key={error} className="utrecht-paragraph">
            {errorText(error)}
          </p>
        ))}
      </div>
    </div>
  );
}

/** A confirmation after a form did its work. */
export function StatusMessage({ children, type = "ok" }: { children: ReactNode; type?: "ok" | "info" | "warning" }) {
  const kind = type === "ok" ? "ok" : type === "warning" ? "warning" : "info";
  return (
    <div className={`utrecht-alert utrecht-alert--${kind}`} role="status">
      <div className="utrecht-alert__content">
        <p className="utrecht-paragraph">{children}</p>
      </div>
    </div>
  );
}

/**
 * The one-time key of a form that creates something (app/submissions.server.ts):
 * the key the form was sent with when it comes back refused, else the page's
 * fresh one. Sending the same form twice then stores one thing.
 */
export function SubmissionKeyField({ sent, fresh }: { sent?: unknown; fresh: string | null | undefined }) {
  const key = formSubmissionKey(sent, fresh);
  return key ? <input type="hidden" name={SUBMISSION_KEY_FIELD} value={key} /> : null;
}

/**
 * Said by a create form whose post could not be stored (app/forms/not-saved.ts), next to its button:
 * the text is still there and sending it again is safe. Gone while the same form is being sent again.
 */
export function NotSavedNotice({ notSaved }: { notSaved: NotSaved | null | undefined }) {
  const t = useTranslate();
  const navigation = useNavigation();
  if (!notSaved || navigation.formData?.get(SUBMISSION_KEY_FIELD) === notSaved.submissionKey) return null;
  return (
    <div className="utrecht-alert utrecht-alert--warning" role="alert">
      <div className="utrecht-alert__content">
        <p className="utrecht-paragraph">{t("submission.notSaved")}</p>
      </div>
    </div>
  );
}

export function SubmitButton({ children, name, value, appearance = "primary", disabled }: { children: ReactNode; name?: string; value?: string; appearance?: "primary" | "secondary" | "subtle"; disabled?: boolean }) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={disabled}
      className={`utrecht-button utrecht-button--${appearance}-action utrecht-button--html-button`}
    >
      {children}
    </button>
  );
}

/** What the browser needs of a field's zod rules: `getZodConstraint(schema)`, computed in the loader. */
export type FieldConstraint = { required?: boolean; minLength?: number; maxLength?: number };

/** The parts of Conform's SubmissionResult (`submission.reply()`) a server-validated form shows. */
export type ServerFormReply = { error?: Record<string, readonly string[] | null | undefined> | null; initialValue?: Record<string, unknown> | null };

/**
 * Ids, errors and last values for a form that only the server validates, so
 * neither zod nor Conform is shipped to a reader's page (docs/performance.md).
 * The ids follow Conform's, the errors come from the action's
 * `submission.reply()`, the HTML constraints from the loader's
 * `getZodConstraint(schema)`; the browser checks those without JavaScript.
 */
export function serverForm<Name extends string>(id: string, reply: ServerFormReply | null | undefined, constraint: Partial<Record<string, FieldConstraint>>, names: readonly Name[]) {
  const errorsOf = (name: string) => reply?.error?.[name] ?? undefined;
  const fields = Object.fromEntries(
    names.map((name) => {
      const fieldId = `${id}-field-${name}`;
      const initialValue = reply?.initialValue?.[name];
      return [
        name,
        {
          ...constraint[name],
          id: fieldId,
          name,
          errorId: `${fieldId}-error`,
          descriptionId: `${fieldId}-description`,
          errors: errorsOf(name) ? [...errorsOf(name)!] : undefined,
          initialValue: typeof initialValue === "string" ? initialValue : undefined,
        },
      ];
    }),
  ) as unknown as Record<Name, FieldMeta & FieldConstraint>;
  const errors = errorsOf("");
  return { form: { id, errorId: `${id}-form-error`, errors: errors ? [...errors] : undefined }, fields };
}

/** The attributes of a textarea of a serverForm field; `describedBy` adds e.g. its description. */
export function textareaProps(field: FieldMeta & FieldConstraint, { describedBy }: { describedBy?: string } = {}) {
  const invalid = (field.errors ?? []).length > 0;
  return {
    id: field.id,
    name: field.name,
    defaultValue: typeof field.initialValue === "string" ? field.initialValue : undefined,
    required: field.required,
    minLength: field.minLength,
    maxLength: field.maxLength,
    "aria-invalid": invalid || undefined,
    "aria-describedby": [describedBy, invalid ? field.errorId : null].filter(Boolean).join(" ") || undefined,
  };
}
