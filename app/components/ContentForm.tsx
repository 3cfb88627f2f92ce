/**
 * The fields of the forms where admins create and edit plans, themes and
 * action points: each text with its English translation beside it, long texts
 * in a textarea in the block format, and the notice shown when someone else
 * saved the same thing first.
 */
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { Heading2, Paragraph } from "#app/components/nlds.tsx";
import { FormErrors, NotSavedNotice, SelectField, SubmissionKeyField, SubmitButton, TextAreaField, TextField } from "#app/components/forms.tsx";
import type { NotSaved } from "#app/forms/not-saved.ts";
import type { FieldSpec } from "#app/forms/content-admin.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

type FieldMeta = Pick<FieldMetadata<unknown>, "id" | "name" | "errorId" | "descriptionId" | "errors" | "initialValue" | "required">;


const STATUSES = ["drafting", "current", "archived"] as const;

/** The label of a field: "Titel", and "Titel (Engels)" for its translation. */
export function useFieldLabel() {
  const t = useTranslate();
  return (name: string) => {
    const english = name.endsWith("En");
    const base = english ? name.slice(0, -2) : name;
    const label = t(`contentAdmin.field.${base}` as MessageKey);
    return english ? t("contentAdmin.field.english", { label }) : label;
  };
}

export function ContentFields({ fields, specs }: { fields: Record<string, FieldMeta>; specs: FieldSpec[] }) {
  const t = useTranslate();
  const labelOf = useFieldLabel();
  return (
    <>
      {specs.map((spec) => {
        const meta = fields[spec.name]!;
        const label = labelOf(spec.name);
        const description = spec.english ? t("contentAdmin.hint.english") : spec.hint ? t(spec.hint, spec.hintValues) : undefined;
        switch (spec.kind) {
          case "textarea":
            return <TextAreaField key={spec.name} meta={meta} label={label} description={description} maxLength={spec.maxLength} />;
          case "status":
            return (
              <SelectField
                key={spec.name}
                meta={meta}
                label={label}
                description={description}
                placeholder={t("contentAdmin.status.choose")}
                options={STATUSES.map((status) => ({ value: status, label: t(`planAdmin.status.${status}`) }))}
                required
              />
            );
          default:
            return <TextField key={spec.name} meta={meta} label={label} description={description} type={spec.kind} autoComplete="off" maxLength={spec.maxLength} />;
        }
      })}
    </>
  );
}

/**
 * Shown when someone else saved the same thing after this person opened the
 * form: their own values stay in the form, and this lists what is stored now
 * where it differs, so they can choose before saving again.
 */
export function StaleNotice({ current, submitted }: { current: Record<string, string | number>; submitted: Record<string, unknown> | undefined }) {
  const t = useTranslate();
  const labelOf = useFieldLabel();
  const differing = Object.entries(current).filter(([name, value]) => String(value) !== String(submitted?.[name] ?? ""));
  return (
    <section className="utrecht-alert utrecht-alert--warning inspraak-section" aria-labelledby="opgeslagen-door-ander">
      <div className="utrecht-alert__content">
        <Heading2 id="opgeslagen-door-ander">{t("contentAdmin.stale.title")}</Heading2>
        <Paragraph>{t("contentAdmin.stale.explanation")}</Paragraph>
        {differing.length ? (
          <dl>
            {differing.map(([name, value]) => (
              <div key={name}>
                <dt>
                  <strong>{labelOf(name)}</strong>
                </dt>
                <dd>
                  {String(value)
                    .split(/\n\s*\n/)
                    .map((paragraph, index) => (
                      <Paragraph key={index}>{paragraph || t("contentAdmin.stale.empty")}</Paragraph>
                    ))}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <Paragraph>{t("contentAdmin.stale.same")}</Paragraph>
        )}
      </div>
    </section>
  );
}

/** What the actions of these pages return when a save fails: the form's values and messages, and on a conflict what is stored now. */
export type ContentActionData = {
  result: SubmissionResult<string[]>;
  /** The version the next save is based on: the one the form had, or after a conflict the stored one. */
  version: string | null;
  current: Record<string, string | number> | null;
};

/**
 * A create or edit form: plain POST (works without JavaScript), checked in
 * the browser with the same schema as on the server, re-shown with the
 * person's values and a message per field when the server refuses it.
 */
export function ContentForm({
  id,
  schema,
  specs,
  defaultValue,
  hidden,
  actionData,
  notSaved = null,
  submitLabel,
  submissionKey,
}: {
  id: string;
  schema: z.ZodType;
  specs: FieldSpec[];
  defaultValue: Record<string, string>;
  /** Hidden fields: the parent of a new item, or the version of an edited one. */
  hidden: Record<string, string>;
  actionData: ContentActionData | undefined;
  /** A create form's post that could not be stored (app/forms/not-saved.ts). */
  notSaved?: NotSaved | null;
  submitLabel: string;
  /** The page's fresh one-time key, for a form that creates something. */
  submissionKey?: string | null;
}) {
  const [form, fields] = useForm({
    id,
    lastResult: actionData?.result,
    defaultValue,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const hiddenValues = actionData?.version ? { ...hidden, version: actionData.version } : hidden;
  return (
    <>
      {actionData?.current ? <StaleNotice current={actionData.current} submitted={actionData.result.initialValue as Record<string, unknown> | undefined} /> : null}
      <Form method="post" {...getFormProps(form)} className="inspraak-form">
        <FormErrors form={form} />
        {submissionKey !== undefined ? <SubmissionKeyField sent={notSaved?.submissionKey ?? actionData?.result.initialValue?.submissionKey} fresh={submissionKey} /> : null}
        {Object.entries(hiddenValues).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <ContentFields fields={fields as unknown as Record<string, FieldMeta>} specs={specs} />
        <NotSavedNotice notSaved={notSaved} />
        <SubmitButton>{submitLabel}</SubmitButton>
      </Form>
    </>
  );
}
