import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { commentTarget, editComment, getCommentBody } from "#app/comments.server.ts";
import { RichTextEditor } from "#app/components/editor/RichTextEditor.tsx";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { Heading1, linkClass } from "#app/components/nlds.tsx";
import { commentLocation, requireComment } from "#app/discussion.server.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { can } from "#app/permissions.server.ts";
import { readRichText } from "#app/richtext/form.ts";
import { textToDoc } from "#app/richtext/render.ts";
import type { RichDoc } from "#app/richtext/validate.ts";

async function editableComment(rawId: string | undefined, actor: Parameters<typeof can>[0]) {
  const comment = await requireComment(rawId);
  if (!can(actor, "comment.edit", commentTarget(comment))) throw new Response("Forbidden", { status: 403 });
  return comment;
}

export const loader = loaderWith("contribution.create", async ({ params, actor }) => {
  const comment = await editableComment(params.id, actor);
  return { body: (await getCommentBody({ commentId: comment.id })) as RichDoc, back: commentLocation(comment) ?? "/" };
});

/** Saves the new text; the earlier version is kept for moderators, and the comment is marked edited. */
export const action = actionWith("contribution.create", async ({ request, params, actor }) => {
  const comment = await editableComment(params.id, actor);
  const form = await request.formData();
  const rich = readRichText(form);
  if (!rich.ok) return data({ error: rich.error, text: String(form.get("bodyText") ?? "") }, { status: 400 });
  await editComment({ commentId: comment.id, body: rich.doc, html: rich.html });
  throw redirect(commentLocation(comment) ?? "/");
});

export default function EditComment() {
  const { body, back } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("discussion.editHeading")}</Heading1>
      <Form method="post" className="inspraak-form">
        <FormErrors form={{ errors: failed ? [failed.error] : undefined, errorId: "bewerken-fout" }} />
        <RichTextEditor id="bewerken-tekst" name="body" label={t("discussion.bodyLabel")} initialDoc={failed?.text ? textToDoc(failed.text) : body} />
        <div className="inspraak-actions">
          <SubmitButton>{t("discussion.save")}</SubmitButton>
          <Link to={back} className={linkClass}>
            {t("discussion.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("discussion.editHeading") }));
