import type { SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Discussion } from "#app/components/Discussion.tsx";
import { FollowButton } from "#app/components/FollowButton.tsx";
import { isFollowing } from "#app/notifications.server.ts";
import { FormErrors, NotSavedNotice, SelectField, serverForm, StatusMessage, SubmissionKeyField, SubmitButton, textareaProps, useErrorText, type FieldConstraint, type ServerFormReply } from "#app/components/forms.tsx";
import { keepUnsavedForms, skipReloadAfterRefusal, splitNotSaved, type NotSaved } from "#app/forms/not-saved.ts";
import { useHydrated } from "#app/components/useHydrated.ts";
import { ModerationResult } from "#app/components/ModerationForms.tsx";
import { Heading1, Heading2, linkClass, ListItem, Paragraph, UnorderedList } from "#app/components/nlds.tsx";
import { ReadabilityReport } from "#app/components/ReadabilityReport.tsx";
import { SupportBox } from "#app/components/SupportBox.tsx";
import { Text } from "#app/components/Text.tsx";
import { formatDateTime } from "#app/content/dates.ts";
import { analyseReadability, readabilityText } from "#app/content/readability.ts";
import { romanNumeral } from "#app/content/format.ts";
import { loadDiscussion, parseDiscussionQuery, postComment } from "#app/discussion.server.ts";
import { respondSchema } from "#app/forms/proposal.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { retryAfterHeaders } from "#app/retry-after.ts";
import { can, type Actor } from "#app/permissions.server.ts";
import { changeStatus, getProposal, getProposalRef, mergeCandidates, TRANSITIONS } from "#app/proposals.server.ts";
import { docToText } from "#app/richtext/render.ts";
import type { RichDoc } from "#app/richtext/validate.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";
import { budgetOf, releaseSupportsOfWithdrawnProposal, supportProposal, supportsOfUser, withdrawSupport } from "#app/supports.server.ts";
import type { Locale, MessageKey } from "#app/i18n/index.ts";
import { idParam } from "#app/forms/ids.ts";

async function load(rawId: string | undefined, locale: Locale, actor: Actor) {
  const proposalId = idParam(rawId);
  const proposal = proposalId ? await getProposal({ proposalId, locale }) : null;
  // A proposal held for moderation is visible to its author only.
  if (!proposal || (proposal.status === "pending" && proposal.authorId !== actor?.id)) throw new Response("Not Found", { status: 404 });
  const { windows } = proposal;
  const target = {
    kind: "proposal",
    authorId: proposal.authorId,
    status: proposal.status,
    themeId: proposal.themeId,
    themeNumber: proposal.theme.number,
    supportCount: proposal.supportCount,
    supportOpen: windows.supporting.state === "open",
  } as const;
  return { proposal, windows, target };
}

export const loader = loaderWith("public.read", async ({ request, params, locale, actor, t }) => {
  const query = parseDiscussionQuery(new URL(request.url), t);
  const { proposal, windows, target } = await load(params.id, locale, actor);
  // A hidden proposal is a placeholder for everyone but its author and the theme's moderators.
  if (proposal.hiddenAt && actor?.id !== proposal.authorId && !can(actor, "moderation.act", { kind: "theme", themeId: proposal.themeId })) {
    return { kind: "hidden" as const, placeholder: { id: proposal.id, at: proposal.hiddenAt, reason: proposal.hiddenReason, note: proposal.hiddenNote } };
  }
  const [discussion, supported, budget, candidates] = await Promise.all([
    loadDiscussion({ subjectType: "proposal", subjectId: proposal.id, actor, query }),
    actor ? supportsOfUser({ userId: actor.id, planId: proposal.planId }) : Promise.resolve([] as number[]),
    actor ? budgetOf({ userId: actor.id, planId: proposal.planId }) : Promise.resolve(null),
    can(actor, "proposal.respond", target) && proposal.status === "under_consideration" ? mergeCandidates({ proposalId: proposal.id, planId: proposal.planId }) : Promise.resolve([]),
  ]);
  const { body, ...rest } = proposal;
  const mayRespond = can(actor, "proposal.respond", target) && (TRANSITIONS[proposal.status] ?? []).length > 0;
  return {
    kind: "visible" as const,
    proposal: rest,
    // Analysed here, so the page does not ship the analyser.
    readability: analyseReadability(readabilityText([proposal.title, proposal.summary, docToText(body as RichDoc)])),
    supporting: windows.supporting,
    supported: [...supported].includes(proposal.id),
    budget,
    may: {
      support: can(actor, "proposal.support", target),
      edit: can(actor, "proposal.edit", target),
      withdraw: can(actor, "proposal.withdraw", target),
      respond: mayRespond,
      report: actor !== null && actor.id !== proposal.authorId && proposal.status !== "pending",
      // The theme is the stored proposal's own.
      moderate: can(actor, "moderation.act", { kind: "theme", themeId: proposal.themeId }) && actor?.id !== proposal.authorId,
    },
    // The respond form's HTML constraints come from its schema here, so zod stays on the server.
    respondConstraint: mayRespond ? getZodConstraint(respondSchema) : null,
    respondKey: mayRespond ? newSubmissionKey() : null,
    signedIn: actor !== null,
    following: actor ? await isFollowing({ userId: actor.id, subjectType: "proposal", subjectId: proposal.id }) : false,
    steps: TRANSITIONS[proposal.status] ?? [],
    candidates,
    discussion,
    done: new URL(request.url).searchParams.get("gedaan"),
    reported: new URL(request.url).searchParams.get("gemeld") === "1",
    moderated: new URL(request.url).searchParams.get("gemodereerd"),
  };
});

type Reply = { respond?: SubmissionResult<string[]>; comment?: unknown; support?: string };

/** The proposal an action is about, with its permission target: one query, not the page's. */
async function loadRef(rawId: string | undefined, actor: Actor) {
  const proposalId = idParam(rawId);
  const proposal = proposalId ? await getProposalRef({ proposalId }) : null;
  if (!proposal || (proposal.status === "pending" && proposal.authorId !== actor?.id)) throw new Response("Not Found", { status: 404 });
  const target = {
    kind: "proposal",
    authorId: proposal.authorId,
    status: proposal.status,
    themeId: proposal.themeId,
    themeNumber: proposal.themeNumber,
    supportCount: proposal.supportCount,
    supportOpen: proposal.supporting.state === "open",
  } as const;
  return { proposal, target };
}

export const action = actionWith("contribution.create", async ({ request, params, actor }) => {
  const { proposal, target } = await loadRef(params.id, actor);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/voorstel/${proposal.id}`;

  if (intent === "support" || intent === "unsupport") {
    if (intent === "support" && !can(actor, "proposal.support", target)) throw new Response("Forbidden", { status: 403 });
    const result = intent === "support" ? await supportProposal({ proposalId: proposal.id, userId: actor!.id }) : await withdrawSupport({ proposalId: proposal.id, userId: actor!.id });
    const answer = result.ok ? { ok: true as const, supported: intent === "support", supportCount: result.supportCount } : { ok: false as const, reason: result.reason };
    if (formData.get("respond") === "data") return data(answer, { status: result.ok ? 200 : 409 });
    if (!result.ok) return data<Reply>({ support: result.reason }, { status: 409 });
    throw redirect(`${here}#steun-vak`);
  }

  if (intent === "withdraw") {
    if (!can(actor, "proposal.withdraw", target)) throw new Response("Forbidden", { status: 403 });
    await changeStatus({ proposalId: proposal.id, actorId: actor!.id, to: "withdrawn", explanation: "" }, releaseSupportsOfWithdrawnProposal);
    throw redirect(`${here}?gedaan=ingetrokken`);
  }

  if (intent === "respond") {
    if (!can(actor, "proposal.respond", target)) throw new Response("Forbidden", { status: 403 });
    const submission = parseWithZod(formData, { schema: respondSchema });
    if (submission.status !== "success") return data<Reply>({ respond: submission.reply() }, { status: 400 });
    const result = await changeStatus(
      {
        proposalId: proposal.id,
        actorId: actor!.id,
        to: submission.value.to,
        explanation: submission.value.explanation,
        mergedIntoId: submission.value.mergedIntoId ?? null,
        submissionKey: submissionKeyOf(formData),
      },
      releaseSupportsOfWithdrawnProposal,
    );
    if (!result.ok) {
      if (result.reason === "keyReused") return data<Reply>({ respond: submission.reply({ formErrors: ["submission.keyReused"] }) }, { status: 422 });
      const message = result.reason === "badMergeTarget" ? "proposal.respond.badMerge" : "proposal.respond.notAllowed";
      return data<Reply>({ respond: submission.reply({ formErrors: [message] }) }, { status: 400 });
    }
    throw redirect(`${here}?gedaan=reactie#geschiedenis`);
  }

  if (intent === "comment") {
    const outcome = await postComment({ formData, actor: actor!, subjectType: "proposal", subjectId: proposal.id, findParagraph: async () => null });
    if (outcome.ok) throw redirect(`${here}?draad=public&vanaf=${outcome.rootId}#reactie-${outcome.commentId}`);
    return data<Reply>({ comment: outcome.reply }, { status: outcome.status, headers: outcome.headers });
  }
  throw new Response("Bad Request", { status: 400 });
});

export const clientAction = keepUnsavedForms<typeof action>();
export const shouldRevalidate = skipReloadAfterRefusal;

export default function ProposalPage() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.kind === "hidden") return <HiddenProposal {...loaded.placeholder} />;
  return <VisibleProposal />;
}

function HiddenProposal({ at, reason, note }: { id: number; at: string; reason: string | null; note: string | null }) {
  const t = useTranslate();
  const locale = useLocale();
  return (
    <>
      <Heading1>{t("proposal.hiddenTitle")}</Heading1>
      <Paragraph>
        {t("discussion.hiddenOn", { date: formatDateTime(at, locale), reason: t(`moderation.reason.${reason ?? "other"}` as MessageKey) })}
      </Paragraph>
      {note ? <Paragraph className="inspraak-pre-line">{note}</Paragraph> : null}
      <Paragraph>
        <Link to="/voorstellen" className={linkClass}>
          {t("proposals.title")}
        </Link>
      </Paragraph>
    </>
  );
}

function VisibleProposal() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.kind === "hidden") throw new Error("unreachable");
  const { proposal, readability, supporting, supported, budget, may, respondConstraint, respondKey, signedIn, steps, candidates, discussion, done, reported, moderated } = loaded;
  const { reply, notSaved } = splitNotSaved(useActionData<typeof clientAction>() as Reply | NotSaved | undefined);
  const t = useTranslate();
  const locale = useLocale();
  return (
    <>
      <p className="utrecht-pre-heading">
        <Link to="/voorstellen" className={linkClass}>
          {t("proposals.title")}
        </Link>
      </p>
      <Heading1>{proposal.title}</Heading1>
      {proposal.hiddenAt ? null : <FollowButton subjectType="proposal" subjectId={proposal.id} following={loaded.following} subject={proposal.title} />}
      {proposal.hiddenAt ? (
        <StatusMessage type="warning">
          {t("discussion.hiddenOn", { date: formatDateTime(proposal.hiddenAt, locale), reason: t(`moderation.reason.${proposal.hiddenReason ?? "other"}` as MessageKey) })}
        </StatusMessage>
      ) : null}
      {done === "ingetrokken" ? <StatusMessage>{t("proposal.withdrawn")}</StatusMessage> : null}
      {done === "reactie" ? <StatusMessage>{t("proposal.responded")}</StatusMessage> : null}
      {reported ? <StatusMessage>{t("moderation.report.thanks")}</StatusMessage> : null}
      <ModerationResult code={moderated} />

      <section aria-labelledby="gegevens" className="inspraak-section">
        <h2 id="gegevens" className="utrecht-heading-2">
          {t("proposal.facts")}
        </h2>
        <dl className="inspraak-facts">
          <dt>{t("proposal.statusFact")}</dt>
          <dd>
            <span className="inspraak-badge">{t(`proposalStatus.${proposal.status}`)}</span>
          </dd>
          <dt>{t("proposal.themeFact")}</dt>
          <dd>
            {romanNumeral(proposal.theme.number)} <Text value={proposal.theme.title} />
          </dd>
          {proposal.actionPoint ? (
            <>
              <dt>{t("proposal.actionPointFact")}</dt>
              <dd>
                <Link to={`/actiepunt/${proposal.actionPoint.slug}`} className={linkClass}>
                  {t("actionPoint.label", { number: proposal.actionPoint.number })}: <Text value={proposal.actionPoint.title} />
                </Link>
              </dd>
            </>
          ) : null}
          <dt>{t("proposal.authorFact")}</dt>
          <dd>{proposal.authorName ?? t("deletedParticipant")}</dd>
          <dt>{t("proposal.dateFact")}</dt>
          <dd>
            <time dateTime={proposal.createdAt}>{formatDateTime(proposal.createdAt, locale)}</time>
          </dd>
        </dl>
      </section>

      <SupportBox
        supportCount={proposal.supportCount}
        supported={supported}
        maySupport={may.support}
        signedIn={signedIn}
        window={supporting}
        budget={budget}
        failure={reply?.support ?? null}
      />

      <section className="inspraak-section" aria-labelledby="samenvatting">
        <Heading2 id="samenvatting">{t("proposal.summaryHeading")}</Heading2>
        <Paragraph className="inspraak-pre-line">{proposal.summary}</Paragraph>
      </section>
      <section className="inspraak-section" aria-labelledby="uitleg">
        <Heading2 id="uitleg">{t("proposal.bodyHeading")}</Heading2>
        {/* Rendered by the server from validated rich text; never the browser's HTML. */}
        <div className="utrecht-rich-text" dangerouslySetInnerHTML={{ __html: proposal.bodyHtml }} />
      </section>
      <div className="inspraak-section">
        <ReadabilityReport result={readability} headingLevel={2} />
      </div>

      {proposal.response ? (
        <section className="inspraak-section" aria-labelledby="reactie">
          <Heading2 id="reactie">{t("proposal.responseHeading")}</Heading2>
          <Paragraph className="inspraak-pre-line">{proposal.response}</Paragraph>
        </section>
      ) : null}
      {proposal.mergedInto ? (
        <Paragraph>
          {t("proposal.mergedInto")}{" "}
          <Link to={`/voorstel/${proposal.mergedInto.id}`} className={linkClass}>
            {proposal.mergedInto.title}
          </Link>
        </Paragraph>
      ) : null}
      {proposal.mergedHere.length ? (
        <>
          <Paragraph>{t("proposal.mergedHere")}</Paragraph>
          <UnorderedList>
            {proposal.mergedHere.map((merged) => (
              <ListItem key={merged.id}>
                <Link to={`/voorstel/${merged.id}`} className={linkClass}>
                  {merged.title}
                </Link>
              </ListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}

      <section className="inspraak-section" aria-labelledby="geschiedenis" id="geschiedenis">
        <Heading2 id="geschiedenis-kop">{t("proposal.historyHeading")}</Heading2>
        <ol className="inspraak-history">
          {proposal.history.map((step, index) => (
            <li key={index}>
              <time dateTime={step.at}>{formatDateTime(step.at, locale)}</time>: <strong>{t(`proposalStatus.${step.to}`)}</strong>
              {step.explanation ? <p className="utrecht-paragraph inspraak-pre-line">{step.explanation}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      {may.edit || may.withdraw ? (
        <section className="inspraak-section inspraak-actions" aria-label={t("proposal.edit")}>
          {may.edit ? (
            <Link to={`/voorstel/${proposal.id}/bewerken`} className={linkClass}>
              {t("proposal.edit")}
            </Link>
          ) : null}
          {may.withdraw ? (
            <details>
              <summary>{t("proposal.withdraw")}</summary>
              <Paragraph>{t("proposal.withdrawConfirm")}</Paragraph>
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <SubmitButton appearance="secondary">{t("proposal.withdraw")}</SubmitButton>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      {may.report || may.moderate ? (
        <div className="inspraak-section inspraak-actions">
          {may.report ? (
            <Link to={`/melden/voorstel/${proposal.id}`} className={linkClass}>
              {t("moderation.report.proposalLink")}
            </Link>
          ) : null}
          {may.moderate ? (
            <Link to={`/moderatie/item/voorstel/${proposal.id}`} className={linkClass}>
              {t("moderation.inPlace.moderateProposal")}
            </Link>
          ) : null}
        </div>
      ) : null}

      {respondConstraint ? <RespondForm steps={steps} candidates={candidates} lastResult={reply?.respond} notSaved={notSaved} constraint={respondConstraint} submissionKey={respondKey} /> : null}

      {discussion.threads.map((thread) => (
        <Discussion key={thread.id} thread={thread} basePath={`/voorstel/${proposal.id}`} paragraphs={[]} reply={(reply?.comment as never) ?? null} subject="proposal" notices={false} />
      ))}
    </>
  );
}

/** Validated by the server (the browser checks the HTML constraints only without JavaScript), so the page ships no zod. */
function RespondForm({
  steps,
  candidates,
  lastResult,
  notSaved,
  constraint,
  submissionKey,
}: {
  steps: string[];
  candidates: { id: number; title: string }[];
  lastResult: ServerFormReply | undefined;
  notSaved: NotSaved | null;
  constraint: Record<string, FieldConstraint>;
  submissionKey: string | null;
}) {
  const t = useTranslate();
  const errorText = useErrorText();
  const hydrated = useHydrated();
  const { form, fields } = serverForm("reactie-geven", lastResult, constraint, ["to", "mergedIntoId", "explanation"]);
  const explanationErrors = fields.explanation.errors ?? [];
  return (
    <section className="inspraak-section" aria-labelledby="reactie-geven-kop">
      <Heading2 id="reactie-geven-kop">{t("proposal.respondHeading")}</Heading2>
      <Form method="post" id={form.id} noValidate={hydrated} aria-describedby={form.errors ? form.errorId : undefined} className="inspraak-form">
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="respond" />
        <SubmissionKeyField sent={notSaved?.submissionKey ?? lastResult?.initialValue?.submissionKey} fresh={submissionKey} />
        <SelectField meta={fields.to} label={t("proposal.respondTo")} placeholder={t("proposal.chooseStatus")} required options={steps.map((step) => ({ value: step, label: t(`proposalStatus.${step as "adopted"}`) }))} />
        {steps.includes("merged") ? (
          <SelectField meta={fields.mergedIntoId} label={t("proposal.mergeInto")} placeholder={t("proposal.chooseProposal")} options={candidates.map((candidate) => ({ value: String(candidate.id), label: candidate.title }))} />
        ) : null}
        <div className={`utrecht-form-field utrecht-form-field--textarea${explanationErrors.length ? " utrecht-form-field--invalid" : ""}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={fields.explanation.id}>
              {t("proposal.respondExplanation")}
            </label>
          </div>
          <div className="utrecht-form-field-description" id={fields.explanation.descriptionId}>
            {t("proposal.respondExplanationHint")}
          </div>
          {explanationErrors.length ? (
            <div className="utrecht-form-field-error-message" id={fields.explanation.errorId}>
              {explanationErrors.map(errorText).join(" ")}
            </div>
          ) : null}
          <div className="utrecht-form-field__input">
            <textarea {...textareaProps(fields.explanation, { describedBy: fields.explanation.descriptionId })} rows={6} className="utrecht-textarea utrecht-textarea--html-textarea" />
          </div>
        </div>
        <NotSavedNotice notSaved={notSaved} />
        <SubmitButton>{t("proposal.respondSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) =>
  pageMeta(matches, (t) =>
    !loaded ? null : loaded.kind === "hidden" ? { title: t("proposal.hiddenTitle") } : { title: loaded.proposal.title, description: loaded.proposal.summary },
  );

export const headers = retryAfterHeaders;
