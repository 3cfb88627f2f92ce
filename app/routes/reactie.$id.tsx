import { data, redirect } from "@remix-run/node";
import { commentTarget, likeComment, unlikeComment } from "#app/comments.server.ts";
import { commentLocation, requireComment } from "#app/discussion.server.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { can } from "#app/permissions.server.ts";

/** A comment's permalink: to its subject's page, at the comment, whichever page of the thread it is on. */
export const loader = loaderWith("public.read", async ({ request, params }) => {
  const comment = await requireComment(params.id);
  const location = commentLocation(comment);
  if (!location) throw new Response("Not Found", { status: 404 });
  // Confirmations from the report and moderation forms travel along to the page.
  const notices = new URLSearchParams();
  for (const key of ["gemeld", "gemodereerd"]) {
    const value = new URL(request.url).searchParams.get(key);
    if (value && /^[a-z0-9-]{1,40}$/.test(value)) notices.set(key, value);
  }
  const [path, anchor] = location.split("#");
  throw redirect(notices.size ? `${path}&${notices}#${anchor}` : location);
});

/** Liking and unliking; with JavaScript the answer is the new count, without it the page again. */
export const action = actionWith("contribution.create", async ({ request, params, actor }) => {
  const comment = await requireComment(params.id);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "like" && intent !== "unlike") throw new Response("Bad Request", { status: 400 });
  if (!can(actor, "comment.like", commentTarget(comment))) throw new Response("Forbidden", { status: 403 });
  const likeCount = intent === "like" ? await likeComment({ commentId: comment.id, userId: actor!.id }) : await unlikeComment({ commentId: comment.id, userId: actor!.id });
  if (form.get("respond") === "data") return data({ liked: intent === "like", likeCount });
  throw redirect(commentLocation(comment) ?? "/");
});
