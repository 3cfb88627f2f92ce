/**
 * A thread as people see it: the form to write in it (or why they cannot),
 * sorting, the comments with their replies, likes and actions, and "load
 * more". Every control is a link or a form that works without JavaScript;
 * with JavaScript, likes and "load more" happen in place, and a comment form
 * is sent by a fetcher: its button waits while it is on its way, after the
 * comment is posted the form empties (a reply form closes), and when it could
 * not be stored (app/forms/not-saved.ts) the form keeps its text and key.
 */
import { Link, useFetcher, useLocation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { CommentView, Sort, ThreadKind } from "#app/comments.server.ts";
import { RichTextEditor } from "#app/components/editor/RichTextEditor.tsx";
import { textToDoc } from "#app/richtext/render.ts";
import type { RichDoc } from "#app/richtext/validate.ts";
import { FormErrors, NotSavedNotice, StatusMessage, SubmissionKeyField, SubmitButton } from "#app/components/forms.tsx";
import { HideForm, IntentButton, ModerationResult } from "#app/components/ModerationForms.tsx";
import { Heading2, Heading3, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { useHydrated } from "#app/components/useHydrated.ts";
import { formatDateTime } from "#app/content/dates.ts";
import { splitNotSaved, type NotSaved } from "#app/forms/not-saved.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";

export type Permissions = { like: boolean; reply: boolean; edit: boolean; delete: boolean; moderate: boolean; report: boolean };
/** `moderatorHtml`: a hidden comment's text, sent only to moderators of its theme. */
export type CommentData = CommentView & { may: Permissions; moderatorHtml: string | null };
export type TopComment = CommentData & { replies: CommentData[]; hiddenReplies: number };

export type ThreadData = {
  id: number;
  kind: ThreadKind;
  commentCount: number;
  locked: boolean;
  lockedReason: string | null;
  /** `submissionKey`: the one-time key of this page's forms in the thread (a reply form adds the comment's id). */
  write: { allowed: boolean; reason: "signIn" | "verify" | "forumOnly" | "locked" | null; official: boolean; submissionKey: string | null };
  comments: TopComment[];
  nextCursor: string | null;
  sort: Sort;
  paragraph: string | null;
  /** True when this page does not start at the first comment. */
  later: boolean;
  replyTo: number | null;
};

/** What a failed post sends back, so the form shows the message and keeps the text and its key. */
export type CommentFormReply = {
  threadId: number;
  parentId: number | null;
  error: string;
  text: string;
  doc: RichDoc | null;
  paragraph: string | null;
  official: boolean;
  submissionKey: string | null;
};

type Props = {
  thread: ThreadData;
  basePath: string;
  /** What the discussion is about, for its introduction. */
  subject?: "actionPoint" | "proposal";
  paragraphs: { anchor: string; label: string }[];
  reply: CommentFormReply | null;
  /** Show report and moderation outcomes here; a page that shows them itself turns this off. */
  notices?: boolean;
};

export function Discussion({ thread, basePath, paragraphs, reply, subject = "actionPoint", notices = true }: Props) {
  const t = useTranslate();
  const locale = useLocale();
  const [params] = useSearchParams();
  const headingId = `draad-${thread.kind}`;
  // A new form (empty, with the page's new key) after each posted comment.
  const [posted, setPosted] = useState(0);
  const count = thread.commentCount === 1 ? t("discussion.countOne") : t("discussion.count", { count: thread.commentCount.toLocaleString(locale === "nl" ? "nl-NL" : "en-GB") });
  const query = (extra: Record<string, string | number | null>) => {
    const params = new URLSearchParams({ draad: thread.kind });
    for (const [key, value] of Object.entries(extra)) if (value !== null) params.set(key, String(value));
    return `${basePath}?${params}`;
  };
  return (
    <section className="inspraak-section inspraak-discussion" aria-labelledby={headingId} id={`discussie-${thread.kind}`}>
      <Heading2 id={headingId}>{thread.kind === "public" ? t("discussion.publicHeading") : t("discussion.forumHeading")}</Heading2>
      <Paragraph>{thread.kind === "forum" ? t("discussion.forumIntro") : subject === "proposal" ? t("discussion.proposalIntro") : t("discussion.publicIntro")}</Paragraph>
      <Paragraph>{count}</Paragraph>
      {notices && (params.get("draad") ?? "public") === thread.kind ? <ThreadNotices /> : null}

      {thread.locked ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <p className="utrecht-paragraph">{thread.lockedReason ? t("discussion.locked", { reason: thread.lockedReason }) : t("discussion.lockedNoReason")}</p>
        </div>
      ) : thread.write.allowed ? (
        <CommentForm
          key={posted}
          onPosted={() => setPosted((count) => count + 1)}
          thread={thread}
          parentId={null}
          paragraphs={thread.kind === "public" ? paragraphs : []}
          reply={reply}
          defaultParagraph={thread.paragraph}
        />
      ) : (
        <WriteHint reason={thread.write.reason} />
      )}

      {thread.paragraph ? (
        <Paragraph>
          {t("discussion.paragraphFilter")}{" "}
          <Link to={query({})} className={linkClass}>
            {t("discussion.paragraphAll")}
          </Link>
        </Paragraph>
      ) : null}

      {thread.commentCount > 1 ? (
        <nav aria-label={t("discussion.sortLabel")} className="inspraak-sort">
          <span>{t("discussion.sortLabel")}:</span>
          <ul>
            {(["oud", "nieuw", "waardering"] as const).map((sort) => (
              <li key={sort}>
                <Link
                  to={`${query({ sorteer: sort === "oud" ? null : sort, alinea: thread.paragraph })}#${headingId}`}
                  className={linkClass}
                  aria-current={thread.sort === sort ? "true" : undefined}
                  preventScrollReset
                >
                  {t(`discussion.sort.${sort}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <CommentList thread={thread} reply={reply} basePath={basePath} query={query} />
    </section>
  );
}

function WriteHint({ reason }: { reason: ThreadData["write"]["reason"] }) {
  const t = useTranslate();
  const location = useLocation();
  if (reason === "signIn") {
    const back = encodeURIComponent(`${location.pathname}${location.search}`);
    return (
      <Paragraph>
        {t("discussion.signInToWrite")}{" "}
        <Link to={`/inloggen?redirectTo=${back}`} className={linkClass}>
          {t("nav.signIn")}
        </Link>{" "}
        ·{" "}
        <Link to="/registreren" className={linkClass}>
          {t("nav.register")}
        </Link>
      </Paragraph>
    );
  }
  if (reason === "verify") return <Paragraph>{t("discussion.verifyToWrite")}</Paragraph>;
  if (reason === "forumOnly") return <Paragraph>{t("discussion.forumOnly")}</Paragraph>;
  return null;
}

/** Top-level comments, appended to in place when someone loads more with JavaScript. */
function CommentList({ thread, reply, basePath, query }: Omit<Props, "paragraphs" | "subject"> & { query: (extra: Record<string, string | number | null>) => string }) {
  const t = useTranslate();
  const more = useFetcher<{ discussion: { threads: ThreadData[] } }>();
  const [extra, setExtra] = useState<{ comments: TopComment[]; cursor: string | null }>({ comments: [], cursor: thread.nextCursor });
  const loaded = more.data?.discussion.threads.find((candidate) => candidate.kind === thread.kind);
  if (loaded && loaded.comments.length && !extra.comments.some((comment) => comment.id === loaded.comments[0]!.id)) {
    setExtra({ comments: [...extra.comments, ...loaded.comments], cursor: loaded.nextCursor });
  }
  const cursor = extra.comments.length ? extra.cursor : thread.nextCursor;
  const all = [...thread.comments, ...extra.comments];
  const moreHref = cursor ? query({ sorteer: thread.sort === "oud" ? null : thread.sort, na: cursor, alinea: thread.paragraph }) : null;
  return (
    <>
      {all.length === 0 ? <Paragraph>{t("discussion.none")}</Paragraph> : null}
      <ol className="inspraak-comments">
        {all.map((comment) => (
          <li key={comment.id}>
            <CommentItem comment={comment} thread={thread} reply={reply} basePath={basePath}>
              {comment.replies.length ? (
                <ol className="inspraak-comments inspraak-comments--replies">
                  {comment.replies.map((child) => (
                    <li key={child.id} className={`inspraak-comment--depth-${child.depth}`}>
                      <CommentItem comment={child} thread={thread} reply={reply} basePath={basePath} />
                    </li>
                  ))}
                </ol>
              ) : null}
              {comment.hiddenReplies > 0 ? (
                <Paragraph>
                  <Link to={`${query({ vanaf: comment.id })}#reactie-${comment.id}`} className={linkClass}>
                    {t("discussion.showReplies", { count: comment.hiddenReplies })}
                  </Link>
                </Paragraph>
              ) : null}
            </CommentItem>
          </li>
        ))}
      </ol>
      <div className="inspraak-actions">
        {moreHref ? (
          <Link
            to={moreHref}
            className="utrecht-button utrecht-button--secondary-action"
            preventScrollReset
            onClick={(event) => {
              // With JavaScript the next page is added below the ones already shown.
              event.preventDefault();
              if (more.state === "idle") more.load(moreHref);
            }}
            aria-disabled={more.state !== "idle" || undefined}
          >
            {t("discussion.more")}
          </Link>
        ) : null}
        {thread.later ? (
          <Link to={`${query({})}#draad-${thread.kind}`} className={linkClass}>
            {t("discussion.backToStart")}
          </Link>
        ) : null}
      </div>
    </>
  );
}

function CommentItem({ comment, thread, reply, basePath, children }: { comment: CommentData; thread: ThreadData; reply: CommentFormReply | null; basePath: string; children?: ReactNode }) {
  const t = useTranslate();
  const locale = useLocale();
  const hydrated = useHydrated();
  const [replying, setReplying] = useState(thread.replyTo === comment.id || reply?.parentId === comment.id);
  const name = comment.author.name ?? t("deletedParticipant");
  const replyHref = `${basePath}?draad=${thread.kind}&antwoord=${comment.id}#antwoord-${comment.id}`;
  return (
    <article id={`reactie-${comment.id}`} className={`inspraak-comment${comment.official ? " inspraak-comment--official" : ""}`} aria-labelledby={`reactie-${comment.id}-door`}>
      <header className="inspraak-comment__header">
        <span id={`reactie-${comment.id}-door`} className="inspraak-comment__author" lang={comment.author.name ? undefined : locale}>
          {name}
        </span>
        {comment.author.organisation ? <span className="inspraak-badge">{comment.author.organisation}</span> : null}
        {comment.official ? <span className="inspraak-badge inspraak-badge--official">{t("discussion.official")}</span> : null}
        {comment.status === "pending" ? <span className="inspraak-badge">{t("discussion.pending")}</span> : null}
        <a href={`/reactie/${comment.id}`} className={linkClass} title={t("discussion.permalink")}>
          <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, locale)}</time>
        </a>
        {comment.editedAt ? (
          comment.may.moderate ? (
            <a href={`/moderatie/item/reactie/${comment.id}#versies`} className={linkClass}>
              ({t("discussion.edited")})
            </a>
          ) : (
            <span>({t("discussion.edited")})</span>
          )
        ) : null}
      </header>
      {comment.replyTo ? (
        <p className="utrecht-paragraph inspraak-comment__reply-to">
          <a href={`#reactie-${comment.replyTo.id}`} className={linkClass}>
            {t("discussion.replyTo", { name: comment.replyTo.name ?? t("deletedParticipant") })}
          </a>
        </p>
      ) : null}
      {comment.paragraph?.quote && comment.html !== null ? (
        <blockquote className="inspraak-comment__quote">
          <p className="utrecht-paragraph">
            <a href={`#${comment.paragraph.anchor}`} className={linkClass}>
              {t("discussion.aboutParagraph")}
            </a>{" "}
            <span lang="nl">{comment.paragraph.quote}</span>
          </p>
        </blockquote>
      ) : null}
      {comment.html !== null ? (
        // Rendered by the server from validated rich text (app/richtext/render.ts); never the client's HTML.
        <div className="inspraak-comment__body utrecht-rich-text" dangerouslySetInnerHTML={{ __html: comment.html }} />
      ) : (
        <p className="utrecht-paragraph inspraak-comment__placeholder">
          {comment.status === "deleted"
            ? t("discussion.deletedByAuthor")
            : comment.hidden
              ? t("discussion.hiddenOn", {
                  date: formatDateTime(comment.hidden.at, locale),
                  reason: t(`moderation.reason.${comment.hidden.reason ?? "other"}` as MessageKey),
                })
              : t("discussion.hidden")}
          {comment.hidden?.note ? <span className="inspraak-pre-line"> {comment.hidden.note}</span> : null}
        </p>
      )}
      {comment.moderatorHtml !== null ? (
        <div className="inspraak-comment__moderator-view">
          <p className="utrecht-paragraph">
            <span className="inspraak-badge">{t("moderation.inPlace.hiddenBadge")}</span> {t("moderation.inPlace.hiddenText")}
          </p>
          {/* Rendered by the server from validated rich text, like every comment. */}
          <div className="inspraak-comment__body utrecht-rich-text" dangerouslySetInnerHTML={{ __html: comment.moderatorHtml }} />
        </div>
      ) : null}
      {comment.may.moderate ? <InPlaceModeration comment={comment} /> : null}
      {comment.html !== null ? (
        <div className="inspraak-comment__actions">
          <LikeButton comment={comment} name={name} />
          {comment.may.reply ? (
            <Link
              to={replyHref}
              className={linkClass}
              preventScrollReset
              onClick={(event) => {
                if (!hydrated) return;
                event.preventDefault();
                setReplying((open) => !open);
              }}
              aria-expanded={hydrated ? replying : undefined}
            >
              {t("discussion.reply")}
            </Link>
          ) : null}
          {comment.may.edit ? (
            <Link to={`/reactie/${comment.id}/bewerken`} className={linkClass}>
              {t("discussion.edit")}
            </Link>
          ) : null}
          {comment.may.delete ? (
            <Link to={`/reactie/${comment.id}/verwijderen`} className={linkClass}>
              {t("discussion.delete")}
            </Link>
          ) : null}
          {comment.may.report ? (
            <Link to={`/melden/reactie/${comment.id}`} className={linkClass} aria-label={t("moderation.report.commentLabel", { name })}>
              {t("moderation.report.link")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {replying && comment.may.reply ? (
        <div id={`antwoord-${comment.id}`} className="inspraak-comment__reply">
          <Heading3>{t("discussion.replyHeading", { name })}</Heading3>
          <CommentForm thread={thread} parentId={comment.id} paragraphs={[]} reply={reply} defaultParagraph={null} onPosted={() => setReplying(false)} />
        </div>
      ) : null}
      {children}
    </article>
  );
}

/** Moderators of the theme act on a comment where they read it; every action is also on the item's own page. */
function InPlaceModeration({ comment }: { comment: CommentData }) {
  const t = useTranslate();
  const location = useLocation();
  const action = `/moderatie/item/reactie/${comment.id}?gezien=${comment.lastDecisionId}`;
  const back = `${location.pathname}${location.search}#reactie-${comment.id}`;
  return (
    <details className="inspraak-comment__moderation">
      <summary>{t("moderation.inPlace.summary")}</summary>
      {comment.status === "hidden" ? (
        <IntentButton action={action} back={back} intent="restore" label={t("moderation.action.restore")} />
      ) : comment.status === "pending" ? (
        <IntentButton action={action} back={back} intent="approve" label={t("moderation.action.approve")} />
      ) : (
        <HideForm action={action} back={back} idPrefix={`verbergen-${comment.id}`} />
      )}
      <p className="utrecht-paragraph">
        <Link to={action} className={linkClass}>
          {t("moderation.inPlace.allActions")}
        </Link>
      </p>
    </details>
  );
}

/** What a moderation form or a report came to, shown above the thread the page points at. */
function ThreadNotices() {
  const t = useTranslate();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("gemeld") === "1" ? <StatusMessage>{t("moderation.report.thanks")}</StatusMessage> : null}
      <ModerationResult code={params.get("gemodereerd")} />
    </>
  );
}

/** Like and unlike in place, counted at once (optimistic); a plain form post without JavaScript. */
function LikeButton({ comment, name }: { comment: CommentData; name: string }) {
  const t = useTranslate();
  const fetcher = useFetcher<{ liked: boolean; likeCount: number }>();
  const hydrated = useHydrated();
  const pending = fetcher.formData?.get("intent");
  const liked = pending ? pending === "like" : (fetcher.data?.liked ?? comment.likedByViewer);
  const count = pending ? comment.likeCount + (liked === comment.likedByViewer ? 0 : liked ? 1 : -1) : (fetcher.data?.likeCount ?? comment.likeCount);
  const label = count === 1 ? t("discussion.likesOne") : t("discussion.likes", { count });
  if (!comment.may.like) return count > 0 ? <span>{label}</span> : null;
  return (
    <fetcher.Form method="post" action={`/reactie/${comment.id}`} className="inspraak-inline-form">
      <input type="hidden" name="intent" value={liked ? "unlike" : "like"} />
      {hydrated ? <input type="hidden" name="respond" value="data" /> : null}
      <button type="submit" className="inspraak-like" aria-pressed={liked} aria-label={t(liked ? "discussion.unlikeLabel" : "discussion.likeLabel", { name })}>
        <span aria-hidden="true">{liked ? "♥" : "♡"}</span> {label}
      </button>
    </fetcher.Form>
  );
}

function CommentForm({
  thread,
  parentId,
  paragraphs,
  reply,
  defaultParagraph,
  onPosted,
}: {
  thread: ThreadData;
  parentId: number | null;
  paragraphs: Props["paragraphs"];
  reply: CommentFormReply | null;
  defaultParagraph: string | null;
  onPosted: () => void;
}) {
  const t = useTranslate();
  const fetcher = useFetcher<{ comment?: CommentFormReply | null } | NotSaved>();
  usePosted(fetcher, onPosted);
  const sent = splitNotSaved(fetcher.data);
  const notSaved = fetcher.state === "idle" ? sent.notSaved : null;
  // A refusal comes back to this form's fetcher with JavaScript, and to the page without it.
  const answer = sent.reply?.comment ?? reply;
  const mine = answer && answer.threadId === thread.id && answer.parentId === parentId ? answer : null;
  const formId = `reageren-${thread.kind}${parentId ? `-${parentId}` : ""}`;
  const pageKey = thread.write.submissionKey && (parentId ? `${thread.write.submissionKey}.${parentId}` : thread.write.submissionKey);
  return (
    <fetcher.Form method="post" className="inspraak-form" id={formId} preventScrollReset>
      <FormErrors form={{ errors: mine ? [mine.error] : undefined, errorId: `${formId}-fout` }} />
      <input type="hidden" name="intent" value="comment" />
      <SubmissionKeyField sent={sent.notSaved?.submissionKey ?? mine?.submissionKey} fresh={pageKey} />
      <input type="hidden" name="threadId" value={thread.id} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {paragraphs.length ? (
        <div className="utrecht-form-field utrecht-form-field--select">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={`${formId}-alinea`}>
              {t("discussion.paragraphField")}
            </label>
          </div>
          <div className="utrecht-form-field__input">
            <select id={`${formId}-alinea`} name="paragraph" className="utrecht-select utrecht-select--html-select" defaultValue={mine?.paragraph ?? defaultParagraph ?? ""}>
              <option value="">{t("discussion.paragraphWhole")}</option>
              {paragraphs.map((paragraph) => (
                <option key={paragraph.anchor} value={paragraph.anchor}>
                  {paragraph.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      <RichTextEditor
        id={`${formId}-tekst`}
        name="body"
        label={parentId ? t("discussion.replyLabel") : t("discussion.bodyLabel")}
        initialDoc={mine ? (mine.doc ?? (mine.text ? textToDoc(mine.text) : null)) : null}
      />
      {thread.write.official ? (
        <div className="utrecht-form-field utrecht-form-field--checkbox">
          <label className="utrecht-form-label utrecht-form-label--checkbox">
            <input type="checkbox" name="official" value="ja" className="utrecht-checkbox utrecht-checkbox--html-input" defaultChecked={mine?.official} />{" "}
            {t("discussion.officialCheckbox")}
          </label>
        </div>
      ) : null}
      <NotSavedNotice notSaved={notSaved} />
      <SubmitButton disabled={fetcher.state !== "idle"}>{parentId ? t("discussion.submitReply") : t("discussion.submit")}</SubmitButton>
    </fetcher.Form>
  );
}

/**
 * Calls `onPosted` when the fetcher's post was stored: the action then
 * redirects to the new comment, which brings the fetcher no new data, while a
 * refusal or a "not saved" comes back as new data for the form to show. (A
 * fetcher keeps its last data through a redirect, so "no data" would not do.)
 */
function usePosted(fetcher: { state: string; data: unknown }, onPosted: () => void) {
  // The fetcher's data when the post went out; NOT_SENDING while nothing is on its way.
  const before = useRef<unknown>(NOT_SENDING);
  const callback = useRef(onPosted);
  callback.current = onPosted;
  useEffect(() => {
    if (fetcher.state !== "idle") {
      if (before.current === NOT_SENDING) before.current = fetcher.data;
    } else if (before.current !== NOT_SENDING) {
      const answered = fetcher.data !== before.current;
      before.current = NOT_SENDING;
      if (!answered) callback.current();
    }
  }, [fetcher.state, fetcher.data]);
}

const NOT_SENDING = Symbol("not sending");
