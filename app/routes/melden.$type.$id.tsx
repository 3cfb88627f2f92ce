import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getCommentBody } from "#app/comments.server.ts";
import { FormErrors, NotSavedNotice, SubmissionKeyField, SubmitButton, useErrorText } from "#app/components/forms.tsx";
import { keepUnsavedForms, splitNotSaved } from "#app/forms/not-saved.ts";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { getItem, reportItem, type FlagReason, type ReportResult, type TargetType } from "#app/moderation.server.ts";
import { getProposal } from "#app/proposals.server.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";
import { docToText } from "#app/richtext/render.ts";
import type { RichDoc } from "#app/richtext/validate.ts";
import { idParam } from "#app/forms/ids.ts";

/** The same reasons as the database's `flag_reason`; listed here because the form also runs in the browser. */
const REASONS = ["spam", "offensive", "off_topic", "personal_data", "other"] as const satisfies readonly FlagReason[];
const NOTE_MAX = 500;
const EXCERPT_MAX = 300;

const reportSchema = z
  .object({
    reason: z.enum(REASONS, { error: "report.error.unknownReason" }),
    note: z.string().trim().max(NOTE_MAX, { error: "report.error.noteTooLong" }).optional(),
  })
  .refine((value) => value.reason !== "other" || Boolean(value.note), { path: ["note"], error: "report.error.noteRequired" });

const TYPES: Record<string, TargetType> = { reactie: "comment", voorstel: "proposal" };

/** The reported item from the URL; 404 for an unknown kind or an item that never existed. */
async function requireTarget(params: Record<string, string | undefined>) {
  const type = params.type && Object.hasOwn(TYPES, params.type) ? TYPES[params.type]! : null;
  const id = idParam(params.id);
  const item = type && id ? await getItem({ type, id }) : null;
  if (!type || !item) throw new Response("Not Found", { status: 404 });
  return { type, id: item.id, item, back: type === "comment" ? `/reactie/${item.id}` : `/voorstel/${item.id}` };
}

function excerpt(text: string) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX - 1).trimEnd()}…` : flat;
}

const refusals: Record<Extract<ReportResult, { ok: false }>["reason"], [number, MessageKey]> = {
  alreadyReported: [409, "report.error.alreadyReported"],
  ownContent: [403, "report.error.ownContent"],
  notVisible: [409, "report.error.notVisible"],
  notFound: [409, "report.error.notVisible"],
  keyReused: [422, "submission.keyReused"],
};

export const loader = loaderWith("contribution.create", async ({ params, actor, locale }) => {
  const { type, id, item, back } = await requireTarget(params);
  // Only what everyone may read is shown: nothing of a hidden, deleted or someone else's pending item.
  const state = item.authorId === actor!.id ? "own" : item.visible === "published" ? "open" : "notVisible";
  let shown: { title: string | null; text: string } | null = null;
  if (state === "open" && type === "comment") {
    const body = await getCommentBody({ commentId: id });
    shown = { title: null, text: excerpt(body ? docToText(body as RichDoc) : "") };
  } else if (state === "open") {
    const proposal = await getProposal({ proposalId: id, locale });
    shown = proposal ? { title: proposal.title, text: excerpt(proposal.summary) } : null;
  }
  return { type, back, state, shown, submissionKey: shown ? newSubmissionKey() : null };
});

export const action = actionWith("contribution.create", async ({ request, params, actor }) => {
  const { type, id, back } = await requireTarget(params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: reportSchema });
  // A note far too long is not sent back into the form.
  const note = formData.get("note");
  const hideFields = typeof note === "string" && note.length > NOTE_MAX * 4 ? ["note"] : [];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const result = await reportItem({ type, id, reporterId: actor!.id, reason: submission.value.reason, note: submission.value.note ?? "", submissionKey: submissionKeyOf(formData) });
  if (result.ok) throw redirect(`${back}?gemeld=1`);
  const [status, message] = refusals[result.reason];
  return data({ result: submission.reply({ formErrors: [message], hideFields }) }, { status });
});

export const clientAction = keepUnsavedForms<typeof action>();

const reasonLabels: Record<(typeof REASONS)[number], MessageKey> = {
  spam: "report.reason.spam",
  offensive: "report.reason.offensive",
  off_topic: "report.reason.offTopic",
  personal_data: "report.reason.personalData",
  other: "report.reason.other",
};

export default function ReportPage() {
  const { type, back, state, shown, submissionKey } = useLoaderData<typeof loader>();
  const { reply: actionData, notSaved } = splitNotSaved(useActionData<typeof clientAction>());
  const t = useTranslate();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "melden",
    lastResult: actionData?.result,
    constraint: getZodConstraint(reportSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const reasonErrors = fields.reason.errors ?? [];
  const noteErrors = fields.note.errors ?? [];
  return (
    <>
      <Heading1>{t(type === "comment" ? "report.titleComment" : "report.titleProposal")}</Heading1>
      {state === "own" ? <Paragraph>{t("report.error.ownContent")}</Paragraph> : null}
      {state === "notVisible" ? <Paragraph>{t("report.error.notVisible")}</Paragraph> : null}
      {shown ? (
        <>
          <Paragraph>{t("report.intro")}</Paragraph>
          <figure className="inspraak-section">
            <figcaption>{t(type === "comment" ? "report.whatComment" : "report.whatProposal")}</figcaption>
            <blockquote className="utrecht-blockquote">
              {shown.title ? (
                <Paragraph>
                  <strong>{shown.title}</strong>
                </Paragraph>
              ) : null}
              <Paragraph>{shown.text}</Paragraph>
            </blockquote>
          </figure>
          <Form method="post" {...getFormProps(form)} className="inspraak-form">
            <FormErrors form={form} />
            <SubmissionKeyField sent={notSaved?.submissionKey ?? actionData?.result.initialValue?.submissionKey} fresh={submissionKey} />
            <fieldset
              className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${reasonErrors.length ? " utrecht-form-fieldset--invalid" : ""}`}
              aria-describedby={reasonErrors.length ? fields.reason.errorId : undefined}
              aria-invalid={reasonErrors.length ? true : undefined}
            >
              <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t("report.reason.legend")}</legend>
              {reasonErrors.length ? (
                <div className="utrecht-form-field-error-message" id={fields.reason.errorId}>
                  {reasonErrors.map((error) => errorText(error)).join(" ")}
                </div>
              ) : null}
              {REASONS.map((reason) => (
                <div key={reason} className="utrecht-form-field utrecht-form-field--radio">
                  <label className="utrecht-form-label utrecht-form-label--radio">
                    <input
                      type="radio"
                      name={fields.reason.name}
                      value={reason}
                      required
                      defaultChecked={fields.reason.initialValue === reason}
                      className="utrecht-radio-button utrecht-radio-button--html-input"
                    />{" "}
                    {t(reasonLabels[reason])}
                  </label>
                </div>
              ))}
            </fieldset>
            <div className={`utrecht-form-field utrecht-form-field--textarea${noteErrors.length ? " utrecht-form-field--invalid" : ""}`}>
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label" htmlFor={fields.note.id}>
                  {t("report.note.label")}
                </label>
              </div>
              <div className="utrecht-form-field-description" id={fields.note.descriptionId}>
                {t("report.note.hint", { max: NOTE_MAX })}
              </div>
              {noteErrors.length ? (
                <div className="utrecht-form-field-error-message" id={fields.note.errorId}>
                  {noteErrors.map((error) => errorText(error)).join(" ")}
                </div>
              ) : null}
              <div className="utrecht-form-field__input">
                <textarea {...getTextareaProps(fields.note, { ariaDescribedBy: fields.note.descriptionId })} rows={4} className="utrecht-textarea utrecht-textarea--html-textarea" />
              </div>
            </div>
            <NotSavedNotice notSaved={notSaved} />
            <div className="inspraak-actions">
              <SubmitButton>{t("report.submit")}</SubmitButton>
              <Link to={back} className={linkClass}>
                {t("report.cancel")}
              </Link>
            </div>
          </Form>
        </>
      ) : (
        <Paragraph>
          <Link to={back} className={linkClass}>
            {t("report.back")}
          </Link>
        </Paragraph>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("report.title") }));
