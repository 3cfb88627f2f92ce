/**
 * The discussion of a subject as its page needs it: reading the URL's
 * discussion parameters, loading each thread's page with what the viewer may
 * do, and handling a posted comment. Subjects (action points now, proposals
 * later) share this; the SQL is in comments.server.ts.
 */
import { z } from "zod";
import type { CommentFormReply, CommentData, ThreadData, TopComment } from "#app/components/Discussion.tsx";
import type { Translate } from "#app/i18n/index.ts";
import { docToText } from "#app/richtext/render.ts";
import { readRichText } from "#app/richtext/form.ts";
import { limitedHeaders } from "#app/retry-after.ts";
import {
  commentTarget,
  createComment,
  decodeCursor,
  getCommentContext,
  getThreadPage,
  getThreads,
  SORTS,
  threadTarget,
  type CommentContext,
  type CommentView,
  type SubjectType,
  type ThreadInfo,
} from "./comments.server.ts";
import { hiddenCommentTexts } from "./moderation-queue.server.ts";
import { can, type Actor } from "./permissions.server.ts";
import { newSubmissionKey, submissionKeyOf } from "./submissions.server.ts";
import { idField, idParam } from "#app/forms/ids.ts";

const id = idField;

export const discussionQuerySchema = z.object({
  draad: z.enum(["public", "forum"]).default("public"),
  sorteer: z.enum(SORTS).default("oud"),
  na: z.string().max(200).refine((value) => decodeCursor(value) !== null).optional(),
  vanaf: id.optional(),
  alinea: z
    .string()
    .regex(/^(alinea|bijdrage)-[0-9a-z]{1,8}(-\d{1,3})?$/)
    .optional(),
  antwoord: id.optional(),
});
export type DiscussionQuery = z.infer<typeof discussionQuerySchema>;

/** The discussion parameters of a page URL; a 400 for values we never make. */
export function parseDiscussionQuery(url: URL, t: Translate): DiscussionQuery {
  const known = Object.fromEntries([...url.searchParams].filter(([key]) => key in discussionQuerySchema.shape));
  const parsed = discussionQuerySchema.safeParse(known);
  if (!parsed.success) throw new Response(t("discussion.errors.badQuery"), { status: 400 });
  return parsed.data;
}

function whyNot(actor: Actor, thread: ThreadInfo): ThreadData["write"]["reason"] {
  if (thread.locked) return "locked";
  if (thread.kind === "forum" && !actor) return "forumOnly";
  if (!actor) return "signIn";
  if (!actor.emailVerified) return "verify";
  return thread.kind === "forum" ? "forumOnly" : null;
}

function withPermissions(actor: Actor, thread: ThreadInfo, comment: CommentView, mayWrite: boolean, hiddenTexts: Map<number, string>): CommentData {
  const target = commentTarget({
    authorId: comment.author.id,
    status: comment.status,
    themeId: thread.themeId,
    thread: { kind: thread.kind, subjectType: thread.subjectType, subjectId: thread.subjectId, locked: thread.locked },
  });
  const moderator = can(actor, "moderation.act", { kind: "theme", themeId: thread.themeId });
  return {
    ...comment,
    // Only moderators of this thread's theme get the hidden text, marked as hidden by the page.
    moderatorHtml: moderator && comment.status === "hidden" ? (hiddenTexts.get(comment.id) ?? null) : null,
    may: {
      like: can(actor, "comment.like", target),
      reply: mayWrite && comment.status === "published",
      edit: can(actor, "comment.edit", target),
      delete: can(actor, "comment.delete", target),
      moderate: moderator && comment.author.id !== actor?.id && comment.status !== "deleted",
      report: actor !== null && comment.author.id !== actor.id && comment.status === "published",
    },
  };
}

/** Every thread of a subject, each with the page the URL asks for and what the viewer may do. */
export async function loadDiscussion({ subjectType, subjectId, actor, query }: { subjectType: SubjectType; subjectId: number; actor: Actor; query: DiscussionQuery }) {
  const threads = await getThreads({ subjectType, subjectId });
  const pages = await Promise.all(
    threads.map((thread) => {
      const selected = thread.kind === query.draad;
      const start = selected && query.na ? { after: query.na } : selected && query.vanaf ? { from: query.vanaf } : null;
      return getThreadPage({
        threadId: thread.id,
        sort: selected && !query.vanaf ? query.sorteer : "oud",
        start,
        paragraph: selected ? (query.alinea ?? null) : null,
        viewerId: actor?.id ?? null,
        expandRootId: selected ? (query.vanaf ?? null) : null,
      });
    }),
  );
  // One extra query, only for moderators: the text of hidden comments on the pages of their themes.
  const hiddenIds = threads.flatMap((thread, index) =>
    can(actor, "moderation.act", { kind: "theme", themeId: thread.themeId })
      ? pages[index]!.comments.flatMap((comment) => [comment, ...comment.replies]).filter((comment) => comment.status === "hidden").map((comment) => comment.id)
      : [],
  );
  const hiddenTexts = await hiddenCommentTexts({ ids: hiddenIds });
  return {
    threads: threads.map((thread, index): ThreadData => {
      const selected = thread.kind === query.draad;
      const mayWrite = can(actor, "comment.create", threadTarget(thread));
      const page = pages[index]!;
      return {
        id: thread.id,
        kind: thread.kind,
        commentCount: thread.commentCount,
        locked: thread.locked,
        lockedReason: thread.lockedReason,
        write: {
          allowed: mayWrite,
          reason: mayWrite ? null : whyNot(actor, thread),
          official: mayWrite && can(actor, "officialReply.post", threadTarget(thread)),
          // New on every render of the page: after a comment was posted, the next one gets a key of its own.
          submissionKey: mayWrite ? newSubmissionKey() : null,
        },
        comments: page.comments.map(
          (comment): TopComment => ({
            ...withPermissions(actor, thread, comment, mayWrite, hiddenTexts),
            replies: comment.replies.map((reply) => withPermissions(actor, thread, reply, mayWrite, hiddenTexts)),
            hiddenReplies: comment.hiddenReplies,
          }),
        ),
        nextCursor: page.nextCursor,
        sort: selected && !query.vanaf ? query.sorteer : "oud",
        paragraph: selected ? (query.alinea ?? null) : null,
        later: selected && Boolean(query.na || query.vanaf),
        replyTo: selected ? (query.antwoord ?? null) : null,
      };
    }),
    paragraphCounts: threads.find((thread) => thread.kind === "public")?.paragraphCounts ?? {},
  };
}

const postSchema = z.object({
  threadId: id,
  parentId: id.optional(),
  paragraph: z.string().max(40).optional(),
  official: z.literal("ja").optional(),
});

/** Why createComment refused, as the status and the translated message the form shows above the kept text. */
const refusals: Record<Extract<Awaited<ReturnType<typeof createComment>>, { ok: false }>["reason"], [number, string]> = {
  locked: [403, "discussion.errors.locked"],
  parentGone: [400, "discussion.errors.parentGone"],
  unknownThread: [400, "richText.invalid"],
  timeout: [403, "moderation.write.timeout"],
  rateLimited: [429, "moderation.write.commentRateLimited"],
  keyReused: [422, "submission.keyReused"],
};

/** A refusal carries the headers its answer needs (a 429: Retry-After and RateLimit-*). */
export type PostOutcome = { ok: true; commentId: number; rootId: number; kind: "public" | "forum" } | { ok: false; status: number; reply: CommentFormReply; headers?: Record<string, string> };

/**
 * A comment posted from a subject's page. Refusals keep what the person wrote,
 * and the form's key, so the page can show it again with the reason and the
 * corrected form still counts as the same submission. The same form again
 * (the same key) gets the first comment back.
 */
export async function postComment({
  formData,
  actor,
  subjectType,
  subjectId,
  findParagraph,
}: {
  formData: FormData;
  actor: NonNullable<Actor>;
  subjectType: SubjectType;
  subjectId: number;
  findParagraph: (anchor: string) => Promise<{ anchor: string; text: string } | null>;
}): Promise<PostOutcome> {
  const typed = String(formData.get("bodyText") ?? "");
  const fields = postSchema.safeParse(Object.fromEntries([...formData].filter(([key]) => key in postSchema.shape && formData.get(key) !== "")));
  const threads = await getThreads({ subjectType, subjectId, paragraphCounts: false });
  const thread = fields.success ? threads.find((candidate) => candidate.id === fields.data.threadId) : undefined;
  const submissionKey = submissionKeyOf(formData);
  const base = {
    threadId: fields.success ? fields.data.threadId : 0,
    parentId: fields.success ? (fields.data.parentId ?? null) : null,
    paragraph: null,
    official: false,
    doc: null,
    submissionKey,
  };
  const refuse = (status: number, error: string, text = typed): PostOutcome => ({ ok: false, status, reply: { ...base, error, text } });
  if (!fields.success || !thread) return refuse(400, "richText.invalid");

  const rich = readRichText(formData);
  const text = rich.ok ? docToText(rich.doc) : typed;
  // What was written comes back with any refusal, formatting included, so nothing is lost.
  if (rich.ok) Object.assign(base, { doc: rich.doc });
  if (!can(actor, "comment.create", threadTarget(thread))) return refuse(403, thread.locked ? "discussion.errors.locked" : "discussion.errors.forbidden", text);
  if (!rich.ok) return refuse(400, rich.error, text);
  const official = fields.data.official === "ja";
  if (official && !can(actor, "officialReply.post", threadTarget(thread))) return refuse(403, "discussion.errors.forbidden", text);

  let paragraph: { anchor: string; quote: string } | null = null;
  if (fields.data.paragraph && !fields.data.parentId) {
    const found = await findParagraph(fields.data.paragraph);
    if (!found) return { ok: false, status: 400, reply: { ...base, paragraph: null, official, error: "discussion.errors.paragraph", text } };
    paragraph = { anchor: found.anchor, quote: found.text };
  }

  const result = await createComment({
    threadId: thread.id,
    authorId: actor.id,
    body: rich.doc,
    html: rich.html,
    parentId: fields.data.parentId ?? null,
    official,
    paragraph,
    submissionKey,
  });
  if (!result.ok) {
    const [status, error] = refusals[result.reason];
    const headers = result.reason === "rateLimited" ? limitedHeaders(result.limit, result.retryAfter) : undefined;
    return { ok: false, status, reply: { ...base, paragraph: paragraph?.anchor ?? null, official, error, text }, headers };
  }
  return { ok: true, commentId: result.id, rootId: result.rootId ?? result.id, kind: thread.kind };
}

/** Where a comment can be read in its context: its subject's page, starting at its top-level comment. */
export function commentLocation(comment: CommentContext): string | null {
  const at = `draad=${comment.thread.kind}&vanaf=${comment.rootId ?? comment.id}#reactie-${comment.id}`;
  if (comment.thread.subjectType === "proposal") return `/voorstel/${comment.thread.subjectId}?${at}`;
  return comment.subjectSlug ? `/actiepunt/${comment.subjectSlug}?${at}` : null;
}

/** A comment from the URL, with a 404 when it does not exist. */
export async function requireComment(rawId: string | undefined): Promise<CommentContext> {
  const commentId = idParam(rawId);
  const comment = commentId ? await getCommentContext({ commentId }) : null;
  if (!comment) throw new Response("Not Found", { status: 404 });
  return comment;
}
