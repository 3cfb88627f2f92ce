/** The form to write or edit a proposal; the same fields for both, validated by the shared schema. A new proposal's form carries a one-time key. */
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { RichTextEditor } from "#app/components/editor/RichTextEditor.tsx";
import { FormErrors, NotSavedNotice, SelectField, SubmissionKeyField, SubmitButton, TextField, useErrorText } from "#app/components/forms.tsx";
import type { NotSaved } from "#app/forms/not-saved.ts";
import { linkClass } from "#app/components/nlds.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { proposalSchema } from "#app/forms/proposal.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import type { RichDoc } from "#app/richtext/validate.ts";

export type ProposalFormReply = { result: SubmissionResult<string[]>; bodyError: string | null; bodyDoc: RichDoc | null };

type Choice = { id: number; number: number; title: { text: string } };

export function ProposalForm({
  id,
  reply,
  notSaved = null,
  choices,
  defaults,
  submitLabel,
  cancelTo,
  submissionKey,
  children,
}: {
  id: string;
  reply: ProposalFormReply | undefined;
  /** A new proposal's post that could not be stored (app/forms/not-saved.ts). */
  notSaved?: NotSaved | null;
  choices: { themes: Choice[]; actionPoints: Choice[] };
  defaults?: { title: string; summary: string; themeId: number; actionPointId: number | null; body: RichDoc | null };
  submitLabel: string;
  cancelTo?: string;
  /** The page's fresh one-time key, for a form that creates a proposal. */
  submissionKey?: string | null;
  /** Shown beside the form, e.g. the readability meter. */
  children?: ReactNode;
}) {
  const t = useTranslate();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id,
    lastResult: reply?.result,
    defaultValue: defaults ? { title: defaults.title, summary: defaults.summary, themeId: String(defaults.themeId), actionPointId: defaults.actionPointId ? String(defaults.actionPointId) : "" } : undefined,
    constraint: getZodConstraint(proposalSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposalSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const summaryErrors = fields.summary.errors ?? [];
  return (
    <div className="inspraak-proposal-form">
      <Form method="post" {...getFormProps(form)} className="inspraak-form">
        <FormErrors form={form} />
        {submissionKey !== undefined ? <SubmissionKeyField sent={notSaved?.submissionKey ?? reply?.result.initialValue?.submissionKey} fresh={submissionKey} /> : null}
        <TextField meta={fields.title} label={t("proposal.titleLabel")} description={t("proposal.titleHint")} maxLength={120} />
        <div className={`utrecht-form-field utrecht-form-field--textarea${summaryErrors.length ? " utrecht-form-field--invalid" : ""}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={fields.summary.id}>
              {t("proposal.summaryLabel")}
            </label>
          </div>
          <div className="utrecht-form-field-description" id={fields.summary.descriptionId}>
            {t("proposal.summaryHint")}
          </div>
          {summaryErrors.length ? (
            <div className="utrecht-form-field-error-message" id={fields.summary.errorId}>
              {summaryErrors.map(errorText).join(" ")}
            </div>
          ) : null}
          <div className="utrecht-form-field__input">
            <textarea {...getTextareaProps(fields.summary, { ariaDescribedBy: fields.summary.descriptionId })} rows={4} maxLength={500} className="utrecht-textarea utrecht-textarea--html-textarea" />
          </div>
        </div>
        <RichTextEditor id={`${id}-uitleg`} name="body" label={t("proposal.bodyLabel")} error={reply?.bodyError ?? null} initialDoc={reply?.bodyDoc ?? defaults?.body ?? null} />
        <SelectField
          meta={fields.themeId}
          label={t("proposal.themeLabel")}
          placeholder={t("proposal.chooseTheme")}
          required
          options={choices.themes.map((theme) => ({ value: String(theme.id), label: `${romanNumeral(theme.number)} ${theme.title.text}` }))}
        />
        <SelectField
          meta={fields.actionPointId}
          label={t("proposal.actionPointLabel")}
          placeholder={t("proposal.noActionPoint")}
          options={choices.actionPoints.map((point) => ({ value: String(point.id), label: `${point.number}. ${point.title.text}` }))}
        />
        <NotSavedNotice notSaved={notSaved} />
        <div className="inspraak-actions">
          <SubmitButton>{submitLabel}</SubmitButton>
          {cancelTo ? (
            <Link to={cancelTo} className={linkClass}>
              {t("proposal.cancel")}
            </Link>
          ) : null}
        </div>
      </Form>
      {children ? <aside className="inspraak-proposal-form__aside">{children}</aside> : null}
    </div>
  );
}
