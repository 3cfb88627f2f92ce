import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, NotSavedNotice, StatusMessage, SubmissionKeyField, SubmitButton, useErrorText } from "#app/components/forms.tsx";
import { keepUnsavedForms, splitNotSaved } from "#app/forms/not-saved.ts";
import { Heading1, Paragraph } from "#app/components/nlds.tsx";
import { formatDateTime } from "#app/content/dates.ts";
import { APPEAL_MAX, APPEAL_MIN, appealSchema } from "#app/forms/moderation.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { createAppeal, getAppealable } from "#app/moderation-queue.server.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";
import { idParam } from "#app/forms/ids.ts";

/** The hiding this person may appeal: only the author of the hidden item finds it (404 for anyone else). */
async function requireHiding(raw: string | undefined, userId: number) {
  const actionId = idParam(raw);
  const found = actionId ? await getAppealable({ actionId, userId }) : null;
  if (!found) throw new Response("Not Found", { status: 404 });
  return found;
}

export const loader = loaderWith("account.manage", async ({ request, params, actor }) => {
  const hiding = await requireHiding(params.actionId, actor!.id);
  return { hiding, sent: new URL(request.url).searchParams.get("ingediend") === "1", submissionKey: newSubmissionKey() };
});

export const action = actionWith("account.manage", async ({ request, params, actor }) => {
  const hiding = await requireHiding(params.actionId, actor!.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: appealSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createAppeal({ actionId: hiding.actionId, authorId: actor!.id, text: submission.value.text, submissionKey: submissionKeyOf(formData) });
  if (!result.ok) {
    if (result.reason === "notFound") throw new Response("Not Found", { status: 404 });
    if (result.reason === "keyReused") return data(submission.reply({ formErrors: ["submission.keyReused"] }), { status: 422 });
    return data(submission.reply({ formErrors: [result.reason === "alreadyAppealed" ? "moderation.appeal.already" : "moderation.appeal.notHidden"] }), { status: 409 });
  }
  throw redirect(`/beroep/${hiding.actionId}?ingediend=1`);
});

export const clientAction = keepUnsavedForms<typeof action>();

export default function AppealPage() {
  const { hiding, sent, submissionKey } = useLoaderData<typeof loader>();
  const { reply: lastResult, notSaved } = splitNotSaved(useActionData<typeof clientAction>());
  const t = useTranslate();
  const locale = useLocale();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "beroep",
    lastResult,
    constraint: getZodConstraint(appealSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: appealSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const textErrors = fields.text.errors ?? [];
  return (
    <>
      <Heading1>{t("moderation.appeal.title")}</Heading1>
      {sent ? <StatusMessage>{t("moderation.appeal.sent")}</StatusMessage> : null}
      <Paragraph>
        {t(hiding.type === "comment" ? "moderation.appeal.whatComment" : "moderation.appeal.whatProposal", { date: formatDateTime(hiding.hiddenAt, locale) })}
      </Paragraph>
      <dl className="inspraak-facts">
        <dt>{t("moderation.appeal.reason")}</dt>
        <dd>{t(`moderation.reason.${hiding.reason ?? "other"}` as MessageKey)}</dd>
        {hiding.note ? (
          <>
            <dt>{t("moderation.appeal.note")}</dt>
            <dd className="inspraak-pre-line">{hiding.note}</dd>
          </>
        ) : null}
      </dl>
      {hiding.appeal ? (
        <>
          <Paragraph>{hiding.appeal.decided ? t("moderation.appeal.decided") : t("moderation.appeal.waiting")}</Paragraph>
          <Paragraph className="inspraak-pre-line">{hiding.appeal.text}</Paragraph>
        </>
      ) : !hiding.stillHidden ? (
        <Paragraph>{t("moderation.appeal.notHidden")}</Paragraph>
      ) : (
        <Form method="post" {...getFormProps(form)} className="inspraak-form">
          <FormErrors form={form} />
          <SubmissionKeyField sent={notSaved?.submissionKey ?? lastResult?.initialValue?.submissionKey} fresh={submissionKey} />
          <Paragraph>{t("moderation.appeal.intro")}</Paragraph>
          <div className={`utrecht-form-field utrecht-form-field--textarea${textErrors.length ? " utrecht-form-field--invalid" : ""}`}>
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor={fields.text.id}>
                {t("moderation.appeal.label")}
              </label>
            </div>
            <div className="utrecht-form-field-description" id={fields.text.descriptionId}>
              {t("moderation.appeal.hint", { min: APPEAL_MIN, max: APPEAL_MAX })}
            </div>
            {textErrors.length ? (
              <div className="utrecht-form-field-error-message" id={fields.text.errorId}>
                {textErrors.map(errorText).join(" ")}
              </div>
            ) : null}
            <div className="utrecht-form-field__input">
              <textarea {...getTextareaProps(fields.text, { ariaDescribedBy: fields.text.descriptionId })} rows={6} className="utrecht-textarea utrecht-textarea--html-textarea" />
            </div>
          </div>
          <NotSavedNotice notSaved={notSaved} />
          <SubmitButton>{t("moderation.appeal.submit")}</SubmitButton>
        </Form>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => ({ title: t("moderation.appeal.title") }));
