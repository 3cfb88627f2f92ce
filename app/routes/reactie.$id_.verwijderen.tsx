import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { commentTarget, deleteComment } from "#app/comments.server.ts";
import { SubmitButton } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { commentLocation, requireComment } from "#app/discussion.server.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { can } from "#app/permissions.server.ts";

async function deletableComment(rawId: string | undefined, actor: Parameters<typeof can>[0]) {
  const comment = await requireComment(rawId);
  if (!can(actor, "comment.delete", commentTarget(comment))) throw new Response("Forbidden", { status: 403 });
  return comment;
}

export const loader = loaderWith("account.manage", async ({ params, actor }) => {
  const comment = await deletableComment(params.id, actor);
  return { back: commentLocation(comment) ?? "/" };
});

/** The author deletes their comment: a placeholder stays, replies stay in place. */
export const action = actionWith("account.manage", async ({ params, actor }) => {
  const comment = await deletableComment(params.id, actor);
  await deleteComment({ commentId: comment.id });
  throw redirect(commentLocation(comment) ?? "/");
});

export default function DeleteComment() {
  const { back } = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("discussion.deleteHeading")}</Heading1>
      <Paragraph>{t("discussion.deleteConfirm")}</Paragraph>
      <Form method="post" className="inspraak-actions">
        <SubmitButton>{t("discussion.deleteSubmit")}</SubmitButton>
        <Link to={back} className={linkClass}>
          {t("discussion.cancel")}
        </Link>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("discussion.deleteHeading") }));
