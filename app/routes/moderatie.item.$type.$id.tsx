import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { HideForm, IntentButton, ModerationField, ModerationResult, NoteField } from "#app/components/ModerationForms.tsx";
import { Heading1, Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { QueueItemView } from "#app/components/QueueItem.tsx";
import { formatDateTime } from "#app/content/dates.ts";
import { decisionSchema } from "#app/forms/moderation.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { commentRevisionsOf } from "#app/comments.server.ts";
import { act, itemHistory, loadItem, mayActOn, withOutcome } from "#app/moderation-queue.server.ts";
import { getItem, type TargetType } from "#app/moderation.server.ts";
import { readRichText } from "#app/richtext/form.ts";
import { safeRedirect } from "#app/safe-redirect.ts";
import { idParam } from "#app/forms/ids.ts";

const paramsSchema = z.object({
  type: z.enum(["reactie", "voorstel"]).transform((value): TargetType => (value === "reactie" ? "comment" : "proposal")),
  id: z
    .string()
    .refine((raw) => idParam(raw) !== null)
    .transform((raw) => idParam(raw)!),
});

/** The stored item from the URL (404 when there is none) and the 403 for anyone who does not moderate its theme. */
async function requireItem(params: Record<string, string | undefined>, actor: Parameters<typeof mayActOn>[0]) {
  const parsed = paramsSchema.safeParse(params);
  const item = parsed.success ? await getItem({ type: parsed.data.type, id: parsed.data.id }) : null;
  if (!item) throw new Response("Not Found", { status: 404 });
  if (!mayActOn(actor, item)) throw new Response("Forbidden", { status: 403 });
  return item;
}

export const loader = loaderWith("moderation.queue", async ({ request, params, actor }) => {
  const stored = await requireItem(params, actor);
  const [item, history, revisions] = await Promise.all([
    loadItem({ type: stored.type, id: stored.id, viewerId: actor!.id }),
    itemHistory({ type: stored.type, id: stored.id }),
    stored.type === "comment" ? commentRevisionsOf({ commentId: stored.id }) : [],
  ]);
  if (!item) throw new Response("Not Found", { status: 404 });
  return { item, history, revisions, outcome: new URL(request.url).searchParams.get("gemodereerd") };
});

export const action = actionWith("moderation.queue", async ({ request, params, actor }) => {
  const item = await requireItem(params, actor);
  const formData = await request.formData();
  const here = `/moderatie/item/${params.type}/${item.id}`;
  const back = safeRedirect(formData.get("terug"), here);
  const submission = parseWithZod(formData, { schema: decisionSchema });
  if (submission.status !== "success") return data({ errors: Object.values(submission.error ?? {}).flat().filter((error): error is string => typeof error === "string") }, { status: 400 });
  const redaction = submission.value.intent === "redact" ? readRichText(formData) : null;
  // `gezien`: the latest decision on the item when the form was made; a later one by someone else wins.
  const seenParam = new URL(request.url).searchParams.get("gezien");
  const seen = seenParam && /^\d{1,10}$/.test(seenParam) ? Number(seenParam) : null;
  const result = await act({ actor: actor!, item, form: submission.value, redaction, origin: new URL(request.url).origin, seen });
  if ("error" in result) return data({ errors: [result.error] }, { status: 400 });
  throw redirect(withOutcome(back, result.code));
});

export default function ModerationItemPage() {
  const { item, history, revisions, outcome } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useTranslate();
  const locale = useLocale();
  const here = item.path;
  const hidden = item.status === "hidden" || item.hidden !== null;
  return (
    <>
      <p className="utrecht-pre-heading">
        <Link to="/moderatie" className={linkClass}>
          {t("moderation.title")}
        </Link>
      </p>
      <Heading1>{item.type === "comment" ? t("moderation.item.commentTitle", { id: item.id }) : t("moderation.item.proposalTitle", { id: item.id })}</Heading1>
      <ModerationResult code={outcome} />
      <FormErrors form={{ errors: failed?.errors, errorId: "moderatie-fout" }} />

      <QueueItemView item={item} headingLevel={2} />

      <section className="inspraak-section" aria-labelledby="acties">
        <Heading2 id="acties">{t("moderation.item.actions")}</Heading2>
        {item.own ? <Paragraph>{t("moderation.result.ownContent")}</Paragraph> : null}
        <div className="inspraak-actions">
          {item.queueId !== null && !item.claim?.mine ? <IntentButton action={here} back={here} intent="claim" label={t("moderation.action.claim")} /> : null}
          {item.status === "pending" || hidden || item.queueId !== null ? <IntentButton action={here} back={here} intent="approve" label={t("moderation.action.approve")} appearance="primary" /> : null}
          {item.reports.length > 0 || item.queueId !== null ? <IntentButton action={here} back={here} intent="dismiss" label={t("moderation.action.dismiss")} /> : null}
        </div>

        {item.appeal ? (
          <section aria-labelledby="beroep" className="inspraak-section">
            <Heading2 id="beroep">{t("moderation.appeal.decideHeading")}</Heading2>
            <Paragraph className="inspraak-pre-line">{item.appeal.text}</Paragraph>
            <Form method="post" action={here} className="inspraak-form">
              <input type="hidden" name="terug" value={here} />
              <NoteField id="beroep-toelichting" label={t("moderation.form.publicNote")} />
              <div className="inspraak-actions">
                <SubmitButton name="intent" value="appealGrant">
                  {t("moderation.action.appealGrant")}
                </SubmitButton>
                <SubmitButton name="intent" value="appealUphold" appearance="secondary">
                  {t("moderation.action.appealUphold")}
                </SubmitButton>
              </div>
            </Form>
          </section>
        ) : null}

        {!hidden && item.status !== "deleted" ? (
          <details id="verbergen" open>
            <summary>{t("moderation.action.hide")}</summary>
            <HideForm action={here} back={here} idPrefix="verbergen" />
          </details>
        ) : null}

        {hidden ? (
          <details>
            <summary>{t("moderation.action.restore")}</summary>
            <Form method="post" action={here} className="inspraak-form">
              <input type="hidden" name="terug" value={here} />
              <input type="hidden" name="intent" value="restore" />
              <NoteField id="terugzetten-toelichting" label={t("moderation.form.publicNote")} />
              <SubmitButton>{t("moderation.action.restore")}</SubmitButton>
            </Form>
          </details>
        ) : null}

        {item.status !== "deleted" ? (
          <details>
            <summary>{t("moderation.action.redact")}</summary>
            <Paragraph>{t("moderation.form.redactHint")}</Paragraph>
            <Form method="post" action={here} className="inspraak-form">
              <input type="hidden" name="terug" value={here} />
              <input type="hidden" name="intent" value="redact" />
              <ModerationField id="aanpassen-tekst" label={t("moderation.form.newText")} kind="textarea">
                <textarea id="aanpassen-tekst" name="bodyText" rows={6} required defaultValue={item.text} className="utrecht-textarea utrecht-textarea--html-textarea" />
              </ModerationField>
              <NoteField id="aanpassen-toelichting" label={t("moderation.form.publicNote")} />
              <SubmitButton>{t("moderation.action.redact")}</SubmitButton>
            </Form>
          </details>
        ) : null}

        {item.thread ? (
          <details>
            <summary>{item.thread.locked ? t("moderation.action.unlock") : t("moderation.action.lock")}</summary>
            <Form method="post" action={here} className="inspraak-form">
              <input type="hidden" name="terug" value={here} />
              {item.thread.locked ? (
                <input type="hidden" name="intent" value="unlock" />
              ) : (
                <>
                  <input type="hidden" name="intent" value="lock" />
                  <NoteField id="sluiten-reden" name="lockReason" label={t("moderation.form.lockReason")} required />
                </>
              )}
              <SubmitButton>{item.thread.locked ? t("moderation.action.unlock") : t("moderation.action.lock")}</SubmitButton>
            </Form>
          </details>
        ) : null}

        <details>
          <summary>{t("moderation.action.timeout")}</summary>
          <Form method="post" action={here} className="inspraak-form">
            <input type="hidden" name="terug" value={here} />
            <input type="hidden" name="intent" value="timeout" />
            <ModerationField id="timeout-dagen" label={t("moderation.form.days")} kind="text">
              <input id="timeout-dagen" name="days" type="number" min={1} max={30} required defaultValue={1} className="utrecht-textbox utrecht-textbox--html-input" />
            </ModerationField>
            <NoteField id="timeout-toelichting" label={t("moderation.form.publicNote")} />
            <SubmitButton>{t("moderation.action.timeout")}</SubmitButton>
          </Form>
        </details>
      </section>

      {revisions.length > 0 ? (
        <section className="inspraak-section" aria-labelledby="versies">
          <Heading2 id="versies">{t("moderation.item.revisions")}</Heading2>
          <ol className="inspraak-history">
            {revisions.map((revision) => (
              <li key={revision.id}>
                <p className="utrecht-paragraph">
                  <time dateTime={revision.replacedAt}>{t("moderation.item.revisionReplaced", { date: formatDateTime(revision.replacedAt, locale) })}</time>
                </p>
                {/* Stored as our renderer made it from the validated document; moderators only. */}
                <div className="utrecht-rich-text" dangerouslySetInnerHTML={{ __html: revision.html }} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section className="inspraak-section" aria-labelledby="geschiedenis">
        <Heading2 id="geschiedenis">{t("moderation.item.history")}</Heading2>
        {history.length === 0 ? <Paragraph>{t("moderation.item.noHistory")}</Paragraph> : null}
        <ol className="inspraak-history">
          {history.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, locale)}</time>: <strong>{t(`moderation.kind.${entry.action}`)}</strong>
              {entry.reasonCode && entry.action === "hide" ? ` — ${t(`moderation.reason.${entry.reasonCode as "other"}`)}` : null}
              {entry.publicNote ? <p className="utrecht-paragraph inspraak-pre-line">{entry.publicNote}</p> : null}
              {entry.originalHtml !== null ? (
                <details>
                  <summary>{t("moderation.item.original")}</summary>
                  {/* The original as the server rendered it then; moderators only. */}
                  <div className="utrecht-rich-text" dangerouslySetInnerHTML={{ __html: entry.originalHtml }} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => ({ title: t("moderation.item.metaTitle") }));
