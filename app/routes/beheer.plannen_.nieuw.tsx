import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { ContentForm, type ContentActionData } from "#app/components/ContentForm.tsx";
import { keepUnsavedForms, splitNotSaved } from "#app/forms/not-saved.ts";
import { Heading1, Paragraph } from "#app/components/nlds.tsx";
import { newPlanFields, planCreateSchema } from "#app/forms/content-admin.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { createPlan } from "#app/plans-admin.server.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";

export const loader = loaderWith("plans.manage", () => ({ submissionKey: newSubmissionKey() }));

export const action = actionWith("plans.manage", async ({ request, actor, t }) => {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: planCreateSchema });
  const failed = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {}, status = 400) =>
    data({ result: submission.reply(errors), version: null, current: null } satisfies ContentActionData, { status });
  if (submission.status !== "success") return failed();
  const result = await createPlan({ actorId: actor!.id, ...submission.value, submissionKey: submissionKeyOf(formData) });
  if (result.ok) throw redirect(`/beheer/plannen/${result.planId}?gedaan=aangemaakt`);
  switch (result.reason) {
    case "slugTaken":
      return failed({ fieldErrors: { slug: ["contentAdmin.error.slugTaken"] } });
    case "otherCurrent":
    case "otherDrafting":
      return failed({ fieldErrors: { status: [t(`contentAdmin.error.${result.reason}`, { plan: result.currentTitle })] } });
    case "keyReused":
      return failed({ formErrors: ["submission.keyReused"] }, 422);
    default:
      throw new Error(`unexpected result of createPlan: ${result.reason}`);
  }
});

export const clientAction = keepUnsavedForms<typeof action>();

export default function NewPlan() {
  const { submissionKey } = useLoaderData<typeof loader>();
  const { reply: actionData, notSaved } = splitNotSaved(useActionData<typeof clientAction>());
  const t = useTranslate();
  return (
    <>
      <AdminNav />
      <Heading1>{t("contentAdmin.plans.new")}</Heading1>
      <Paragraph>{t("contentAdmin.plans.newIntro")}</Paragraph>
      <ContentForm id="nieuw-plan" schema={planCreateSchema} specs={newPlanFields} defaultValue={{ status: "drafting" }} hidden={{}} actionData={actionData} notSaved={notSaved} submitLabel={t("contentAdmin.plans.create")} submissionKey={submissionKey} />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("contentAdmin.plans.new") }));
