import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Heading3, Paragraph } from "#app/components/nlds.tsx";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { createProgressUpdate, findParagraph, getActionPoint, getActionPointRef } from "#app/actionPoints.server.ts";
import { Discussion } from "#app/components/Discussion.tsx";
import { FollowButton } from "#app/components/FollowButton.tsx";
import { isFollowing } from "#app/notifications.server.ts";
import { FormErrors, NotSavedNotice, serverForm, StatusMessage, SubmissionKeyField, SubmitButton, TextField, textareaProps, useErrorText, type FieldConstraint, type ServerFormReply } from "#app/components/forms.tsx";
import { keepUnsavedForms, skipReloadAfterRefusal, splitNotSaved, type NotSaved } from "#app/forms/not-saved.ts";
import { useHydrated } from "#app/components/useHydrated.ts";
import { loadDiscussion, parseDiscussionQuery, postComment } from "#app/discussion.server.ts";
import { can } from "#app/permissions.server.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";
import { Blocks } from "#app/components/Blocks.tsx";
import { Breadcrumbs } from "#app/components/Breadcrumbs.tsx";
import { Text } from "#app/components/Text.tsx";
import { UpdateList } from "#app/components/UpdateList.tsx";
import { parseBlocks } from "#app/content/blocks.ts";
import { romanNumeral } from "#app/content/format.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { retryAfterHeaders } from "#app/retry-after.ts";

export const loader = loaderWith("public.read", async ({ request, locale, params, actor, t }) => {
  const query = parseDiscussionQuery(new URL(request.url), t);
  const actionPoint = await getActionPoint({ slug: params.slug ?? "", locale });
  if (!actionPoint) throw new Response("Not Found", { status: 404 });
  const discussion = await loadDiscussion({ subjectType: "action_point", subjectId: actionPoint.id, actor, query });
  const target = { kind: "actionPoint", actionPointId: actionPoint.id, themeId: actionPoint.themeId } as const;
  const updatePosted = new URL(request.url).searchParams.get("gedaan") === "update";
  const following = actor ? await isFollowing({ userId: actor.id, subjectType: "action_point", subjectId: actionPoint.id }) : false;
  const mayPostUpdate = can(actor, "progressUpdate.post", target);
  // The form's HTML constraints come from its schema here, so zod stays on the server.
  return {
    ...actionPoint,
    discussion,
    mayPostUpdate,
    updateConstraint: mayPostUpdate ? getZodConstraint(updateSchema) : null,
    updateKey: mayPostUpdate ? newSubmissionKey() : null,
    updatePosted,
    following,
  };
});

const updateSchema = z.object({
  title: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(120, { error: "progress.titleTooLong" }),
  body: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(10_000, { error: "progress.bodyTooLong" }),
});

export const action = actionWith("contribution.create", async ({ request, params, actor }) => {
  const point = await getActionPointRef({ slug: params.slug ?? "" });
  if (!point) throw new Response("Not Found", { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "comment") {
    const outcome = await postComment({
      formData,
      actor: actor!,
      subjectType: "action_point",
      subjectId: point.id,
      findParagraph: (anchor) => findParagraph({ actionPointId: point.id, anchor }),
    });
    if (outcome.ok) throw redirect(`/actiepunt/${point.slug}?draad=${outcome.kind}&vanaf=${outcome.rootId}#reactie-${outcome.commentId}`);
    return data({ comment: outcome.reply, update: null }, { status: outcome.status, headers: outcome.headers });
  }
  if (intent === "update") {
    if (!can(actor, "progressUpdate.post", { kind: "actionPoint", actionPointId: point.id, themeId: point.themeId })) throw new Response("Forbidden", { status: 403 });
    const submission = parseWithZod(formData, { schema: updateSchema });
    if (submission.status !== "success") return data({ comment: null, update: submission.reply() }, { status: 400 });
    const result = await createProgressUpdate({ actionPointId: point.id, authorId: actor!.id, title: submission.value.title, body: submission.value.body, submissionKey: submissionKeyOf(formData) });
    if (!result.ok && result.reason === "keyReused") return data({ comment: null, update: submission.reply({ formErrors: ["submission.keyReused"] }) }, { status: 422 });
    if (!result.ok) throw new Response("Not Found", { status: 404 });
    throw redirect(`/actiepunt/${point.slug}?gedaan=update#voortgang`);
  }
  throw new Response("Bad Request", { status: 400 });
});

export const clientAction = keepUnsavedForms<typeof action>();
export const shouldRevalidate = skipReloadAfterRefusal;

export default function ActionPointPage() {
  const point = useLoaderData<typeof loader>();
  const { reply, notSaved } = splitNotSaved(useActionData<typeof clientAction>());
  const t = useTranslate();
  const publicThread = point.discussion.threads.find((thread) => thread.kind === "public");
  const paragraphComments = (anchors: string[]) =>
    publicThread
      ? { anchors, counts: point.discussion.paragraphCounts, hrefFor: (anchor: string) => `/actiepunt/${point.slug}?draad=public&alinea=${anchor}#discussie-public` }
      : undefined;
  const paragraphOptions = [...point.anchors.body, ...point.anchors.contribution].map((anchor, index) => ({ anchor, label: paragraphLabel(point, index) }));
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: point.plan.title.text, lang: point.plan.title.lang },
          { to: `/thema/${point.theme.slug}`, label: point.theme.title.text, lang: point.theme.title.lang },
          { to: `/actiepunt/${point.slug}`, label: point.title.text, lang: point.title.lang },
        ]}
      />
      <p className="utrecht-pre-heading">{t("actionPoint.label", { number: point.number })}</p>
      <Heading1>
        <Text value={point.title} />
      </Heading1>
      <FollowButton subjectType="action_point" subjectId={point.id} following={point.following} subject={point.title.text} />

      <section className="inspraak-section" aria-labelledby="gegevens">
        <h2 id="gegevens" className="utrecht-heading-2">
          {t("actionPoint.facts")}
        </h2>
        <dl className="inspraak-facts">
          <dt>{t("actionPoint.theme")}</dt>
          <dd>
            <Link to={`/thema/${point.theme.slug}`} className="utrecht-link utrecht-link--html-a">
              {romanNumeral(point.theme.number)} <Text value={point.theme.title} />
            </Link>
          </dd>
          <dt>{t("actionPoint.holder")}</dt>
          <dd>
            <Text value={point.holder} />
          </dd>
          {point.partners.text ? (
            <>
              <dt>{t("actionPoint.partners")}</dt>
              <dd>
                <Text value={point.partners} />
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="inspraak-section" aria-labelledby="beschrijving">
        <Heading2 id="beschrijving">{t("actionPoint.description")}</Heading2>
        <Blocks value={point.body} comments={paragraphComments(point.anchors.body)} />
      </section>

      <section className="inspraak-section" aria-labelledby="bijdrage">
        <Heading2 id="bijdrage">{t("actionPoint.contribution")}</Heading2>
        <Blocks value={point.contribution} comments={paragraphComments(point.anchors.contribution)} />
      </section>

      <section className="inspraak-section" aria-labelledby="voortgang">
        <Heading2 id="voortgang">{t("actionPoint.updatesHeading")}</Heading2>
        <Heading3>{t("actionPoint.ownUpdates")}</Heading3>
        {point.updatePosted ? <StatusMessage>{t("progress.posted")}</StatusMessage> : null}
        {point.updateConstraint ? <UpdateForm lastResult={reply?.update ?? undefined} notSaved={notSaved} constraint={point.updateConstraint} submissionKey={point.updateKey} /> : null}
        {point.ownUpdates.length === 0 ? (
          <Paragraph>{t("actionPoint.noOwnUpdates")}</Paragraph>
        ) : (
          <UpdateList updates={point.ownUpdates} headingLevel={4} />
        )}
        {point.planUpdates.length > 0 ? (
          <>
            <Heading3>{t("actionPoint.planUpdates")}</Heading3>
            <UpdateList updates={point.planUpdates} headingLevel={4} />
          </>
        ) : null}
      </section>

      {point.discussion.threads.map((thread) => (
        <Discussion key={thread.id} thread={thread} basePath={`/actiepunt/${point.slug}`} paragraphs={thread.kind === "public" ? paragraphOptions : []} reply={reply?.comment ?? null} />
      ))}

      <nav className="inspraak-section inspraak-pager" aria-label={t("actionPoint.pager")}>
        {point.previous ? (
          <Link to={`/actiepunt/${point.previous.slug}`} rel="prev" className="utrecht-link utrecht-link--html-a">
            ← {t("actionPoint.previous")}: {point.previous.number}. <Text value={point.previous.title} />
          </Link>
        ) : (
          <span />
        )}
        {point.next ? (
          <Link to={`/actiepunt/${point.next.slug}`} rel="next" className="utrecht-link utrecht-link--html-a">
            {t("actionPoint.next")}: {point.next.number}. <Text value={point.next.title} /> →
          </Link>
        ) : null}
      </nav>
    </>
  );
}

/** The start of a paragraph of the text, to choose it in the comment form. */
function paragraphLabel(point: { body: { text: string }; contribution: { text: string }; anchors: { body: string[] } }, index: number) {
  const texts = [...blockTexts(point.body.text), ...blockTexts(point.contribution.text)];
  const text = texts[index] ?? "";
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}

function blockTexts(source: string) {
  return parseBlocks(source).flatMap((block) => (block.type === "heading" ? [] : [block.type === "paragraph" ? block.text : block.items.join("; ")]));
}

/** Validated by the server (the browser checks the HTML constraints only without JavaScript), so the page ships no zod. */
function UpdateForm({
  lastResult,
  notSaved,
  constraint,
  submissionKey,
}: {
  lastResult: ServerFormReply | undefined;
  notSaved: NotSaved | null;
  constraint: Record<string, FieldConstraint>;
  submissionKey: string | null;
}) {
  const t = useTranslate();
  const errorText = useErrorText();
  const hydrated = useHydrated();
  const { form, fields } = serverForm("voortgangsupdate", lastResult, constraint, ["title", "body"]);
  const bodyErrors = fields.body.errors ?? [];
  return (
    <details className="inspraak-section" open={Boolean(lastResult || notSaved)}>
      <summary>{t("progress.formHeading")}</summary>
      <Form method="post" id={form.id} noValidate={hydrated} aria-describedby={form.errors ? form.errorId : undefined} className="inspraak-form">
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="update" />
        <SubmissionKeyField sent={notSaved?.submissionKey ?? lastResult?.initialValue?.submissionKey} fresh={submissionKey} />
        <TextField meta={fields.title} label={t("progress.title")} maxLength={120} />
        <div className={`utrecht-form-field utrecht-form-field--textarea${bodyErrors.length ? " utrecht-form-field--invalid" : ""}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={fields.body.id}>
              {t("progress.body")}
            </label>
          </div>
          <div className="utrecht-form-field-description" id={fields.body.descriptionId}>
            {t("progress.bodyHint")}
          </div>
          {bodyErrors.length ? (
            <div className="utrecht-form-field-error-message" id={fields.body.errorId}>
              {bodyErrors.map(errorText).join(" ")}
            </div>
          ) : null}
          <div className="utrecht-form-field__input">
            <textarea {...textareaProps(fields.body, { describedBy: fields.body.descriptionId })} rows={8} className="utrecht-textarea utrecht-textarea--html-textarea" />
          </div>
        </div>
        <NotSavedNotice notSaved={notSaved} />
        <SubmitButton>{t("progress.submit")}</SubmitButton>
      </Form>
    </details>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, (t) =>
    data ? { title: `${t("actionPoint.label", { number: data.number })}: ${data.title.text}`, description: data.summary.text } : null,
  );

export const headers = retryAfterHeaders;
